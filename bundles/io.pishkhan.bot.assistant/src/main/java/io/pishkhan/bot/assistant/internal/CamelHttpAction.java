package io.pishkhan.bot.assistant.internal;

import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * http and https actions through Camel's {@code http} component (camel-http, Apache HttpClient 5), with the same
 * contract as {@link HttpAction}: method, headers ({@code Accept: application/json}, a JSON {@code Content-Type} for a
 * body unless the action names one), the flow's timeout, redirects followed; a 2xx answer is a result, any other
 * status, a timeout or an I/O error is a failure with the same messages.
 * <p>
 * One endpoint per scheme, host and timeout ({@code http://host:port?responseTimeout=...}) so that Camel's endpoint
 * and producer caches stay small; the path and query of each call go in the {@code CamelHttpUri} and
 * {@code CamelHttpQuery} headers (Camel does not send {@code Camel*} headers to the server).
 */
final class CamelHttpAction implements Action {
    private final CamelContext camel;
    private final ProducerTemplate template;

    CamelHttpAction(CamelContext camel, ProducerTemplate template) {
        this.camel = camel;
        this.template = template;
    }

    /** The endpoint for {@code target}: scheme, authority and the client options of this call. */
    static String endpoint(URI target, long timeoutMillis) {
        return target.getScheme().toLowerCase(Locale.ROOT) + "://" + target.getRawAuthority()
                + "?throwExceptionOnFailure=false&followRedirects=true"
                + "&connectTimeout=" + Math.min(2000, timeoutMillis)
                + "&connectionRequestTimeout=" + timeoutMillis + "&responseTimeout=" + timeoutMillis;
    }

    @Override
    public Result call(Call call) {
        long millis = call.timeout().toMillis();
        CompletableFuture<Exchange> reply;
        try {
            URI target = URI.create(call.uri());
            if (target.getRawAuthority() == null || target.getScheme() == null) {
                return Result.failed(call.method() + " " + call.uri() + " failed: no host");
            }
            String path = target.getScheme() + "://" + target.getRawAuthority()
                    + (target.getRawPath() == null ? "" : target.getRawPath());
            reply = template.asyncSend(endpoint(target, millis), exchange -> {
                exchange.setProperty(Exchange.CHARSET_NAME, StandardCharsets.UTF_8.name());
                Message in = exchange.getIn();
                in.setHeader("Accept", "application/json");
                for (Map.Entry<String, String> h : call.headers().entrySet()) {
                    in.setHeader(h.getKey(), h.getValue());
                }
                if (call.body() != null && call.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                    in.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
                }
                in.setHeader(Exchange.HTTP_METHOD, call.method());
                in.setHeader(Exchange.HTTP_URI, path);
                if (target.getRawQuery() != null) {
                    in.setHeader(Exchange.HTTP_QUERY, target.getRawQuery());
                }
                in.setBody(call.body());
            });
        } catch (RuntimeException e) {
            return Result.failed(call.method() + " " + call.uri() + " failed: " + e);
        }
        Exchange done;
        try {
            done = reply.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            return timedOut(call);
        } catch (ExecutionException e) {
            return failure(call, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
        if (done.getException() != null) {
            return failure(call, done.getException());
        }
        Message out = done.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status / 100 != 2) {
            return Result.failed("HTTP " + status + " from " + call.method() + " " + call.uri());
        }
        try {
            Object body = out.getBody();
            String text = body == null ? null
                    : body instanceof String s ? s : camel.getTypeConverter().convertTo(String.class, done, body);
            return Result.ok(Action.parse(text));
        } catch (RuntimeException e) {
            return failure(call, e);
        }
    }

    private static Result timedOut(Call call) {
        return Result.failed("no answer within " + call.timeout().toMillis() + " ms from " + call.uri());
    }

    /** A read, connect or pool timeout (all {@link InterruptedIOException}s) reads like the JDK client's. */
    private static Result failure(Call call, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return timedOut(call);
            }
        }
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause
                && cause instanceof org.apache.camel.RuntimeCamelException) {
            cause = cause.getCause();
        }
        return Result.failed(call.method() + " " + call.uri() + " failed: " + cause);
    }
}
