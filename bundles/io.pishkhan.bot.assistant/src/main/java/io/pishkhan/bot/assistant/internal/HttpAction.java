package io.pishkhan.bot.assistant.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * http and https actions through the JDK's {@link HttpClient}: the fallback when there is no CamelContext or it has
 * no {@code http} component (see {@link CamelHttpAction}, the usual path in the appliance).
 * A 2xx answer is a result; any other status, a timeout or an I/O error is a failure.
 */
final class HttpAction implements Action {
    private final HttpClient client;

    HttpAction() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    HttpAction(HttpClient client) {
        this.client = client;
    }

    @Override
    public Result call(Call call) {
        try {
            HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.uri())).timeout(call.timeout())
                    .method(call.method(), body).header("Accept", "application/json");
            if (call.body() != null && !call.headers().keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase)) {
                b.header("Content-Type", "application/json; charset=utf-8");
            }
            for (Map.Entry<String, String> h : call.headers().entrySet()) {
                b.header(h.getKey(), h.getValue());
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                return Result.failed("HTTP " + r.statusCode() + " from " + call.method() + " " + call.uri());
            }
            return Result.ok(Action.parse(r.body()));
        } catch (HttpTimeoutException e) {
            return Result.failed("no answer within " + call.timeout().toMillis() + " ms from " + call.uri());
        } catch (IOException | IllegalArgumentException e) {
            return Result.failed(call.method() + " " + call.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
    }
}
