package ${package};

import io.pishkhan.sdk.ChannelContext;
import io.pishkhan.sdk.ChannelPlugin;
import io.pishkhan.sdk.DeliveryException;
import io.pishkhan.sdk.IncomingMessage;
import io.pishkhan.sdk.OutgoingMessage;
import io.pishkhan.sdk.ReceiveResult;
import io.pishkhan.sdk.RejectedMessageException;
import io.pishkhan.sdk.WebhookRequest;
import io.pishkhan.sdk.WebhookResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The ${channelId} channel: replies are POSTed as text to {@code target.url} (header X-To: the customer's address);
 * customers' messages arrive on the webhook {@code /hooks/${channelId}?from=<address>&id=<message id>} with the text
 * as the body. Replace both sides with your transport's API.
 */
@Extension
public class Channel implements ChannelPlugin {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile ChannelContext context;

    @Override
    public String channelId() {
        return "${channelId}";
    }

    @Override
    public void start(ChannelContext ctx) {
        if (ctx.settings().get("target.url") == null) {
            throw new IllegalArgumentException("setting target.url is missing");
        }
        this.context = ctx;
    }

    @Override
    public void deliver(OutgoingMessage m) throws DeliveryException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(context.settings().get("target.url")))
                .timeout(Duration.ofSeconds(8)).header("X-To", m.address())
                .POST(HttpRequest.BodyPublishers.ofString(m.text(), StandardCharsets.UTF_8)).build();
        try {
            int status = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new DeliveryException("the target answered " + status, status >= 500 || status == 429, null);
            }
        } catch (IOException e) {
            throw new DeliveryException("the target cannot be reached: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true, e);
        }
    }

    @Override
    public WebhookResponse onWebhook(WebhookRequest r) {
        String from = r.param("from");
        if (!"POST".equals(r.method()) || from == null || from.isBlank()) {
            return WebhookResponse.json(400, "{\"error\":\"POST with ?from=<address> and the text as the body\"}");
        }
        try {
            ReceiveResult rr = context.receive(new IncomingMessage(from, null,
                    new String(r.body(), StandardCharsets.UTF_8), r.param("id"), null));
            return WebhookResponse.json(200, "{\"conversationId\":\"" + rr.conversationId() + "\"}");
        } catch (RejectedMessageException e) {
            return WebhookResponse.json(400, "{\"error\":\"rejected\"}");
        }
    }
}
