package io.pishkhan.bot.assistant.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with placeholders {@code ${slot.<name>}} (a collected slot) and {@code ${result.<path>}} (a field of the
 * action's JSON result: {@code status}, {@code order.items[0].name}). A missing value renders as the empty string.
 * Answers are plain text: nothing is escaped (channels render text as text); a URI gets its values URL-encoded and a
 * JSON body gets them JSON-escaped, so that a value cannot change the request's shape.
 */
final class Template {
    enum Mode {
        TEXT, URI, JSON
    }

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern PATH = Pattern.compile("[\\p{L}\\p{N}_-]+(\\[\\d+])*");

    private Template() {
    }

    /** The placeholders of a template, e.g. {@code [slot.ticket, result.status]}. */
    static List<String> placeholders(String template) {
        List<String> out = new ArrayList<>();
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                out.add(m.group(1).strip());
            }
        }
        return out;
    }

    /** Null when {@code placeholder} is well formed, else why not. */
    static String check(String placeholder, Iterable<String> slotNames, boolean hasResult) {
        if (placeholder.startsWith("slot.")) {
            String name = placeholder.substring(5);
            for (String s : slotNames) {
                if (s.equals(name)) {
                    return null;
                }
            }
            return "${" + placeholder + "} names no slot of this flow";
        }
        if (placeholder.startsWith("result.") || placeholder.equals("result")) {
            if (!hasResult) {
                return "${" + placeholder + "} needs an action";
            }
            String path = placeholder.equals("result") ? "" : placeholder.substring(7);
            for (String part : path.isEmpty() ? new String[0] : path.split("\\.", -1)) {
                if (!PATH.matcher(part).matches()) {
                    return "${" + placeholder + "}: bad path, expected e.g. result.order.items[0].name";
                }
            }
            return null;
        }
        return "${" + placeholder + "}: expected ${slot.<name>} or ${result.<path>}";
    }

    static String render(String template, Map<String, String> slots, JsonNode result, Mode mode) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1).strip();
            String value;
            if (key.startsWith("slot.")) {
                value = slots.getOrDefault(key.substring(5), "");
            } else if (key.equals("result")) {
                value = text(result);
            } else if (key.startsWith("result.")) {
                value = text(lookup(result, key.substring(7)));
            } else {
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode(value, mode)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String encode(String value, Mode mode) {
        return switch (mode) {
            case TEXT -> value;
            case URI -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            case JSON -> {
                String quoted = JsonNodeFactory.instance.textNode(value).toString();
                yield quoted.substring(1, quoted.length() - 1);
            }
        };
    }

    static JsonNode lookup(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            int bracket = part.indexOf('[');
            String field = bracket < 0 ? part : part.substring(0, bracket);
            current = current.get(field);
            if (bracket >= 0) {
                Matcher idx = Pattern.compile("\\[(\\d+)]").matcher(part.substring(bracket));
                while (current != null && idx.find()) {
                    current = current.get(Integer.parseInt(idx.group(1)));
                }
            }
        }
        return current;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
