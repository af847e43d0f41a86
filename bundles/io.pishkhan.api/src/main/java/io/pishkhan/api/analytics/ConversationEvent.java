package io.pishkhan.api.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable fact about a conversation, stored by the core and then given to every analytics processor.
 *
 * @param data step specific values (agent id, queue id, intent...)
 */
public record ConversationEvent(String id, EventType type, String conversationId, String channel, Instant at,
        Map<String, String> data) {
    public ConversationEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
