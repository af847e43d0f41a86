package io.pishkhan.console.internal.logic;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.model.Conversation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentiment in the live views. The sentiment processor writes the conversation context keys {@code sentiment}
 * (the smoothed score, -1..1) and {@code sentiment.alert=true} while the conversation is negative, and publishes
 * {@code SENTIMENT_ALERT} events (data {@code score}). The desktop marks alerted conversations; the supervisor view
 * keeps the latest alerts here: newest first, one line per conversation (a new alert replaces the older one), at
 * most {@code capacity} lines.
 */
public final class SentimentAlerts {
    public static final String SCORE_KEY = "sentiment";
    public static final String ALERT_KEY = "sentiment.alert";

    /** One alert line. */
    public record Alert(String conversationId, String channel, String queueId, String agentId, Double score,
            Instant at) {
    }

    private final int capacity;
    private final List<Alert> alerts = new ArrayList<>();

    public SentimentAlerts(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public static boolean isAlert(Conversation c) {
        return c != null && "true".equalsIgnoreCase(c.context().getOrDefault(ALERT_KEY, "").strip());
    }

    /** The smoothed score from the context, null when missing or not a number. */
    public static Double score(Conversation c) {
        return c == null ? null : parse(c.context().get(SCORE_KEY));
    }

    static Double parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(Dates.latinDigits(s.strip()));
            return Double.isNaN(d) ? null : Math.max(-1, Math.min(1, d));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "-0.62" / "−۰٫۶۲" style text of a score (two decimals), "" when none. */
    public static String scoreText(Double score, boolean persian) {
        if (score == null) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%+.2f", score);
        return persian ? Dates.persianDigits(s).replace('.', '٫') : s;
    }

    /**
     * Takes an event: a {@code SENTIMENT_ALERT} becomes the newest alert (score from the event data, else the
     * conversation's context). Returns the alert, or null for any other event.
     */
    public synchronized Alert accept(ConversationEvent event, Conversation c) {
        if (event == null || event.type() != EventType.SENTIMENT_ALERT) {
            return null;
        }
        Double score = parse(event.data().get("score"));
        if (score == null) {
            score = score(c);
        }
        Alert a = new Alert(event.conversationId(), c == null ? event.channel() : c.channel(),
                c == null ? null : c.queueId(), c == null ? null : c.agentId(), score, event.at());
        alerts.removeIf(x -> x.conversationId().equals(a.conversationId()));
        alerts.add(0, a);
        while (alerts.size() > capacity) {
            alerts.remove(alerts.size() - 1);
        }
        return a;
    }

    public synchronized List<Alert> list() {
        return List.copyOf(alerts);
    }
}
