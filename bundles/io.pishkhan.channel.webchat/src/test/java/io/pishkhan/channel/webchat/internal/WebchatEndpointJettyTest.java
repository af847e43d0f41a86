package io.pishkhan.channel.webchat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.DispatcherType;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real endpoint, filter and servlet in an embedded Jetty 12 (the Jetty Pax Web 11.1.0 runs), registered the way
 * Pax Web does: one endpoint instance returned by the configurator for every connection.
 */
class WebchatEndpointJettyTest {
    static Server server;
    static String base;
    static FakeConversations cs = new FakeConversations();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        WebchatService service = new WebchatService(cs, new FakeAgents(), new WebchatConnector(), Settings.defaults(), System::nanoTime);
        WebchatEndpoint endpoint = new WebchatEndpoint(service, new org.osgi.service.servlet.context.ServletContextHelper() { });
        server = new Server(0);
        ServletContextHandler ctx = new ServletContextHandler("/");
        ServletHolder servlet = new ServletHolder(new WebchatServlet(service));
        servlet.setAsyncSupported(true);
        ctx.addServlet(servlet, "/webchat/*");
        JakartaWebSocketServletContainerInitializer.configure(ctx, (sc, container) -> container.addEndpoint(
                ServerEndpointConfig.Builder.create(WebchatEndpoint.class, "/webchat/ws")
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            public <T> T getEndpointInstance(Class<T> c) {
                                return c.cast(endpoint);
                            }
                        }).build()));
        server.setHandler(ctx);
        server.start();
        // the origin filter must run before Jetty's WebSocketUpgradeFilter (which upgrades without calling the chain)
        FilterHolder origin = new FilterHolder(new WebchatOriginFilter(service));
        origin.setName("pishkhan-webchat-origin");
        origin.setAsyncSupported(true);
        org.eclipse.jetty.ee10.servlet.FilterMapping m = new org.eclipse.jetty.ee10.servlet.FilterMapping();
        m.setFilterName("pishkhan-webchat-origin");
        m.setPathSpec("/webchat/*");
        m.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        ctx.getServletHandler().addFilter(origin);
        ctx.getServletHandler().prependFilterMapping(m);
        base = "localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> in = new LinkedBlockingQueue<>();
        final StringBuilder part = new StringBuilder();
        volatile int closeCode;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                in.add(part.toString());
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closeCode = code;
            in.add("closed:" + code);
            return null;
        }

        JsonNode next() throws InterruptedException {
            String s = in.poll(5, TimeUnit.SECONDS);
            assertTrue(s != null, "no frame within 5 s");
            return s.startsWith("closed:") ? TestConn.tree("{\"type\":\"" + s + "\"}") : TestConn.tree(s);
        }
    }

    static WebSocket open(Client c, String origin) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        return b.buildAsync(URI.create("ws://" + base + "/webchat/ws"), c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void helloMessageAckOverARealWebSocket() throws Exception {
        Client c = new Client();
        WebSocket ws = open(c, "http://" + base);
        ws.sendText("{\"type\":\"hello\",\"token\":\"jetty-visitor-token-0123456789\",\"lang\":\"en\"}", true);
        assertEquals("welcome", c.next().get("type").asText());
        ws.sendText("{\"type\":\"message\",\"clientId\":\"jetty-0001\",\"clientSeq\":1,\"text\":\"hello there\"}", true);
        JsonNode ack = c.next();
        assertEquals("ack", ack.get("type").asText(), ack.toString());
        ws.sendText("not json", true);
        assertEquals("bad-frame", c.next().get("code").asText());
        ws.sendText("{\"type\":\"ping\",\"t\":1}", true);
        assertEquals("pong", c.next().get("type").asText(), "the session survived the bad frame");
        ws.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(40_000) + "\"}", true);
        assertEquals("closed:1009", c.next().get("type").asText(), "frame over maxFrameBytes");
    }

    @Test
    void foreignOriginIsRefusedBeforeTheUpgrade() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> open(new Client(), "http://evil.example"));
        java.net.http.WebSocketHandshakeException h = org.junit.jupiter.api.Assertions.assertInstanceOf(
                java.net.http.WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, h.getResponse().statusCode());
    }

    @Test
    void longPollHelloSendPoll() throws Exception {
        String hello = post("/webchat/api/hello", "{\"type\":\"hello\",\"token\":\"poll-visitor-token-0123456789\"}", null).body();
        String sid = TestConn.tree(hello).at("/frames/0/sessionId").asText();
        HttpResponse<String> r = post("/webchat/api/send?sid=" + sid,
                "{\"type\":\"message\",\"clientId\":\"poll-0001\",\"clientSeq\":1,\"text\":\"سلام\"}", "http://" + base);
        assertEquals(200, r.statusCode());
        assertEquals("ack", TestConn.tree(r.body()).at("/frames/0/type").asText());
        assertEquals("http://" + base, r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        HttpResponse<String> p = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + base + "/webchat/api/poll?wait=0&sid=" + sid)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"frames\":[]}", p.body());
        assertEquals(410, post("/webchat/api/send?sid=nope", "{}", null).statusCode());
        assertEquals(403, post("/webchat/api/hello", "{}", "https://evil.example").statusCode());
        HttpResponse<String> js = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + base + "/webchat/widget.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Cache-Control").orElse("").contains("max-age"));
    }

    @Test
    void endAndFeedbackOverLongPoll() throws Exception {
        String hello = post("/webchat/api/hello", "{\"type\":\"hello\",\"token\":\"end-visitor-token-0123456789\"}", null).body();
        String sid = TestConn.tree(hello).at("/frames/0/sessionId").asText();
        String conv = TestConn.tree(post("/webchat/api/send?sid=" + sid,
                "{\"type\":\"message\",\"clientId\":\"end-00001\",\"clientSeq\":1,\"text\":\"hi\"}", null).body())
                .at("/frames/0/conversationId").asText();
        io.pishkhan.api.model.Message bot = cs.add(conv, io.pishkhan.api.model.Direction.OUTBOUND,
                io.pishkhan.api.model.SenderType.BOT, "assistant", "answer", null);
        var ack = TestConn.tree(post("/webchat/api/send?sid=" + sid, "{\"type\":\"feedback\",\"messageId\":\""
                + bot.id() + "\",\"helpful\":true}", null).body()).at("/frames/0");
        assertEquals("feedback-ack", ack.path("type").asText());
        var bad = TestConn.tree(post("/webchat/api/send?sid=" + sid,
                "{\"type\":\"feedback\",\"messageId\":\"msg-404\",\"helpful\":true}", null).body()).at("/frames/0");
        assertEquals("unknown-message", bad.path("code").asText());
        cs.setState(conv, io.pishkhan.api.model.ConversationState.QUEUED);
        var ended = TestConn.tree(post("/webchat/api/send?sid=" + sid, "{\"type\":\"end\"}", null).body()).at("/frames/0");
        assertEquals("ended", ended.path("type").asText());
        assertTrue(ended.path("abandoned").asBoolean());
        assertTrue(cs.abandoned.contains(conv + "|visitor-ended"));
    }

    static HttpResponse<String> post(String path, String body, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + base + path))
                .header("Content-Type", "text/plain;charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
