package io.pishkhan.console.internal.logic;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The short texts of the knowledge-base editor: tags and channels typed as {@code cards, lost card} (commas, the
 * Persian comma {@code ،}, semicolons or new lines separate; a tag may have spaces), and the article's text direction.
 */
public final class KbText {
    private KbText() {
    }

    /** Non-blank trimmed items, each once, in the order typed. */
    public static Set<String> parseList(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("[,،;؛\\n]")) {
            String p = part.strip().replaceAll("\\s+", " ");
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** {@code a, b}, sorted; empty for none. */
    public static String formatList(Collection<String> items) {
        return items == null ? "" : String.join(", ", new TreeSet<>(items));
    }

    /** {@code rtl} for Persian articles, {@code ltr} for English ones, {@code auto} otherwise. */
    public static String direction(String language) {
        return "fa".equals(language) ? "rtl" : "en".equals(language) ? "ltr" : "auto";
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    public static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, Math.max(0, max - 1)) + "…";
    }
}
