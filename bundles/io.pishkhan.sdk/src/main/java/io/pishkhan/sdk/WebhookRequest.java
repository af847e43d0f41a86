package io.pishkhan.sdk;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request to the channel's webhook.
 *
 * @param path    the part after the webhook URL ({@code ""} or e.g. {@code /reports})
 * @param headers header names in lower case
 * @param body    at most 1 MB (larger requests are refused with 413 before the plugin is called)
 */
public record WebhookRequest(String method, String path, Map<String, List<String>> headers,
        Map<String, List<String>> query, byte[] body) {
    public WebhookRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
