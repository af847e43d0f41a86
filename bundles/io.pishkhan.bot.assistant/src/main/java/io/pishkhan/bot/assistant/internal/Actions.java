package io.pishkhan.bot.assistant.internal;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Dispatches a flow action by URI scheme: {@code http} and {@code https} to {@link HttpAction} (camel-http is not in
 * the appliance's Camel), every other scheme to {@link CamelAction} on the CamelContext service when there is one.
 */
final class Actions implements Action {
    private final Action http;
    private final Supplier<Action> camel;

    /**
     * @param camel the Camel action of the current CamelContext, or null when there is none
     */
    Actions(Action http, Supplier<Action> camel) {
        this.http = http;
        this.camel = camel;
    }

    @Override
    public Result call(Call call) {
        String uri = call.uri();
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            return http.call(call);
        }
        Action c = camel.get();
        if (c == null) {
            return Result.failed("no CamelContext for endpoint " + uri);
        }
        return c.call(call);
    }
}
