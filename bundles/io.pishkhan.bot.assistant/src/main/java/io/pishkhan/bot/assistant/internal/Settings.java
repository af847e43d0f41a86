package io.pishkhan.bot.assistant.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One immutable reading of configuration {@value AssistantEngine#PID}, swapped in whole on every change.
 *
 * <p>Routes per intent are open-ended keys: {@code route.<intent>.queue = cards} and
 * {@code route.<intent>.skills = cards:3, lang-fa:1} (the {@code routing.skills} format). The intent may contain dots
 * ({@code route.card.block.queue} is intent {@code card.block}).
 */
record Settings(List<List<String>> handoffWords, Set<String> handoffIntents, List<List<String>> angerWords,
        double sentimentThreshold, double intentMinConfidence, double kbMinScore, double kbMinLead, int kbLimit,
        int lowConfidenceTurns, int flowRetries, int actionMaxTimeoutMillis, int summaryMaxChars,
        String defaultLanguage, Map<String, String> texts, Map<String, Route> routes, List<String> problems) {

    static final String ROUTE_PREFIX = "route.";
    private static final Pattern SKILLS = Pattern.compile("\\s*[\\w.-]+\\s*(:\\s*\\d{1,2}\\s*)?(,\\s*[\\w.-]+\\s*(:\\s*\\d{1,2}\\s*)?)*");

    /** A suggested queue and skills for an intent; either may be null. */
    record Route(String queue, String skills) {
    }

    static Settings from(AssistantConfig c, Map<String, Object> properties) {
        List<String> problems = new ArrayList<>();
        Map<String, String> texts = new TreeMap<>();
        put(texts, "handoff", c.handoffText_fa(), c.handoffText_en());
        put(texts, "rephrase", c.rephraseText_fa(), c.rephraseText_en());
        put(texts, "retry", c.retryText_fa(), c.retryText_en());
        put(texts, "more", c.moreText_fa(), c.moreText_en());
        put(texts, "helpful", c.helpful_fa(), c.helpful_en());
        put(texts, "notHelpful", c.notHelpful_fa(), c.notHelpful_en());
        put(texts, "thanks", c.thanksText_fa(), c.thanksText_en());
        put(texts, "sorry", c.sorryText_fa(), c.sorryText_en());
        Map<String, String[]> raw = new TreeMap<>();
        if (properties != null) {
            properties.forEach((k, v) -> {
                if (!k.startsWith(ROUTE_PREFIX) || v == null) {
                    return;
                }
                String rest = k.substring(ROUTE_PREFIX.length());
                int dot = rest.lastIndexOf('.');
                String field = dot < 0 ? "" : rest.substring(dot + 1);
                String intent = dot < 0 ? "" : rest.substring(0, dot);
                String value = repair(v.toString()).strip();
                if (intent.isEmpty() || !(field.equals("queue") || field.equals("skills"))) {
                    problems.add("unknown key " + k + ": expected route.<intent>.queue or route.<intent>.skills");
                    return;
                }
                if (field.equals("skills") && !value.isEmpty() && !SKILLS.matcher(value).matches()) {
                    problems.add(k + " = " + value + ": expected skill:level pairs, e.g. cards:3, lang-fa:1");
                    return;
                }
                raw.computeIfAbsent(intent, i -> new String[2])[field.equals("queue") ? 0 : 1] =
                        value.isEmpty() ? null : value.replaceAll("\\s+", "");
            });
        }
        Map<String, Route> routes = new TreeMap<>();
        raw.forEach((intent, qs) -> routes.put(intent, new Route(qs[0], qs[1])));
        String lang = c.defaultLanguage() == null ? Text.PERSIAN : c.defaultLanguage().strip();
        if (!lang.equals(Text.PERSIAN) && !lang.equals(Text.ENGLISH)) {
            problems.add("defaultLanguage " + lang + ": expected fa or en; using fa");
            lang = Text.PERSIAN;
        }
        return new Settings(phrases(c.handoffWords()), Set.copyOf(Text.list(c.handoffIntents())),
                phrases(c.angerWords()), c.sentimentThreshold(), c.intentMinConfidence(), c.kb_minScore(),
                Math.max(0, c.kb_minLead()), Math.max(1, c.kb_limit()), Math.max(1, c.lowConfidenceTurns()),
                Math.max(0, c.flowRetries()), Math.max(100, c.actionMaxTimeoutMillis()),
                Math.max(40, c.summaryMaxChars()), lang, Map.copyOf(texts), Map.copyOf(routes),
                List.copyOf(problems));
    }

    private static void put(Map<String, String> texts, String key, String fa, String en) {
        texts.put(key + ".fa", repair(fa));
        texts.put(key + ".en", repair(en));
    }

    private static List<List<String>> phrases(String value) {
        List<List<String>> out = new ArrayList<>();
        for (String p : Text.list(repair(value))) {
            List<String> words = Text.tokens(p);
            if (!words.isEmpty()) {
                out.add(List.copyOf(words));
            }
        }
        return List.copyOf(out);
    }

    String text(String key, String language) {
        String t = texts.get(key + "." + language);
        return t != null ? t : texts.get(key + "." + Text.PERSIAN);
    }

    Route route(String intent) {
        return intent == null ? null : routes.get(intent);
    }

    static boolean containsAny(List<String> words, List<List<String>> phrases) {
        return phrases.stream().anyMatch(p -> Text.containsPhrase(words, p));
    }

    /**
     * Karaf reads {@code etc/*.cfg} as ISO-8859-1 unless {@code felix.fileinstall.configEncoding=UTF-8} is set; UTF-8
     * Persian then arrives as mojibake. Text that fits ISO-8859-1 and is valid multi-byte UTF-8 is decoded again.
     */
    static String repair(String value) {
        if (value == null) {
            return "";
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch > 0xFF) {
                return value;
            }
            high |= ch >= 0x80;
        }
        if (!high) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return value;
        }
    }
}
