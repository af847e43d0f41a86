package io.pishkhan.itests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A headless Debian chromium driven by Selenium (chromium and chromium-driver come from .ci/run). */
final class Browser implements AutoCloseable {
    static final Path SHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    final WebDriver driver;

    Browser(String lang) throws Exception {
        Files.createDirectories(SHOTS);
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=" + lang, "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, o);
    }

    /** Pages opened from now on have no WebSocket (as behind a proxy that blocks upgrades). */
    void withoutWebSocket() {
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                java.util.Map.of("source", "window.WebSocket = undefined;"));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();

    /** Waits for the condition; on a timeout saves a screenshot (timeout-N.png) before failing. */
    <T> T until(Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(200))
                    .ignoring(RuntimeException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                shot("timeout-" + FAILURES.incrementAndGet() + ".png");
            } catch (Exception ignored) {
                // the failure below matters more
            }
            throw e;
        }
    }

    WebElement byId(String id) {
        return until(Duration.ofSeconds(30), d -> {
            WebElement e = d.findElement(By.id(id));
            return e.isDisplayed() ? e : null;
        });
    }

    Path shot(String name) throws Exception {
        Path p = SHOTS.resolve(name);
        Files.write(p, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        System.out.println("SCREENSHOT " + p.toAbsolutePath());
        return p;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
