package io.pishkhan.bot.assistant.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches a flow action by URI scheme: {@code http} and {@code https} to the CamelContext's {@code http} component
 * ({@link CamelAction#http()}) when there is one, else to the fallback (the JDK client, {@link HttpAction}); every
 * other scheme to {@link CamelAction} on the CamelContext service when there is one. The path http actions take is
 * logged once, and again whenever it changes (Camel bound or unbound).
 */
final class Actions implements Action {
    private static final Logger LOG = LoggerFactory.getLogger(Actions.class);
    /** The path of the last http action: "camel" or "jdk". */
    private static final AtomicReference<String> HTTP_PATH = new AtomicReference<>();

    private final Action http;
    private final Supplier<? extends Action> camel;

    /**
     * @param http  http and https actions when Camel (or its http component) is not available
     * @param camel the Camel action of the current CamelContext, or null when there is none
     */
    Actions(Action http, Supplier<? extends Action> camel) {
        this.http = http;
        this.camel = camel;
    }

    /** The action http and https URIs take now: Camel's http component, else the fallback. */
    Action httpAction() {
        Action c = camel.get();
        Action viaCamel = c instanceof CamelAction ca ? ca.http() : null;
        String path = viaCamel != null ? "camel" : "jdk";
        if (!path.equals(HTTP_PATH.getAndSet(path))) {
            LOG.info(viaCamel != null ? "http/https flow actions go through Camel's http component"
                    : c == null ? "http/https flow actions go through the JDK HTTP client (no CamelContext)"
                    : "http/https flow actions go through the JDK HTTP client (the CamelContext has no http component)");
        }
        return viaCamel != null ? viaCamel : http;
    }

    @Override
    public Result call(Call call) {
        String uri = call.uri();
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            return httpAction().call(call);
        }
        Action c = camel.get();
        if (c == null) {
            return Result.failed("no CamelContext for endpoint " + uri);
        }
        return c.call(call);
    }
}
