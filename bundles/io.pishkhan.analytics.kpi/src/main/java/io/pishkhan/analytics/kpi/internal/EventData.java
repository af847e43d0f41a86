package io.pishkhan.analytics.kpi.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the {@code data} column of {@code conversation_event}: {@code key=value} lines where backslash, line breaks
 * and (in keys) {@code =} are escaped with a backslash (the JDBC store's format). Lenient: a line without {@code =}
 * becomes a key with an empty value, never an error.
 */
final class EventData {
    private EventData() {
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
        return map;
    }
}
