package io.pishkhan.sdk;

import java.nio.charset.StandardCharsets;

/** The answer to a webhook request. */
public record WebhookResponse(int status, String contentType, byte[] body) {
    public WebhookResponse {
        body = body == null ? new byte[0] : body;
    }

    public static WebhookResponse text(int status, String text) {
        return new WebhookResponse(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static WebhookResponse json(int status, String json) {
        return new WebhookResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
