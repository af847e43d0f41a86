package io.pishkhan.api.analytics;

import java.util.List;
import java.util.Objects;

/**
 * One row of the friction report.
 *
 * @param kind    what hurts (see {@link Kind})
 * @param key     the intent, KB article id, or {@code queueId@hour} (hour 0-23 in the report's zone)
 * @param count   conversations (or answers) that show the problem
 * @param total   conversations (or answers) of that key in the range, the denominator of {@code rate}
 * @param rate    count / total, 0-1 ({@link Kind#LONGEST_WAIT}: the longest wait in seconds)
 * @param samples up to 5 conversation ids to open
 */
public record FrictionRow(Kind kind, String key, long count, long total, double rate, List<String> samples) {
    public enum Kind {
        /** Intents whose conversations the bot handed off to a person. */
        HANDOFF_INTENT,
        /** Intents whose conversations were not resolved (abandoned, or still open after the range). */
        UNRESOLVED_INTENT,
        /** Intents with survey scores 1-2. */
        LOW_CSAT_INTENT,
        /** Knowledge-base answers the customer marked not helpful ({@link EventType#BOT_FEEDBACK}). */
        KB_NOT_HELPFUL,
        /** Longest waits by queue and hour of day. */
        LONGEST_WAIT
    }

    public FrictionRow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
