package io.pishkhan.channel.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.pishkhan.api.channel.ChannelException;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.InvalidMessageException;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.SenderType;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channel against a small local server that implements the Bot API calls it uses (getUpdates with offset
 * semantics, sendMessage, answerCallbackQuery, sendChatAction, error answers), with a fake conversation service.
 */
class TelegramChannelTest {
    HttpServer botApi;
    final List<ObjectNode> pending = new CopyOnWriteArrayList<>(); // updates the server still holds
    final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger sendStatus = new AtomicInteger(200);
    final List<InboundMessage> received = new CopyOnWriteArrayList<>();
    final Set<String> seenClientIds = ConcurrentHashMap.newKeySet();
    volatile boolean coreDown;
    TelegramChannel channel;

    final ConversationService core = (ConversationService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConversationService.class}, (p, m, a) -> switch (m.getName()) {
                case "receive" -> {
                    InboundMessage in = (InboundMessage) a[0];
                    if (coreDown) {
                        throw new io.pishkhan.api.store.StoreException("database down", null);
                    }
                    if (in.text().isBlank()) {
                        throw new InvalidMessageException("text is empty");
                    }
                    boolean dup = !seenClientIds.add(in.clientMessageId());
                    if (!dup) {
                        received.add(in);
                    }
                    yield new Receipt("cu", "conv-" + in.address(), "m" + received.size(), dup);
                }
                default -> throw new UnsupportedOperationException(m.getName());
            });

    static ObjectNode update(long id, String chat, String text) {
        ObjectNode u = BotApi.JSON.createObjectNode().put("update_id", id);
        ObjectNode m = u.putObject("message").put("message_id", id * 10).put("text", text);
        m.putObject("chat").put("id", Long.parseLong(chat)).put("type", "private");
        m.putObject("from").put("id", Long.parseLong(chat)).put("first_name", "Sara").put("username", "sara_r")
                .put("language_code", "fa");
        return u;
    }

    @BeforeEach
    void start() throws Exception {
        botApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        botApi.createContext("/botT0KEN/", ex -> {
            String method = ex.getRequestURI().getPath().substring("/botT0KEN/".length());
            JsonNode body = BotApi.JSON.readTree(ex.getRequestBody().readAllBytes());
            calls.add(method);
            ObjectNode answer = BotApi.JSON.createObjectNode();
            int status = 200;
            switch (method) {
                case "getUpdates" -> {
                    long offset = body.path("offset").asLong();
                    pending.removeIf(u -> u.path("update_id").asLong() < offset); // confirmed by the offset
                    ArrayNode result = answer.put("ok", true).putArray("result");
                    pending.forEach(result::add);
                }
                case "sendMessage" -> {
                    if (sendStatus.get() != 200) {
                        status = sendStatus.get();
                        answer.put("ok", false).put("error_code", status).put("description",
                                status == 403 ? "Forbidden: bot was blocked by the user" : "Too Many Requests");
                    } else {
                        sent.add(body);
                        answer.put("ok", true).putObject("result").put("message_id", sent.size());
                    }
                }
                case "answerCallbackQuery", "sendChatAction" -> answer.put("ok", true).put("result", true);
                default -> {
                    status = 404;
                    answer.put("ok", false).put("error_code", 404).put("description", "Not Found");
                }
            }
            byte[] bytes = BotApi.JSON.writeValueAsBytes(answer);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        botApi.start();
        channel = new TelegramChannel(new TelegramChannel.Settings("telegram", "http://127.0.0.1:"
                + botApi.getAddress().getPort() + "/", "T0KEN", true, 1, "s3cret"), () -> core);
    }

    @AfterEach
    void stop() {
        channel.deactivate();
        botApi.stop(0);
    }

    @Test
    void pollingTakesTextAndButtonsInOrderAndTheOffsetMovesOnlyAfterTheyAreStored() throws Exception {
        pending.add(update(1, "4242", "سلام"));
        ObjectNode press = BotApi.JSON.createObjectNode().put("update_id", 2);
        ObjectNode cb = press.putObject("callback_query").put("id", "cb-77").put("data", "وضعیت سفارش");
        cb.putObject("from").put("id", 4242).put("first_name", "Sara");
        cb.putObject("message").putObject("chat").put("id", 4242);
        pending.add(press);
        pending.add((ObjectNode) BotApi.JSON.readTree("{\"update_id\":3,\"message\":{\"message_id\":9,"
                + "\"chat\":{\"id\":4242},\"sticker\":{\"file_id\":\"x\"},\"new_field\":{\"a\":1}}}"));

        coreDown = true;
        assertThrows(io.pishkhan.api.store.StoreException.class, channel::pollOnce, "the database is down: nothing confirmed");
        assertEquals(0, channel.offset());
        coreDown = false;
        channel.pollOnce();
        assertEquals(4, channel.offset(), "all three confirmed, the sticker skipped");
        assertEquals(List.of("سلام", "وضعیت سفارش"), received.stream().map(InboundMessage::text).toList());
        InboundMessage first = received.get(0);
        assertEquals("telegram", first.channel());
        assertEquals("4242", first.address());
        assertEquals("Sara", first.displayName());
        assertEquals("4242:10", first.clientMessageId());
        assertEquals("fa", first.attributes().get("lang"));
        assertTrue(calls.contains("answerCallbackQuery"), "the button press is acknowledged");

        channel.pollOnce(); // the server dropped what the offset confirmed: nothing again
        assertEquals(2, received.size());
    }

    @Test
    void theBackgroundPollerStopsOnDeactivate() throws Exception {
        pending.add(update(5, "7", "hi"));
        channel.startPolling();
        long deadline = System.currentTimeMillis() + 5000;
        while (received.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("hi", received.get(0).text());
        channel.deactivate();
        deadline = System.currentTimeMillis() + 5000;
        while (channel.polling() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(channel.polling());
    }

    @Test
    void repliesBecomeMessagesWithButtonsLongOnesAreSplitAndErrorsAreClassified() throws Exception {
        channel.deliver(new OutboundMessage("c1", "m1", "telegram", "4242", SenderType.BOT, "Bot", "چه کمکی؟",
                List.of("وضعیت سفارش", "صحبت با کارشناس")));
        JsonNode m = sent.get(0);
        assertEquals("4242", m.path("chat_id").asText());
        JsonNode keyboard = m.path("reply_markup").path("inline_keyboard");
        assertEquals(2, keyboard.size());
        assertEquals("وضعیت سفارش", keyboard.get(0).get(0).path("callback_data").asText());

        String longText = "کلمه ".repeat(2000); // 10,000 characters
        channel.deliver(new OutboundMessage("c1", "m2", "telegram", "4242", SenderType.AGENT, "Ali", longText,
                List.of()));
        assertEquals(4, sent.size(), "three parts of at most 4096 characters");
        assertTrue(sent.subList(1, 4).stream().allMatch(p -> p.path("text").asText().length() <= 4096));

        sendStatus.set(429);
        assertTrue(assertThrows(ChannelException.class, () -> channel.deliver(new OutboundMessage("c1", "m3",
                "telegram", "4242", SenderType.BOT, "Bot", "x", List.of()))).isRetryable());
        sendStatus.set(403);
        ChannelException blocked = assertThrows(ChannelException.class, () -> channel.deliver(new OutboundMessage(
                "c1", "m4", "telegram", "4242", SenderType.BOT, "Bot", "x", List.of())));
        assertFalse(blocked.isRetryable(), "a bot blocked by the user stays blocked");
        assertTrue(blocked.getMessage().contains("blocked"), blocked.getMessage());
    }

    @Test
    void webhookUpdatesAreCheckedAndMalformedOnesRefused() {
        assertTrue(channel.secretOk("s3cret"));
        assertFalse(channel.secretOk("wrong"));
        assertFalse(channel.secretOk(null));
        assertTrue(channel.handle(update(9, "55", "hello")));
        assertFalse(channel.handle(update(10, "55", " ")), "refused by the core: skipped, not retried");
        assertTrue(channel.handle(update(9, "55", "hello")), "a redelivered update is stored once");
        assertEquals(1, received.size());
        assertEquals(401, channel.webhook("wrong", "{}".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(400, channel.webhook("s3cret", "{not json".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(413, channel.webhook("s3cret", new byte[TelegramChannel.MAX_BODY + 1]).status());
        assertEquals(200, channel.webhook("s3cret", update(11, "56", "hi").toString()
                .getBytes(StandardCharsets.UTF_8)).status());
        coreDown = true;
        assertEquals(503, channel.webhook("s3cret", update(12, "56", "again").toString()
                .getBytes(StandardCharsets.UTF_8)).status(), "not stored: the messenger retries");
        coreDown = false;
        assertEquals(List.of("4096", "x"), List.of(String.valueOf(TelegramChannel.MAX_TEXT),
                TelegramChannel.split("x", 10).get(0)));
    }
}
