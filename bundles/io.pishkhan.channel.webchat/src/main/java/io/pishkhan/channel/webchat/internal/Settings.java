package io.pishkhan.channel.webchat.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configuration as checked, immutable values (so a {@code @Modified} swaps one reference). */
record Settings(OriginPolicy origins, int maxMessageBytes, int maxFrameBytes, int rateLimitMessages,
        int rateLimitSeconds, int maxSessionsPerToken, int sessionIdleSeconds, int pollQueueSize, int maxVisitors,
        boolean prechatEnabled, List<String> prechatFields, List<String> prechatRequired, Map<String, String> titles,
        Map<String, String> colors, int abandonAfterMinutes) {
    static final List<String> FIELDS = List.of("name", "email", "phone");

    static Settings from(WebchatConfig c) {
        return new Settings(new OriginPolicy(c.allowedOrigins()), c.maxMessageBytes(), c.maxFrameBytes(),
                Math.max(1, c.rateLimitMessages()), Math.max(1, c.rateLimitSeconds()), Math.max(1, c.maxSessionsPerToken()),
                Math.max(10, c.sessionIdleSeconds()), Math.max(10, c.pollQueueSize()), Math.max(100, c.maxVisitors()),
                c.prechatEnabled(), fields(c.prechatFields()), fields(c.prechatRequired()),
                Map.of("fa", c.title_fa(), "en", c.title_en()), Map.of("fa", c.color_fa(), "en", c.color_en()),
                Math.max(0, c.abandonAfterMinutes()));
    }

    /** Defaults, for tests. */
    static Settings defaults() {
        return new Settings(new OriginPolicy(""), 4096, 32768, 20, 10, 5, 120, 200, 100000, true,
                FIELDS, List.of("name"), Map.of("fa", "گفتگو با پشتیبانی", "en", "Chat with us"),
                Map.of("fa", "#0b7285", "en", "#0b7285"), 5);
    }

    static List<String> fields(String csv) {
        return Arrays.stream(csv == null ? new String[0] : csv.split(",")).map(String::strip)
                .filter(FIELDS::contains).distinct().toList();
    }

    /** The widget's part of the configuration, sent in {@code welcome}. */
    Map<String, Object> widgetConfig(String lang) {
        String l = "fa".equals(lang) ? "fa" : "en";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxMessageBytes", maxMessageBytes);
        m.put("rateLimit", Map.of("messages", rateLimitMessages, "seconds", rateLimitSeconds));
        m.put("title", titles.get(l));
        m.put("color", safeColor(colors.get(l)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("enabled", prechatEnabled);
        p.put("fields", prechatFields);
        p.put("required", prechatRequired.stream().filter(prechatFields::contains).toList());
        m.put("prechat", p);
        return m;
    }

    /** Only plain colour values reach the widget's CSS. */
    static String safeColor(String c) {
        return c != null && c.matches("#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgb\\(\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*\\)")
                ? c : "#0b7285";
    }
}
