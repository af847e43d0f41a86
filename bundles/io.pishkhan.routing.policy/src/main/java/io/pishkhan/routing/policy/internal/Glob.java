package io.pishkhan.routing.policy.internal;

/** A pattern where {@code *} stands for any run of characters (none included); no regular expressions. */
final class Glob {
    private final String[] parts;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final int minLength;

    Glob(String pattern) {
        this.anchoredStart = !pattern.startsWith("*");
        this.anchoredEnd = !pattern.endsWith("*");
        this.parts = java.util.Arrays.stream(pattern.split("\\*")).filter(p -> !p.isEmpty()).toArray(String[]::new);
        int n = 0;
        for (String p : parts) {
            n += p.length();
        }
        this.minLength = n;
    }

    static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0;
    }

    boolean matches(String s) {
        if (s.length() < minLength) {
            return false;
        }
        int from = 0;
        int first = 0;
        int last = parts.length;
        if (anchoredStart && parts.length > 0) {
            if (!s.startsWith(parts[0])) {
                return false;
            }
            from = parts[0].length();
            first = 1;
        }
        int end = s.length();
        if (anchoredEnd && last > first) {
            if (!s.endsWith(parts[last - 1]) || s.length() - parts[last - 1].length() < from) {
                return false;
            }
            end = s.length() - parts[last - 1].length();
            last--;
        } else if (anchoredEnd && parts.length == 1 && anchoredStart) {
            return s.length() == parts[0].length();
        }
        for (int i = first; i < last; i++) {
            int at = s.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > end) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }
}
