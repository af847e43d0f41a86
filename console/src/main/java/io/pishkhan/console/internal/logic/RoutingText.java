package io.pishkhan.console.internal.logic;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The short texts admins type for routing profiles: skills with proficiency ({@code cards:8, loans:5}), capacity per
 * channel ({@code webchat:3, voice:1}) and id lists ({@code general, vip}). Persian and Arabic digits, the Persian
 * comma {@code ،} and {@code =} instead of {@code :} are accepted.
 */
public final class RoutingText {
    private RoutingText() {
    }

    /** Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to Latin ones; other characters unchanged. */
    public static String latinDigits(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= '\u06F0' && c <= '\u06F9') {
                b.append((char) ('0' + (c - '\u06F0')));
            } else if (c >= '\u0660' && c <= '\u0669') {
                b.append((char) ('0' + (c - '\u0660')));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Parses {@code id:n, id:n}: each id once, each n an integer within {@code min..max}.
     *
     * @throws InputException {@code input.pair} (no number), {@code input.number} (not an integer),
     *                        {@code input.range} (outside min..max), {@code input.duplicate}
     */
    public static Map<String, Integer> parseLevels(String text, int min, int max) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : split(text)) {
            String p = latinDigits(part).replace('=', ':');
            int colon = p.lastIndexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new InputException("input.pair", "\"" + part + "\": write it as name:number", part);
            }
            String id = p.substring(0, colon).strip();
            String n = p.substring(colon + 1).strip();
            int value;
            try {
                value = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new InputException("input.number", "\"" + part + "\": " + n + " is not a whole number", part, n);
            }
            if (value < min || value > max) {
                throw new InputException("input.range", "\"" + part + "\": must be " + min + "-" + max, part, min,
                        max);
            }
            if (out.put(id, value) != null) {
                throw new InputException("input.duplicate", id + " is given twice", id);
            }
        }
        return out;
    }

    /** {@code a:1, b:2}, sorted by id; empty for none. */
    public static String formatLevels(Map<String, Integer> levels) {
        return new TreeMap<>(levels).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Ids separated by commas or spaces, each once, in the order given. */
    public static Set<String> parseIds(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : split(text)) {
            for (String id : part.split("\\s+")) {
                if (!id.isBlank()) {
                    out.add(id.strip());
                }
            }
        }
        return out;
    }

    /** {@code a, b}, sorted; empty for none. */
    public static String formatIds(Collection<String> ids) {
        return String.join(", ", new TreeSet<>(ids));
    }

    /** Non-empty trimmed parts between commas ({@code ,} or {@code ،}) or new lines. */
    static java.util.List<String> split(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("[,،\\n]")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** Text or {@code null} when blank (optional fields of the API records). */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Latin digits as Persian ones when {@code persian}. */
    public static String digits(String s, boolean persian) {
        return s == null ? "" : persian ? Dates.persianDigits(s) : s;
    }

    public static String digits(long n, boolean persian) {
        return digits(Long.toString(n), persian);
    }
}
