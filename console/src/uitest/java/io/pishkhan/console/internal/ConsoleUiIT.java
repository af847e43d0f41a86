package io.pishkhan.console.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.regex.*;
import org.junit.jupiter.api.*;
import org.openqa.selenium.*;
import org.openqa.selenium.chrome.*;
import org.openqa.selenium.logging.*;
import org.openqa.selenium.support.ui.*;

/**
 * Browser test of the console against a running appliance (not part of the normal build):
 * <pre>mvn test -pl console -Puitest -Dconsole.base=http://localhost:18381 -Dconsole.agentPassword=pw
 *     -Dconsole.adminPassword=...</pre>
 * Needs Debian chromium and chromium-driver, the agent user alice (agentgroup), the admin user, and the loopback
 * channel. Conversations are created through the loopback channel; screenshots go to target/screenshots. Run it on a
 * quiet appliance (no conversations waiting for agents): the new conversation must be offered to alice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ConsoleUiIT {
    static final String BASE = System.getProperty("console.base", "http://localhost:8181");
    static final Path SHOTS = Paths.get(System.getProperty("console.shots", "target/screenshots"));
    static final String PW = System.getProperty("console.agentPassword", "pw");
    static WebDriver d;
    static String convId;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        ChromeDriverService s = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1500,950",
                "--user-data-dir=" + Files.createTempDirectory("chr"));
        LoggingPreferences lp = new LoggingPreferences();
        lp.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        o.setCapability("goog:loggingPrefs", lp);
        d = new ChromeDriver(s, o);
    }

    @AfterAll
    static void stop() {
        if (d != null) {
            try { for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) System.out.println("BROWSER " + e); } catch (Exception ignored) { }
            d.quit();
        }
    }

    static Object js(String s, Object... a) { return ((JavascriptExecutor) d).executeScript(s, a); }
    static void shot(String n) throws Exception {
        Thread.sleep(500);
        Files.write(SHOTS.resolve(n), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        System.out.println("SCREENSHOT " + SHOTS.resolve(n));
    }
    static WebDriverWait w(int s) { return new WebDriverWait(d, Duration.ofSeconds(s)); }
    static WebElement byId(String id) { return w(20).until(x -> x.findElement(By.id(id))); }
    static void type(String id, String text) {
        WebElement f = byId(id);
        WebElement in = f.findElement(By.cssSelector("input, textarea"));
        in.clear();
        in.sendKeys(text);
    }
    static void login(String user, String pw) {
        d.get(BASE + "/console/login");
        type("vaadinLoginUsername", user);
        type("vaadinLoginPassword", pw);
        byId("login-form").findElement(By.cssSelector("vaadin-button[slot='submit'], vaadin-button")).click();
    }
    static String post(String from, String text) throws Exception {
        String body = "{\"from\":\"" + from + "\",\"text\":\"" + text.replace("\"", "\\\"") + "\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + "/loopback/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("POST " + r.statusCode() + " " + r.body());
        Matcher m = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        return m.find() ? m.group(1) : null;
    }
    static void pick(String selectId, String textPart) {
        byId(selectId).click();
        w(10).until(x -> {
            for (WebElement it : x.findElements(By.cssSelector("vaadin-select-item"))) {
                if (it.isDisplayed() && it.getText().contains(textPart)) { it.click(); return true; }
            }
            return false;
        });
    }

    @Test @Order(1)
    void loginRequiredAndWrongPassword() throws Exception {
        d.get(BASE + "/console/");
        w(20).until(x -> x.getCurrentUrl().contains("/login"));
        byId("vaadinLoginUsername");
        assertEquals("rtl", js("return document.documentElement.dir"));
        shot("01-login-fa.png");
        login("alice", "wrong");
        w(10).until(x -> Boolean.TRUE.equals(js("return document.getElementById('login-form').error === true")));
        shot("02-login-failed.png");
    }

    @Test @Order(2)
    void agentDesktopLiveOffer() throws Exception {
        // bob goes offline and declines his offers, so that the routing offers new conversations to alice
        login("bob", PW);
        byId("inbox");
        pick("presence", "برون‌خط");
        for (int i = 0; i < 20; i++) {
            List<WebElement> declines = d.findElements(By.cssSelector("vaadin-button[id^='decline-']"));
            if (declines.isEmpty()) break;
            declines.get(0).click();
            Thread.sleep(700);
        }
        shot("03a-bob-offline.png");
        byId("logout").click();
        w(20).until(x -> x.getCurrentUrl().contains("/login"));
        byId("vaadinLoginUsername");
        String before = d.manage().getCookieNamed("JSESSIONID").getValue();
        login("alice", PW);
        byId("inbox");
        assertNotEquals(before, d.manage().getCookieNamed("JSESSIONID").getValue(), "new session id after login");
        byId("presence");
        shot("03-desktop-empty.png");
        String evil = "I need a person <script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
        convId = post("xss-user", evil);
        assertNotNull(convId);
        // arrives by push: no reload
        w(30).until(x -> !x.findElements(By.id("offer-" + convId)).isEmpty() || !x.findElements(By.id("conv-" + convId)).isEmpty());
        shot("04-desktop-offer.png");
        if (!d.findElements(By.id("accept-" + convId)).isEmpty()) {
            byId("accept-" + convId).click();
        } else {
            byId("conv-" + convId).click();
        }
        byId("transcript");
        w(10).until(x -> x.findElement(By.id("transcript")).getText().contains("<script>"));
        assertEquals(0L, js("return document.querySelectorAll('#transcript img, #transcript script').length"));
        assertNull(js("return window.__xss"));
        System.out.println("CONTEXT intent=" + byId("context-intent").getText() + " reason=" + byId("context-reason").getText());
        shot("05-conversation.png");
    }

    @Test @Order(3)
    void liveMessageTemplateNoteReply() throws Exception {
        post("xss-user", "کارت بانکی من گم شده است، لطفاً کمک کنید");
        w(20).until(x -> x.findElement(By.id("transcript")).getText().contains("کارت بانکی"));
        pick("template-select", "greeting");
        w(5).until(x -> !String.valueOf(js("return document.querySelector('#reply-text textarea').value")).isEmpty());
        System.out.println("TEMPLATE " + js("return document.querySelector('#reply-text textarea').value"));
        byId("reply-send").click();
        type("note-text", "یادداشت داخلی: مشتری VIP است");
        byId("note-add").click();
        w(10).until(x -> x.findElements(By.cssSelector("#transcript [data-sender=NOTE]")).size() == 1);
        w(10).until(x -> x.findElements(By.cssSelector("#transcript [data-sender=AGENT]")).size() >= 1);
        shot("06-reply-note.png");
    }

    @Test @Order(4)
    void englishAndSupervisor() throws Exception {
        byId("lang-switch").click();
        w(20).until(x -> "ltr".equals(js("return document.documentElement.dir")));
        byId("inbox");
        Thread.sleep(1000);
        if (convId != null && !d.findElements(By.id("conv-" + convId)).isEmpty()) byId("conv-" + convId).click();
        shot("07-desktop-en.png");
    }

    @Test @Order(5)
    void resolveAndLogout() throws Exception {
        d.get(BASE + "/console/");
        byId("conv-" + convId).click();
        byId("resolve").click();
        w(10).until(x -> x.findElements(By.id("conv-" + convId)).isEmpty());
        byId("logout").click();
        w(20).until(x -> x.getCurrentUrl().contains("/login"));
        d.get(BASE + "/console/supervisor");
        w(20).until(x -> x.getCurrentUrl().contains("/login"));
    }

    @Test @Order(6)
    void supervisor() throws Exception {
        login("admin", System.getProperty("console.adminPassword", "test"));
        byId("nav-supervisor").click();
        WebElement grid = byId("queues-grid");
        byId("agents-grid");
        String u1 = byId("supervisor-updated").getText();
        Thread.sleep(2500);
        String u2 = byId("supervisor-updated").getText();
        System.out.println("UPDATED " + u1 + " -> " + u2);
        assertNotEquals(u1, u2, "the 1 s timer refreshes the view");
        shot("08-supervisor-fa.png");
        byId("lang-switch").click();
        w(20).until(x -> "ltr".equals(js("return document.documentElement.dir")));
        byId("queues-grid");
        Thread.sleep(1500);
        shot("09-supervisor-en.png");
        System.out.println("QUEUES " + byId("queues-grid").getText().replace('\n', '|'));
        System.out.println("AGENTS " + byId("agents-grid").getText().replace('\n', '|'));
        byId("nav-desktop").click();
        byId("agent-unknown");
        shot("10-admin-desktop.png");
        byId("lang-switch").click();
        w(20).until(x -> "rtl".equals(js("return document.documentElement.dir")));
        byId("logout").click();
        w(20).until(x -> x.getCurrentUrl().contains("/login"));
        login("bob", PW);
        pick("presence", "در دسترس");
    }
}
