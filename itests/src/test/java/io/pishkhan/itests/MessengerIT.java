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

        Files.delete(cfg); // the bot is removed: polling stops
        Thread.sleep(3000);
        int before = calls.size();
        Thread.sleep(3000);
        assertTrue(calls.size() <= before + 1, "no more polling after the configuration is gone: " + calls.size()
                + " vs " + before);
    }
}
