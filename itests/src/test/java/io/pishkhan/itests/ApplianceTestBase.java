package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Each integration test class boots the unpacked distribution once, and stops it with a check of the log. */
abstract class ApplianceTestBase {
    static Appliance app;

    @BeforeAll
    static void boot() throws Exception {
        vendorKeys = null; // a new key per class, trusted by this boot's appliance
        app = new Appliance(Path.of(System.getProperty("pishkhan.home")));
        app.start();
        // these tests were written against the keyword FAQ bot; BotIT switches to the assistant
        app.useBot("keyword-faq");
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (app != null) {
            resolveOpenConversations();
            app.stop();
            String log = app.log();
            assertFalse(log.contains("Unable to resolve") || log.contains("Unresolved requirements"),
                    "the distribution has unresolved bundles: see data/log/karaf.log");
        }
    }

    /**
     * The IT classes share one distribution and its database: a conversation a class leaves open keeps an agent busy
     * (or waiting in a queue) for the classes after it, so every class resolves what is still open when it ends.
     */
    static void resolveOpenConversations() {
        for (String state : List.of("BOT", "QUEUED", "OFFERED", "ASSIGNED")) {
            try {
                HttpResponse<String> open = call("GET", "/api/v1/conversations?state=" + state + "&limit=500", null);
                if (open.statusCode() != 200) {
                    continue;
                }
                for (JsonNode c : app.json(open)) {
                    call("POST", "/api/v1/conversations/" + c.path("id").asText() + "/resolve", null);
                }
            } catch (Exception e) {
                System.err.println("could not resolve the open " + state + " conversations: " + e);
            }
        }
    }

    // ------------------------------------------------------------------ REST and loopback

    static HttpResponse<String> call(String method, String path, Object body) throws Exception {
        byte[] bytes = body == null ? new byte[0] : Appliance.JSON.writeValueAsBytes(body);
        return app.send(method, path, "application/json", bytes, true);
    }

    static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return app.json(r);
    }

    /** A customer's message through the loopback channel; the receipt (customerId, conversationId...). */
    static JsonNode postLoopback(String from, String text) throws Exception {
        HttpResponse<String> r = app.send("POST", "/loopback/messages", "application/json",
                Appliance.JSON.writeValueAsBytes(Map.of("from", from, "text", text)), false);
        assertEquals(202, r.statusCode(), r.body());
        return app.json(r);
    }

    // ------------------------------------------------------------------ signed plugins

    /** Runs a JDK tool (keytool, jarsigner) of the JVM running the test. */
    static void jdk(String tool, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), tool + ": " + out);
    }

    static Path vendorKeys;

    /** Signs a jar or zip with the IT vendor's key, trusted by the appliance (its trust store, default password). */
    static Path sign(Path file, Path signed) throws Exception {
        if (vendorKeys == null) {
            Path work = Files.createTempDirectory("it-vendor-keys");
            Path keys = work.resolve("vendor.p12");
            jdk("keytool", "-genkeypair", "-alias", "vendor", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=IT Vendor", "-storetype", "PKCS12", "-keystore", keys.toString(), "-storepass",
                    "vendorpass");
            jdk("keytool", "-exportcert", "-alias", "vendor", "-storetype", "PKCS12", "-keystore", keys.toString(),
                    "-storepass", "vendorpass", "-file", work.resolve("vendor.cer").toString());
            Path trust = app.home.resolve("etc/pishkhan-plugins.p12");
            jdk("keytool", "-importcert", "-noprompt", "-alias", "it-vendor-" + System.nanoTime(), "-file",
                    work.resolve("vendor.cer").toString(), "-storetype", "PKCS12", "-keystore", trust.toString(),
                    "-storepass", "changeit");
            vendorKeys = keys;
        }
        Files.createDirectories(signed.getParent());
        jdk("jarsigner", "-keystore", vendorKeys.toString(), "-storetype", "PKCS12", "-storepass", "vendorpass",
                "-signedjar", signed.toString(), file.toString(), "vendor");
        return signed;
    }
}
