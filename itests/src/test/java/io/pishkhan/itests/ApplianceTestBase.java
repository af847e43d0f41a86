package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Each integration test class boots the unpacked distribution once, and stops it with a check of the log. */
abstract class ApplianceTestBase {
    static Appliance app;

    @BeforeAll
    static void boot() throws Exception {
        app = new Appliance(Path.of(System.getProperty("pishkhan.home")));
        app.start();
        // these tests were written against the keyword FAQ bot; BotIT switches to the assistant
        app.useBot("keyword-faq");
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (app != null) {
            app.stop();
            String log = app.log();
            assertFalse(log.contains("Unable to resolve") || log.contains("Unresolved requirements"),
                    "the distribution has unresolved bundles: see data/log/karaf.log");
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
}
