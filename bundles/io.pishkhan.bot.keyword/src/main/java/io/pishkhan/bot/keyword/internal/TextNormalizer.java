package io.pishkhan.bot.keyword.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/**
 * Turns Persian and English text into comparable tokens, so that the same words typed on an Arabic keyboard, a
 * Persian keyboard or with Persian digits match each other.
 */
final class TextNormalizer {
    static final String PERSIAN = "fa";
    static final String ENGLISH = "en";

    private static final char PERSIAN_YEH = '\u06CC';
    private static final char PERSIAN_KAF = '\u06A9';
    private static final char HEH = '\u0647';
    private static final char ALEF = '\u0627';
    private static final char WAW = '\u0648';

    private TextNormalizer() {
    }

    /**
     * NFKC (folds Arabic presentation forms), Arabic yeh and alef maksura to Persian yeh, Arabic kaf to Persian
     * kaf, teh marbuta and heh with yeh to heh, hamza-carrying alefs and waw to plain ones, drops diacritics,
     * tatweel and directional marks, ZWNJ to space, Persian and Arabic-Indic digits to ASCII, lower case,
     * everything that is not a letter or digit to space, runs of spaces collapsed.
     */
    static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfkc.length();) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            int mapped = map(cp);
            if (mapped == DROP) {
                continue;
            }
            if (mapped == SPACE || !Character.isLetterOrDigit(mapped)) {
                if (isMark(mapped)) {
                    continue; // leftover combining marks (e.g. Latin accents typed apart) belong to their letter
                }
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(Character.toLowerCase(mapped));
        }
        return out.toString();
    }

    /** The normalized words of {@code text}. */
    static List<String> tokens(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
    }

    /** {@value #PERSIAN} when the text holds any Arabic-script letter, else {@value #ENGLISH}. */
    static String language(String text) {
        if (text != null) {
            for (int i = 0; i < text.length();) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) {
                    return PERSIAN;
                }
            }
        }
        return ENGLISH;
    }

    /**
     * Karaf reads {@code etc/*.cfg} as ISO-8859-1 unless {@code felix.fileinstall.configEncoding=UTF-8} is set, so a
     * UTF-8 file with Persian text arrives as mojibake ("Ø³Ø§Ø¹Øª"). When every char of {@code value} fits in
     * ISO-8859-1 and its bytes are valid UTF-8 with at least one multi-byte sequence, the UTF-8 reading is returned;
     * otherwise {@code value} unchanged (genuine Latin-1 text such as "café" is not valid UTF-8 and stays).
     */
    static String repairUtf8ReadAsLatin1(String value) {
        if (value == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
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

    private static final int DROP = -1;
    private static final int SPACE = ' ';

    private static int map(int cp) {
        if (cp >= '\u06F0' && cp <= '\u06F9') {
            return '0' + (cp - '\u06F0'); // Persian digits
        }
        if (cp >= '\u0660' && cp <= '\u0669') {
            return '0' + (cp - '\u0660'); // Arabic-Indic digits
        }
        switch (cp) {
            case '\u064A': // Arabic yeh
            case '\u0649': // alef maksura
                return PERSIAN_YEH;
            case '\u0643': // Arabic kaf
                return PERSIAN_KAF;
            case '\u0629': // teh marbuta
            case '\u06C0': // heh with yeh above
            case '\u06D5': // ae
                return HEH;
            case '\u0622': // alef with madda
            case '\u0623': // alef with hamza above
            case '\u0625': // alef with hamza below
            case '\u0671': // alef wasla
                return ALEF;
            case '\u0624': // waw with hamza
                return WAW;
            case '\u200C': // zero width non-joiner (nim-fasele)
                return SPACE;
            case '\u0640': // tatweel
            case '\u200B': // zero width space
            case '\u200D': // zero width joiner
            case '\u200E': // left-to-right mark
            case '\u200F': // right-to-left mark
            case '\u061C': // Arabic letter mark
            case '\uFEFF': // byte order mark
                return DROP;
            default:
                return isArabicDiacritic(cp) ? DROP : cp;
        }
    }

    private static boolean isArabicDiacritic(int cp) {
        return (cp >= '\u064B' && cp <= '\u065F') || cp == '\u0670' || (cp >= '\u0610' && cp <= '\u061A')
                || (cp >= '\u06D6' && cp <= '\u06DC') || (cp >= '\u06DF' && cp <= '\u06E8')
                || (cp >= '\u06EA' && cp <= '\u06ED');
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
