package io.pishkhan.routing.rules.internal;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.routing.TriageInput;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.JexlContext;

/**
 * The variables a rule condition sees, built once per triage from the {@link TriageInput}. Read-only: assignment is
 * disabled as a language feature and {@link #set} refuses anyway.
 */
final class RuleContext implements JexlContext {
    /** Every variable name a condition may use, in the order the README documents them. */
    static final List<String> VARIABLES = List.of("intent", "confidence", "sentiment", "text", "lowerText", "channel",
            "customer", "context", "hour", "dayOfWeek");

    /** The variables that are maps (of text values): {@code customer.tier}, {@code context['order.id']}. */
    static final List<String> MAPS = List.of("customer", "context");

    /** Conditions see at most this many characters of the message. */
    static final int MAX_TEXT = 8192;

    private final Map<String, Object> vars;

    private RuleContext(Map<String, Object> vars) {
        this.vars = vars;
    }

    static RuleContext of(TriageInput input, ZoneId zone) {
        Conversation c = input.conversation();
        String text = input.text();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        Map<String, Object> v = new HashMap<>();
        String intent = input.intent() != null ? input.intent() : c.intent();
        v.put("intent", intent == null ? "" : intent);
        v.put("confidence", input.confidence());
        v.put("sentiment", input.sentiment());
        v.put("text", text);
        v.put("lowerText", RuleFunctions.normalize(text));
        v.put("channel", c.channel() == null ? "" : c.channel());
        Map<String, Object> customer = new HashMap<>();
        Customer cu = input.customer();
        if (cu != null) {
            customer.putAll(cu.attributes());
            customer.put("id", cu.id());
            if (cu.displayName() != null) {
                customer.put("name", cu.displayName());
            }
        }
        v.put("customer", customer);
        v.put("context", new HashMap<String, Object>(c.context()));
        ZonedDateTime at = (input.now() != null ? input.now() : java.time.Instant.now()).atZone(zone);
        v.put("hour", at.getHour());
        v.put("dayOfWeek", at.getDayOfWeek().getValue());
        return new RuleContext(v);
    }

    @Override
    public Object get(String name) {
        return vars.get(name);
    }

    @Override
    public boolean has(String name) {
        return vars.containsKey(name);
    }

    @Override
    public void set(String name, Object value) {
        throw new UnsupportedOperationException("rule conditions cannot assign variables");
    }
}
