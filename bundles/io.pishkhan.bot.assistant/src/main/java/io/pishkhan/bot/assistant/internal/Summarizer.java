package io.pishkhan.bot.assistant.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extractive summary of what the customer wrote, for the agent: the customer's messages are split into sentences,
 * each sentence is scored by the TF-IDF weight of its content words (stop words and greetings do not count, a word
 * rare in the transcript weighs more, long sentences are not favoured: the sum is divided by the square root of the
 * sentence's word count; sentences with a number, e.g. an order or amount, weigh a third more) and the two best
 * are kept in their original order, up to a maximum length.
 */
final class Summarizer {
    private static final Set<String> STOP = new HashSet<>(Text.tokens(String.join(" ",
            "از به با در که این آن را و یا هم برای تا من ما شما او است هست بود شد می نمی ها های ای یک سلام لطفا",
            "لطفاً ممنون مرسی متشکرم چرا چه چی چطور کجا کی آیا هستم هستید دارم دارید خیلی باید بله نه ولی اما",
            "اگر رو کنم کنید کردم کرده شده میشه می‌شه خوب خب باشه درود وقت بخیر روز",
            "the a an to of and or in on for is are was were be been i me my we our you your it its this that",
            "with at by from hi hello hey please thanks thank can could would should do does did have has had",
            "not no yes ok okay so but if just there here what when where why how which who am im dear")));
    private static final String ELLIPSIS = "…";

    private Summarizer() {
    }

    /**
     * @param messages the customer's messages, oldest first
     * @param ignore   normalized phrases that are not content (quick replies, handoff words): a sentence that is
     *                 one of them is skipped, and one-word phrases do not count as content words
     */
    static String summarize(List<String> messages, List<List<String>> ignore, int maxChars) {
        Set<String> stop = new HashSet<>(STOP);
        ignore.stream().filter(p -> p.size() == 1).forEach(p -> stop.add(p.get(0)));
        List<String> sentences = new ArrayList<>();
        List<List<String>> terms = new ArrayList<>();
        for (String message : messages) {
            for (String s : Text.sentences(message)) {
                List<String> words = Text.tokens(s);
                if (words.isEmpty() || ignore.stream().anyMatch(p -> p.equals(words))) {
                    continue;
                }
                List<String> content = words.stream().filter(w -> !stop.contains(w) && (w.length() > 1
                        || Character.isDigit(w.charAt(0)))).toList();
                if (content.isEmpty()) {
                    continue;
                }
                sentences.add(s);
                terms.add(content);
            }
        }
        if (sentences.isEmpty()) {
            return "";
        }
        Map<String, Integer> df = new HashMap<>();
        for (List<String> t : terms) {
            new HashSet<>(t).forEach(w -> df.merge(w, 1, Integer::sum));
        }
        int n = sentences.size();
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            Map<String, Integer> tf = new HashMap<>();
            terms.get(i).forEach(w -> tf.merge(w, 1, Integer::sum));
            double sum = 0;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                double idf = Math.log((n + 1.0) / (df.get(e.getKey()) + 1.0)) + 1.0;
                sum += e.getValue() * idf;
            }
            boolean number = terms.get(i).stream().anyMatch(w -> w.chars().anyMatch(Character::isDigit));
            score[i] = sum / Math.sqrt(Text.tokens(sentences.get(i)).size()) * (number ? 4.0 / 3 : 1.0);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // best first; on equal scores the later sentence (closer to the handoff) wins
        order.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> -i));
        List<Integer> best = new ArrayList<>(order.subList(0, Math.min(2, n)));
        best.sort(Integer::compare);
        String first = sentences.get(best.get(0));
        String joined = best.size() == 1 ? first : first + " " + sentences.get(best.get(1));
        if (joined.length() <= maxChars) {
            return joined;
        }
        String top = sentences.get(order.get(0));
        return top.length() <= maxChars ? top : top.substring(0, maxChars - 1).stripTrailing() + ELLIPSIS;
    }
}
