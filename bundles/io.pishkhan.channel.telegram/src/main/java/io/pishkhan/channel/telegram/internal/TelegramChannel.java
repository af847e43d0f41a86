package io.pishkhan.channel.telegram.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.ChannelException;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot on the Telegram Bot API (or a compatible one such as Bale's) as a channel: customers' text messages and
 * button presses become inbound messages (address = chat id); replies are sent with {@code sendMessage}, quick replies
 * as an inline keyboard whose buttons send their text back. Long polling ({@code getUpdates}; the offset advances only
 * after the core stored the update, so nothing is lost or read twice) or webhook (the servlet answers 200 only after
 * the core stored it, so the messenger retries otherwise).
 */
@Component(service = {ChannelConnector.class, TelegramChannel.class}, configurationPid = TelegramChannel.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TelegramConfig.class, factory = true)
public final class TelegramChannel implements ChannelConnector {
    static final String PID = "io.pishkhan.channel.telegram";
    static final int MAX_TEXT = 4096; // Telegram's sendMessage limit
    static final int MAX_BODY = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(TelegramChannel.class);

    private final Settings settings;
    private final BotApi api;
    private final Supplier<ConversationService> conversations;
    private volatile Thread poller;
    private volatile boolean running = true;
    private volatile long offset;

    /** The configuration as plain values (tests build it directly). */
    record Settings(String channelId, String baseUrl, String token, boolean polling, int pollTimeoutSeconds,
            String webhookSecret) {
        static Settings of(TelegramConfig c) {
            return new Settings(c.channelId().strip().toLowerCase(java.util.Locale.ROOT), c.baseUrl(), c.token(),
                    !"webhook".equals(c.mode()), c.pollTimeoutSeconds(), c.webhookSecret());
        }
    }

    @Activate
    public TelegramChannel(BundleContext context, TelegramConfig config) {
        this(Settings.of(config), () -> {
            ServiceReference<ConversationService> ref = context.getServiceReference(ConversationService.class);
            return ref == null ? null : context.getService(ref);
        });
        if (settings.polling()) {
            startPolling();
        }
    }

    TelegramChannel(Settings settings, Supplier<ConversationService> conversations) {
        this.settings = settings;
        this.api = new BotApi(settings.baseUrl(), settings.token());
        this.conversations = conversations;
    }

    @Override
    public String channelId() {
        return settings.channelId();
    }

    // ---------------------------------------------------------------- inbound

    void startPolling() {
        Thread t = new Thread(this::poll, "pishkhan-telegram-" + settings.channelId());
        t.setDaemon(true);
        poller = t;
        t.start();
    }

    private void poll() {
        long backoff = 1_000;
        while (running) {
            try {
                pollOnce();
                backoff = 1_000;
            } catch (ChannelException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("{}: polling failed ({}); retry in {} ms", settings.channelId(), e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(60_000, backoff * 2);
            }
        }
    }

    /** One getUpdates round: each update is stored before the offset moves past it. */
    void pollOnce() throws ChannelException {
        ObjectNode req = BotApi.JSON.createObjectNode();
        req.put("offset", offset);
        req.put("timeout", settings.pollTimeoutSeconds());
        req.putArray("allowed_updates").add("message").add("callback_query");
        JsonNode updates = api.call("getUpdates", req, Duration.ofSeconds(settings.pollTimeoutSeconds() + 10L));
        for (JsonNode u : updates) {
            handle(u); // throws when the core cannot store it: the offset stays, the update comes again
            offset = Math.max(offset, u.path("update_id").asLong() + 1);
        }
    }

    /**
     * Stores one update (a text message or a button press); other kinds are skipped with a log line.
     *
     * @return true when a message was stored
     * @throws IllegalStateException when the core is not there or cannot store it now (the update must come again)
     */
    boolean handle(JsonNode update) {
        JsonNode msg = update.path("message");
        String text;
        JsonNode from;
        JsonNode chat;
        String clientId;
        String callbackId = null;
        if (msg.isObject() && msg.path("text").isTextual()) {
            text = msg.path("text").asText();
            from = msg.path("from");
            chat = msg.path("chat");
            clientId = chat.path("id").asText() + ":" + msg.path("message_id").asText();
        } else if (update.path("callback_query").isObject()) {
            JsonNode cb = update.path("callback_query");
            text = cb.path("data").asText("");
            from = cb.path("from");
            chat = cb.path("message").path("chat");
            callbackId = cb.path("id").asText(null);
            clientId = "cb:" + callbackId;
        } else {
            LOG.info("{}: update {} skipped (only text messages and buttons are taken)", settings.channelId(),
                    update.path("update_id").asText());
            return false;
        }
        String chatId = chat.path("id").asText("");
        if (chatId.isEmpty() || text.isBlank()) {
            LOG.info("{}: update {} without chat or text skipped", settings.channelId(), update.path("update_id"));
            return false;
        }
        if (text.length() > InboundMessage.MAX_TEXT_LENGTH) {
            text = text.substring(0, InboundMessage.MAX_TEXT_LENGTH);
        }
        String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).strip();
        if (name.isEmpty()) {
            name = from.path("username").asText(null);
        }
        Map<String, String> attrs = new HashMap<>();
        if (from.path("language_code").isTextual()) {
            attrs.put(InboundMessage.ATTR_LANG, from.path("language_code").asText().startsWith("fa") ? "fa" : "en");
        }
        if (from.path("username").isTextual()) {
            attrs.put("username", from.path("username").asText());
        }
        ConversationService cs = conversations.get();
        if (cs == null) {
            throw new IllegalStateException("the conversation service is not running");
        }
        try {
            cs.receive(new InboundMessage(settings.channelId(), chatId, name, text, clientId, attrs));
        } catch (IllegalArgumentException e) { // InvalidMessageException: malformed, will never be taken
            LOG.info("{}: update {} refused: {}", settings.channelId(), update.path("update_id"), e.getMessage());
            return false;
        }
        if (callbackId != null) {
            try {
                ObjectNode ack = BotApi.JSON.createObjectNode().put("callback_query_id", callbackId);
                api.call("answerCallbackQuery", ack, Duration.ofSeconds(10));
            } catch (ChannelException e) {
                LOG.debug("{}: answerCallbackQuery failed: {}", settings.channelId(), e.getMessage());
            }
        }
        return true;
    }

    /** The answer to a webhook call: HTTP status and JSON body. */
    record WebhookAnswer(int status, String json) {
    }

    /**
     * Webhook mode: one update posted by the messenger. 200 only after the core stored it (503 otherwise, so the
     * messenger retries); 401 for a wrong secret, 413 over 1 MB, 400 for malformed JSON.
     */
    WebhookAnswer webhook(String secretHeader, byte[] body) {
        if (!secretOk(secretHeader)) {
            return new WebhookAnswer(401, error("bad secret token"));
        }
        if (body.length > MAX_BODY) {
            return new WebhookAnswer(413, error("update larger than 1 MB"));
        }
        JsonNode update;
        try {
            update = BotApi.JSON.readTree(body);
        } catch (IOException e) {
            return new WebhookAnswer(400, error("malformed JSON"));
        }
        if (update == null || !update.isObject()) {
            return new WebhookAnswer(400, error("an update must be a JSON object"));
        }
        try {
            handle(update);
        } catch (RuntimeException e) {
            LOG.warn("{}: update not stored, the messenger will retry: {}", settings.channelId(), e.toString());
            return new WebhookAnswer(503, error("not stored, retry"));
        }
        return new WebhookAnswer(200, "{\"ok\":true}");
    }

    private static String error(String message) {
        return "{\"ok\":false,\"error\":\"" + message.replace("\"", "'") + "\"}";
    }

    boolean secretOk(String given) {
        String secret = settings.webhookSecret();
        return secret == null || secret.isBlank() || given != null && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- outbound

    @Override
    public void deliver(OutboundMessage m) throws ChannelException {
        List<String> parts = split(m.text(), MAX_TEXT);
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode req = BotApi.JSON.createObjectNode();
            req.put("chat_id", m.address());
            req.put("text", parts.get(i));
            if (i == parts.size() - 1 && !m.quickReplies().isEmpty()) {
                ArrayNode rows = req.putObject("reply_markup").putArray("inline_keyboard");
                for (String q : m.quickReplies()) {
                    // callback_data is at most 64 bytes: the button's text when it fits, else its index
                    String data = q.getBytes(StandardCharsets.UTF_8).length <= 64 ? q : q.substring(0, 20);
                    rows.addArray().addObject().put("text", q).put("callback_data", data);
                }
            }
            api.call("sendMessage", req, Duration.ofSeconds(15));
        }
    }

    /** Splits at line or word boundaries into parts of at most {@code max} characters. */
    static List<String> split(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = max;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || out.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    @Override
    public void signal(String conversationId, String address, Signal signal) {
        if (signal.type() != Signal.Type.TYPING) {
            return;
        }
        try {
            api.call("sendChatAction", BotApi.JSON.createObjectNode().put("chat_id", address).put("action", "typing"),
                    Duration.ofSeconds(5));
        } catch (ChannelException e) {
            LOG.debug("{}: typing not shown: {}", settings.channelId(), e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        running = false;
        Thread t = poller;
        if (t != null) {
            t.interrupt();
        }
    }

    boolean polling() {
        Thread t = poller;
        return t != null && t.isAlive();
    }

    long offset() {
        return offset;
    }
}
