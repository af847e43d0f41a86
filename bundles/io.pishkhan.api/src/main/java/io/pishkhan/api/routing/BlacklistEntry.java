package io.pishkhan.api.routing;

import java.time.Instant;
import java.util.Objects;

/**
 * A blocked identity or pattern.
 *
 * @param kind     what is matched: {@code phone}, {@code email}, {@code ip} (address or CIDR), {@code token}
 *                 (web chat visitor token) or {@code address} (any channel address)
 * @param pattern  exact value, glob ({@code *@spam.example}, {@code +98912*}) or CIDR for {@code ip}
 * @param action   what happens to a match
 * @param message  text sent to a blocked customer ({@code null}: the default notice)
 * @param queueId  for {@link Action#LOW_PRIORITY}: the queue it is sent to
 */
public record BlacklistEntry(String id, String kind, String pattern, Action action, String message, String queueId,
        String createdBy, Instant createdAt, String comment) {
    public enum Action {
        /** Not routed: the customer gets the configured message; the message is kept for audit. */
        BLOCK,
        /** Routed to a low-priority queue. */
        LOW_PRIORITY
    }

    public BlacklistEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(action, "action");
    }
}
