package io.pishkhan.analytics.sentiment.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The smoothed sentiment of each conversation and its alert state, in memory (thread-safe; the processor feeds it from
 * its single worker).
 *
 * <p>Smoothing is an exponential moving average of the message scores: the first message's score starts it,
 * then {@code smoothed = w * message + (1 - w) * previous} with {@code w} = {@link Settings#smoothing()}. A
 * conversation <em>alerts</em> when the smoothed score falls below {@link Settings#threshold()} while it is not
 * alerted, and <em>recovers</em> (may alert again later) when the score climbs to {@link Settings#reset()} or above.
 * At most {@link Settings#maxConversations()} conversations are kept; the least recently scored is forgotten first.
 */
final class SentimentTracker {
    /**
     * The state of one conversation.
     *
     * @param smoothed the smoothed score, -1..1
     * @param messages messages scored (0 when seeded from the conversation's context)
     * @param alerted  alert raised and not yet recovered
     */
    record Mood(double smoothed, int messages, boolean alerted) {
    }

    /**
     * The result of one message.
     *
     * @param mood      the conversation after the message
     * @param alert     the conversation turned negative with this message: raise the alert
     * @param recovered the conversation was alerted and recovered with this message: clear the alert
     */
    record Step(Mood mood, boolean alert, boolean recovered) {
    }

    private final LinkedHashMap<String, Mood> moods = new LinkedHashMap<>(256, 0.75f, true);

    /**
     * Adds a message's score to the conversation.
     *
     * @param seed the state to continue from when the conversation is not in memory (e.g. read from its context
     *             after a restart), or {@code null} to start from this message; called only then
     */
    Step apply(String conversationId, double score, Settings settings, Supplier<Mood> seed) {
        double x = clamp(score);
        Mood prev;
        synchronized (moods) {
            prev = moods.get(conversationId);
        }
        if (prev == null && seed != null) {
            prev = seed.get(); // may read the store: outside the lock
        }
        synchronized (moods) {
            Mood current = moods.get(conversationId);
            if (current != null) {
                prev = current;
            }
            double w = settings.smoothing();
            double smoothed = prev == null ? x : clamp(w * x + (1 - w) * prev.smoothed());
            boolean wasAlerted = prev != null && prev.alerted();
            boolean alert = !wasAlerted && smoothed < settings.threshold();
            boolean recovered = wasAlerted && smoothed >= settings.reset();
            Mood next = new Mood(smoothed, (prev == null ? 0 : prev.messages()) + 1, alert || wasAlerted && !recovered);
            moods.put(conversationId, next);
            while (moods.size() > settings.maxConversations()) {
                String eldest = moods.keySet().iterator().next();
                moods.remove(eldest);
            }
            return new Step(next, alert, recovered);
        }
    }

    Mood mood(String conversationId) {
        synchronized (moods) {
            return moods.get(conversationId);
        }
    }

    void forget(String conversationId) {
        synchronized (moods) {
            moods.remove(conversationId);
        }
    }

    /** Conversations in memory that are alerted (not recovered, not resolved). */
    int alerted() {
        synchronized (moods) {
            int n = 0;
            for (Map.Entry<String, Mood> e : moods.entrySet()) {
                n += e.getValue().alerted() ? 1 : 0;
            }
            return n;
        }
    }

    int size() {
        synchronized (moods) {
            return moods.size();
        }
    }

    static double clamp(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.max(-1, Math.min(1, v));
    }
}
