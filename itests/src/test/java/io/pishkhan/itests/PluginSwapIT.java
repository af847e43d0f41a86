package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Conversations in flight are not lost while a plugin is swapped (issue "Admin console", must-show 1): plugins are
 * stopped and started through the admin REST API of the real distribution while a customer of the loopback channel
 * talks to an agent and to the keyword FAQ bot; what is sent meanwhile waits and goes out when the plugin is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginSwapIT extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Longer than the outbound route's 3 redeliveries (0.5 + 1 + 2 s) after which a reply used to be lost. */
    static final long LONGER_THAN_RETRIES = 6000;
    static final String LOOPBACK = "io.pishkhan.channel.loopback";
    static final String KEYWORD_BOT = "io.pishkhan.bot.keyword";

    static JsonNode plugins() throws Exception {
        HttpResponse<String> r = app.get("/api/v1/admin/plugins", true);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode list = app.json(r);
        assertTrue(list.isArray(), list.toString());
        return list;
    }

    static JsonNode plugin(String symbolicName) throws Exception {
        JsonNode list = plugins();
        for (JsonNode p : list) {
            if (symbolicName.equals(p.path("symbolicName").asText())) {
                return p;
            }
        }
        throw new AssertionError("plugin " + symbolicName + " is not listed: " + list);
    }

    /** POST /api/v1/admin/plugins/{id}/start|stop and the state it leads to. */
    static void plugin(String symbolicName, String operation) throws Exception {
        long id = plugin(symbolicName).path("id").asLong();
        HttpResponse<String> r = app.send("POST", "/api/v1/admin/plugins/" + id + "/" + operation, "application/json",
                new byte[0], true);
        assertEquals(200, r.statusCode(), r.body());
        String expected = operation.equals("start") ? "ACTIVE" : "RESOLVED";
        app.awaitJson("/api/v1/admin/plugins/" + id, true, p -> p.path("state").asText().equals(expected), WAIT);
    }

    static List<String> eventsOf(JsonNode conversation, String type, String messageId) {
        List<String> out = new ArrayList<>();
        conversation.path("events").forEach(e -> {
            if (e.path("type").asText().equals(type) && messageId.equals(e.path("data").path("messageId").asText())) {
                out.add(e.toString());
            }
        });
        return out;
    }

    static int repliesWith(String address, String text) throws Exception {
        JsonNode replies = app.json(app.get("/loopback/replies?to=" + address, false)).path("replies");
        int n = 0;
        for (JsonNode r : replies) {
            if (r.path("text").asText().equals(text)) {
                n++;
            }
        }
        return n;
    }

    @Test
    @Order(1)
    void anAgentReplyToAStoppedChannelWaitsAndArrivesWhenTheChannelIsStartedAgain() throws Exception {
        ApplianceIT.resolveAllAssigned();
        // a customer of the loopback channel talking to an agent
        String me = ApplianceIT.newAddress() + "-swap";
        JsonNode receipt = ApplianceIT.post(me, "I would like to discuss a clause in my insurance contract");
        String id = receipt.path("conversationId").asText();
        String agent = ApplianceIT.accept(id).path("agentId").asText();
        ApplianceIT.awaitReplies(me, 2); // the bot's handoff line and the "has joined" notice

        plugin(LOOPBACK, "stop");
        app.awaitJson("/api/v1/extensions", true, n -> !n.path("channels").toString().contains("loopback"), WAIT);

        String text = "Thank you for waiting, here is the clause you asked about.";
        HttpResponse<String> r = app.send("POST", "/api/v1/conversations/" + id + "/messages", "application/json",
                Appliance.JSON.writeValueAsBytes(java.util.Map.of("agentId", agent, "text", text)), true);
        assertEquals(201, r.statusCode(), r.body());
        String messageId = app.json(r).path("id").asText();
        assertFalse(messageId.isEmpty(), r.body());
        Thread.sleep(LONGER_THAN_RETRIES);
        JsonNode waiting = ApplianceIT.conversation(id);
        assertEquals(List.of(), eventsOf(waiting, "DELIVERY_FAILED", messageId), "the reply is not given up");
        assertEquals(List.of(), eventsOf(waiting, "DELIVERED", messageId), "the channel is stopped");
        assertTrue(waiting.path("messages").toString().contains(text), "the reply is in the transcript");

        long startedAt = System.nanoTime();
        plugin(LOOPBACK, "start");
        app.awaitJson("/loopback/replies?to=" + me, false, n -> n.path("replies").toString().contains(text),
                Duration.ofSeconds(20));
        long seconds = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();
        assertTrue(seconds <= 20, "delivered " + seconds + " s after the start");
        JsonNode done = app.awaitJson("/api/v1/conversations/" + id, true,
                c -> !eventsOf(c, "DELIVERED", messageId).isEmpty(), WAIT);
        Thread.sleep(1000);
        assertEquals(1, repliesWith(me, text), "delivered once");
        assertEquals(1, eventsOf(ApplianceIT.conversation(id), "DELIVERED", messageId).size());
        assertEquals(List.of(), eventsOf(done, "DELIVERY_FAILED", messageId));
    }

    @Test
    @Order(2)
    void aQuestionToAStoppedBotWaitsAndIsAnsweredWhenTheBotIsStartedAgain() throws Exception {
        app.awaitJson("/api/v1/extensions", true, n -> n.path("selectedBot").asText().equals("keyword-faq"), WAIT);
        plugin(KEYWORD_BOT, "stop");
        app.awaitJson("/api/v1/extensions", true, n -> !n.path("bots").toString().contains("keyword-faq"), WAIT);

        String me = ApplianceIT.newAddress() + "-bot";
        JsonNode receipt = ApplianceIT.post(me, "What are your opening hours?"); // the channel accepts it (202)
        String id = receipt.path("conversationId").asText();
        Thread.sleep(LONGER_THAN_RETRIES);
        assertEquals(0, app.json(app.get("/loopback/replies?to=" + me, false)).path("replies").size(),
                "nobody answers while the configured engine is stopped (no other engine steps in)");
        JsonNode waiting = ApplianceIT.conversation(id);
        assertEquals("BOT", waiting.path("state").asText(), "not handed off to an agent either");
        assertEquals(1, waiting.path("messages").size(), waiting.toString());
        assertEquals("What are your opening hours?", waiting.path("messages").get(0).path("text").asText());

        plugin(KEYWORD_BOT, "start");
        app.awaitJson("/api/v1/extensions", true, n -> n.path("selectedBot").asText().equals("keyword-faq"), WAIT);
        JsonNode replies = app.awaitJson("/loopback/replies?to=" + me, false, n -> n.path("replies").size() >= 1,
                Duration.ofSeconds(20)).path("replies");
        assertEquals("BOT", replies.get(0).path("senderType").asText());
        assertTrue(replies.get(0).path("text").asText().contains("Saturday to Wednesday"), replies.toString());
        Thread.sleep(1000);
        assertEquals(1, app.json(app.get("/loopback/replies?to=" + me, false)).path("replies").size(), "answered once");
        JsonNode answered = ApplianceIT.conversation(id);
        assertEquals("hours", answered.path("intent").asText());
        assertEquals(2, answered.path("messages").size());
    }

    /** Whatever happened above, the next test class finds every plugin started. */
    @AfterAll
    static void restorePlugins() throws Exception {
        if (app == null) {
            return;
        }
        for (String sn : List.of(LOOPBACK, KEYWORD_BOT)) {
            try {
                if (!plugin(sn).path("state").asText().equals("ACTIVE")) {
                    plugin(sn, "start");
                }
            } catch (Exception | AssertionError e) {
                System.err.println("could not restore plugin " + sn + ": " + e);
            }
        }
    }
}
