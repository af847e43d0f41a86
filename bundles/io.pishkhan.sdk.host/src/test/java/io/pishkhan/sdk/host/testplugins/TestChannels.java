package io.pishkhan.sdk.host.testplugins;

import io.pishkhan.sdk.ChannelContext;
import io.pishkhan.sdk.ChannelPlugin;
import io.pishkhan.sdk.DeliveryException;
import io.pishkhan.sdk.OutgoingMessage;
import io.pishkhan.sdk.WebhookRequest;
import io.pishkhan.sdk.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Channel plugins for the host's tests, packaged into plugin jars and zips by the tests. */
public final class TestChannels {
    public static final List<String> DELIVERED = new CopyOnWriteArrayList<>();
    public static volatile ChannelContext context;
    public static volatile boolean stopped;

    private TestChannels() {
    }

    /** An SMS-like channel: "boom" throws, "hang" never returns, "refuse" is a permanent delivery failure. */
    public static class Sms implements ChannelPlugin {
        @Override
        public String channelId() {
            return "acme-sms";
        }

        @Override
        public void start(ChannelContext ctx) {
            context = ctx;
            stopped = false;
        }

        @Override
        public void deliver(OutgoingMessage m) throws DeliveryException {
            switch (m.text()) {
                case "boom" -> throw new IllegalStateException("gateway client bug");
                case "hang" -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case "refuse" -> throw new DeliveryException("number not reachable", false, null);
                default -> DELIVERED.add(m.address() + ":" + m.text());
            }
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public WebhookResponse onWebhook(WebhookRequest r) throws Exception {
            if ("/hang".equals(r.path())) {
                Thread.sleep(60_000);
            }
            var receipt = context.receive(new io.pishkhan.sdk.IncomingMessage(r.param("from"), null,
                    new String(r.body(), StandardCharsets.UTF_8), r.param("id"), null));
            return WebhookResponse.json(200, "{\"conversation\":\"" + receipt.conversationId() + "\"}");
        }
    }

    /** A channel whose start fails. */
    public static class BrokenStart implements ChannelPlugin {
        @Override
        public String channelId() {
            return "broken";
        }

        @Override
        public void start(ChannelContext ctx) {
            throw new IllegalArgumentException("missing setting gateway.url");
        }

        @Override
        public void deliver(OutgoingMessage m) {
        }
    }

    /** A channel that claims an id the appliance already has. */
    public static class Impostor implements ChannelPlugin {
        @Override
        public String channelId() {
            return "webchat";
        }

        @Override
        public void start(ChannelContext ctx) {
        }

        @Override
        public void deliver(OutgoingMessage m) {
        }
    }
}
