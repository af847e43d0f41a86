package io.pishkhan.bot.assistant.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Actions on any other Camel endpoint ({@code direct:}, {@code seda:}...), sent in-out with a
 * {@link ProducerTemplate} of the appliance's CamelContext. The body is the filled-in {@code body} template, headers
 * are the action's headers plus {@code CamelHttpMethod}; the reply body (converted to text) is the result.
 * When the context has the {@code http} component, {@link #http()} also gives the {@link CamelHttpAction} for
 * http and https actions.
 */
final class CamelAction implements Action, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CamelAction.class);
    private final CamelContext camel;
    private final ProducerTemplate template;
    private volatile Action http;
    private volatile boolean httpChecked;

    CamelAction(CamelContext camel) {
        this.camel = camel;
        this.template = camel.createProducerTemplate();
    }

    CamelContext context() {
        return camel;
    }

    /**
     * The action for http and https URIs through this context's {@code http} component, or null when the context
     * has none (camel-http missing or failing to load). Looked up once; the component is created with the context's
     * application class loader as TCCL (in Karaf: the io.pishkhan.camel bundle that embeds camel-http).
     */
    Action http() {
        if (!httpChecked) {
            synchronized (this) {
                if (!httpChecked) {
                    http = lookUpHttp();
                    httpChecked = true;
                }
            }
        }
        return http;
    }

    private Action lookUpHttp() {
        Thread thread = Thread.currentThread();
        ClassLoader tccl = thread.getContextClassLoader();
        ClassLoader camelLoader = camel.getApplicationContextClassLoader();
        try {
            if (camelLoader != null) {
                thread.setContextClassLoader(camelLoader);
            }
            return camel.getComponent("http") != null && camel.getComponent("https") != null
                    ? new CamelHttpAction(camel, template) : null;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("the CamelContext's http component does not load ({}); http actions use the JDK client", e.toString());
            return null;
        } finally {
            thread.setContextClassLoader(tccl);
        }
    }

    @Override
    public Result call(Call call) {
        Map<String, Object> headers = new HashMap<>(call.headers());
        headers.put(Exchange.HTTP_METHOD, call.method());
        CompletableFuture<Object> reply = template.asyncRequestBodyAndHeaders(call.uri(),
                call.body() == null ? "" : call.body(), headers);
        try {
            Object body = reply.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
            String text = body == null ? null
                    : body instanceof String s ? s : camel.getTypeConverter().convertTo(String.class, body);
            return Result.ok(Action.parse(text));
        } catch (TimeoutException e) {
            reply.cancel(true);
            return Result.failed("no answer within " + call.timeout().toMillis() + " ms from " + call.uri());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause()
                    : e.getCause();
            return Result.failed(call.uri() + " failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        } catch (RuntimeException e) {
            return Result.failed(call.uri() + " failed: " + e);
        }
    }

    @Override
    public void close() {
        try {
            template.close();
        } catch (Exception e) {
            // the context may be stopping already
        }
    }
}
