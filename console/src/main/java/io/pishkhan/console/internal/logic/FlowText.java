package io.pishkhan.console.internal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads what the flows list shows from a flow's JSON source: the intent it answers (top-level {@code "intent"}), and
 * how many slots it asks for (top-level array {@code "slots"}). The flow service is the authority on the format
 * (validation, saving); the console only reads these two fields and never fails on a source it cannot read.
 */
public final class FlowText {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the list shows of one flow. */
    public record Summary(String intent, int slots, String source) {
    }

    private FlowText() {
    }

    /** The flow's intent, or null when the source is not a JSON object with a text {@code intent}. */
    public static String intentOf(String json) {
        JsonNode n = parse(json);
        JsonNode i = n == null ? null : n.get("intent");
        return i != null && i.isTextual() && !i.asText().isBlank() ? i.asText().strip() : null;
    }

    /** The flow's top-level {@code "description"}, or "" when it has none. */
    public static String description(String json) {
        JsonNode n = parse(json);
        JsonNode d = n == null ? null : n.get("description");
        return d != null && d.isTextual() ? d.asText().strip() : "";
    }

    /** The list row of a flow source: intent ("" when unreadable) and the number of slots (0 when none). */
    public static Summary summarize(String json) {
        JsonNode n = parse(json);
        String intent = intentOf(json);
        JsonNode slots = n == null ? null : n.get("slots");
        return new Summary(intent == null ? "" : intent, slots != null && slots.isArray() ? slots.size() : 0, json);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
