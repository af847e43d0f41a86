package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A Telegram-style bot on the real distribution: a small local server implements the Bot API calls the channel uses
 * (getUpdates with offset semantics, sendMessage, answerCallbackQuery); the admin adds the bot as a factory
 * configuration in etc/ (what the console's form does), the appliance long-polls, a customer's message is stored
 * and answered by the bot through sendMessage, and removing the configuration stops the bot.
 */
class MessengerIT extends ApplianceTestBase {
    static final Duration WAIT = Duration.ofSeconds(60);
    static HttpServer botApi;
    static final List<ObjectNode> pending = new CopyOnWriteArrayList<>();
    static final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    static final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stopBotApi() {
        if (botApi != null) {
            botApi.stop(0);
        }
    }

    @Test
    void aTelegramBotIsAddedAtRuntimeAndACustomerIsAnsweredThroughIt() throws Exception {
        botApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        botApi.createContext("/botIT-T0KEN/", ex -> {
            String method = ex.getRequestURI().getPath().substring("/botIT-T0KEN/".length());
            JsonNode body = Appliance.JSON.readTree(ex.getRequestBody().readAllBytes());
            calls.add(method);
            ObjectNode answer = Appliance.JSON.createObjectNode().put("ok", true);
            if (method.equals("getUpdates")) {
                long offset = body.path("offset").asLong();
                pending.removeIf(u -> u.path("update_id").asLong() < offset);
                ArrayNode result = answer.putArray("result");
                pending.forEach(result::add);
            } else if (method.equals("sendMessage")) {
                sent.add(body);
                answer.putObject("result").put("message_id", sent.size());
            } else {
                answer.put("result", true);
            }
            byte[] bytes = Appliance.JSON.writeValueAsBytes(answer);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        botApi.start();
        ObjectNode update = Appliance.JSON.createObjectNode().put("update_id", 700);
        ObjectNode m = update.putObject("message").put("message_id", 1).put("text", "hello, I need help");
        m.putObject("chat").put("id", 98765).put("type", "private");
        m.putObject("from").put("id", 98765).put("first_name", "Reza").put("language_code", "en");
        pending.add(update);

        Path cfg = app.home.resolve("etc/io.pishkhan.channel.telegram-it.cfg");
        Files.writeString(cfg, String.join("\n", "channelId = telegram",
                "baseUrl = http://127.0.0.1:" + botApi.getAddress().getPort(),
                "token = IT-T0KEN", "mode = polling", "pollTimeoutSeconds = 1", ""));

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sent.stream().noneMatch(s -> s.path("chat_id").asText().equals("98765"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        JsonNode reply = sent.stream().filter(s -> s.path("chat_id").asText().equals("98765")).findFirst()
                .orElseThrow(() -> new AssertionError("no sendMessage to the customer; calls: " + calls));
        assertTrue(!reply.path("text").asText().isBlank(), reply.toString());
        JsonNode customer = app.json(app.get("/api/v1/customers?channel=telegram&address=98765", true));
        assertEquals("Reza", customer.path("displayName").asText(), customer.toString());
        assertTrue(pending.isEmpty(), "the update was confirmed by the next offset");

        // a second bot (Bale-style) in webhook mode: the messenger posts updates to the appliance
        Path webhookCfg = app.home.resolve("etc/io.pishkhan.channel.telegram-bale.cfg");
        Files.writeString(webhookCfg, String.join("\n", "channelId = bale",
                "baseUrl = http://127.0.0.1:" + botApi.getAddress().getPort(), "token = IT-T0KEN", "mode = webhook",
                "webhookSecret = it-secret", ""));
        ObjectNode baleUpdate = Appliance.JSON.createObjectNode().put("update_id", 9);
        ObjectNode bm = baleUpdate.putObject("message").put("message_id", 3).put("text", "سلام از بله");
        bm.putObject("chat").put("id", 555);
        bm.putObject("from").put("id", 555).put("first_name", "Nima").put("some_new_field", true);
        byte[] json = Appliance.JSON.writeValueAsBytes(baleUpdate);
        java.net.http.HttpResponse<String> r = null;
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) { // until the new configuration's servlet is registered
            r = post("/messenger/telegram/bale", json, "it-secret");
            if (r.statusCode() == 200) {
                break;
            }
            Thread.sleep(300);
        }
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(401, post("/messenger/telegram/bale", json, "wrong").statusCode());
        assertEquals(400, post("/messenger/telegram/bale", "{not json".getBytes(), "it-secret").statusCode());
        JsonNode nima = app.json(app.get("/api/v1/customers?channel=bale&address=555", true));
        assertEquals("Nima", nima.path("displayName").asText(), nima.toString());
        Files.delete(webhookCfg);

        Files.delete(cfg); // the bot is removed: polling stops
        Thread.sleep(3000);
        int before = calls.size();
        Thread.sleep(3000);
        assertTrue(calls.size() <= before + 1, "no more polling after the configuration is gone: " + calls.size()
                + " vs " + before);
    }

    static java.net.http.HttpResponse<String> post(String path, byte[] body, String secret) throws Exception {
        return app.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                + app.httpPort + path)).header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", secret)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
