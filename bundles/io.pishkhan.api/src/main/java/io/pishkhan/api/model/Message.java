package io.pishkhan.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of a conversation, inbound or outbound.
 *
 * @param id              id assigned by the store
 * @param clientMessageId the id the channel gave the message (for de-duplication of retries), or {@code null}
 * @param senderId        customer, agent or bot engine id
 */
public record Message(String id, String conversationId, Direction direction, SenderType senderType, String senderId,
        String text, String clientMessageId, Instant createdAt) {
    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(senderType, "senderType");
        Objects.requireNonNull(text, "text");
    }
}
