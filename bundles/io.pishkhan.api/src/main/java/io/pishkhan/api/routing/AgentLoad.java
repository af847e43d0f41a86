package io.pishkhan.api.routing;

import io.pishkhan.api.model.Agent;
import java.time.Instant;

/**
 * An agent as routing sees him: his profile plus his current load.
 *
 * @param activeConversations conversations assigned to him and not resolved
 * @param lastAssignedAt      when he last received a conversation, {@code null} if never
 */
public record AgentLoad(Agent agent, int activeConversations, Instant lastAssignedAt) {
    public boolean hasCapacity() {
        return activeConversations < agent.capacity();
    }
}
