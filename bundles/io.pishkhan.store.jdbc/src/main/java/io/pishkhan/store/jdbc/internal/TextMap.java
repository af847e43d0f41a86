package io.pishkhan.store.jdbc.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores a {@code Map<String, String>} in one text column as {@code key=value} lines, sorted by key. Backslash,
 * line breaks and (in keys) {@code =} are escaped with a backslash, so any strings round-trip. An empty map is
 * stored as SQL NULL. Human readable in a SQL console, and needs no JSON library inside the bundle.
 */
final class TextMap {
    private TextMap() {
    }

    static String encode(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            escape(sb, e.getKey(), true);
            sb.append('=');
            escape(sb, e.getValue() == null ? "" : e.getValue(), false);
            sb.append('\n');
        }
        return sb.toString();
    }

    static Map<String, String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            StringBuilder key = new StringBuilder();
            StringBuilder value = new StringBuilder();
            StringBuilder current = key;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (ch == '\\' && i + 1 < line.length()) {
                    char next = line.charAt(++i);
                    current.append(switch (next) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        default -> next;
                    });
                } else if (ch == '=' && current == key) {
                    current = value;
                } else {
                    current.append(ch);
                }
            }
            map.put(key.toString(), value.toString());
        }
        return Map.copyOf(map);
    }

    private static void escape(StringBuilder sb, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '=' -> sb.append(key ? "\\=" : "=");
                default -> sb.append(ch);
            }
        }
    }
}
