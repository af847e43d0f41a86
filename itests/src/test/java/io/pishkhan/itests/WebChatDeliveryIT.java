package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web chat's delivery guarantees against the real distribution, over a real WebSocket: the connection is
 * killed mid-conversation, messages written while offline are sent again on a new connection, and the server
 * stores each exactly once and replays what the visitor missed, in order, without duplicates.
 */
class WebChatDeliveryIT extends ApplianceTestBase {

    /** A raw protocol client: frames arrive in a queue. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static Client connect(int port) throws Exception {
            Client c = new Client();
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://localhost:" + port + "/webchat/ws"), c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(Appliance.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        void send(ObjectNode frame) throws Exception {
            ws.sendText(Appliance.JSON.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
        }

        JsonNode await(String type) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                JsonNode f = frames.poll(200, TimeUnit.MILLISECONDS);
                if (f != null && f.path("type").asText().equals(type)) {
                    return f;
                }
                if (f != null) {
                    seen.add(f);
                }
            }
            throw new AssertionError("no '" + type + "' frame; saw " + seen);
        }

        final List<JsonNode> seen = new ArrayList<>();

        /**
         * Every "message" frame seen so far and arriving until {@code count} have arrived (or the timeout), plus any
         * that arrive in one more second: a duplicate would show up there.
         */
        List<JsonNode> drainMessages(int count, Duration timeout) throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode f : seen) {
                if (f.path("type").asText().equals("message")) {
                    out.add(f);
                }
            }
            seen.clear();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                JsonNode f = frames.poll(200, TimeUnit.MILLISECONDS);
                if (f != null && f.path("type").asText().equals("message")) {
                    out.add(f);
                }
            }
            JsonNode f;
            while ((f = frames.poll(1000, TimeUnit.MILLISECONDS)) != null) {
                if (f.path("type").asText().equals("message")) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static ObjectNode hello(String token, String conversationId, long lastSeq) {
        ObjectNode h = Appliance.JSON.createObjectNode().put("type", "hello").put("protocol", 1).put("token", token)
                .put("lang", "en").put("lastSeq", lastSeq);
        if (conversationId != null) {
            h.put("conversationId", conversationId);
        }
        return h;
    }

    static ObjectNode message(String clientId, int seq, String text) {
        return Appliance.JSON.createObjectNode().put("type", "message").put("clientId", clientId).put("clientSeq", seq)
                .put("text", text);
    }

    @Test
    void killedConnectionResumesWithoutLossOrDuplicates() throws Exception {
        String token = newToken();
        Client first = Client.connect(app.httpPort);
        first.send(hello(token, null, 0));
        first.await("welcome");
        String c1 = UUID.randomUUID().toString();
        first.send(message(c1, 1, "What are your opening hours?"));
        JsonNode ack1 = first.await("ack");
        assertFalse(ack1.path("duplicate").asBoolean());
        String conversation = ack1.path("conversationId").asText();
        JsonNode answer1 = first.await("message");
        assertEquals("bot", answer1.path("from").asText());
        long lastSeq = answer1.path("seq").asLong();

        // send two more and kill the connection at once, before their acks and answers can arrive
        String c2 = UUID.randomUUID().toString();
        String c3 = UUID.randomUUID().toString();
        first.send(message(c2, 2, "How do I reset my password?"));
        first.send(message(c3, 3, "What is the daily transfer limit?"));
        first.ws.abort();

        // while "offline" the widget keeps c2 and c3 as unacknowledged; on reconnect it resends them in order
        Client second = Client.connect(app.httpPort);
        second.send(hello(token, conversation, lastSeq));
        JsonNode welcome = second.await("welcome");
        assertTrue(welcome.path("resumed").asBoolean(), welcome.toString());
        second.send(message(c2, 2, "How do I reset my password?"));
        second.send(message(c3, 3, "What is the daily transfer limit?"));
        JsonNode ack2 = second.await("ack");
        JsonNode ack3 = second.await("ack");
        assertEquals(c2, ack2.path("clientId").asText());
        assertEquals(c3, ack3.path("clientId").asText());

        // the store holds each visitor message exactly once
        JsonNode transcript = app.awaitJson("/api/v1/conversations/" + conversation, true,
                n -> n.path("messages").size() >= 6, Duration.ofSeconds(30)).path("messages");
        long inbound = 0;
        for (JsonNode m : transcript) {
            if (m.path("direction").asText().equals("INBOUND")) {
                inbound++;
            }
        }
        assertEquals(3, inbound, transcript.toString());
        assertEquals(6, transcript.size(), "three questions, three answers: " + transcript);

        // every answer the visitor missed arrives once, in transcript order
        List<JsonNode> got = second.drainMessages(2, Duration.ofSeconds(30));
        Set<Long> seqs = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode m : got) {
            assertTrue(m.path("seq").asLong() > lastSeq, "nothing older than lastSeq is replayed: " + m);
            seqs.add(m.path("seq").asLong());
            ids.add(m.path("id").asText());
        }
        assertEquals(ids.size(), Set.copyOf(ids).size(), "no message twice: " + got);
        List<Long> order = got.stream().map(m -> m.path("seq").asLong()).toList();
        assertEquals(new ArrayList<>(seqs), order, "in order");
        assertTrue(got.stream().anyMatch(m -> m.path("text").asText().contains("Forgot password")), got.toString());
        assertTrue(got.stream().anyMatch(m -> m.path("text").asText().contains("100,000,000 rials")), got.toString());

        second.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void oversizedAndMalformedInputGetsErrorsAndTheSessionSurvives() throws Exception {
        Client c = Client.connect(app.httpPort);
        c.send(hello(newToken(), null, 0));
        c.await("welcome");
        c.ws.sendText("{not json", true).get(5, TimeUnit.SECONDS);
        assertEquals("bad-frame", c.await("error").path("code").asText());
        c.send(message(UUID.randomUUID().toString(), 1, "x".repeat(5000)));
        JsonNode tooLarge = c.await("error");
        assertEquals("too-large", tooLarge.path("code").asText());
        assertEquals(4096, tooLarge.path("limit").asInt());
        c.send(message(UUID.randomUUID().toString(), 2, "What are your opening hours?"));
        assertNotNull(c.await("ack"));
        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void foreignOriginIsRefused() throws Exception {
        HttpResponse<String> r = app.http.send(java.net.http.HttpRequest.newBuilder(app.uri("/webchat/api/hello"))
                .header("Origin", "https://evil.example").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Appliance.JSON.writeValueAsString(hello(newToken(), null, 0)), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
    }
}
