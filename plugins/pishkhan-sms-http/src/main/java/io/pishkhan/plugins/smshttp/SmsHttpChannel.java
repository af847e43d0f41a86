package io.pishkhan.plugins.smshttp;

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
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/**
 * SMS through an HTTP gateway (the form-encoded API most Iranian and international SMS gateways offer):
 * <ul>
 * <li>send: {@code POST gateway.url} with {@code to, from, text, reference} (form) and {@code Authorization: Bearer
 * gateway.apiKey}; 2xx is sent, 429 and 5xx are retried by the appliance, other 4xx are permanent failures;</li>
 * <li>inbound: the gateway posts {@code from, text, id} to {@code /hooks/sms/inbound};</li>
 * <li>delivery report: the gateway posts {@code reference, status (DELIVERED|FAILED), detail} to
 * {@code /hooks/sms/report}.</li>
 * </ul>
 * Both webhooks need the header {@code X-Gateway-Token} equal to {@code webhook.token} when it is set.
 */
@Extension
public class SmsHttpChannel implements ChannelPlugin {
    static final int MAX_SMS_TEXT = 1_000; // about 7 concatenated Persian SMS parts
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile ChannelContext context;

    @Override
    public String channelId() {
        return "sms";
    }

    @Override
    public void start(ChannelContext ctx) {
        String url = ctx.settings().get("gateway.url");
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("gateway.url must be an http(s) URL, not " + url);
        }
        this.context = ctx;
    }

    @Override
    public void deliver(OutgoingMessage m) throws DeliveryException {
        Map<String, String> s = context.settings();
        String text = m.text().length() > MAX_SMS_TEXT ? m.text().substring(0, MAX_SMS_TEXT - 1) + "…" : m.text();
        if (!m.quickReplies().isEmpty()) {
            text += "\n" + String.join(" / ", m.quickReplies()); // an SMS has no buttons: the choices as text
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("to", m.address());
        form.put("from", s.getOrDefault("gateway.sender", ""));
        form.put("text", text);
        form.put("reference", m.messageId());
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(s.get("gateway.url")))
                .timeout(Duration.ofSeconds(8))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        String key = s.getOrDefault("gateway.apiKey", "");
        if (!key.isBlank()) {
            req.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r;
        try {
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("the SMS gateway cannot be reached: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true, e);
        }
        int st = r.statusCode();
        if (st / 100 == 2) {
            return;
        }
        String why = "SMS gateway answered " + st + ": " + abbreviate(r.body());
        throw new DeliveryException(why, st == 429 || st >= 500, null);
    }

    @Override
    public WebhookResponse onWebhook(WebhookRequest r) {
        if (!"POST".equals(r.method())) {
            return WebhookResponse.json(405, "{\"error\":\"POST only\"}");
        }
        String token = context.settings().getOrDefault("webhook.token", "");
        String given = r.headers().getOrDefault("x-gateway-token", java.util.List.of("")).get(0);
        if (!token.isBlank() && !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            return WebhookResponse.json(401, "{\"error\":\"bad or missing X-Gateway-Token\"}");
        }
        Map<String, String> f = decode(new String(r.body(), StandardCharsets.UTF_8));
        switch (r.path()) {
            case "/inbound" -> {
                String from = f.get("from");
                String text = f.get("text");
                if (from == null || from.isBlank() || text == null) {
                    return WebhookResponse.json(400, "{\"error\":\"from and text are required\"}");
                }
                try {
                    ReceiveResult rr = context.receive(new IncomingMessage(from.strip(), null, text, f.get("id"),
                            Map.of()));
                    return WebhookResponse.json(200, "{\"conversationId\":\"" + rr.conversationId() + "\","
                            + "\"duplicate\":" + rr.duplicate() + "}");
                } catch (RejectedMessageException e) {
                    return WebhookResponse.json(400, "{\"error\":\"" + jsonText(e.getMessage()) + "\"}");
                } catch (IllegalStateException e) {
                    return WebhookResponse.json(503, "{\"error\":\"busy, retry later\"}"); // the gateway retries
                }
            }
            case "/report" -> {
                String ref = f.get("reference");
                String status = f.getOrDefault("status", "");
                if (ref == null || !(status.equalsIgnoreCase("DELIVERED") || status.equalsIgnoreCase("FAILED"))) {
                    return WebhookResponse.json(400, "{\"error\":\"reference and status DELIVERED|FAILED are required\"}");
                }
                boolean known = context.deliveryReport(ref, status.equalsIgnoreCase("DELIVERED"), f.get("detail"));
                return WebhookResponse.json(known ? 200 : 404, "{\"known\":" + known + "}");
            }
            default -> {
                return WebhookResponse.json(404, "{\"error\":\"use /inbound or /report\"}");
            }
        }
    }

    static String encode(Map<String, String> form) {
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    static Map<String, String> decode(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // a malformed escape: the pair is skipped
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    private static String jsonText(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\p{Cntrl}]", " ");
    }
}
