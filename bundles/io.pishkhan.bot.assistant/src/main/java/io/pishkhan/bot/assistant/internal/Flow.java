package io.pishkhan.bot.assistant.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A conversation flow for one intent, kept as JSON in the ConfigStore (kind {@value #KIND}, id = intent):
 *
 * <pre>
 * {"intent": "request.status",
 *  "slots": [{"name": "ticket", "type": "ticket",
 *             "prompt": {"fa": "لطفاً شماره پیگیری را بفرمایید", "en": "Please give me your tracking number"}}],
 *  "action": {"uri": "http://localhost:8089/status/${slot.ticket}", "method": "GET", "timeoutMillis": 3000},
 *  "answer": {"fa": "وضعیت درخواست ${slot.ticket}: ${result.status}", "en": "Request ${slot.ticket} is ${result.status}"},
 *  "onError": "handoff"}
 * </pre>
 *
 * @param slots    asked for in order, each once unless already known
 * @param action   optional; called once all slots are known
 * @param answer   language to template
 * @param onError  {@code handoff} (default) or {@code answer} (then {@code errorAnswer} is said)
 */
record Flow(String intent, List<SlotSpec> slots, Action action, Map<String, String> answer, String onError,
        Map<String, String> errorAnswer) {
    static final String KIND = "flow";
    static final String ON_ERROR_HANDOFF = "handoff";
    static final String ON_ERROR_ANSWER = "answer";
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int MAX_TIMEOUT_MILLIS = 60_000;
    static final int DEFAULT_TIMEOUT_MILLIS = 3_000;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern INTENT = Pattern.compile("[\\p{L}\\p{N}_.-]{1,100}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
    private static final Set<String> LANGUAGES = Set.of(Text.PERSIAN, Text.ENGLISH);
    private static final Set<String> TOP = Set.of("intent", "slots", "action", "answer", "onError", "errorAnswer",
            "description");
    private static final Set<String> SLOT_FIELDS = Set.of("name", "type", "prompt");
    private static final Set<String> ACTION_FIELDS = Set.of("uri", "method", "timeoutMillis", "body", "headers");

    record SlotSpec(String name, String type, Map<String, String> prompt) {
        String prompt(String language) {
            return pick(prompt, language);
        }
    }

    /** A call to make: a Camel endpoint URI (http/https go through the JDK HTTP client). */
    record Action(String uri, String method, int timeoutMillis, String body, Map<String, String> headers) {
    }

    String answer(String language) {
        return pick(answer, language);
    }

    String errorAnswer(String language) {
        return pick(errorAnswer, language);
    }

    SlotSpec slot(String name) {
        return slots.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static String pick(Map<String, String> byLanguage, String language) {
        if (byLanguage == null || byLanguage.isEmpty()) {
            return null;
        }
        String t = byLanguage.get(language);
        if (t == null) {
            t = byLanguage.get(Text.PERSIAN);
        }
        return t != null ? t : byLanguage.values().iterator().next();
    }

    /** A flow document that is not valid; the message lists every problem with its place in the document. */
    static final class InvalidFlowException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidFlowException(String subject, List<String> problems) {
            super(subject + ": " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    /**
     * Reads and checks a flow document.
     *
     * @throws InvalidFlowException naming each problem, e.g. {@code slots[0].type: unknown type 'tiket'}
     */
    static Flow parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidFlowException("flow", List.of("not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFlowException("flow", List.of("expected a JSON object"));
        }
        List<String> p = new ArrayList<>();
        unknown(root, TOP, "", p);
        String intent = text(root, "intent", "intent", true, p);
        if (intent != null && !INTENT.matcher(intent).matches()) {
            p.add("intent: '" + intent + "' may hold letters, digits, '.', '_' and '-' (1-100)");
        }
        List<SlotSpec> slots = new ArrayList<>();
        JsonNode slotsNode = root.get("slots");
        Set<String> names = new HashSet<>();
        if (slotsNode != null && !slotsNode.isNull() && !slotsNode.isArray()) {
            p.add("slots: expected an array");
        } else if (slotsNode != null && slotsNode.isArray()) {
            for (int i = 0; i < slotsNode.size(); i++) {
                String at = "slots[" + i + "]";
                JsonNode s = slotsNode.get(i);
                if (!s.isObject()) {
                    p.add(at + ": expected an object with name, type and prompt");
                    continue;
                }
                unknown(s, SLOT_FIELDS, at + ".", p);
                String name = text(s, "name", at + ".name", true, p);
                if (name != null && !NAME.matcher(name).matches()) {
                    p.add(at + ".name: '" + name + "' must start with a letter and hold letters, digits, '_', '-'");
                } else if (name != null && !names.add(name)) {
                    p.add(at + ".name: '" + name + "' is used twice");
                }
                String type = text(s, "type", at + ".type", true, p);
                if (type != null && !SlotExtractorImpl.TYPES.contains(type)) {
                    p.add(at + ".type: unknown type '" + type + "'; expected one of "
                            + new TreeSet<>(SlotExtractorImpl.TYPES));
                }
                Map<String, String> prompt = languages(s.get("prompt"), at + ".prompt", true, p);
                slots.add(new SlotSpec(name, type, prompt));
            }
        }
        Action action = null;
        JsonNode a = root.get("action");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                p.add("action: expected an object with uri, method, timeoutMillis");
            } else {
                unknown(a, ACTION_FIELDS, "action.", p);
                String uri = text(a, "uri", "action.uri", true, p);
                if (uri != null && !uri.matches("[A-Za-z][A-Za-z0-9+.-]*:.+")) {
                    p.add("action.uri: '" + uri + "' is not an endpoint URI (scheme:...), e.g. "
                            + "http://host/status/${slot.ticket} or direct:status");
                }
                String method = text(a, "method", "action.method", false, p);
                method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
                if (!METHODS.contains(method)) {
                    p.add("action.method: '" + method + "'; expected one of " + new TreeSet<>(METHODS));
                }
                int timeout = DEFAULT_TIMEOUT_MILLIS;
                JsonNode t = a.get("timeoutMillis");
                if (t != null && !t.isNull()) {
                    if (!t.canConvertToInt() || !t.isIntegralNumber() || t.asInt() < 1 || t.asInt() > MAX_TIMEOUT_MILLIS) {
                        p.add("action.timeoutMillis: expected a whole number 1-" + MAX_TIMEOUT_MILLIS);
                    } else {
                        timeout = t.asInt();
                    }
                }
                String body = null;
                JsonNode b = a.get("body");
                if (b != null && !b.isNull()) {
                    body = b.isTextual() ? b.asText() : b.toString();
                }
                Map<String, String> headers = new LinkedHashMap<>();
                JsonNode h = a.get("headers");
                if (h != null && !h.isNull()) {
                    if (!h.isObject()) {
                        p.add("action.headers: expected an object of names to values");
                    } else {
                        h.fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
                    }
                }
                action = new Action(uri, method, timeout, body, Map.copyOf(headers));
                placeholders("action.uri", uri, names, false, p);
                placeholders("action.body", body, names, false, p);
                for (Map.Entry<String, String> e : headers.entrySet()) {
                    placeholders("action.headers." + e.getKey(), e.getValue(), names, false, p);
                }
            }
        }
        Map<String, String> answer = languages(root.get("answer"), "answer", true, p);
        String onError = text(root, "onError", "onError", false, p);
        onError = onError == null ? ON_ERROR_HANDOFF : onError;
        if (!onError.equals(ON_ERROR_HANDOFF) && !onError.equals(ON_ERROR_ANSWER)) {
            p.add("onError: '" + onError + "'; expected handoff or answer");
        }
        Map<String, String> errorAnswer = languages(root.get("errorAnswer"), "errorAnswer",
                onError.equals(ON_ERROR_ANSWER), p);
        for (Map.Entry<String, String> e : answer.entrySet()) {
            placeholders("answer." + e.getKey(), e.getValue(), names, action != null, p);
        }
        for (Map.Entry<String, String> e : errorAnswer.entrySet()) {
            placeholders("errorAnswer." + e.getKey(), e.getValue(), names, false, p);
        }
        if (!p.isEmpty()) {
            throw new InvalidFlowException("flow" + (intent == null ? "" : " " + intent), p);
        }
        return new Flow(intent, List.copyOf(slots), action, answer, onError, errorAnswer);
    }

    private static void placeholders(String at, String template, Set<String> slotNames, boolean hasResult,
            List<String> p) {
        for (String ph : Template.placeholders(template)) {
            String problem = Template.check(ph, slotNames, hasResult);
            if (problem != null) {
                p.add(at + ": " + problem);
            }
        }
    }

    private static void unknown(JsonNode node, Set<String> allowed, String at, List<String> p) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                p.add(at + f + ": unknown field; expected one of " + new TreeSet<>(allowed));
            }
        }
    }

    private static String text(JsonNode node, String field, String at, boolean required, List<String> p) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                p.add(at + ": required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            p.add(at + ": expected non-empty text");
            return null;
        }
        return v.asText().strip();
    }

    /** {@code {"fa": "...", "en": "..."}}, or one text for every language. */
    private static Map<String, String> languages(JsonNode v, String at, boolean required, List<String> p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            if (required) {
                p.add(at + ": required, e.g. {\"fa\": \"...\", \"en\": \"...\"}");
            }
            return out;
        }
        if (v.isTextual() && !v.asText().isBlank()) {
            out.put(Text.PERSIAN, v.asText());
            out.put(Text.ENGLISH, v.asText());
            return out;
        }
        if (!v.isObject() || v.isEmpty()) {
            p.add(at + ": expected {\"fa\": \"...\", \"en\": \"...\"} or a text");
            return out;
        }
        v.fields().forEachRemaining(e -> {
            if (!LANGUAGES.contains(e.getKey())) {
                p.add(at + "." + e.getKey() + ": unknown language; expected fa or en");
            } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                p.add(at + "." + e.getKey() + ": expected non-empty text");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    /** The document as stored: normalised (pretty) JSON of the given text. */
    static String pretty(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n instanceof ObjectNode o) {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
            }
            return json;
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
