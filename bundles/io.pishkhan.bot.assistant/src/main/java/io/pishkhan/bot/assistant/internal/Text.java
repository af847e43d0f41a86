package io.pishkhan.bot.assistant.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Persian and English text helpers: digit and letter folding, word tokens, language detection, sentences.
 */
final class Text {
    static final String PERSIAN = "fa";
    static final String ENGLISH = "en";

    private Text() {
    }

    /**
     * Folds {@code text} one char for one char, so that offsets stay valid: Persian ({@code ۰-۹}) and Arabic-Indic
     * ({@code ٠-٩}) digits to ASCII, Arabic thousands separator {@code ٬} to {@code ,}, Arabic decimal separator
     * {@code ٫} to {@code .}, Arabic yeh/alef maksura to Persian yeh, Arabic kaf to Persian kaf, ZWNJ and NBSP to
     * space.
     */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = foldChar(out[i]);
        }
        return new String(out);
    }

    static char foldChar(char c) {
        if (c >= '\u06F0' && c <= '\u06F9') {
            return (char) ('0' + (c - '\u06F0'));
        }
        if (c >= '\u0660' && c <= '\u0669') {
            return (char) ('0' + (c - '\u0660'));
        }
        return switch (c) {
            case '\u066C' -> ','; // Arabic thousands separator
            case '\u066B' -> '.'; // Arabic decimal separator
            case '\u064A', '\u0649' -> '\u06CC'; // Arabic yeh, alef maksura -> Persian yeh
            case '\u0643' -> '\u06A9'; // Arabic kaf -> Persian kaf
            case '\u200C', '\u00A0', '\u202F' -> ' '; // ZWNJ, no-break spaces
            default -> c;
        };
    }

    /** ASCII digits for Persian and Arabic-Indic ones; everything else unchanged. */
    static String latinDigits(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u06F0' && c <= '\u06F9') {
                c = (char) ('0' + (c - '\u06F0'));
            } else if (c >= '\u0660' && c <= '\u0669') {
                c = (char) ('0' + (c - '\u0660'));
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * Comparable form: NFKC, {@link #fold}, teh marbuta and heh-with-yeh to heh, hamza alefs to alef, diacritics
     * and tatweel dropped, lower case, everything but letters and digits to single spaces.
     */
    static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = fold(Normalizer.normalize(text, Normalizer.Form.NFKC));
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isDropped(cp)) {
                continue;
            }
            cp = switch (cp) {
                case '\u0629', '\u06C0', '\u06D5' -> '\u0647';
                case '\u0622', '\u0623', '\u0625', '\u0671' -> '\u0627';
                case '\u0624' -> '\u0648';
                default -> cp;
            };
            if (!Character.isLetterOrDigit(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(Character.toLowerCase(cp));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isDropped(int cp) {
        return cp == '\u0640' || cp == '\u200B' || cp == '\u200D' || cp == '\u200E' || cp == '\u200F'
                || cp == '\u061C' || cp == '\uFEFF' || (cp >= '\u064B' && cp <= '\u065F') || cp == '\u0670'
                || (cp >= '\u0610' && cp <= '\u061A') || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    static List<String> tokens(String text) {
        String n = normalize(text);
        return n.isEmpty() ? List.of() : Arrays.asList(n.split(" "));
    }

    /** {@value #PERSIAN} when the text holds an Arabic-script letter, {@value #ENGLISH} when it holds a Latin letter, else null. */
    static String language(String text) {
        if (text == null) {
            return null;
        }
        boolean latin = false;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.ARABIC) {
                    return PERSIAN;
                }
                latin |= script == Character.UnicodeScript.LATIN;
            }
        }
        return latin ? ENGLISH : null;
    }

    /** True when the normalized words of {@code phrase} occur consecutively in {@code words}. */
    static boolean containsPhrase(List<String> words, List<String> phrase) {
        if (phrase.isEmpty() || phrase.size() > words.size()) {
            return false;
        }
        outer:
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!words.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Sentences of a message: split after {@code . ! ? ؟ ؛} followed by space, and at line breaks. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("(?<=[.!?\u061F\u061B])\\s+|\\R+")) {
            String s = part.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Splits a configured list on commas (Latin and Persian) and trims; blanks dropped. */
    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String p : value.split("[,\u060C]")) {
            String s = p.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
