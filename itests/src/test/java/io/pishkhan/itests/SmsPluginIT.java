package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The example SMS plugin (plugins/pishkhan-sms-http, built with the SDK only) end to end on the real distribution: its
 * signed zip is installed at runtime over the admin REST API, configured by the admin's properties file, a customer's
 * SMS comes in through the gateway's webhook, the bot's answer goes out to a local HTTP gateway that speaks the
 * plugin's documented form API, the gateway's delivery report is recorded on the conversation, and the plugin is
 * removed again.
 */
class SmsPluginIT extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(60);
    static HttpServer gateway;
    static final List<String> sent = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    static HttpResponse<String> hook(String path, String form, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort + "/hooks/sms" + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) {
            r.header("X-Gateway-Token", token);
        }
        return app.http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSmsPluginIsInstalledAtRuntimeAndServesACustomerThroughItsGateway() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/send", ex -> {
            sent.add(URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        gateway.start();
        Files.writeString(app.home.resolve("etc/pishkhan-plugin-sms-http.properties"), String.join("\n",
                "gateway.url = http://127.0.0.1:" + gateway.getAddress().getPort() + "/send",
                "gateway.sender = 3000123",
                "webhook.token = it-token", ""));

        Path zip = Path.of(System.getProperty("pishkhan.smsPlugin"));
        assertTrue(Files.isRegularFile(zip), "build plugins/pishkhan-sms-http first: " + zip);
        Path signed = sign(zip, Files.createTempDirectory("it-sms").resolve("pishkhan-sms-http.zip"));
        HttpResponse<String> installed = app.send("POST", "/api/v1/admin/plugins?file=pishkhan-sms-http.zip",
                "application/octet-stream", Files.readAllBytes(signed), true);
        assertEquals(201, installed.statusCode(), installed.body());
        JsonNode plugin = app.json(installed);
        assertEquals("sms-http", plugin.path("symbolicName").asText());
        assertTrue(plugin.path("id").asLong() < 0);

        // the unsigned zip is refused
        HttpResponse<String> unsigned = app.send("POST", "/api/v1/admin/plugins?file=x.zip", "application/octet-stream",
                Files.readAllBytes(zip), true);
        assertTrue(unsigned.statusCode() / 100 == 4 && unsigned.body().contains("not signed"), unsigned.body());

        assertEquals(401, hook("/inbound", "from=%2B989121234567&text=hi", "wrong").statusCode());
        HttpResponse<String> in = hook("/inbound", "from=%2B989121234567&text=hello&id=gw-1", "it-token");
        assertEquals(200, in.statusCode(), in.body());
        String conversation = app.json(in).path("conversationId").asText();
        JsonNode c = app.awaitJson("/api/v1/conversations/" + conversation, true,
                n -> n.path("messages").size() >= 2, WAIT);
        assertEquals("sms", c.path("channel").asText());
        String reply = c.path("messages").get(1).path("id").asText();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sent.stream().noneMatch(s -> s.contains("reference=" + reply)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        String form = sent.stream().filter(s -> s.contains("reference=" + reply)).findFirst().orElseThrow(
                () -> new AssertionError("the gateway got no SMS for " + reply + ": " + sent));
        assertTrue(form.contains("to=+989121234567") && form.contains("from=3000123"), form);

        HttpResponse<String> report = hook("/report", "reference=" + reply + "&status=FAILED&detail=handset+off",
                "it-token");
        assertEquals(200, report.statusCode(), report.body());
        app.awaitJson("/api/v1/conversations/" + conversation, true, n -> {
            for (JsonNode e : n.path("events")) {
                if (e.path("type").asText().equals("DELIVERY_FAILED")
                        && e.path("data").path("detail").asText().equals("handset off")) {
                    return true;
                }
            }
            return false;
        }, WAIT);

        HttpResponse<String> removed = app.send("DELETE", "/api/v1/admin/plugins/" + plugin.path("id").asLong(), null,
                new byte[0], true);
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(404, hook("/inbound", "from=1&text=x", "it-token").statusCode());
    }
}
