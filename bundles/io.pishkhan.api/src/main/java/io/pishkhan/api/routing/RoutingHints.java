package io.pishkhan.api.routing;

import io.pishkhan.api.model.Conversation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Routing data a conversation carries in its context (set by triage and rules, read by strategies).
 *
 * @param requiredSkills skill id to minimum proficiency 1-10
 * @param priority       base priority the triage gave the conversation (added to its queue's priority)
 * @param waitingSince   when it entered its queue ({@code null} if not known)
 * @param ruleVersion    version of the routing rule set that placed it ({@code null}: none)
 */
public record RoutingHints(Map<String, Integer> requiredSkills, int priority, Instant waitingSince,
        String ruleVersion) {
    /** Context key: required skills as {@code skill:level,skill:level}. */
    public static final String SKILLS = "routing.skills";
    /** Context key: base priority (integer). */
    public static final String PRIORITY = "routing.priority";
    /** Context key: ISO-8601 instant the conversation entered its current queue. */
    public static final String WAITING_SINCE = "routing.waitingSince";
    /** Context key: rule set version that routed it (tagged for canary comparisons). */
    public static final String RULE_VERSION = "routing.ruleVersion";

    public RoutingHints {
        requiredSkills = Map.copyOf(requiredSkills);
    }

    public static RoutingHints of(Conversation c) {
        Map<String, String> ctx = c.context();
        return new RoutingHints(parseSkills(ctx.get(SKILLS)), parseInt(ctx.get(PRIORITY)),
                parseInstant(ctx.get(WAITING_SINCE)), ctx.get(RULE_VERSION));
    }

    /** Parses {@code cards:5, lang-fa:3}; a skill without level means level 1; bad levels are clamped to 1-10. */
    public static Map<String, Integer> parseSkills(String s) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            String id = colon < 0 ? p : p.substring(0, colon).strip();
            int level = colon < 0 ? 1 : parseInt(p.substring(colon + 1).strip());
            if (!id.isEmpty()) {
                out.put(id, Math.max(1, Math.min(10, level)));
            }
        }
        return out;
    }

    public static String formatSkills(Map<String, Integer> skills) {
        return skills.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
