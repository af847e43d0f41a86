package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Camel http action and the JDK fallback send and read the same: method, headers, body, query, replies. */
class HttpActionsTest {
    private static StatusServer server;
    private static DefaultCamelContext camel;
    private static CamelAction camelAction;

    @BeforeAll
    static void start() throws Exception {
        server = new StatusServer();
        camel = new DefaultCamelContext();
        camel.start();
        camelAction = new CamelAction(camel);
    }

    @AfterAll
    static void stop() {
        camelAction.close();
        camel.stop();
        server.close();
    }

    static Stream<String> paths() {
        return Stream.of("camel", "jdk");
    }

    private static Action action(String path) {
        return path.equals("camel") ? camelAction.http() : new HttpAction();
    }

    private static Action.Result call(String path, String method, String uri, String body, Map<String, String> headers,
            long millis) {
        return action(path).call(new Action.Call(server.base() + uri, method, body, headers, Duration.ofMillis(millis)));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void postsAJsonBodyWithHeadersAndKeepsPathAndQuery(String path) {
        Action.Result r = call(path, "POST", "/echo/%D8%B3%D9%84%D8%A7%D9%85/1?q=%DB%B1%20x&lang=fa",
                "{\"ticket\":\"۱۲۳\"}", Map.of("X-Ticket", "42"), 3000);
        assertNull(r.error());
        JsonNode o = r.result();
        assertEquals("POST", o.get("method").asText());
        assertEquals("/echo/%D8%B3%D9%84%D8%A7%D9%85/1", o.get("path").asText());
        assertEquals("q=%DB%B1%20x&lang=fa", o.get("query").asText());
        assertEquals("application/json", o.get("accept").asText());
        assertTrue(o.get("contentType").asText().toLowerCase().startsWith("application/json"), o.toString());
        assertTrue(o.get("contentType").asText().toLowerCase().contains("utf-8"), o.toString());
        assertEquals("42", o.get("ticket").asText());
        assertEquals("{\"ticket\":\"۱۲۳\"}", o.get("body").asText());
    }

    @ParameterizedTest
    @MethodSource("paths")
    void anExplicitContentTypeIsKeptAndGetSendsNoBody(String path) {
        Action.Result put = call(path, "PUT", "/echo/x", "a=1", Map.of("Content-Type", "text/plain; charset=utf-8"),
                3000);
        assertEquals("text/plain; charset=utf-8", put.result().get("contentType").asText());
        assertEquals("a=1", put.result().get("body").asText());
        Action.Result get = call(path, "GET", "/echo/y", null, Map.of(), 3000);
        assertEquals("GET", get.result().get("method").asText());
        assertEquals("", get.result().get("body").asText());
        assertTrue(get.result().get("contentType").isNull(), get.result().toString());
    }

    @ParameterizedTest
    @MethodSource("paths")
    void followsRedirectsAndWrapsPlainText(String path) {
        assertEquals("done", call(path, "GET", "/redirect", null, Map.of(), 3000).result().get("status").asText());
        assertEquals("سلام", call(path, "GET", "/text", null, Map.of(), 3000).result().get("body").asText());
    }

    @ParameterizedTest
    @MethodSource("paths")
    void non2xxTimeoutsAndRefusedConnectionsAreFailures(String path) {
        assertEquals("HTTP 500 from GET " + server.base() + "/status/999999",
                call(path, "GET", "/status/999999", null, Map.of(), 3000).error());
        assertEquals("HTTP 404 from DELETE " + server.base() + "/status/1",
                call(path, "DELETE", "/status/1", null, Map.of(), 3000).error());
        long t0 = System.nanoTime();
        assertEquals("no answer within 200 ms from " + server.base() + "/slow/1",
                call(path, "GET", "/slow/1", null, Map.of(), 200).error());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 900);
        Action.Result refused = action(path).call(new Action.Call("http://127.0.0.1:1/x", "GET", null, Map.of(),
                Duration.ofMillis(1000)));
        assertTrue(refused.failed());
        assertTrue(refused.error().startsWith("GET http://127.0.0.1:1/x failed: "), refused.error());
    }
}
