package io.pishkhan.console.internal.logic;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canned responses from the console configuration: keys {@code template.<name>.<language>} (e.g.
 * {@code template.greeting.fa}); the text may use {@code {customer.name}}, {@code {agent.name}} and
 * {@code {conversation.id}}.
 */
public final class Templates {
    public static final String PREFIX = "template.";
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z]+\\.[a-z]+)}");

    /** name -> language -> text, both sorted. */
    private final Map<String, Map<String, String>> byName;

    private Templates(Map<String, Map<String, String>> byName) {
        this.byName = byName;
    }

    public static Templates empty() {
        return new Templates(Map.of());
    }

    /** Reads every {@code template.<name>.<lang>} key of a configuration; other keys are ignored. */
    public static Templates fromConfiguration(Map<String, ?> properties) {
        Map<String, Map<String, String>> m = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith(PREFIX) || value == null) {
                return;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                return;
            }
            String text = String.valueOf(value).strip();
            if (!text.isEmpty()) {
                m.computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>())
                        .put(rest.substring(dot + 1).toLowerCase(Locale.ROOT), text);
            }
        });
        m.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        return new Templates(Collections.unmodifiableMap(m));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The text of a template in a language, else in English, else in any language it has; null when unknown.
     */
    public String text(String name, String language) {
        Map<String, String> texts = byName.get(name);
        if (texts == null) {
            return null;
        }
        String t = texts.get(language);
        if (t == null) {
            t = texts.get("en");
        }
        if (t == null && !texts.isEmpty()) {
            t = texts.values().iterator().next();
        }
        return t;
    }

    /** Replaces known {@code {a.b}} variables; unknown variables are kept as written. A null value becomes "". */
    public static String expand(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = variables.containsKey(name)
                    ? (variables.get(name) == null ? "" : variables.get(name))
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The variables a template can use in a conversation. */
    public static Map<String, String> variables(String customerName, String agentName, String conversationId) {
        Map<String, String> v = new TreeMap<>();
        v.put("customer.name", customerName);
        v.put("agent.name", agentName);
        v.put("conversation.id", conversationId);
        return v;
    }
}
