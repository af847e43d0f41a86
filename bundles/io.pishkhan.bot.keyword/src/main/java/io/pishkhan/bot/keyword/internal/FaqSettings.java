package io.pishkhan.bot.keyword.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One immutable reading of configuration {@value KeywordFaqEngine#PID}: the FAQ entries, the handoff phrases and
 * texts. Built on activation and on every modification, then swapped in whole, so a reply always sees one
 * consistent configuration.
 *
 * <p>FAQ keys, {@code <id>} being the entry's id and the intent the bot reports:
 * <pre>
 * faq.&lt;id&gt;.keywords  = comma separated words or phrases, any language
 * faq.&lt;id&gt;.answer.fa = answer for customers writing Persian
 * faq.&lt;id&gt;.answer.en = answer for the others
 * faq.&lt;id&gt;.answer    = answer when there is none in the customer's language
 * </pre>
 * An entry needs keywords and at least one answer; entries that lack either are skipped and reported in
 * {@link #problems()}.
 */
final class FaqSettings {
    static final String FAQ_PREFIX = "faq.";
    static final String KEYWORDS = "keywords";
    static final String ANSWER = "answer";
    /** Key of the language-neutral answer in {@link Entry#answers()}. */
    static final String ANY_LANGUAGE = "";

    /** Word endings a message word may add to a keyword word (plural, possessive, ezafe) and still match it. */
    private static final Set<String> SUFFIXES = Set.of("s", "es", "ی", "ای", "م", "ت", "ش", "ام", "ات", "اش", "مان",
            "تان", "شان", "ها", "های", "هایی", "هایم", "هایت", "هایش");
    /** Keyword words shorter than this match whole words only. */
    private static final int MIN_STEM = 3;

    /**
     * An FAQ entry.
     *
     * @param keywords each keyword as its normalized words
     * @param answers  language ({@code fa}, {@code en}, or {@link #ANY_LANGUAGE}) to answer text
     */
    record Entry(String id, List<List<String>> keywords, Map<String, String> answers) {
        /** The answer in {@code language}, else the language-neutral one, else any. */
        String answer(String language) {
            String text = answers.get(language);
            if (text == null) {
                text = answers.get(ANY_LANGUAGE);
            }
            return text != null ? text : answers.values().iterator().next();
        }
    }

    /**
     * The entry a message matches best.
     *
     * @param score      message words covered by the entry's keywords
     * @param confidence {@code score / (score + runner-up score + 1)}: grows with the words matched, falls when
     *                   another entry matches almost as well
     */
    record Match(Entry entry, int score, double confidence) {
    }

    private final List<Entry> entries;
    private final List<List<String>> handoffPhrases;
    private final int minScore;
    private final Map<String, String> handoffTexts;
    private final List<String> problems;
    private final boolean repairedEncoding;

    private FaqSettings(List<Entry> entries, List<List<String>> handoffPhrases, int minScore,
            Map<String, String> handoffTexts, List<String> problems, boolean repairedEncoding) {
        this.entries = List.copyOf(entries);
        this.handoffPhrases = List.copyOf(handoffPhrases);
        this.minScore = minScore;
        this.handoffTexts = Map.copyOf(handoffTexts);
        this.problems = List.copyOf(problems);
        this.repairedEncoding = repairedEncoding;
    }

    static FaqSettings from(KeywordFaqConfig config, Map<String, ?> properties) {
        Reader reader = new Reader();
        List<List<String>> phrases = reader.phrases(List.of(config.handoffPhrases()));
        Map<String, String> handoff = new TreeMap<>();
        putText(handoff, TextNormalizer.PERSIAN, reader.text(config.handoffText_fa()));
        putText(handoff, TextNormalizer.ENGLISH, reader.text(config.handoffText_en()));

        Map<String, List<String>> keywordValues = new TreeMap<>();
        Map<String, Map<String, String>> answers = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ?> property : (properties == null ? Map.<String, Object>of() : properties).entrySet()) {
            String key = property.getKey();
            if (!key.startsWith(FAQ_PREFIX)) {
                continue;
            }
            String rest = key.substring(FAQ_PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                problems.add(key + ": expected faq.<id>.keywords or faq.<id>.answer[.<lang>]");
                continue;
            }
            String id = rest.substring(0, dot);
            String field = rest.substring(dot + 1);
            if (field.equals(KEYWORDS)) {
                keywordValues.put(id, strings(property.getValue()));
            } else if (field.equals(ANSWER) || field.startsWith(ANSWER + ".")) {
                String language = field.equals(ANSWER) ? ANY_LANGUAGE : field.substring(ANSWER.length() + 1);
                String text = reader.text(String.join(" ", strings(property.getValue())));
                if (text.isBlank()) {
                    problems.add(key + ": empty answer ignored");
                } else {
                    answers.computeIfAbsent(id, k -> new TreeMap<>()).put(language.toLowerCase(Locale.ROOT),
                            text.strip());
                }
            } else {
                problems.add(key + ": unknown field '" + field + "' (use keywords, answer, answer.fa, answer.en)");
            }
        }

        List<Entry> entries = new ArrayList<>();
        for (String id : union(keywordValues.keySet(), answers.keySet())) {
            List<List<String>> keywords = reader.phrases(keywordValues.getOrDefault(id, List.of()));
            Map<String, String> texts = answers.getOrDefault(id, Map.of());
            if (keywords.isEmpty()) {
                problems.add("faq." + id + ": no keywords, entry skipped");
            } else if (texts.isEmpty()) {
                problems.add("faq." + id + ": no answer, entry skipped");
            } else {
                entries.add(new Entry(id, keywords, Map.copyOf(texts)));
            }
        }
        return new FaqSettings(entries, phrases, Math.max(1, config.minScore()), handoff, problems, reader.repaired);
    }

    /** The best matching entry, or {@code null} when no keyword of any entry occurs in {@code words}. */
    Match bestMatch(List<String> words) {
        Entry best = null;
        int bestScore = 0;
        int bestSpecificity = 0;
        int runnerUp = 0;
        for (Entry entry : entries) {
            boolean[] covered = new boolean[words.size()];
            int specificity = 0;
            for (List<String> keyword : entry.keywords()) {
                for (int start = 0; start + keyword.size() <= words.size(); start++) {
                    if (matchesAt(words, start, keyword, true)) {
                        Arrays.fill(covered, start, start + keyword.size(), true);
                        specificity = Math.max(specificity, keyword.size());
                    }
                }
            }
            int score = 0;
            for (boolean c : covered) {
                score += c ? 1 : 0;
            }
            if (score == 0) {
                continue;
            }
            // entries are in id order: on a full tie the first id stays best
            if (score > bestScore || (score == bestScore && specificity > bestSpecificity)) {
                runnerUp = bestScore;
                best = entry;
                bestScore = score;
                bestSpecificity = specificity;
            } else {
                runnerUp = Math.max(runnerUp, score);
            }
        }
        return best == null ? null : new Match(best, bestScore, bestScore / (double) (bestScore + runnerUp + 1));
    }

    /** Whether {@code words} contain a handoff phrase (whole words, no suffixes: "پشتیبانی" is not "پشتیبان"). */
    boolean asksForPerson(List<String> words) {
        for (List<String> phrase : handoffPhrases) {
            for (int start = 0; start + phrase.size() <= words.size(); start++) {
                if (matchesAt(words, start, phrase, false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(List<String> words, int start, List<String> phrase, boolean allowSuffix) {
        for (int i = 0; i < phrase.size(); i++) {
            String word = words.get(start + i);
            String expected = phrase.get(i);
            if (!word.equals(expected) && !(allowSuffix && expected.length() >= MIN_STEM && word.startsWith(expected)
                    && SUFFIXES.contains(word.substring(expected.length())))) {
                return false;
            }
        }
        return true;
    }

    String handoffText(String language) {
        String text = handoffTexts.get(language);
        return text != null ? text : handoffTexts.get(TextNormalizer.ENGLISH);
    }

    List<Entry> entries() {
        return entries;
    }

    int minScore() {
        return minScore;
    }

    int handoffPhraseCount() {
        return handoffPhrases.size();
    }

    List<String> problems() {
        return problems;
    }

    /** Whether some value had to be repaired from UTF-8 read as ISO-8859-1 (see {@link TextNormalizer}). */
    boolean repairedEncoding() {
        return repairedEncoding;
    }

    private static void putText(Map<String, String> texts, String language, String text) {
        if (text != null && !text.isBlank()) {
            texts.put(language, text.strip());
        }
    }

    /** Accepts a plain string, or the array / collection a typed configuration may carry. */
    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Reads configured text, repairing mis-decoded UTF-8 and remembering that it did. */
    private static final class Reader {
        boolean repaired;

        String text(String value) {
            String fixed = TextNormalizer.repairUtf8ReadAsLatin1(value);
            repaired |= fixed != null && !fixed.equals(value);
            return fixed == null ? "" : fixed;
        }

        /** Splits on commas (Latin ',' and Persian '،'), normalizes each phrase into words, drops empty ones. */
        List<List<String>> phrases(List<String> values) {
            List<List<String>> phrases = new ArrayList<>();
            for (String value : values) {
                for (String phrase : text(value).split("[,\u060C]")) {
                    List<String> words = TextNormalizer.tokens(phrase);
                    if (!words.isEmpty() && !phrases.contains(words)) {
                        phrases.add(List.copyOf(words));
                    }
                }
            }
            return phrases;
        }
    }
}
