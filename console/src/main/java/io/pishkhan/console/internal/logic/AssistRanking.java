package io.pishkhan.console.internal.logic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Agent assist: ranks canned responses by how much they have in common with the customer's last message, and guesses
 * a message's language from its script.
 *
 * <p>Both texts are normalised the same way: Unicode NFKC, Arabic letters to their Persian forms (ي ى to ی, ك to ک,
 * ة ۀ to ه, أ إ آ ٱ to ا, ؤ to و), Persian and Arabic-Indic digits to Latin, lower case; diacritics (harakat) and the
 * tatweel are dropped, the zero-width non-joiner separates words. Tokens are runs of letters and digits of at least two
 * characters, minus a short list of Persian and English function words; template variables ({@code {customer.name}})
 * are not words. Two tokens match when they are equal, or when one starts with the other and the shorter has at least
 * four characters and they differ by at most three ({@code card}/{@code cards}, {@code کارت}/{@code کارتم}).
 *
 * <p>The score of a candidate is the number of distinct message tokens it matches; ties go to the candidate with fewer
 * tokens (the more specific text), then to the name. Candidates matching nothing are left out.
 */
public final class AssistRanking {
    /** A canned response to rank: its name and its text in the customer's language. */
    public record Candidate(String name, String text) {
    }

    /** A ranked canned response. */
    public record Ranked(String name, String text, int score) {
    }

    private static final Set<String> STOP_WORDS = Set.of(
            // English
            "a", "an", "the", "and", "or", "but", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did",
            "to", "of", "in", "on", "at", "for", "with", "by", "from", "it", "its", "this", "that", "my", "your",
            "me", "you", "we", "our", "he", "she", "they", "them", "his", "her", "can", "could", "would", "will",
            "please", "hi", "hello", "thanks", "thank", "so", "not", "no", "yes", "have", "has", "had", "how", "what",
            "why", "when", "where", "there", "here", "if", "as", "up", "about", "into", "just", "any", "some", "i",
            // Persian
            "و", "در", "به", "از", "که", "را", "با", "این", "آن", "است", "هست", "بود", "برای", "تا", "یا", "هم",
            "من", "ما", "شما", "او", "آنها", "ایشان", "می", "نمی", "ها", "های", "ای", "یک", "چه", "چرا", "کجا",
            "کی", "چطور", "چگونه", "اگر", "ولی", "اما", "بر", "نیز", "شد", "شده", "کرد", "کرده", "کنم", "کنید",
            "سلام", "لطفا", "ممنون", "مرسی", "باشد", "دارم", "دارید", "هستم", "هستید", "خود", "بله", "نه", "آیا",
            "ام", "ایم", "اید", "اند");

    private AssistRanking() {
    }

    /** The text normalised for matching (see the class comment); null is "". */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u064A', '\u0649' -> b.append('\u06CC'); // Arabic yeh, alef maksura -> Persian yeh
                case '\u0643' -> b.append('\u06A9'); // Arabic kaf -> Persian keheh
                case '\u0629', '\u06C0' -> b.append('\u0647'); // teh marbuta, heh with yeh -> heh
                case '\u0623', '\u0625', '\u0622', '\u0671' -> b.append('\u0627'); // alef variants -> alef
                case '\u0624' -> b.append('\u0648'); // waw with hamza -> waw
                case '\u200C', '\u200D' -> b.append(' '); // ZWNJ / ZWJ separate words here
                case '\u0640' -> {
                    // tatweel: drop
                }
                default -> {
                    if (c >= '\u064B' && c <= '\u065F' || c == '\u0670') {
                        break; // harakat and the superscript alef: drop
                    }
                    if (c >= '\u06F0' && c <= '\u06F9') {
                        b.append((char) ('0' + (c - '\u06F0')));
                    } else if (c >= '\u0660' && c <= '\u0669') {
                        b.append((char) ('0' + (c - '\u0660')));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** The distinct content words of a text, in order of appearance. */
    public static Set<String> tokens(String text) {
        // {customer.name} and the like are template variables, not words
        String s = normalise(text == null ? "" : text.replaceAll("\\{[a-zA-Z]+\\.[a-zA-Z]+}", " "));
        Set<String> out = new LinkedHashSet<>();
        StringBuilder t = new StringBuilder();
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                t.append(c);
            } else if (!t.isEmpty()) {
                String w = t.toString();
                if (w.length() >= 2 && !STOP_WORDS.contains(w)) {
                    out.add(w);
                }
                t.setLength(0);
            }
        }
        return out;
    }

    /** Equal, or one a prefix of the other (the shorter at least 4 characters, at most 3 more in the longer). */
    static boolean matches(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= 4 && longer.length() - shorter.length() <= 3 && longer.startsWith(shorter);
    }

    /** How many of the message's tokens the candidate's tokens match. */
    static int score(Set<String> message, Set<String> candidate) {
        int n = 0;
        for (String m : message) {
            for (String c : candidate) {
                if (matches(m, c)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /**
     * The best {@code limit} candidates for a message, best first; the name counts as words of the candidate too
     * ({@code card_lost} gives {@code card} and {@code lost}).
     */
    public static List<Ranked> rank(String message, List<Candidate> candidates, int limit) {
        Set<String> query = tokens(message);
        if (query.isEmpty() || limit <= 0) {
            return List.of();
        }
        record Scored(Candidate c, int score, int size) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c == null || c.text() == null || c.text().isBlank()) {
                continue;
            }
            Set<String> words = new LinkedHashSet<>(tokens(c.name() == null ? "" : c.name().replaceAll("[._-]", " ")));
            words.addAll(tokens(c.text()));
            int s = score(query, words);
            if (s > 0) {
                scored.add(new Scored(c, s, words.size()));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::size)
                .thenComparing(x -> x.c().name() == null ? "" : x.c().name()));
        return scored.stream().limit(limit).map(x -> new Ranked(x.c().name(), x.c().text(), x.score())).toList();
    }

    /**
     * {@code fa} when the text has more Arabic-script letters than Latin ones, {@code en} when it has more Latin
     * ones, null when it has no letters (or as many of each).
     */
    public static String detectLanguage(String text) {
        if (text == null) {
            return null;
        }
        int arabic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.ARABIC) {
                arabic++;
            } else if (script == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        return arabic > latin ? "fa" : latin > arabic ? "en" : null;
    }
}
