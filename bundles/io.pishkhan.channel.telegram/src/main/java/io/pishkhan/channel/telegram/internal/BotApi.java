package io.pishkhan.channel.telegram.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pishkhan.api.channel.ChannelException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few Bot API calls the channel uses: {@code POST {base}/bot{token}/{method}} with JSON. */
final class BotApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    BotApi(String baseUrl, String token) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /**
     * Calls a method; the {@code result} on success.
     *
     * @throws ChannelException retryable for 429, 5xx and I/O errors; not retryable for other errors (400, 403)
     */
    JsonNode call(String method, Object body, Duration timeout) throws ChannelException {
        HttpRequest r;
        try {
            r = HttpRequest.newBuilder(URI.create(base + "/bot" + token + "/" + method)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new ChannelException("cannot encode " + method + ": " + e.getMessage(), false, e);
        }
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ChannelException(method + ": the Bot API cannot be reached: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(method + ": interrupted", true, e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new ChannelException(method + ": the Bot API answered " + resp.statusCode() + " without JSON",
                    resp.statusCode() >= 500, e);
        }
        if (json != null && json.path("ok").asBoolean(false)) {
            return json.path("result");
        }
        int code = json == null ? resp.statusCode() : json.path("error_code").asInt(resp.statusCode());
        String why = method + " failed: " + code + " " + (json == null ? "" : json.path("description").asText(""));
        throw new ChannelException(why, code == 429 || code >= 500, null);
    }
}
