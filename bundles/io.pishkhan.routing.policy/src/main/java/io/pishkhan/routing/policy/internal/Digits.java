package io.pishkhan.routing.policy.internal;

/** Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to Latin and back. */
final class Digits {
    private static final char PERSIAN_ZERO = '\u06F0';
    private static final char ARABIC_ZERO = '\u0660';

    private Digits() {
    }

    /** Latin digits for Persian and Arabic-Indic ones; everything else unchanged. Null stays null. */
    static String toLatin(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char latin = c >= PERSIAN_ZERO && c <= PERSIAN_ZERO + 9 ? (char) ('0' + c - PERSIAN_ZERO)
                    : c >= ARABIC_ZERO && c <= ARABIC_ZERO + 9 ? (char) ('0' + c - ARABIC_ZERO) : c;
            if (latin != c && b == null) {
                b = new StringBuilder(s);
            }
            if (b != null) {
                b.setCharAt(i, latin);
            }
        }
        return b == null ? s : b.toString();
    }

    /** Persian digits for Latin ones. */
    static String toPersian(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= '0' && c <= '9' ? (char) (PERSIAN_ZERO + c - '0') : c);
        }
        return b.toString();
    }
}
