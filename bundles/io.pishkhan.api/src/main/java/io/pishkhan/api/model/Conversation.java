package io.pishkhan.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thread of messages between a customer and the contact centre on one channel.
 *
 * @param queueId   the queue it waits in or was routed through, {@code null} while the bot has it
 * @param agentId   the assigned agent, {@code null} unless {@link ConversationState#ASSIGNED}
 * @param intent    the last intent the bot detected, or {@code null}
 * @param context   data collected on the way (bot slots, handoff reason), handed to the agent with the transcript
 */
public record Conversation(String id, String customerId, String channel, String address, ConversationState state,
        String queueId, String agentId, String intent, Map<String, String> context, Instant createdAt,
        Instant updatedAt) {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(state, "state");
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public Conversation withState(ConversationState newState, String newQueueId, String newAgentId, Instant at) {
        return new Conversation(id, customerId, channel, address, newState, newQueueId, newAgentId, intent, context,
                createdAt, at);
    }

    public Conversation withIntent(String newIntent, Map<String, String> newContext, Instant at) {
        return new Conversation(id, customerId, channel, address, state, queueId, agentId, newIntent, newContext,
                createdAt, at);
    }

    public boolean isOpen() {
        return state != ConversationState.RESOLVED;
    }
}
