package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The admin pages of the console in a real browser against the real distribution, logged in as admin: the plugins
 * of the product listed by kind and a file that is not a bundle refused with the service's reason (/plugins); a
 * configuration form drawn from metatype, a value changed, saved, still there after a reload and in etc/
 * (/settings); the audit record of that save (/audit); a backup taken, listed, and deleted (/backups); the language
 * choice kept across a logout (cookie), with Jalali dates in Persian. Screenshots: target/screenshots/plugins.png,
 * settings.png, audit.png, backups.png, backups-fa.png.
 *
 * <p>Leaves the appliance as it found it: the changed setting is put back and the backup it takes is deleted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleBrowserIT extends ConsoleBrowserTestBase {
    static final String BACKUP_PID = "io.pishkhan.backup";

    /** The "keep" value of the backup form before the test, put back afterwards. */
    static Integer initialKeep;
    static int savedKeep;

    @BeforeAll
    static void openConsole() throws Exception {
        openBrowserAsAdmin();
    }

    @AfterAll
    static void restoreAndClose() throws Exception {
        try {
            if (b != null && initialKeep != null && savedKeep != initialKeep) {
                open("settings?pid=" + BACKUP_PID, "en", "cfg-keep");
                type("cfg-keep", Integer.toString(initialKeep));
                click("settings-save");
                awaitStatus("settings-status", "ok", "saved");
            }
        } finally {
            closeBrowser();
        }
    }

    static void shot(String name) throws Exception {
        screenshot(name);
    }

    // ------------------------------------------------------------------ 1. plugins

    @Test
    @Order(1)
    void pluginsListsTheProductAndRefusesAFileThatIsNotABundle() throws Exception {
        open("plugins", "en", "plugins-grid");
        assertTrue(b.byId("nav-plugins").isDisplayed(), "admins see the admin links");
        // channels come first: the product's loopback and web chat connectors
        @SuppressWarnings("unchecked")
        List<String> bsns = b.until(WAIT, d -> {
            List<String> l = (List<String>) b.js("return [...document.querySelectorAll('#plugins-grid [data-bsn]')]"
                    + ".map(e => e.getAttribute('data-bsn'))");
            return l.stream().anyMatch(s -> s.startsWith("io.pishkhan.channel.")) ? l : null;
        });
        assertTrue(bsns.stream().anyMatch(s -> s.equals("io.pishkhan.channel.loopback")
                || s.equals("io.pishkhan.channel.webchat")), bsns.toString());
        int count = Integer.parseInt(b.byId("plugins-count").getDomAttribute("data-count"));
        assertTrue(count >= 4, "the product's plugins: " + count);
        List<List<String>> shown = rows("plugins-grid");
        assertEquals("Channel", shown.get(0).get(0), "channels first: " + shown);
        assertTrue(shown.stream().anyMatch(r -> r.contains("Running") && r.contains("Healthy")), shown.toString());

        // a text file named .jar: the browser accepts the extension, the service refuses it with its reason
        Path notABundle = Files.createTempFile("not-a-plugin", ".jar");
        Files.writeString(notABundle, "this is not a bundle", StandardCharsets.UTF_8);
        fileInput("plugin-upload").sendKeys(notABundle.toAbsolutePath().toString());
        String refused = awaitStatus("plugins-status", "error", "Refused: ");
        assertTrue(refused.length() > "Refused: ".length() + 5, refused);
        assertFalse(refused.contains("The file was refused"), "the server's reason, not the browser's: " + refused);
        assertEquals(count, Integer.parseInt(b.byId("plugins-count").getDomAttribute("data-count")),
                "nothing was installed");
        shot("plugins.png");
    }

    // ------------------------------------------------------------------ 2. settings

    @Test
    @Order(2)
    void aSettingIsSavedFromTheGeneratedFormAndStaysAfterAReload() throws Exception {
        open("settings", "en", "settings-forms");
        type("settings-search", "backup");
        awaitRow("settings-forms", r -> r.get(0).equals("Pishkhan backup"));
        open("settings?pid=" + BACKUP_PID, "en", "cfg-keep");
        assertEquals("Pishkhan backup", b.byId("settings-title").getText());
        assertEquals("INTEGER", b.byId("cfg-keep").getDomAttribute("data-type"), "drawn from the metatype");
        assertNotNull(b.byId("cfg-etcFiles").findElement(By.cssSelector("textarea")), "a list: one value a line");
        String before = value("cfg-keep");
        initialKeep = before.isEmpty() ? 14 : Integer.parseInt(before);
        savedKeep = initialKeep == 9 ? 8 : 9;

        // out of range (metatype max 1000): refused on the field, nothing saved
        type("cfg-keep", "5000");
        click("settings-save");
        awaitStatus("settings-status", "error", "Nothing was saved");
        b.until(WAIT, d -> d.findElement(By.id("cfg-keep")).getDomAttribute("invalid") != null ? true : null);

        type("cfg-keep", Integer.toString(savedKeep));
        click("settings-save");
        awaitStatus("settings-status", "ok", "Pishkhan backup saved");
        shot("settings.png");

        b.driver.navigate().refresh();
        b.until(WAIT, d -> Integer.toString(savedKeep).equals(value("cfg-keep")) ? true : null);
        // ConfigAdmin writes the value back to etc/ when the configuration came from a file there
        Path cfg = app.home.resolve("etc/" + BACKUP_PID + ".cfg");
        if (Files.exists(cfg)) {
            b.until(WAIT, d -> {
                try {
                    return Files.readString(cfg).matches("(?s).*(^|\\n)keep\\s*=\\s*\"?I?\"?" + savedKeep + "\"?\\s*(\\n.*|$)")
                            ? true : null;
                } catch (java.io.IOException e) {
                    return null;
                }
            });
        }
    }

    // ------------------------------------------------------------------ 3. audit

    @Test
    @Order(3)
    void theAuditShowsTheSave() throws Exception {
        open("audit", "en", "audit-grid");
        type("audit-text", BACKUP_PID);
        List<String> row = awaitRow("audit-grid", r -> r.contains("config.save") && r.contains("admin")
                && r.contains(BACKUP_PID));
        assertEquals(row, rows("audit-grid").get(0), "newest first: the save of the settings test");
        // a row click opens the whole detail (before and after values)
        WebElement cell = b.until(WAIT, d -> d.findElements(By.cssSelector("#audit-grid vaadin-grid-cell-content"))
                .stream().filter(e -> e.getText().equals("config.save")).findFirst().orElse(null));
        cell.click();
        WebElement detail = b.until(WAIT, d -> d.findElements(By.cssSelector("[id^=audit-detail-]")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertTrue(detail.getText().contains("keep") && detail.getText().contains(Integer.toString(savedKeep)),
                detail.getText());
        assertNotNull(b.byId("audit-csv").getDomAttribute("href"), "CSV export link");
        shot("audit.png");
    }

    // ------------------------------------------------------------------ 4. backups

    @Test
    @Order(4)
    void aBackupIsTakenListedAndDeleted() throws Exception {
        open("backups", "en", "backups-grid");
        assertTrue(b.byId("backups-pending").getText().length() > 0);
        click("backup-now");
        String done = awaitStatus("backups-status", "ok", " taken");
        Matcher m = Pattern.compile("Backup (\\S+) taken").matcher(done);
        assertTrue(m.find(), done);
        String id = m.group(1);
        b.byId("backup-" + id);
        List<String> row = awaitRow("backups-grid", r -> r.get(0).equals(id));
        assertTrue(row.get(3).contains("database"), row.toString());
        String href = b.byId("backup-download-" + id).getDomAttribute("href");
        assertNotNull(href, "download link");
        shot("backups.png");

        // Persian: Jalali dates with Persian digits, and the choice survives a logout (cookie)
        open("backups", "fa", "backups-grid");
        List<String> faRow = awaitRow("backups-grid", r -> r.get(0).equals(id));
        assertTrue(faRow.get(1).matches("[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}"), faRow.toString());
        assertTrue(faRow.get(1).startsWith("۱۴"), "a Jalali year: " + faRow);
        shot("backups-fa.png");
        click("logout");
        b.until(WAIT, d -> d.findElement(By.cssSelector("#vaadinLoginUsername input")));
        assertTrue(rtl(), "the login page keeps the language chosen before");
        logInAsAdmin();
        assertTrue(rtl(), "and so does the next session");
        open("backups", "en", "backups-grid");

        click("backup-delete-" + id);
        click("backup-confirm-ok");
        awaitStatus("backups-status", "ok", "deleted");
        // gone from the appliance and from the grid's rows (the grid may keep detached cell components in the DOM)
        assertFalse(app.get("/api/v1/admin/backups", true).body().contains(id), "deleted on the appliance");
        b.until(WAIT, d -> rows("backups-grid").stream().noneMatch(r -> !r.isEmpty() && r.get(0).equals(id)) ? true : null);
    }

    // ------------------------------------------------------------------ 5. users and API tokens (security bundle)

    @Test
    @Order(5)
    void aUserLogsInInHisLanguageAndATokenWorksUntilRevoked() throws Exception {
        open("users", "en", "users-grid");
        org.junit.jupiter.api.Assumptions.assumeTrue(b.driver.findElements(By.id("users-missing")).isEmpty(),
                "the user store is not installed");
        String name = "it-ui-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String password = "It-" + java.util.UUID.randomUUID();
        type("user-name", name);
        type("user-display", "کاربر آزمایشی");
        // roles: a multi-select combo box; type and pick "Supervisor"
        WebElement roles = field("user-roles");
        roles.click();
        roles.sendKeys("Supervisor");
        b.until(WAIT, d -> d.findElements(By.cssSelector("vaadin-multi-select-combo-box-item")).stream()
                .filter(e -> e.getText().contains("Supervisor")).findFirst().orElse(null)).click();
        roles.sendKeys(Keys.ESCAPE);
        click("user-language");
        b.until(WAIT, d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(e -> e.getText().equals("فارسی")).findFirst().orElse(null)).click();
        type("user-password", password);
        type("user-password-repeat", password);
        WebElement must = b.byId("user-must-change");
        if ("true".equals(must.getDomProperty("checked"))) {
            must.click();
        }
        click("user-save");
        awaitStatus("users-status", "ok", name);
        awaitRow("users-grid", r -> r.get(0).equals(name));

        // he logs in: the console opens in his language (Persian, from the user store), with his name
        click("logout");
        b.until(WAIT, d -> d.findElement(By.cssSelector("#vaadinLoginUsername input"))).sendKeys(name);
        b.driver.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys(password, Keys.ENTER);
        assertEquals(name, b.byId("current-user").getText());
        b.until(WAIT, d -> rtl() ? true : null);
        assertTrue(b.driver.findElements(By.id("nav-users")).isEmpty(), "a supervisor has no admin links");
        click("logout");
        b.until(WAIT, d -> d.findElement(By.cssSelector("#vaadinLoginUsername input")));
        logInAsAdmin();

        // an admin token: the secret is shown once and works as a Bearer token until revoked
        open("tokens", "en", "token-name");
        type("token-name", "it-" + name);
        click("token-role");
        b.until(WAIT, d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(e -> e.getText().equals("Administrator")).findFirst().orElse(null)).click();
        click("token-create");
        String secret = b.byId("token-secret").getText().strip();
        assertTrue(secret.startsWith("pk_"), secret);
        shot("tokens.png");
        click("token-secret-close");
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base() + "/api/v1/admin/backups")).header("Authorization", "Bearer " + secret)
                .build();
        assertEquals(200, app.http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        List<String> row = awaitRow("tokens-grid", r -> r.get(0).equals("it-" + name));
        String tokenId = row.get(1);
        click("token-revoke-" + tokenId);
        click("token-revoke-confirm");
        awaitStatus("tokens-status", "ok", "revoked");
        assertEquals(401, app.http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());

        // clean up the user
        open("users", "en", "users-grid");
        click("user-delete-" + name);
        click("user-delete-confirm");
        awaitStatus("users-status", "ok", "deleted");
    }

    // ------------------------------------------------------------------ 6. a signed plugin uploaded and swapped

    static final String SWAPPED = "io.pishkhan.analytics.messagecount";

    /** The id of the plugin row showing this bundle, or null when none is shown. */
    static String pluginRowId(String bsn) {
        return (String) b.js("const e = document.querySelector('#plugins-grid [data-bsn=\"' + arguments[0] + '\"]');"
                + " return e ? e.id.substring('plugin-'.length) : null;", bsn);
    }

    static String pluginHealth(String id) {
        return b.byId("plugin-health-" + id).getText();
    }

    @Test
    @Order(6)
    void aSignedPluginIsUploadedAndSwappedWhileUnsignedOnesAreRefused() throws Exception {
        // the plugin: the product's message-count analytics bundle, as a vendor would ship it
        Path jar;
        try (java.util.stream.Stream<Path> files = Files.walk(app.home.resolve("system/io/pishkhan/" + SWAPPED))) {
            jar = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Path work = Files.createTempDirectory("it-plugin");
        Path unsigned = work.resolve(SWAPPED + ".jar");
        Files.copy(jar, unsigned);
        Path signed = sign(unsigned, work.resolve("signed/" + SWAPPED + ".jar"));

        open("plugins", "en", "plugins-grid");
        String id = b.until(WAIT, d -> pluginRowId(SWAPPED));
        click("plugin-uninstall-" + id);
        click("plugin-confirm-ok");
        awaitStatus("plugins-status", "ok", "uninstalled");
        b.until(WAIT, d -> pluginRowId(SWAPPED) == null ? true : null);

        // unsigned: refused with the reason, nothing installed
        fileInput("plugin-upload").sendKeys(unsigned.toString());
        String refused = awaitStatus("plugins-status", "error", "not signed");
        assertTrue(refused.contains("jarsigner"), refused);
        assertEquals(null, pluginRowId(SWAPPED));

        // signed by a trusted vendor: installed and running, without a restart
        b.driver.navigate().refresh();
        b.byId("plugins-grid");
        fileInput("plugin-upload").sendKeys(signed.toString());
        awaitStatus("plugins-status", "ok", "installed and started");
        String installed = b.until(WAIT, d -> pluginRowId(SWAPPED));
        b.until(WAIT, d -> pluginHealth(installed).contains("Healthy") ? true : null);
        List<String> row = awaitRow("plugins-grid", r -> r.stream().anyMatch(c -> c.contains("message count")));
        assertTrue(row.contains("Running"), row.toString());

        // swapped out and in again from the console
        click("plugin-stop-" + installed);
        click("plugin-confirm-ok");
        awaitStatus("plugins-status", "ok", "stopped");
        awaitRow("plugins-grid", r -> r.contains(row.get(1)) && r.contains("Stopped"));
        click("plugin-start-" + installed);
        awaitStatus("plugins-status", "ok", "started");
        awaitRow("plugins-grid", r -> r.contains(row.get(1)) && r.contains("Running"));
        shot("plugins-swapped.png");

        // the audit names the admin who did it
        open("audit", "en", "audit-grid");
        type("audit-text", SWAPPED);
        awaitRow("audit-grid", r -> r.contains("plugin.install") && r.contains("admin") && r.contains(SWAPPED));
        awaitRow("audit-grid", r -> r.contains("plugin.install.refused") && r.contains("admin"));
    }

    // ------------------------------------------------------------------ 7. export / import round trip

    static String firstReply(String to) throws Exception {
        return app.awaitJson("/loopback/replies?to=" + to, false, n -> n.path("replies").size() >= 1, WAIT)
                .path("replies").get(0).path("text").asText();
    }

    static String importedPattern;

    @Test
    @Order(7)
    void theConfigurationIsExportedAndImportedBackWithADiffAndTakesEffectWithoutARestart() throws Exception {
        importedPattern = "it-imported-" + Long.toString(System.nanoTime() % 1_000_000, 36) + "-*";
        JsonNode entry = app.json(call("POST", "/api/v1/blacklist", java.util.Map.of("kind", "address", "pattern",
                importedPattern, "action", "BLOCK", "comment", "round trip")));
        String entryId = entry.path("id").asText();
        assertFalse(entryId.isEmpty(), entry.toString());

        // export from the browser: the console's download link, fetched with the session of the logged-in admin
        open("transfer", "en", "transfer-export");
        String href = b.byId("transfer-export").getDomAttribute("href");
        String base64 = (String) ((org.openqa.selenium.JavascriptExecutor) b.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer()).then(buf => {
                  let s = ''; const a = new Uint8Array(buf);
                  for (let i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
                  done(btoa(s));
                }).catch(e => done('ERROR ' + e));""", href);
        assertFalse(base64.startsWith("ERROR"), base64);
        byte[] zip = java.util.Base64.getDecoder().decode(base64);
        assertTrue(zip.length > 100 && zip[0] == 'P' && zip[1] == 'K', "a zip of " + zip.length + " bytes");
        Path archive = Files.createTempFile("pishkhan-config", ".zip");
        Files.write(archive, zip);

        // the appliance moves on: the entry is deleted, so the archive's one is new again
        assertEquals(200, call("DELETE", "/api/v1/blacklist/" + entryId + "?comment=gone", null).statusCode());
        String before = "it-imported-before-" + importedPattern.substring("it-imported-".length()).replace("*", "1");
        String from = importedPattern.replace("*", "1");
        postLoopback(from, "hello before the import");
        assertFalse(firstReply(from).contains("cannot take your message"), "not blocked before the import");

        // import: the preview lists the entry as added; apply all
        fileInput("transfer-upload").sendKeys(archive.toString());
        awaitStatus("transfer-status", "ok", "");
        List<String> added = awaitRow("transfer-grid", r -> r.size() > 2 && r.contains("blacklist")
                && r.contains(entryId));
        assertTrue(added.contains("Added"), added.toString());
        String summary = b.byId("transfer-summary").getText();
        assertTrue(summary.contains("intents"), "what is not included is said: " + summary);
        shot("transfer-preview.png");
        click("transfer-apply-all");
        click("transfer-confirm-ok");
        String applied = awaitStatus("transfer-status", "ok", "applied");
        String failures = (String) b.js("return document.getElementById('transfer-failures').textContent");
        assertTrue(failures.isBlank(), failures);
        shot("transfer-applied.png");

        // live at once: a new sender matching the imported entry is blocked with the default notice
        String blocked = importedPattern.replace("*", "2");
        JsonNode receipt = postLoopback(blocked, "hello after the import");
        assertTrue(firstReply(blocked).contains("cannot take your message"), applied);
        app.awaitJson("/api/v1/conversations/" + receipt.path("conversationId").asText(), true,
                n -> n.path("state").asText().equals("RESOLVED"), WAIT);
        assertTrue(before.startsWith("it-imported-before-"));
    }

    // ------------------------------------------------------------------ 8. a form change changes behaviour

    @Test
    @Order(8)
    void aSettingChangedInTheFormChangesWhatCustomersGet() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(importedPattern != null, "needs the imported blacklist entry");
        String notice = "IT notice " + System.nanoTime() + ": please visit a branch.";
        open("settings?pid=io.pishkhan.core", "en", "cfg-notice.blocked.en");
        WebElement f = b.until(WAIT, d -> {
            WebElement e = d.findElement(By.cssSelector("#cfg-notice\\.blocked\\.en input"));
            return e.isDisplayed() && e.isEnabled() ? e : null;
        });
        b.js("arguments[0].scrollIntoView({block: 'center'})", f);
        f.click();
        f.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        f.sendKeys(notice, Keys.TAB);
        click("settings-save");
        awaitStatus("settings-status", "ok", "saved");
        // the file stays in plain key = value form (hand edits later do not turn it into text for Karaf)
        Path coreCfg = app.home.resolve("etc/io.pishkhan.core.cfg");
        b.until(WAIT, d -> {
            try {
                return Files.readString(coreCfg).contains(notice) ? true : null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String written = Files.readString(coreCfg);
        assertFalse(Pattern.compile("(?m)^[\\w.]+\\s*=\\s*[ILB]\"").matcher(written).find(), written);

        // no restart: the next blocked sender gets the new notice (the core's @Modified)
        String from = importedPattern.replace("*", "3");
        String text = b.until(WAIT, d -> {
            try {
                String sender = from + "-" + System.nanoTime();
                postLoopback(sender, "hello after the settings change");
                String reply = firstReply(sender);
                return reply.equals(notice) ? reply : null;
            } catch (Exception e) {
                return null;
            }
        });
        assertEquals(notice, text);
    }

    // ------------------------------------------------------------------ 9. a vendor (PF4J) plugin from the browser

    /** The vendor's plugin zip as the SDK's packaging makes it: plugin.properties, classes/, extensions.idx. */
    static Path vendorZip(Path dir) throws Exception {
        Class<?> c = io.pishkhan.itests.vendor.ItSmsChannel.class;
        Path zip = dir.resolve("it-sms-1.0.0.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("plugin.properties"));
            out.write(("plugin.id=it-sms\nplugin.version=1.0.0\nplugin.provider=IT Vendor\n"
                    + "plugin.description=IT SMS gateway\n").getBytes(StandardCharsets.UTF_8));
            String path = c.getName().replace('.', '/') + ".class";
            out.putNextEntry(new java.util.zip.ZipEntry("classes/" + path));
            try (java.io.InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                in.transferTo(out);
            }
            out.putNextEntry(new java.util.zip.ZipEntry("classes/META-INF/extensions.idx"));
            out.write((c.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return zip;
    }

    static HttpResponse<String> hook(String method, String path, String body) throws Exception {
        java.net.http.HttpRequest r = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/hooks/" + path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        return app.http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(9)
    void aVendorPluginZipIsUploadedAndServesCustomersEndToEnd() throws Exception {
        Path work = Files.createTempDirectory("it-vendor");
        Path signed = sign(vendorZip(work), work.resolve("signed/it-sms-1.0.0.zip"));
        open("plugins", "en", "plugins-grid");
        fileInput("plugin-upload").sendKeys(signed.toString());
        awaitStatus("plugins-status", "ok", "installed and started");
        List<String> row = awaitRow("plugins-grid", r -> r.contains("IT SMS gateway"));
        assertTrue(row.contains("Running") && row.contains("Channel"), row.toString());
        screenshot("plugins-vendor.png");

        // a customer writes through the vendor's gateway: stored, answered, the answer delivered by the plugin
        HttpResponse<String> in = hook("POST", "it-sms?from=%2B989121234567&id=gw-1", "hello");
        assertEquals(200, in.statusCode(), in.body());
        String conversation = app.json(in).path("conversationId").asText();
        assertEquals("it-sms", app.awaitJson("/api/v1/conversations/" + conversation, true,
                n -> n.path("messages").size() >= 2, WAIT).path("channel").asText());
        String sent = b.until(WAIT, d -> {
            try {
                String s = hook("GET", "it-sms/sent", null).body();
                return s.contains("+989121234567 ") ? s : null;
            } catch (Exception e) {
                return null;
            }
        });
        assertTrue(sent.startsWith("[\""), sent);

        // removed from the console: the channel and its webhook are gone
        String id = (String) b.js("const e = [...document.querySelectorAll('#plugins-grid [data-bsn=\"it-sms\"]')][0];"
                + " return e ? e.id.substring('plugin-'.length) : null;");
        click("plugin-uninstall-" + id);
        click("plugin-confirm-ok");
        awaitStatus("plugins-status", "ok", "uninstalled");
        assertEquals(404, hook("GET", "it-sms/sent", null).statusCode());
    }
}
