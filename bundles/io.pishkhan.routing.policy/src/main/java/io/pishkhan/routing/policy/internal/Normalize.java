package io.pishkhan.routing.policy.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Canonical forms that blacklist patterns and senders are compared in. */
final class Normalize {
    /** Iran's country calling code; a national number {@code 0912...} becomes {@code 98912...}. */
    static final String IRAN = "98";
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]+");
    private static final Pattern NUMBER_GLOB = Pattern.compile("\\+?[0-9*]+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().\u200c\u200e\u200f/]");

    private Normalize() {
    }

    /**
     * A phone number as digits only with the country code and without {@code +}: Persian and Arabic digits become
     * Latin, spaces, dashes, dots and brackets go, {@code +98}, {@code 0098}, {@code 98} and the national {@code 0}
     * all give {@code 98...}; a bare 10-digit mobile {@code 912...} gets {@code 98}. Other {@code +}/{@code 00}
     * numbers keep their own country code. Null when no digit is left or other characters remain.
     */
    static String phone(String raw) {
        String s = stripPhone(raw);
        if (s == null || !NUMBER.matcher(s).matches()) {
            return null;
        }
        if (s.startsWith("+")) {
            return s.substring(1);
        }
        if (s.startsWith("00")) {
            return s.substring(2);
        }
        if (s.startsWith("0")) {
            return IRAN + s.substring(1);
        }
        if (s.length() == 10 && s.startsWith("9")) {
            return IRAN + s;
        }
        return s;
    }

    /**
     * A phone pattern: an exact number as {@link #phone(String)}; a glob gets the same prefix rules for its
     * leading literal ({@code +98912*}, {@code 0912*} and {@code 0098912*} all become {@code 98912*}). Null when
     * something else than digits, separators, a leading {@code +} and {@code *} is in it.
     */
    static String phonePattern(String raw) {
        if (raw == null || raw.indexOf('*') < 0) {
            return phone(raw);
        }
        String s = stripPhone(raw);
        if (s == null || !NUMBER_GLOB.matcher(s).matches()) {
            return null;
        }
        if (s.startsWith("+")) {
            return s.substring(1);
        }
        if (s.startsWith("00")) {
            return s.substring(2);
        }
        if (s.startsWith("0")) {
            return IRAN + s.substring(1);
        }
        return s;
    }

    private static String stripPhone(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Digits.toLatin(raw).strip();
        if (s.regionMatches(true, 0, "tel:", 0, 4)) {
            s = s.substring(4);
        }
        s = SEPARATORS.matcher(s).replaceAll("");
        return s.isEmpty() ? null : s;
    }

    /** Lower case, without {@code mailto:} and the display name of {@code Name <a@b>}. */
    static String email(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt).strip();
        }
        if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
            s = s.substring(7);
        }
        s = s.toLowerCase(Locale.ROOT);
        return s.isEmpty() ? null : s;
    }

    /** Trimmed; null when blank. */
    static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        return s.isEmpty() ? null : s;
    }
}
