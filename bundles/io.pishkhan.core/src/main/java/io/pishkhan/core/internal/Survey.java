package io.pishkhan.core.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The satisfaction survey's vocabulary: context keys kept on the resolved conversation and how a customer's answer
 * is read as a score.
 */
final class Survey {
    /** Context key: {@code sent} (waiting for a score), {@code scored} (waiting for a comment), {@code done}. */
    static final String STATE = "survey.state";
    static final String SENT = "sent";
    static final String SCORED = "scored";
    static final String DONE = "done";
    /** Context keys: when it was sent (ISO instant), its id, the language asked in, the score and the comment. */
    static final String SENT_AT = "survey.sentAt";
    static final String ID = "survey.id";
    static final String LANG = "survey.lang";
    static final String SCORE = "survey.score";
    static final String COMMENT = "survey.comment";
    /**
     * Inbound message attribute the core sets (and strips from what channels give) to ask the store to append the
     * message to that resolved conversation awaiting a survey answer instead of the customer's open one. The store
     * honours it only for a RESOLVED conversation of the same customer and channel whose {@link #STATE} is
     * {@code sent} or {@code scored}, and only when no conversation is open on that channel.
     */
    static final String TARGET_ATTRIBUTE = "pishkhan.survey.conversationId";
    static final List<String> QUICK_REPLIES = List.of("1", "2", "3", "4", "5");
    static final int MAX_COMMENT = 1000;

    private static final Pattern SCORE_TEXT = Pattern.compile(
            "(?:score|rating|امتیاز|نمره)?\\s*[:=]?\\s*([1-5])\\s*(?:(?:/|از|out of|of)\\s*5)?\\s*(?:stars?|ستاره)?\\s*[.!)\\u06D4]*");
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("یک", 1), Map.entry("دو", 2), Map.entry("سه", 3), Map.entry("چهار", 4), Map.entry("پنج", 5));
    private static final Pattern STARS = Pattern.compile("[\\u2B50\\u2605\\uFE0F\\s]+");

    private Survey() {
    }

    /** ASCII digits for Persian (۰-۹) and Arabic-Indic (٠-٩) ones, lower case, trimmed. */
    static String normalise(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.strip().toCharArray()) {
            if (c >= '\u06F0' && c <= '\u06F9') {
                b.append((char) ('0' + c - '\u06F0'));
            } else if (c >= '\u0660' && c <= '\u0669') {
                b.append((char) ('0' + c - '\u0660'));
            } else {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT).strip();
    }

    /**
     * The score 1..5 the text gives, or {@code null} when it is not (only) a score: "4", "۴", "٤", "5/5", "۵ از ۵",
     * "3 stars", "five", "پنج", "⭐⭐⭐⭐".
     */
    static Integer score(String text) {
        if (text == null || text.length() > 40) {
            return null;
        }
        String t = normalise(text);
        if (t.isEmpty()) {
            return null;
        }
        Matcher m = SCORE_TEXT.matcher(t);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        Integer word = WORDS.get(t.replaceAll("[.!\\u06D4]+$", "").strip());
        if (word != null) {
            return word;
        }
        if (STARS.matcher(t).matches()) {
            long stars = t.chars().filter(c -> c == 0x2B50 || c == 0x2605).count();
            return stars >= 1 && stars <= 5 ? (int) stars : null;
        }
        return null;
    }

    /** "fa" or "en" from a locale or language tag such as {@code fa-IR}, {@code en_US}; {@code null} when unknown. */
    static String language(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String t = tag.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("fa") || t.startsWith("per")) {
            return "fa";
        }
        return t.startsWith("en") ? "en" : null;
    }
}
