package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Boots the real distribution once and drives it like a user would: the loopback channel over HTTP, the REST API,
 * bundles stopped and started over JMX, a .cfg edited on disk, and a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplianceIT extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(30);
    static String answeredConversation;

    static String newAddress() {
        return "it-" + UUID.randomUUID();
    }

    static JsonNode post(String from, String text) throws Exception {
        String body = Appliance.JSON.writeValueAsString(java.util.Map.of("from", from, "text", text));
        HttpResponse<String> r = app.send("POST", "/loopback/messages", "application/json",
                body.getBytes(StandardCharsets.UTF_8), false);
        assertEquals(202, r.statusCode(), r.body());
        return app.json(r);
    }

    static JsonNode awaitReplies(String address, int count) throws Exception {
        return app.awaitJson("/loopback/replies?to=" + address, false, n -> n.path("replies").size() >= count, WAIT)
                .path("replies");
    }

    static JsonNode conversation(String id) throws Exception {
        return app.json(app.get("/api/v1/conversations/" + id, true));
    }

    static JsonNode awaitConversation(String id, String state) throws Exception {
        return app.awaitJson("/api/v1/conversations/" + id, true, n -> n.path("state").asText().equals(state), WAIT);
    }

    static void resolveAllAssigned() throws Exception {
        List<JsonNode> open = new ArrayList<>();
        // QUEUED too: conversations other test classes left waiting would take the agents' capacity
        for (String state : List.of("ASSIGNED", "OFFERED", "QUEUED")) {
            JsonNode list = app.json(app.get("/api/v1/conversations?state=" + state + "&limit=500", true));
            assertTrue(list.isArray(), list.toString());
            list.forEach(open::add);
        }
        for (JsonNode c : open) {
            HttpResponse<String> r = app.send("POST", "/api/v1/conversations/" + c.path("id").asText() + "/resolve",
                    "application/json", new byte[0], true);
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    /** The agent the conversation is offered to accepts it over the REST API. */
    static JsonNode accept(String id) throws Exception {
        JsonNode offered = awaitConversation(id, "OFFERED");
        HttpResponse<String> r = app.send("POST", "/api/v1/conversations/" + id + "/accept", "application/json",
                ("{\"agentId\":\"" + offered.path("agentId").asText() + "\"}").getBytes(StandardCharsets.UTF_8), true);
        assertEquals(200, r.statusCode(), r.body());
        return awaitConversation(id, "ASSIGNED");
    }

    /** Opens a conversation the bot cannot answer, waits for the offer and accepts it; returns id and agent. */
    static String[] openAssigned() throws Exception {
        JsonNode receipt = post(newAddress(), "I would like to discuss a clause in my insurance contract");
        String id = receipt.path("conversationId").asText();
        JsonNode c = accept(id);
        return new String[] {id, c.path("agentId").asText()};
    }

    @Test
    @Order(1)
    void botAnswersAFrequentQuestionThroughTheLoopbackChannel() throws Exception {
        String me = newAddress();
        JsonNode receipt = post(me, "What are your opening hours?");
        answeredConversation = receipt.path("conversationId").asText();
        JsonNode replies = awaitReplies(me, 1);
        assertEquals("BOT", replies.get(0).path("senderType").asText());
        assertTrue(replies.get(0).path("text").asText().contains("Saturday to Wednesday"), replies.toString());
        JsonNode c = conversation(answeredConversation);
        assertEquals("BOT", c.path("state").asText());
        assertEquals("hours", c.path("intent").asText());
        assertEquals(2, c.path("messages").size());
    }

    @Test
    @Order(2)
    void persianQuestionGetsAPersianAnswer() throws Exception {
        String me = newAddress();
        post(me, "ساعت كاري شعبه ها چيست؟"); // Arabic kaf and yeh on purpose
        JsonNode replies = awaitReplies(me, 1);
        assertTrue(replies.get(0).path("text").asText().contains("شنبه"), replies.toString());
    }

    @Test
    @Order(3)
    void unknownQuestionIsHandedOffAndRoutedToAnAgentQueue() throws Exception {
        String me = newAddress();
        JsonNode receipt = post(me, "I would like to discuss a clause in my insurance contract");
        JsonNode c = accept(receipt.path("conversationId").asText());
        assertEquals("general", c.path("queueId").asText());
        assertTrue(List.of("alice", "bob").contains(c.path("agentId").asText()), c.toString());
        assertEquals("no-match", c.path("context").path("handoff.reason").asText());
        List<String> events = new ArrayList<>();
        c.path("events").forEach(e -> events.add(e.path("type").asText()));
        assertTrue(events.containsAll(List.of("RECEIVED", "HANDED_OFF", "QUEUED", "OFFERED", "ASSIGNED")), events.toString());
        JsonNode replies = awaitReplies(me, 2);
        assertTrue(replies.toString().contains("has joined the conversation"), replies.toString());
        // an agent answers through the REST API and the customer gets it on the channel
        String agent = c.path("agentId").asText();
        HttpResponse<String> r = app.send("POST", "/api/v1/conversations/" + c.path("id").asText() + "/messages",
                "application/json", ("{\"agentId\":\"" + agent + "\",\"text\":\"Hello, I can help with that.\"}")
                        .getBytes(StandardCharsets.UTF_8), true);
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(awaitReplies(me, 3).toString().contains("Hello, I can help with that."));
    }

    @Test
    @Order(4)
    void analyticsProcessorCountsTheTraffic() throws Exception {
        JsonNode a = app.awaitJson("/api/v1/analytics", true,
                n -> n.path("message-count").path("total").asLong() > 0, WAIT);
        assertTrue(a.path("message-count").path("byType").path("RECEIVED").asLong() >= 3, a.toString());
        // the KPI processor computes today's figures from the same events
        JsonNode kpi = app.awaitJson("/api/v1/analytics", true,
                n -> n.path("kpi").path("all").path("conversations").asLong() >= 3, WAIT).path("kpi");
        assertEquals(0, kpi.path("lag").asLong(), "the projection caught up with the event log: " + kpi);
    }

    @Test
    @Order(5)
    void stoppingTheRoutingBundleSwitchesToTheOtherStrategyWithoutRestart() throws Exception {
        // round-robin: after agents X then Y, the next goes to X even when Y is idle again
        resolveAllAssigned();
        String[] c1 = openAssigned();
        String[] c2 = openAssigned();
        assertNotEquals(c1[1], c2[1], "round-robin alternates");
        app.send("POST", "/api/v1/conversations/" + c2[0] + "/resolve", "application/json", new byte[0], true);
        String[] c3 = openAssigned();
        assertEquals(c1[1], c3[1], "round-robin keeps rotating although " + c2[1] + " is idle");

        app.bundle("stop", "io.pishkhan.routing.roundrobin");
        app.awaitJson("/api/v1/extensions", true, n -> n.path("selectedRoutingStrategy").asText().equals("least-busy"), WAIT);
        resolveAllAssigned();
        String[] d1 = openAssigned();
        String[] d2 = openAssigned();
        assertNotEquals(d1[1], d2[1]);
        app.send("POST", "/api/v1/conversations/" + d2[0] + "/resolve", "application/json", new byte[0], true);
        String[] d3 = openAssigned();
        assertEquals(d2[1], d3[1], "least-busy gives the next conversation to the idle agent");

        app.bundle("start", "io.pishkhan.routing.roundrobin");
        app.awaitJson("/api/v1/extensions", true, n -> n.path("selectedRoutingStrategy").asText().equals("round-robin"), WAIT);
    }

    @Test
    @Order(6)
    void editingTheBotCfgChangesAnswersLive() throws Exception {
        Path cfg = app.home.resolve("etc/io.pishkhan.bot.keyword.cfg");
        Files.writeString(cfg, "\nfaq.parking.keywords = parking, car park\nfaq.parking.answer.en = Free parking behind the head office.\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String me = newAddress();
        long deadline = System.nanoTime() + WAIT.toNanos();
        // the file watcher needs a moment: ask until the new entry answers
        while (true) {
            String address = me + "-" + System.nanoTime();
            post(address, "Is there parking near the office?");
            JsonNode replies = awaitReplies(address, 1);
            if (replies.get(0).path("text").asText().contains("Free parking behind the head office.")) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the edited .cfg never took effect");
            Thread.sleep(500);
        }
    }

    @Test
    @Order(7)
    void badInputGetsClear4xxAndNothingIsWritten() throws Exception {
        long before = totalConversations();
        String me = newAddress();
        HttpResponse<String> malformed = app.send("POST", "/loopback/messages", "application/json",
                ("{\"from\":\"" + me + "\",\"text\":").getBytes(StandardCharsets.UTF_8), false);
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("malformed JSON"), malformed.body());
        HttpResponse<String> empty = app.send("POST", "/loopback/messages", "application/json",
                ("{\"from\":\"" + me + "\",\"text\":\"   \"}").getBytes(StandardCharsets.UTF_8), false);
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("'text' is empty"), empty.body());
        byte[] huge = ("{\"from\":\"" + me + "\",\"text\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooBig = app.send("POST", "/loopback/messages", "application/json", huge, false);
        assertEquals(413, tooBig.statusCode());
        assertTrue(tooBig.body().contains("larger than"), tooBig.body());
        HttpResponse<String> notJson = app.send("POST", "/loopback/messages", "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8), false);
        assertEquals(415, notJson.statusCode());
        HttpResponse<String> unauth = app.get("/api/v1/conversations?state=BOT", false);
        assertEquals(401, unauth.statusCode());
        assertEquals(before, totalConversations(), "rejected requests wrote nothing");
        assertEquals(0, app.json(app.get("/loopback/replies?to=" + me, false)).path("replies").size());
        // and the appliance still serves
        post(me, "What are your opening hours?");
        awaitReplies(me, 1);
    }

    static long totalConversations() throws Exception {
        long n = 0;
        for (String s : List.of("BOT", "QUEUED", "OFFERED", "ASSIGNED", "RESOLVED")) {
            n += app.json(app.get("/api/v1/conversations?state=" + s + "&limit=500", true)).size();
        }
        return n;
    }

    @Test
    @Order(8)
    void conversationsSurviveARestart() throws Exception {
        JsonNode before = conversation(answeredConversation);
        app.stop();
        assertTrue(Files.isDirectory(app.home.resolve("data/derby/pishkhan")), "Derby database under the Karaf data folder");
        app.start();
        JsonNode after = conversation(answeredConversation);
        assertEquals(before.path("messages"), after.path("messages"));
        assertEquals("What are your opening hours?", after.path("messages").get(0).path("text").asText());
        assertEquals("BOT", after.path("messages").get(1).path("senderType").asText());
    }
}
