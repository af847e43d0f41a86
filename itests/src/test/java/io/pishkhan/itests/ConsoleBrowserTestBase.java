package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * What the console's browser tests share: one browser per test class logged in as the appliance's admin, the ways a
 * person uses the Vaadin screens (open a screen in a language, click, type into a field, upload a file, read a grid's
 * rows, wait for a status line), screenshots of the whole screen, and the REST and loopback calls that set up data.
 */
abstract class ConsoleBrowserTestBase extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(30);
    static Browser b;

    /** Opens the browser (English) and logs in as admin. */
    static void openBrowserAsAdmin() throws Exception {
        b = new Browser("en");
        logInAsAdmin();
    }

    static void logInAsAdmin() {
        b.driver.get(base() + "/console/");
        b.until(WAIT, d -> d.findElement(By.cssSelector("#vaadinLoginUsername input"))).sendKeys("admin");
        b.driver.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys(app.password, Keys.ENTER);
        assertEquals("admin", b.byId("current-user").getText());
    }

    static void closeBrowser() {
        if (b != null) {
            b.close();
            b = null;
        }
    }

    // ------------------------------------------------------------------ REST and loopback

    static String base() {
        return "http://localhost:" + app.httpPort;
    }

    // ------------------------------------------------------------------ the browser

    /** Opens a console screen in the language asked for (the switch is per session and reloads the page). */
    static void open(String path, String lang, String readyId) {
        b.driver.get(base() + "/console/" + path);
        b.byId(readyId);
        if (lang.equals("fa") != rtl()) {
            click("lang-switch");
            b.until(WAIT, d -> lang.equals("fa") == rtl());
            b.byId(readyId);
        }
    }

    static boolean rtl() {
        return "rtl".equals(b.js("return document.documentElement.getAttribute('dir')"));
    }

    static void click(String id) {
        WebElement e = b.byId(id);
        b.js("arguments[0].scrollIntoView({block: 'center'})", e);
        try {
            e.click();
        } catch (ElementClickInterceptedException covered) {
            // a notification lies over it for a few seconds: the click itself is what matters here
            b.js("arguments[0].click()", e);
        }
    }

    /** The input or textarea of a Vaadin field (they stay in the light DOM); dots in ids are escaped. */
    static WebElement field(String id) {
        String css = "#" + id.replace(".", "\\.");
        return b.until(WAIT, d -> {
            WebElement e = d.findElement(By.cssSelector(css + " input, " + css + " textarea"));
            return e.isDisplayed() && e.isEnabled() ? e : null;
        });
    }

    /** Replaces a field's text as a person does (select all, type) and leaves it, so that the value is sent. */
    static void type(String id, String text) {
        WebElement f = field(id);
        b.js("arguments[0].scrollIntoView({block: 'center'})", f);
        f.click();
        f.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        if (!text.isEmpty()) {
            f.sendKeys(text);
        }
        f.sendKeys(Keys.TAB);
    }

    static String value(String id) {
        return field(id).getDomProperty("value");
    }

    /**
     * The file input of a vaadin-upload (in its shadow root, hidden: the upload button clicks it), made visible so
     * that chromedriver accepts a path typed into it.
     */
    static WebElement fileInput(String uploadId) {
        b.byId(uploadId);
        return b.until(WAIT, d -> (WebElement) b.js("""
                const u = document.getElementById(arguments[0]);
                const i = u.querySelector('input[type=file]') || (u.shadowRoot && u.shadowRoot.querySelector('input[type=file]'));
                if (!i) return null;
                i.removeAttribute('hidden');
                i.style.display = 'block';
                return i;""", uploadId));
    }

    /** Waits until the screen's status line has that kind (ok / error) and contains the text; returns the text. */
    static String awaitStatus(String id, String kind, String contains) {
        return b.until(WAIT, d -> {
            WebElement s = d.findElement(By.id(id));
            String t = s.getText();
            return kind.equals(s.getDomAttribute("data-kind")) && t.contains(contains) ? t : null;
        });
    }

    /** The rendered rows of a vaadin-grid (in item order), each as the text of its cells. */
    @SuppressWarnings("unchecked")
    static List<List<String>> rows(String gridId) {
        WebElement g = b.byId(gridId);
        return (List<List<String>>) b.js("""
                const g = arguments[0];
                return [...g.shadowRoot.querySelectorAll('tbody tr')]
                  .filter(r => !r.hidden && r.index !== undefined && r.index < g.size)
                  .sort((x, y) => x.index - y.index)
                  .map(r => [...r.querySelectorAll('td')].map(td => {
                      const s = td.querySelector('slot');
                      const e = s && s.assignedElements()[0];
                      return e ? e.textContent.trim() : '';
                  }));""", g);
    }

    /** Waits until a rendered row of the grid satisfies the test; returns that row. */
    static List<String> awaitRow(String gridId, java.util.function.Predicate<List<String>> test) {
        return b.until(WAIT, d -> rows(gridId).stream().filter(test).findFirst().orElse(null));
    }

    /** A screenshot of the whole screen: the window is made as tall as the scrolled content, then put back. */
    static void screenshot(String fileName) throws Exception {
        Dimension before = b.driver.manage().window().getSize();
        Number h = (Number) b.js("return Math.max(...[...document.querySelectorAll('body *')]"
                + ".filter(e => getComputedStyle(e).overflowY === 'auto').map(e => e.scrollHeight), document.body.scrollHeight)");
        int height = Math.min(5000, h.intValue() + 120);
        b.js("document.querySelectorAll('body *').forEach(e => { if (e.scrollTop > 0) e.scrollTop = 0; })");
        try {
            if (height > before.getHeight()) {
                b.driver.manage().window().setSize(new Dimension(before.getWidth(), height));
                Thread.sleep(300); // let the grids lay out their rows for the taller window
            }
            b.shot(fileName);
        } finally {
            b.driver.manage().window().setSize(before);
        }
    }
}
