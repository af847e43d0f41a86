package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The assistant chatbot on the real distribution: a Persian and an English conversation each get a knowledge-base
 * answer with its link, run a flow that asks for a slot and calls a CRM (a local HTTP service started here), and
 * hand off on request with a structured context that the agent's desktop shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BotIT extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String AGENT = "alice";
    // alice may exist already (WebChatBrowserIT adds her to the same appliance): one password for both
    static final String AGENT_PASSWORD = WebChatBrowserIT.AGENT_PASSWORD;
    static HttpServer crm;
    static final List<String> crmCalls = new CopyOnWriteArrayList<>();
    static String persianConversation;

    @BeforeAll
    static void assistantAndCrm() throws Exception {
        app.useBot("assistant");
        app.addUser(AGENT, AGENT_PASSWORD, "agentgroup");
        crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/status/", ex -> {
            crmCalls.add(ex.getRequestURI().getPath());
            byte[] body = "{\"status\":\"in progress\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        crm.start();
        String flow = """
                {"intent": "request.status",
                 "slots": [{"name": "ticket", "type": "ticket",
                            "prompt": {"fa": "لطفاً کد پیگیری را بفرمایید", "en": "Please give me your tracking number"}}],
                 "action": {"uri": "http://127.0.0.1:%d/status/${slot.ticket}", "method": "GET", "timeoutMillis": 3000},
                 "answer": {"fa": "وضعیت درخواست ${slot.ticket}: ${result.status}", "en": "Request ${slot.ticket} is ${result.status}"},
                 "onError": "handoff"}
                """.formatted(crm.getAddress().getPort());
        HttpResponse<String> r = app.send("PUT", "/api/v1/flows/request.status", "application/json",
                flow.getBytes(StandardCharsets.UTF_8), true);
        assertEquals(200, r.statusCode(), r.body());
        // only alice takes conversations
        for (String agent : List.of("bob", AGENT)) {
            app.send("PUT", "/api/v1/agents/" + agent + "/presence", "application/json",
                    ("{\"presence\":\"" + (agent.equals(AGENT) ? "AVAILABLE" : "OFFLINE") + "\"}")
                            .getBytes(StandardCharsets.UTF_8), true);
        }
    }

    @AfterAll
    static void stopCrm() throws Exception {
        if (crm != null) {
            crm.stop(0);
        }
        if (app != null) {
            app.send("PUT", "/api/v1/agents/bob/presence", "application/json",
                    "{\"presence\":\"AVAILABLE\"}".getBytes(StandardCharsets.UTF_8), true);
            app.useBot("keyword-faq");
        }
    }

    static String send(String from, String text) throws Exception {
        HttpResponse<String> r = app.send("POST", "/loopback/messages", "application/json",
                Appliance.JSON.writeValueAsBytes(Map.of("from", from, "text", text)), false);
        assertEquals(202, r.statusCode(), r.body());
        return app.json(r).path("conversationId").asText();
    }

    /** Waits for the n-th reply (1-based) and returns its text. */
    static String reply(String to, int n) throws Exception {
        JsonNode replies = app.awaitJson("/loopback/replies?to=" + to, false, x -> x.path("replies").size() >= n, WAIT)
                .path("replies");
        return replies.get(n - 1).path("text").asText();
    }

    static JsonNode conversation(String id) throws Exception {
        return app.json(app.get("/api/v1/conversations/" + id, true));
    }

    /** Knowledge-base answer, flow with a slot against the CRM, handoff on request: returns the conversation. */
    static JsonNode converse(String from, String question, String expectedLink, String status, String prompt,
            String ticketText, String ticket, String handoff) throws Exception {
        String id = send(from, question);
        String answer = reply(from, 1);
        assertTrue(answer.contains(expectedLink), "knowledge-base answer with its link: " + answer);
        assertEquals("BOT", conversation(id).path("state").asText());

        send(from, status);
        assertTrue(reply(from, 2).contains(prompt), "the flow asks for the slot: " + reply(from, 2) + " " + conversation(id).path("context") + " " + conversation(id).path("events"));
        send(from, ticketText);
        String result = reply(from, 3);
        assertTrue(result.contains("in progress") && result.contains(ticket), "the flow's answer from the CRM: " + result);
        assertTrue(crmCalls.stream().anyMatch(p -> p.endsWith("/" + ticket)), "the CRM was called: " + crmCalls);

        send(from, handoff);
        JsonNode c = app.awaitJson("/api/v1/conversations/" + id, true,
                x -> !x.path("state").asText().equals("BOT"), WAIT);
        JsonNode ctx = c.path("context");
        assertEquals("explicit-request", ctx.path("handoff.reason").asText(), ctx.toString());
        assertTrue(ctx.path("slot.ticket").asText().contains(ticket), "the slot goes with the handoff: " + ctx);
        assertFalse(ctx.path("handoff.summary").asText().isBlank(), "a short summary: " + ctx);
        assertTrue(c.path("queueId").isTextual(), "routed to a queue: " + c);
        return c;
    }

    @Test
    @Order(1)
    void anEnglishConversationGetsAnAnswerRunsAFlowAndHandsOffWithContext() throws Exception {
        converse("bot-en-" + UUID.randomUUID(), "How do I reset my internet banking password?",
                "https://example.ir/help/en/password", "What is the status of my request?",
                "tracking number", "My tracking code is TKT-4711", "4711", "I want to talk to an agent");
    }

    @Test
    @Order(2)
    void aPersianConversationGetsAnAnswerRunsAFlowAndHandsOffWithContext() throws Exception {
        JsonNode c = converse("bot-fa-" + UUID.randomUUID(), "رمز عبور اینترنت بانك را فراموش كرده‌ام",
                "https://example.ir/help/fa/password", "پیگیری درخواست", "کد پیگیری",
                "کد پیگیری ۴۷۱۲۵۶ است", "471256", "اپراتور");
        assertEquals("fa", c.path("context").path("handoff.language").asText());
        persianConversation = c.path("id").asText();
    }

    @Test
    @Order(3)
    void theAgentSeesTheHandoffContextInTheDesktop() throws Exception {
        assertTrue(persianConversation != null, "the Persian conversation ran");
        JsonNode offered = app.awaitJson("/api/v1/conversations/" + persianConversation, true,
                x -> x.path("state").asText().equals("OFFERED"), WAIT);
        assertEquals(AGENT, offered.path("agentId").asText(), offered.toString());
        try (Browser agent = new Browser("fa")) {
            WebChatBrowserIT.login(agent, AGENT, AGENT_PASSWORD);
            agent.byId("inbox");
            WebChatBrowserIT.acceptInConsole(agent, persianConversation);
            agent.until(WAIT, d -> d.findElement(By.id("context-reason")).getText().contains("explicit-request"));
            String fields = agent.byId("context-fields").getText();
            assertTrue(fields.contains("slot.ticket") && fields.contains("471256"), fields);
            assertTrue(fields.contains("handoff.summary"), fields);
            String transcript = agent.byId("transcript").getText();
            assertTrue(transcript.contains("https://example.ir/help/fa/password"), "the bot part: " + transcript);
            agent.shot("bot-handoff-agent-fa.png");

            // agent assist: the customer asks again; the desktop suggests the knowledge-base passage, one click inserts it
            send(offered.path("address").asText(), "رمز عبور اینترنت بانک را فراموش کرده‌ام");
            agent.until(WAIT, d -> d.findElement(By.id("transcript")).getText().contains("فراموش"));
            agent.until(WAIT, d -> !d.findElements(By.id("assist-kb-0")).isEmpty()
                    && d.findElement(By.id("assist-kb-0")).getText().contains("https://example.ir/help/fa/password"));
            String suggestion = agent.byId("assist-kb-0").getText();
            assertTrue(suggestion.contains("رمز"), "a passage about passwords: " + suggestion);
            agent.byId("assist-insert-kb-0");
            agent.js("document.getElementById('assist-insert-kb-0').click()");
            agent.until(WAIT, d -> {
                Object v = agent.js("var t = document.querySelector('#reply-text textarea'); return t ? t.value : null");
                return v != null && v.toString().contains("رمز");
            });
            agent.shot("bot-assist-agent-fa.png");
        }
    }

    @Test
    @Order(4)
    void intentModelsAreTrainedInTheBackgroundVersionedAndRestored() throws Exception {
        JsonNode before = app.json(app.get("/api/v1/intents/models?lang=en", true));
        assertTrue(before.size() >= 1, "a shipped model: " + before);
        int active = 0;
        for (JsonNode m : before) {
            if (m.path("active").asBoolean()) {
                active = m.path("version").asInt();
            }
        }
        StringBuilder csv = new StringBuilder("text,label\n");
        for (String[] row : new String[][] {{"where is my parcel", "delivery"}, {"my parcel has not arrived", "delivery"},
            {"when will my package come", "delivery"}, {"track the courier", "delivery"}, {"I want a refund", "refund"},
            {"give me my money back", "refund"}, {"refund my order please", "refund"}, {"return and refund", "refund"}}) {
            csv.append(row[0]).append(',').append(row[1]).append('\n');
        }
        HttpResponse<String> r = app.send("POST", "/api/v1/intents/train", "application/json", Appliance.JSON
                .writeValueAsBytes(Map.of("language", "en", "csv", csv.toString(), "comment", "IT")), true);
        assertEquals(202, r.statusCode(), r.body());
        String job = app.json(r).path("id").asText();
        JsonNode done = app.awaitJson("/api/v1/intents/jobs/" + job, true,
                x -> x.path("state").asText().matches("SUCCEEDED|FAILED"), WAIT);
        assertEquals("SUCCEEDED", done.path("state").asText(), done.toString());
        int version = done.path("modelVersion").asInt();
        JsonNode c = app.json(app.send("POST", "/api/v1/intents/classify", "application/json",
                "{\"text\":\"my parcel did not arrive yet\",\"language\":\"en\"}".getBytes(StandardCharsets.UTF_8), true));
        assertEquals("delivery", c.path("label").asText(), "the new model answers at once: " + c);
        assertEquals(version, c.path("modelVersion").asInt());
        // the previous model is restored with one call, live
        HttpResponse<String> a = app.send("POST", "/api/v1/intents/activate", "application/json",
                ("{\"language\":\"en\",\"version\":" + active + "}").getBytes(StandardCharsets.UTF_8), true);
        assertEquals(200, a.statusCode(), a.body());
        JsonNode back = app.json(app.send("POST", "/api/v1/intents/classify", "application/json",
                "{\"text\":\"what is the status of my request\",\"language\":\"en\"}".getBytes(StandardCharsets.UTF_8), true));
        assertEquals(active, back.path("modelVersion").asInt(), back.toString());
        assertEquals("request.status", back.path("label").asText(), back.toString());
        // a bad training file is refused with its line
        HttpResponse<String> bad = app.send("POST", "/api/v1/intents/train", "application/json", Appliance.JSON
                .writeValueAsBytes(Map.of("language", "en", "csv", "text,label\nfine,a\n,b\n", "comment", "bad")), true);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("line"), bad.body());
    }

    @Test
    @Order(5)
    void adminsManageTheKnowledgeBaseIntentsAndFlowsInTheConsole() throws Exception {
        try (Browser admin = new Browser("en")) {
            WebChatBrowserIT.login(admin, "admin", app.password);
            admin.driver.get("http://localhost:" + app.httpPort + "/console/kb");
            // the grid renders the rows in view (seeded articles); a search in the UI's language finds the passage
            admin.until(WAIT, d -> d.findElement(By.id("kb-grid")).getText().contains("system:seed"));
            admin.until(WAIT, d -> d.findElement(By.cssSelector("#kb-search-text input"))).sendKeys("رمز عبور اینترنت بانک را فراموش کرده‌ام");
            admin.byId("kb-search-run").click();
            admin.until(WAIT, d -> !d.findElements(By.id("kb-result-0")).isEmpty()
                    && d.findElement(By.id("kb-result-0")).getText().contains("رمز"));
            admin.shot("bot-console-kb.png");
            admin.driver.get("http://localhost:" + app.httpPort + "/console/intents");
            // the shipped model of the UI's language (the admin's console may be in Persian)
            admin.until(WAIT, d -> d.findElement(By.id("intents-models-grid")).getText().contains("intents/"));
            admin.shot("bot-console-intents.png");
            admin.driver.get("http://localhost:" + app.httpPort + "/console/flows");
            admin.until(WAIT, d -> d.findElement(By.id("flows-grid")).getText().contains("request.status"));
            admin.shot("bot-console-flows.png");
        }
    }
}
