package io.pishkhan.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An ephemeral, not stored, signal about a conversation: someone is typing, or has read messages.
 *
 * @param from     who sends it: the customer, or an agent
 * @param senderId customer or agent id
 * @param upToMessageId for {@link Type#READ}: the last message read; else {@code null}
 */
public record Signal(Type type, SenderType from, String senderId, String upToMessageId, Instant at) {
    public enum Type {
        TYPING,
        STOPPED_TYPING,
        READ
    }

    public Signal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(at, "at");
    }
}
