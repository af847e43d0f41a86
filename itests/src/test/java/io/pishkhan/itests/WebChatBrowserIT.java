package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * End to end in two real browsers against the real distribution: a visitor on a company page talks to the bot in
 * the widget, then to an agent who works in the Vaadin console. Screenshots of both sides go to
 * target/screenshots.
 */
class WebChatBrowserIT extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String AGENT = "alice";
    static final String AGENT_PASSWORD = "alice-" + java.util.UUID.randomUUID();

    @BeforeAll
    static void addAgentUser() throws Exception {
        app.addUser(AGENT, AGENT_PASSWORD, "agentgroup");
    }

    /** Only alice takes conversations, and she starts without any. */
    @BeforeEach
    void onlyAliceWithNothingOpen() throws Exception {
        for (String state : List.of("OFFERED", "ASSIGNED", "QUEUED")) {
            for (JsonNode c : app.json(app.get("/api/v1/conversations?state=" + state + "&limit=500", true))) {
                app.send("POST", "/api/v1/conversations/" + c.path("id").asText() + "/resolve", "application/json", new byte[0], true);
            }
        }
        presence("bob", "OFFLINE");
        presence(AGENT, "AVAILABLE");
    }

    static void presence(String agent, String presence) throws Exception {
        HttpResponse<String> r = app.send("PUT", "/api/v1/agents/" + agent + "/presence", "application/json",
                ("{\"presence\":\"" + presence + "\"}").getBytes(StandardCharsets.UTF_8), true);
        assertEquals(200, r.statusCode(), r.body());
    }

    // ------------------------------------------------------------------ the visitor's widget (Shadow DOM)

    static final String ROOT = "return document.querySelector('[data-pishkhan-webchat]').shadowRoot";

    static void openWidget(Browser v, String name) {
        v.driver.get("http://localhost:" + app.httpPort + "/webchat/demo.html");
        v.until(WAIT, d -> v.js(ROOT + ".querySelector('.launcher') != null"));
        v.js(ROOT + ".querySelector('.launcher').click()");
        // the pre-chat form asks for the name first
        v.until(WAIT, d -> v.js(ROOT + ".querySelector('.pre input[name=name]') != null"));
        WebElement nameField = (WebElement) v.js(ROOT + ".querySelector('.pre input[name=name]')");
        nameField.sendKeys(name);
        v.js(ROOT + ".querySelector('.pre button[type=submit]').click()");
        v.until(WAIT, d -> v.js(ROOT + ".querySelector('.comp textarea').offsetParent !== null"));
    }

    static void say(Browser v, String text) {
        WebElement input = (WebElement) v.js(ROOT + ".querySelector('.comp textarea')");
        input.sendKeys(text);
        v.js(ROOT + ".querySelector('.comp button').click()");
    }

    /** Waits until a bubble from the other side contains the text; returns that bubble. */
    static WebElement awaitBubble(Browser v, String contains) {
        return v.until(WAIT, d -> {
            @SuppressWarnings("unchecked")
            List<WebElement> bubbles = (List<WebElement>) v.js(ROOT + ".querySelectorAll('.msgs .m.them')");
            return bubbles.stream().filter(b -> b.getText().contains(contains)).findFirst().orElse(null);
        });
    }

    // ------------------------------------------------------------------ the agent's console

    static void login(Browser a, String lang) {
        login(a, AGENT, AGENT_PASSWORD);
        a.byId("inbox");
        boolean rtl = "rtl".equals(a.js("return document.documentElement.getAttribute('dir')"));
        if (lang.equals("fa") != rtl) {
            a.byId("lang-switch").click(); // toggles the language and reloads
            a.until(WAIT, d -> lang.equals("fa") == "rtl".equals(a.js("return document.documentElement.getAttribute('dir')")));
            a.byId("inbox");
        }
    }

    static void login(Browser a, String user, String password) {
        a.driver.get("http://localhost:" + app.httpPort + "/console/");
        a.until(WAIT, d -> d.findElement(By.cssSelector("#vaadinLoginUsername input"))).sendKeys(user);
        a.driver.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys(password, Keys.ENTER);
        a.byId("current-user");
    }

    static String offeredTo(String agent) throws Exception {
        JsonNode offered = app.awaitJson("/api/v1/conversations?state=OFFERED&limit=50", true,
                n -> n.size() > 0, WAIT);
        for (JsonNode c : offered) {
            if (agent.equals(c.path("agentId").asText())) {
                return c.path("id").asText();
            }
        }
        throw new AssertionError("nothing offered to " + agent + ": " + offered);
    }

    static void acceptInConsole(Browser a, String conversationId) {
        a.byId("offer-" + conversationId);
        a.byId("accept-" + conversationId).click();
        // accepting opens the conversation
        a.until(WAIT, d -> !d.findElements(By.id("conv-" + conversationId)).isEmpty()
                && d.findElement(By.id("conversation-title")).isDisplayed()
                && d.findElement(By.id("reply-text")).isEnabled());
    }

    /** Types and sends a reply, then waits until the agent's own transcript shows it (it is stored then). */
    static void reply(Browser a, String text) {
        WebElement box = a.until(WAIT, d -> d.findElement(By.cssSelector("#reply-text textarea, #reply-text input")));
        box.sendKeys(text);
        a.byId("reply-send").click();
        a.until(WAIT, d -> d.findElement(By.id("transcript")).getText().contains(text));
    }

    @Test
    void visitorTalksToTheBotThenToAnAgentInTheConsole() throws Exception {
        try (Browser visitor = new Browser("en"); Browser agent = new Browser("en")) {
            openWidget(visitor, "Sara");
            say(visitor, "What are your opening hours?");
            awaitBubble(visitor, "Saturday to Wednesday");
            String xss = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
            say(visitor, "I want to talk to a person about my contract " + xss);
            awaitBubble(visitor, "agent");

            login(agent, "en");
            String id = offeredTo(AGENT);
            acceptInConsole(agent, id);
            // the agent sees the bot part and the handoff context
            agent.until(WAIT, d -> d.findElement(By.id("transcript")).getText().contains("Saturday to Wednesday"));
            assertEquals("customer-request", agent.byId("context-reason").getText());
            assertTrue(agent.byId("customer-name").getText().contains("Sara"));
            // the payload is shown as text on both sides, never run
            agent.until(WAIT, d -> d.findElement(By.id("transcript")).getText().contains("<img src=x onerror="));
            assertNull(agent.js("return window.__xss"));
            awaitBubble(visitor, "has joined");
            reply(agent, "Hello Sara, I can help with your contract.");
            awaitBubble(visitor, "Hello Sara, I can help with your contract.");
            assertNull(visitor.js("return window.__xss"));
            @SuppressWarnings("unchecked")
            List<WebElement> mine = (List<WebElement>) visitor.js(ROOT + ".querySelectorAll('.msgs .m.me')");
            assertTrue(mine.stream().anyMatch(b -> b.getText().contains("<script>window.__xss=2</script>")));
            visitor.shot("visitor-en.png");
            agent.shot("agent-en.png");

            // an internal note shows in the console only
            agent.until(WAIT, d -> d.findElement(By.cssSelector("#note-text input"))).sendKeys("VIP customer, be quick");
            agent.byId("note-add").click();
            agent.until(WAIT, d -> d.findElement(By.id("transcript")).getText().contains("VIP customer, be quick"));
            // resolving closes the conversation in the store
            agent.byId("resolve").click();
            app.awaitJson("/api/v1/conversations/" + id, true, n -> n.path("state").asText().equals("RESOLVED"), WAIT);
            Thread.sleep(1000);
            @SuppressWarnings("unchecked")
            List<WebElement> theirs = (List<WebElement>) visitor.js(ROOT + ".querySelectorAll('.msgs .m.them')");
            assertTrue(theirs.stream().noneMatch(b -> b.getText().contains("VIP customer")), "notes never reach the visitor");
        }
    }

    @Test
    void persianConversationRendersRightToLeft() throws Exception {
        try (Browser visitor = new Browser("fa"); Browser agent = new Browser("fa")) {
            openWidget(visitor, "سارا");
            say(visitor, "کارت بانکی من گم شده است");
            WebElement answer = awaitBubble(visitor, "کارت");
            assertEquals("rtl", visitor.js("return getComputedStyle(arguments[0]).direction", answer));
            assertEquals("rtl", visitor.js(ROOT + ".querySelector('.panel').getAttribute('dir')"));
            say(visitor, "می‌خواهم با کارشناس صحبت کنم");
            login(agent, "fa");
            String id = offeredTo(AGENT);
            acceptInConsole(agent, id);
            agent.until(WAIT, d -> "rtl".equals(agent.js("return document.documentElement.getAttribute('dir')")));
            // the transcript re-renders live: read the direction in the same step that finds the line
            Object direction = agent.until(WAIT, d -> d.findElements(By.cssSelector("#transcript [dir=auto]")).stream()
                    .filter(e -> e.getText().contains("کارت بانکی من")).findFirst()
                    .map(e -> agent.js("return getComputedStyle(arguments[0]).direction", e)).orElse(null));
            assertEquals("rtl", direction);
            reply(agent, "سلام سارا، کارت شما را مسدود کردیم.");
            agent.shot("agent-fa.png");
            WebElement reply = awaitBubble(visitor, "کارت شما را مسدود کردیم");
            assertEquals("rtl", visitor.js("return getComputedStyle(arguments[0]).direction", reply));
            visitor.shot("visitor-fa.png");
            agent.shot("agent-fa.png");
        }
    }

    @Test
    void supervisorSeesQueuesAgentsAndTheEmbedSnippet() throws Exception {
        try (Browser admin = new Browser("en")) {
            login(admin, "admin", app.password);
            admin.driver.get("http://localhost:" + app.httpPort + "/console/supervisor");
            admin.byId("queues-grid");
            admin.until(WAIT, d -> d.findElement(By.id("agents-grid")).getText().contains("alice"));
            String snippet = admin.until(WAIT, d -> {
                String t = d.findElement(By.id("embed-snippet")).getText();
                return t.contains("/webchat/widget.js") ? t : null;
            });
            assertEquals("<script src=\"http://localhost:" + app.httpPort + "/webchat/widget.js\" data-lang=\"fa\" async></script>",
                    snippet);
            admin.shot("supervisor.png"); // the console starts in Persian
        }
    }

    @Test
    void longPollingFallbackWithTypingAndReadMarks() throws Exception {
        try (Browser visitor = new Browser("en"); Browser agent = new Browser("en")) {
            visitor.withoutWebSocket();
            openWidget(visitor, "Reza");
            say(visitor, "I want to talk to a person please");
            awaitBubble(visitor, "agent");
            assertEquals(Boolean.TRUE, visitor.js("return performance.getEntriesByType('resource')"
                    + ".some(e => e.name.includes('/webchat/api/poll'))"), "the widget fell back to long polling");
            login(agent, "en");
            acceptInConsole(agent, offeredTo(AGENT));
            // the agent has the conversation open: the visitor's message is marked read
            visitor.until(WAIT, d -> Boolean.TRUE.equals(visitor.js(ROOT + ".querySelector('.msgs .m.me.read') != null")));
            // the agent types: the visitor sees the typing indicator
            agent.until(WAIT, d -> d.findElement(By.cssSelector("#reply-text textarea"))).sendKeys("Let me check");
            visitor.until(WAIT, d -> !String.valueOf(visitor.js(ROOT + ".querySelector('.typing').textContent")).isBlank());
            agent.byId("reply-send").click();
            awaitBubble(visitor, "Let me check");
            visitor.shot("visitor-longpoll.png");
        }
    }
}
