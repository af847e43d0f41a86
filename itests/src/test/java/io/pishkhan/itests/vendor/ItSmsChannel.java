package io.pishkhan.itests.vendor;

import io.pishkhan.sdk.ChannelContext;
import io.pishkhan.sdk.ChannelPlugin;
import io.pishkhan.sdk.IncomingMessage;
import io.pishkhan.sdk.OutgoingMessage;
import io.pishkhan.sdk.ReceiveResult;
import io.pishkhan.sdk.WebhookRequest;
import io.pishkhan.sdk.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A vendor channel as a vendor writes it (plain Java against the SDK), packaged by the test as a signed PF4J zip:
 * a gateway posts customers' messages to its webhook, and {@code GET /hooks/it-sms/sent} shows what it delivered.
 */
public class ItSmsChannel implements ChannelPlugin {
    private static final List<String> SENT = new CopyOnWriteArrayList<>();
    private volatile ChannelContext context;

    @Override
    public String channelId() {
        return "it-sms";
    }

    @Override
    public void start(ChannelContext ctx) {
        this.context = ctx;
    }

    @Override
    public void deliver(OutgoingMessage m) {
        SENT.add(m.address() + " " + m.text());
    }

    @Override
    public WebhookResponse onWebhook(WebhookRequest r) throws Exception {
        if ("/sent".equals(r.path())) {
            StringBuilder json = new StringBuilder("[");
            for (String s : SENT) {
                json.append(json.length() > 1 ? "," : "").append('"').append(escape(s)).append('"');
            }
            return WebhookResponse.json(200, json.append(']').toString());
        }
        ReceiveResult rr = context.receive(new IncomingMessage(r.param("from"), null,
                new String(r.body(), StandardCharsets.UTF_8), r.param("id"), null));
        return WebhookResponse.json(200, "{\"conversationId\":\"" + rr.conversationId() + "\"}");
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
