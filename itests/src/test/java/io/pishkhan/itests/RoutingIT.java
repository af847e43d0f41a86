package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Intelligent routing on the real distribution: rule sets deployed over REST while conversations stream in (each
 * routed exactly once), validation with lines, the sandbox, runtime rule failure to the fallback queue, dry run,
 * rollback, blacklist and business hours.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutingIT extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Neither keyword of the FAQ bot: always handed off. */
    static final String MORTGAGE = "I would like to discuss the mortgage clause of my insurance contract";
    static final String PLAIN = "I would like to discuss a clause in my insurance contract";

    static String rules(String mortgageQueue) {
        return """
                {
                  "defaults": {"queue": "general", "priority": 0},
                  "rules": [
                    {"name": "mortgage", "when": "anyWord(text, ['mortgage'])", "queue": "%s", "priority": 40,
                     "skills": {"cards": 3}}
                  ]
                }""".formatted(mortgageQueue);
    }

    static String send(String from, String text) throws Exception {
        return postLoopback(from, text).path("conversationId").asText();
    }

    static JsonNode awaitHandedOff(String id) throws Exception {
        return app.awaitJson("/api/v1/conversations/" + id, true, n -> !n.path("state").asText().equals("BOT")
                && n.path("queueId").isTextual(), WAIT);
    }

    static long count(JsonNode conversation, String eventType) {
        long n = 0;
        for (JsonNode e : conversation.path("events")) {
            if (e.path("type").asText().equals(eventType)) {
                n++;
            }
        }
        return n;
    }

    @Test
    @Order(1)
    void ruleSetsDeployedWhileConversationsStreamInRouteEachConversationExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(send("rit-" + UUID.randomUUID(), MORTGAGE));
        }
        for (String id : ids) {
            awaitHandedOff(id); // before any rules: defaults
        }
        // stream more while two deploys happen
        Thread streamer = new Thread(() -> {
            try {
                for (int i = 0; i < 40; i++) {
                    synchronized (ids) {
                        ids.add(send("rit-" + UUID.randomUUID(), MORTGAGE));
                    }
                    Thread.sleep(25);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        streamer.start();
        Thread.sleep(300);
        JsonNode v1 = ok(call("POST", "/api/v1/rules/deploy", Map.of("source", rules("cards"), "comment", "mortgage to cards")), 201);
        Thread.sleep(300);
        JsonNode v2 = ok(call("POST", "/api/v1/rules/deploy", Map.of("source", rules("vip"), "comment", "mortgage to vip")), 201);
        streamer.join();
        for (int i = 0; i < 5; i++) {
            ids.add(send("rit-" + UUID.randomUUID(), MORTGAGE));
        }
        String version1 = v1.path("version").asText();
        String version2 = v2.path("version").asText();
        Map<String, String> expectedQueue = Map.of("", "general", version1, "cards", version2, "vip");
        Map<String, Integer> perVersion = new HashMap<>();
        for (String id : ids) {
            JsonNode c = awaitHandedOff(id);
            c = app.json(app.get("/api/v1/conversations/" + id, true));
            assertEquals(1, count(c, "HANDED_OFF"), "handed off once: " + c);
            assertEquals(1, count(c, "QUEUED"), "queued once: " + c);
            String version = c.path("context").path("routing.ruleVersion").asText("");
            assertEquals(expectedQueue.get(version), c.path("queueId").asText(),
                    "the queue of the version that routed it: " + c);
            perVersion.merge(version, 1, Integer::sum);
        }
        assertEquals(55, ids.size());
        assertEquals(55, perVersion.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(perVersion.getOrDefault("", 0) >= 10, perVersion.toString());
        assertTrue(perVersion.getOrDefault(version2, 0) >= 5, "conversations after the last deploy: " + perVersion);
        JsonNode rules = ok(call("GET", "/api/v1/rules", null), 200);
        assertEquals(v2.path("version").asInt(), rules.path("deployment").path("activeVersion").asInt());
        assertEquals("admin", rules.path("versions").get(0).path("author").asText());
    }

    @Test
    @Order(2)
    void badRuleSetsAreRefusedWithTheirLineAndTheSandboxHolds() throws Exception {
        String unknownQueue = """
                {
                  "rules": [
                    {"name": "ok", "when": "intent == 'x'", "queue": "general"},
                    {"name": "bad", "when": "intent == 'y'", "queue": "no-such-queue"}
                  ]
                }""";
        JsonNode v = ok(call("POST", "/api/v1/rules/validate", Map.of("source", unknownQueue)), 200);
        assertEquals(1, v.path("problems").size(), v.toString());
        assertEquals(4, v.path("problems").get(0).path("line").asInt(), v.toString());
        assertTrue(v.path("problems").get(0).path("message").asText().contains("no-such-queue"), v.toString());

        for (String escape : List.of("''.getClass().forName('java.lang.System')", "new('java.io.File', '/etc/passwd')",
                "java.lang.System.exit(0)", "new('java.lang.Thread')")) {
            String src = "{\"rules\": [{\"name\": \"x\", \"when\": " + Appliance.JSON.writeValueAsString(escape)
                    + ", \"queue\": \"general\"}]}";
            HttpResponse<String> r = call("POST", "/api/v1/rules/deploy", Map.of("source", src, "comment", "escape"));
            assertEquals(422, r.statusCode(), escape + " -> " + r.body());
            assertEquals(1, app.json(r).path("problems").get(0).path("line").asInt(), r.body());
        }
        HttpResponse<String> broken = call("POST", "/api/v1/rules/deploy", Map.of("source", "{\"rules\": [", "comment", "x"));
        assertEquals(422, broken.statusCode(), broken.body());
        assertTrue(app.get("/api/v1/health", false).statusCode() == 200, "still up");
    }

    @Test
    @Order(3)
    void aRuleFailingAtRunTimeSendsTheConversationToTheFallbackQueueAndRaisesAnAlert() throws Exception {
        // the second condition is a text, not true/false: an evaluation error for every conversation that reaches it
        String failing = """
                {"rules": [
                  {"name": "louder", "when": "anyWord(text, ['mortgage'])", "continue": true, "addPriority": 5},
                  {"name": "fails", "when": "text", "queue": "cards"}
                ]}""";
        ok(call("POST", "/api/v1/rules/deploy", Map.of("source", failing, "comment", "fails at run time")), 201);
        String id = send("rit-" + UUID.randomUUID(), MORTGAGE);
        JsonNode c = awaitHandedOff(id);
        c = app.json(app.get("/api/v1/conversations/" + id, true));
        assertEquals(1, count(c, "ROUTING_FAILED"), c.toString());
        assertFalse(c.path("context").path("routing.error").asText().isEmpty(), c.toString());
        assertEquals("general", c.path("queueId").asText(), c.toString());
    }

    @Test
    @Order(4)
    void dryRunShowsWhereConversationsWouldHaveGoneAndRollbackRestoresAVersion() throws Exception {
        JsonNode dry = ok(call("POST", "/api/v1/rules/dryrun", Map.of("source", rules("payments"), "days", 1)), 200);
        assertTrue(dry.path("rows").size() >= 55, dry.path("rows").size() + " rows");
        assertTrue(dry.path("changed").asInt() >= 55, dry.toString().substring(0, 300));
        JsonNode row = dry.path("rows").get(0);
        assertEquals("payments", row.path("draftQueue").asText(), row.toString());
        JsonNode versions = ok(call("GET", "/api/v1/rules", null), 200).path("versions");
        int first = versions.get(versions.size() - 1).path("version").asInt();
        JsonNode d = ok(call("POST", "/api/v1/rules/rollback", Map.of("version", first)), 200);
        assertEquals(first, d.path("activeVersion").asInt());
        String id = send("rit-" + UUID.randomUUID(), MORTGAGE);
        assertEquals("cards", awaitHandedOff(id).path("queueId").asText(), "version " + first + " routes mortgage to cards");
    }

    @Test
    @Order(5)
    void aBlacklistedSenderGetsTheNoticeIsNeverRoutedAndTheChangeIsAudited() throws Exception {
        JsonNode e = ok(call("POST", "/api/v1/blacklist", Map.of("kind", "address", "pattern", "spam-*",
                "action", "BLOCK", "message", "Blocked by policy.", "comment", "IT")), 201);
        HttpResponse<String> bad = call("POST", "/api/v1/blacklist", Map.of("kind", "ip", "pattern", "10.0.0.0/99",
                "action", "BLOCK"));
        assertEquals(400, bad.statusCode(), bad.body());
        String from = "spam-" + UUID.randomUUID();
        String id = send(from, PLAIN);
        JsonNode replies = app.awaitJson("/loopback/replies?to=" + from, false, n -> n.path("replies").size() >= 1, WAIT);
        assertEquals("Blocked by policy.", replies.path("replies").get(0).path("text").asText());
        JsonNode c = app.awaitJson("/api/v1/conversations/" + id, true, n -> n.path("state").asText().equals("RESOLVED"), WAIT);
        assertEquals(1, count(c, "BLOCKED"));
        assertEquals(PLAIN, c.path("messages").get(0).path("text").asText(), "kept");
        JsonNode audit = ok(call("GET", "/api/v1/blacklist/audit", null), 200);
        assertTrue(audit.toString().contains(e.path("id").asText()), audit.toString());
        ok(call("DELETE", "/api/v1/blacklist/" + e.path("id").asText() + "?comment=done", null), 200);
    }

    @Test
    @Order(6)
    void outsideBusinessHoursTheRequestWaitsAndIsRoutedWhenTheQueueOpens() throws Exception {
        resolveAllOpen(); // free the agents' capacity
        ok(call("PUT", "/api/v1/schedules/never", Map.of("name", "Closed", "timeZone", "Asia/Tehran",
                "weekly", Map.of(), "closedMessageEn", "Closed now, we keep your message.")), 200);
        ok(call("PUT", "/api/v1/queues/night", Map.of("name", "Night desk", "priority", 5,
                "businessHours", "never")), 200);
        ok(call("PUT", "/api/v1/agents/alice/profile", Map.of("name", "Alice Ahmadi", "skills", Map.of("cards", 8),
                "queues", List.of("general", "night"), "capacity", 3)), 200);
        ok(call("POST", "/api/v1/rules/deploy", Map.of("source", rules("night"), "comment", "to the night desk")), 201);
        String from = "rit-" + UUID.randomUUID();
        String id = send(from, MORTGAGE);
        JsonNode replies = app.awaitJson("/loopback/replies?to=" + from, false,
                n -> n.toString().contains("Closed now, we keep your message."), WAIT);
        assertTrue(replies.toString().contains("Closed now"));
        JsonNode c = app.json(app.get("/api/v1/conversations/" + id, true));
        assertEquals("QUEUED", c.path("state").asText(), c.toString());
        assertEquals(1, count(c, "OUTSIDE_HOURS"));
        Map<String, Object> allDay = new HashMap<>();
        for (String day : List.of("SATURDAY", "SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            allDay.put(day, List.of("00:00-24:00"));
        }
        ok(call("PUT", "/api/v1/schedules/never", Map.of("name", "Always", "timeZone", "Asia/Tehran", "weekly", allDay)), 200);
        JsonNode routed = app.awaitJson("/api/v1/conversations/" + id, true,
                n -> !n.path("state").asText().equals("QUEUED"), WAIT);
        assertEquals("alice", routed.path("agentId").asText(), routed.toString());
        assertTrue(ok(call("GET", "/api/v1/audit", null), 200).toString().contains("night"), "queue change audited");
    }

    @Test
    @Order(7)
    void aCanaryTakesItsShareOfNewConversationsEachTaggedWithItsVersionThenIsPromoted() throws Exception {
        JsonNode base = ok(call("POST", "/api/v1/rules/deploy", Map.of("source", rules("cards"), "comment", "base")), 201);
        JsonNode canary = ok(call("POST", "/api/v1/rules/canary", Map.of("source", rules("payments"), "percent", 50,
                "comment", "try payments")), 201);
        JsonNode d = ok(call("GET", "/api/v1/rules", null), 200).path("deployment");
        assertEquals(base.path("version").asInt(), d.path("activeVersion").asInt());
        assertEquals(canary.path("version").asInt(), d.path("canaryVersion").asInt());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(send("rit-" + UUID.randomUUID(), MORTGAGE));
        }
        Map<String, Integer> byQueue = new HashMap<>();
        for (String id : ids) {
            JsonNode c = awaitHandedOff(id);
            String v = c.path("context").path("routing.ruleVersion").asText();
            String expected = v.equals(canary.path("version").asText()) ? "payments" : "cards";
            assertEquals(expected, c.path("queueId").asText(), c.toString());
            byQueue.merge(c.path("queueId").asText(), 1, Integer::sum);
        }
        assertTrue(byQueue.getOrDefault("payments", 0) >= 8 && byQueue.getOrDefault("cards", 0) >= 8,
                "about half each: " + byQueue);
        JsonNode promoted = ok(call("POST", "/api/v1/rules/canary/end", Map.of("promote", true)), 200);
        assertEquals(canary.path("version").asInt(), promoted.path("activeVersion").asInt());
        assertEquals(0, promoted.path("canaryVersion").asInt());
        assertEquals("payments", awaitHandedOff(send("rit-" + UUID.randomUUID(), MORTGAGE)).path("queueId").asText());
    }

    /** Leaves the appliance as the other test classes expect it: no rules, Alice as shipped, nothing waiting. */
    @org.junit.jupiter.api.AfterAll
    static void restore() throws Exception {
        if (app == null) {
            return;
        }
        call("POST", "/api/v1/rules/rollback", Map.of("version", 0));
        call("PUT", "/api/v1/agents/alice/profile", Map.of("name", "Alice Ahmadi",
                "skills", Map.of("cards", 8, "loans", 4, "lang-en", 9, "payments", 6),
                "queues", List.of("general", "vip", "cards", "payments"), "capacity", 3));
        resolveAllOpen();
    }

    static void resolveAllOpen() throws Exception {
        for (int round = 0; round < 5; round++) {
            int open = 0;
            for (String state : List.of("QUEUED", "OFFERED", "ASSIGNED")) {
                for (JsonNode c : app.json(app.get("/api/v1/conversations?state=" + state + "&limit=500", true))) {
                    open++;
                    call("POST", "/api/v1/conversations/" + c.path("id").asText() + "/resolve", null);
                }
            }
            if (open == 0) {
                return;
            }
        }
    }
}
