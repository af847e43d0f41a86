package io.pishkhan.nlu.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/**
 * The one text normalisation of the intent engine, applied identically to training examples and to texts to
 * classify, so that the same words typed on an Arabic keyboard, a Persian keyboard, with Persian or Arabic-Indic
 * digits, with or without diacritics and half-spaces produce the same features.
 *
 * <p>Rules, in order:
 * <ol>
 * <li>NFKC (folds Arabic presentation forms and full-width Latin).</li>
 * <li>Arabic yeh {@code ي} and alef maksura {@code ى} to Persian yeh {@code ی}; Arabic kaf {@code ك} to Persian kaf
 * {@code ک}; teh marbuta {@code ة}, heh with yeh above {@code ۀ} and ae {@code ە} to heh {@code ه}; alef with madda
 * or hamza {@code آ أ إ ٱ} to alef {@code ا}; waw with hamza {@code ؤ} to waw {@code و}; yeh with hamza
 * {@code ئ} to yeh {@code ی}.</li>
 * <li>Diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks), tatweel {@code ـ}, zero-width
 * space and joiner, directional marks and BOM are removed.</li>
 * <li>ZWNJ (nim-fasele, U+200C) becomes a space: {@code می‌خواهم} and {@code می خواهم} give the same words
 * (measured on massive-fa-subset: as good as or better than removing it, see README).</li>
 * <li>Persian {@code ۰-۹} and Arabic-Indic {@code ٠-٩} digits to {@code 0-9}; Persian decimal/thousands separators
 * become spaces like other punctuation.</li>
 * <li>Lower case (Latin and other cased scripts), other combining marks dropped (so {@code café} is {@code cafe}
 * whether typed precomposed or not).</li>
 * <li>Everything that is not a letter or digit is a separator; runs of separators become one space; no leading or
 * trailing space.</li>
 * </ol>
 * Stateless and thread-safe. Other modules may copy these rules; they should not depend on this class.
 */
public final class TextNormalizer {
    public static final String PERSIAN = "fa";
    public static final String ENGLISH = "en";

    private static final char PERSIAN_YEH = '\u06CC';
    private static final char PERSIAN_KAF = '\u06A9';
    private static final char HEH = '\u0647';
    private static final char ALEF = '\u0627';
    private static final char WAW = '\u0648';
    private static final int DROP = -1;
    private static final int SPACE = ' ';

    private TextNormalizer() {
    }

    /** The normalised text: words separated by single spaces ({@code ""} for null or no words). */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        // NFD of Latin letters only matters for accents; decompose so that the marks can be dropped below
        String decomposed = Normalizer.normalize(nfkc, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length();) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int mapped = map(cp);
            if (mapped == DROP || isMark(mapped)) {
                continue;
            }
            if (mapped == SPACE || !Character.isLetterOrDigit(mapped)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(Character.toLowerCase(mapped));
        }
        // NFD split Arabic letters such as alef with madda (U+0622 = U+0627 U+0653): the mark is dropped above,
        // leaving plain alef, which is what rule 2 wants anyway. Recompose what remains (Latin has no marks left).
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** The normalised words of {@code text}. */
    public static List<String> tokens(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
    }

    /** {@value #PERSIAN} when the text holds any Arabic-script letter, else {@value #ENGLISH}. */
    public static String language(String text) {
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
            case '\u0626': // yeh with hamza above
                return PERSIAN_YEH;
            case '\u0643': // Arabic kaf
                return PERSIAN_KAF;
            case '\u0629': // teh marbuta
            case '\u06C0': // heh with yeh above
            case '\u06C1': // heh goal
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
