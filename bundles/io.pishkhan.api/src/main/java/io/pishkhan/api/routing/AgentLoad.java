package io.pishkhan.api.routing;

import io.pishkhan.api.model.Agent;
import java.time.Instant;
import java.util.Map;

/**
 * An agent as routing sees him: his profile plus his current load.
 *
 * @param activeConversations conversations assigned or offered to him and not resolved
 * @param lastAssignedAt      when he last received a conversation, {@code null} if never (longest idle first)
 * @param activeByChannel     the same count per channel
 */
public record AgentLoad(Agent agent, int activeConversations, Instant lastAssignedAt,
        Map<String, Integer> activeByChannel) {
    public AgentLoad {
        activeByChannel = activeByChannel == null ? Map.of() : Map.copyOf(activeByChannel);
    }

    public AgentLoad(Agent agent, int activeConversations, Instant lastAssignedAt) {
        this(agent, activeConversations, lastAssignedAt, Map.of());
    }

    public boolean hasCapacity() {
        return activeConversations < agent.capacity();
    }

    /** Free capacity overall and on this channel. */
    public boolean hasCapacity(String channel) {
        return hasCapacity() && (channel == null
                || activeByChannel.getOrDefault(channel, 0) < agent.capacityFor(channel));
    }
}
