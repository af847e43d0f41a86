package io.pishkhan.routing.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The only functions rule conditions can call (the JEXL default namespace). Every method is side-effect free,
 * accepts any argument type (a wrong type gives {@code false}, never an exception) and runs in time linear in its
 * input. Text comparisons are done on {@link #normalize normalized} text, so {@code 'Fraud'} matches {@code fraud}
 * and Arabic {@code ي ك} match Persian {@code ی ک}.
 *
 * <p>Public because JEXL resolves functions reflectively; the class sits in a private package of this bundle.
 */
public final class RuleFunctions {
    /** Function names a condition may use, besides JEXL's own {@code size(x)} and {@code empty(x)}. */
    static final Set<String> NAMES = Set.of("contains", "anyWord", "startsWith", "endsWith", "num", "norm");

    /** At most this many words in one list argument (a list literal in a 2 KB expression stays far below). */
    static final int MAX_WORDS = 1000;

    /** {@code true} when {@code text} contains {@code needle} (or, for a list, any of its elements). */
    public boolean contains(Object text, Object needle) {
        return containsAny(text, needle, false);
    }

    /** Like {@link #contains} but each word or phrase must stand alone (not be part of a longer word). */
    public boolean anyWord(Object text, Object words) {
        return containsAny(text, words, true);
    }

    public boolean startsWith(Object text, Object prefix) {
        String t = text(text);
        return t != null && words(prefix).stream().anyMatch(p -> !p.isEmpty() && t.startsWith(p));
    }

    public boolean endsWith(Object text, Object suffix) {
        String t = text(text);
        return t != null && words(suffix).stream().anyMatch(s -> !s.isEmpty() && t.endsWith(s));
    }

    /**
     * A number from a context value such as {@code "1,500"} or {@code "۱۵۰۰"}; {@code otherwise} when it is missing
     * or not a number (context values are strings).
     */
    public double num(Object value, Object otherwise) {
        double fallback = otherwise instanceof Number n ? n.doubleValue() : 0;
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (!(value instanceof CharSequence cs) || cs.length() > 64) {
            return fallback;
        }
        String s = normalize(cs.toString()).replace(",", "").replace("\u066c", "").strip();
        try {
            return s.isEmpty() ? fallback : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The normalized form of a text (what {@code lowerText} holds for the message). */
    public String norm(Object text) {
        String t = text(text);
        return t == null ? "" : t;
    }

    static boolean containsAny(Object text, Object needles, boolean wholeWord) {
        String t = text(text);
        if (t == null) {
            return false;
        }
        for (String w : words(needles)) {
            if (!w.isEmpty() && (wholeWord ? indexOfWord(t, w) >= 0 : t.contains(w))) {
                return true;
            }
        }
        return false;
    }

    static int indexOfWord(String text, String word) {
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            int end = i + word.length();
            if ((i == 0 || !isWordChar(text.charAt(i - 1))) && (end == text.length() || !isWordChar(text.charAt(end)))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    /** Normalized text of a string or number, {@code null} for anything else. */
    private static String text(Object o) {
        if (o instanceof CharSequence || o instanceof Number) {
            return normalize(o.toString());
        }
        return null;
    }

    /** Normalized words of a string, a list or an array of strings (other elements are skipped). */
    static List<String> words(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof CharSequence || o instanceof Number) {
            out.add(normalize(o.toString()));
        } else if (o instanceof List<?> l) {
            for (Object e : l) {
                addWord(out, e);
            }
        } else if (o instanceof Object[] arr) {
            for (Object e : arr) {
                addWord(out, e);
            }
        }
        return out;
    }

    private static void addWord(List<String> out, Object e) {
        if (out.size() < MAX_WORDS && (e instanceof CharSequence || e instanceof Number)) {
            out.add(normalize(e.toString()));
        }
    }

    /**
     * Lower case (root locale); Arabic yeh/kaf/alef maksura to Persian yeh/kaf; Persian and Arabic-Indic digits to
     * ASCII; zero-width non-joiner, tatweel and Arabic diacritics removed; runs of white space to one space.
     */
    static String normalize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u200c' || c == '\u0640' || (c >= '\u064b' && c <= '\u0652') || c == '\u200f' || c == '\u200e') {
                continue;
            }
            if (Character.isWhitespace(c) || c == '\u00a0') {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            if (c == '\u064a' || c == '\u0649') {
                c = '\u06cc';
            } else if (c == '\u0643') {
                c = '\u06a9';
            } else if (c >= '\u06f0' && c <= '\u06f9') {
                c = (char) ('0' + (c - '\u06f0'));
            } else if (c >= '\u0660' && c <= '\u0669') {
                c = (char) ('0' + (c - '\u0660'));
            } else if (c == '\u066b') {
                c = '.';
            }
            b.append(c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
