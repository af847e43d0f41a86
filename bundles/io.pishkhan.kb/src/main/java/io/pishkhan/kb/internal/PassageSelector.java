package io.pishkhan.kb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Picks the passage of an article body that best answers a query.
 *
 * <p>The plain body ({@link MarkdownText}) is cut into units: paragraphs, and the sentences of paragraphs longer
 * than {@link #MAX_CHARS}. A candidate passage is a run of consecutive units that fits in {@link #MAX_CHARS}
 * characters, starting at each unit. Its score is the sum of the idf of the distinct query terms it holds (so a
 * passage with the rare, telling words beats one with the common ones), analysed with the article's language
 * analyser; ties go to the earlier passage. When no candidate holds a query term (the article matched on its title
 * or tags) the opening passage is shown. A single unit longer than the limit is cut at word boundaries around its
 * first query term, with an ellipsis.
 */
final class PassageSelector {
    static final int MAX_CHARS = 400;
    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
    /** After a sentence end (Latin and Persian punctuation) or a line break. */
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?؟;؛…])\\s+|\\n");
    private static final String ELLIPSIS = "…";

    /** Tokenizes a text with the article's analyser. */
    interface Analysis {
        List<ArticleIndex.Token> tokens(String text);
    }

    private PassageSelector() {
    }

    static String best(String plainBody, Set<String> queryTerms, Analysis analysis, ToDoubleFunction<String> idf) {
        List<String> units = units(plainBody);
        if (units.isEmpty()) {
            return "";
        }
        // each unit is analysed once; a window's score is the idf sum over the union of its units' query terms
        List<Set<String>> matched = new ArrayList<>(units.size());
        for (String unit : units) {
            Set<String> m = new HashSet<>();
            for (ArticleIndex.Token t : analysis.tokens(unit)) {
                if (queryTerms.contains(t.term())) {
                    m.add(t.term());
                }
            }
            matched.add(m);
        }
        Map<String, Double> idfs = new HashMap<>();
        int bestStart = 0;
        int bestEnd = 0;
        double bestScore = 0;
        for (int i = 0; i < units.size(); i++) {
            int end = windowEnd(units, i);
            Set<String> terms = new HashSet<>();
            for (int j = i; j <= end; j++) {
                terms.addAll(matched.get(j));
            }
            double score = 0;
            for (String term : terms) {
                score += idfs.computeIfAbsent(term, t -> Math.max(0.01, idf.applyAsDouble(t)));
            }
            if (score > bestScore) {
                bestScore = score;
                bestStart = i;
                bestEnd = end;
            }
        }
        if (bestScore == 0) {
            bestEnd = windowEnd(units, 0);
        }
        String best = String.join("\n", units.subList(bestStart, bestEnd + 1));
        return best.length() <= MAX_CHARS ? best : cut(best, queryTerms, analysis);
    }

    /** The last unit of the window starting at {@code start}: following units are added while they fit. */
    private static int windowEnd(List<String> units, int start) {
        int length = units.get(start).length();
        int end = start;
        while (end + 1 < units.size() && length + 1 + units.get(end + 1).length() <= MAX_CHARS) {
            end++;
            length += 1 + units.get(end).length();
        }
        return end;
    }

    /** Paragraphs, with over-long paragraphs split into sentences. */
    static List<String> units(String plain) {
        List<String> out = new ArrayList<>();
        for (String p : PARAGRAPH.split(plain.strip())) {
            String para = p.strip();
            if (para.isEmpty()) {
                continue;
            }
            if (para.length() <= MAX_CHARS) {
                out.add(para);
                continue;
            }
            for (String s : SENTENCE.split(para)) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** A window of at most MAX_CHARS around the first query term, cut at spaces, with ellipses where cut. */
    private static String cut(String text, Set<String> queryTerms, Analysis analysis) {
        int anchor = 0;
        for (ArticleIndex.Token t : analysis.tokens(text)) {
            if (queryTerms.contains(t.term())) {
                anchor = t.start();
                break;
            }
        }
        int budget = MAX_CHARS - 2 * ELLIPSIS.length();
        int start = Math.max(0, Math.min(anchor - budget / 4, text.length() - budget));
        if (start > 0) {
            int space = text.indexOf(' ', start);
            start = space < 0 || space >= anchor ? start : space + 1;
        }
        int end = Math.min(text.length(), start + budget);
        if (end < text.length()) {
            int space = text.lastIndexOf(' ', end);
            end = space > start + budget / 2 ? space : end;
        }
        return (start > 0 ? ELLIPSIS : "") + text.substring(start, end).strip() + (end < text.length() ? ELLIPSIS : "");
    }
}
