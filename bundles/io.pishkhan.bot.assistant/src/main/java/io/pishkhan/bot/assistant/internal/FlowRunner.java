package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.nlu.Slot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link Flow} one customer turn at a time. All state lives in the conversation context, written through the
 * reply's data (the core merges it into the context and hands it back on the next turn):
 * <ul>
 * <li>{@value #INTENT}: the running flow's intent (empty: none);</li>
 * <li>{@value #STEP}: the slot asked for last;</li>
 * <li>{@value #TRIES}: invalid answers to that question so far;</li>
 * <li>{@value #SLOT}{@code <name>}: the values collected.</li>
 * </ul>
 * The core can only add and replace context keys, so a finished flow blanks its keys. Every value found is also
 * written as {@code slot.<type>} for the agent.
 */
final class FlowRunner {
    static final String INTENT = "flow.intent";
    static final String STEP = "flow.step";
    static final String TRIES = "flow.tries";
    static final String SLOT = "flow.slot.";
    static final String ERROR = "flow.error";
    static final String SLOT_OF_TYPE = "slot.";

    enum Kind {
        ASK, ANSWER, HANDOFF
    }

    /**
     * What to do with this turn.
     *
     * @param text  question or answer for the customer (null on handoff)
     * @param data  context updates
     * @param error why the flow failed (handoff), or null
     */
    record Step(Kind kind, String text, Map<String, String> data, String error) {
    }

    private final SlotExtractorImpl slots;
    private final Action action;

    FlowRunner(SlotExtractorImpl slots, Action action) {
        this.slots = slots;
        this.action = action;
    }

    static boolean active(Map<String, String> context) {
        String intent = context.get(INTENT);
        return intent != null && !intent.isBlank();
    }

    /** Starts {@code flow}: slots found in the message or known from earlier turns are not asked for again. */
    Step start(Flow flow, String text, String language, Map<String, String> context, Settings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Slot> found = new ArrayList<>(slots.extract(text));
        for (Flow.SlotSpec spec : flow.slots()) {
            if (spec.type().equals(SlotExtractorImpl.TEXT) || spec.type().equals(SlotExtractorImpl.NUMBER)) {
                continue;
            }
            Optional<Slot> s = found.stream().filter(x -> x.type().equals(spec.type())).findFirst();
            if (s.isPresent()) {
                values.put(spec.name(), s.get().value());
                found.remove(s.get());
            } else if (flow.slots().stream().filter(x -> x.type().equals(spec.type())).count() == 1) {
                String known = context.get(SLOT_OF_TYPE + spec.type());
                if (known != null && !known.isBlank()) {
                    values.put(spec.name(), known);
                }
            }
        }
        Map<String, String> data = new HashMap<>();
        data.put(INTENT, flow.intent());
        return proceed(flow, values, language, data, settings);
    }

    /** Continues the running flow with the customer's answer to the last question. */
    Step resume(Flow flow, String text, String language, Map<String, String> context, Settings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Flow.SlotSpec spec : flow.slots()) {
            String v = context.get(SLOT + spec.name());
            if (v != null && !v.isBlank()) {
                values.put(spec.name(), v);
            }
        }
        Map<String, String> data = new HashMap<>();
        Flow.SlotSpec asked = flow.slot(context.getOrDefault(STEP, ""));
        if (asked != null && !values.containsKey(asked.name())) {
            Optional<Slot> answer = slots.extractFor(text, asked.type());
            if (answer.isEmpty()) {
                int tries = parseInt(context.get(TRIES)) + 1;
                if (tries > settings.flowRetries()) {
                    return fail(flow, values, "no valid " + asked.type() + " for '" + asked.name() + "' after "
                            + tries + (tries == 1 ? " answer" : " answers"), language, data);
                }
                data.put(TRIES, String.valueOf(tries));
                return new Step(Kind.ASK, settings.text("retry", language) + " " + asked.prompt(language), data,
                        null);
            }
            values.put(asked.name(), answer.get().value());
        }
        return proceed(flow, values, language, data, settings);
    }

    private Step proceed(Flow flow, Map<String, String> values, String language, Map<String, String> data,
            Settings settings) {
        values.forEach((name, v) -> {
            data.put(SLOT + name, v);
            data.put(SLOT_OF_TYPE + flow.slot(name).type(), v);
        });
        for (Flow.SlotSpec spec : flow.slots()) {
            if (!values.containsKey(spec.name())) {
                data.put(STEP, spec.name());
                data.put(TRIES, "0");
                return new Step(Kind.ASK, spec.prompt(language), data, null);
            }
        }
        return complete(flow, values, language, data, settings);
    }

    private Step complete(Flow flow, Map<String, String> values, String language, Map<String, String> data,
            Settings settings) {
        com.fasterxml.jackson.databind.JsonNode result = null;
        if (flow.action() != null) {
            Flow.Action a = flow.action();
            String body = a.body();
            Template.Mode bodyMode = body != null && body.strip().matches("(?s)^[\\[{].*")
                    ? Template.Mode.JSON : Template.Mode.TEXT;
            Map<String, String> headers = new LinkedHashMap<>();
            a.headers().forEach((k, v) -> headers.put(k, Template.render(v, values, null, Template.Mode.TEXT)));
            Action.Call call = new Action.Call(Template.render(a.uri(), values, null, Template.Mode.URI), a.method(),
                    Template.render(body, values, null, bodyMode), headers,
                    Duration.ofMillis(Math.min(a.timeoutMillis(), settings.actionMaxTimeoutMillis())));
            Action.Result r = action.call(call);
            if (r.failed()) {
                return fail(flow, values, r.error(), language, data);
            }
            result = r.result();
        }
        end(flow, data);
        data.put(ERROR, "");
        return new Step(Kind.ANSWER, Template.render(flow.answer(language), values, result, Template.Mode.TEXT),
                data, null);
    }

    private static Step fail(Flow flow, Map<String, String> values, String error, String language,
            Map<String, String> data) {
        values.forEach((name, v) -> data.put(SLOT_OF_TYPE + flow.slot(name).type(), v));
        end(flow, data);
        data.put(ERROR, error.length() > 300 ? error.substring(0, 300) : error);
        if (flow.onError().equals(Flow.ON_ERROR_ANSWER)) {
            return new Step(Kind.ANSWER, Template.render(flow.errorAnswer(language), values, null,
                    Template.Mode.TEXT), data, error);
        }
        return new Step(Kind.HANDOFF, null, data, error);
    }

    /** Blanks the flow's keys: the core merges data into the context and cannot remove keys. */
    static void end(Flow flow, Map<String, String> data) {
        data.put(INTENT, "");
        data.put(STEP, "");
        data.put(TRIES, "");
        if (flow != null) {
            for (Flow.SlotSpec s : flow.slots()) {
                data.put(SLOT + s.name(), "");
            }
        }
    }

    /** Blanks the flow keys found in {@code context} (the flow's definition may be gone). */
    static void end(Map<String, String> context, Map<String, String> data) {
        end((Flow) null, data);
        context.keySet().stream().filter(k -> k.startsWith(SLOT)).forEach(k -> data.put(k, ""));
    }

    private static int parseInt(String s) {
        try {
            return s == null || s.isBlank() ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
