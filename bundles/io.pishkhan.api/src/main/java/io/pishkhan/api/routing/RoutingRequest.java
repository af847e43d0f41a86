package io.pishkhan.api.routing;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Queue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A conversation waiting for an agent.
 *
 * @param candidates       agents who are available and serve the queue, with their load (some may be at capacity)
 * @param now              the routing clock (simulated in tests and the simulator: never read the wall clock)
 * @param previousAgentId  the agent who last served this customer, {@code null} if none (for sticky routing)
 * @param previousServedAt when that conversation ended or was last updated
 */
public record RoutingRequest(Conversation conversation, Queue queue, List<AgentLoad> candidates, Instant now,
        String previousAgentId, Instant previousServedAt) {
    public RoutingRequest {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(queue, "queue");
        candidates = List.copyOf(candidates);
        now = now != null ? now : conversation.updatedAt();
    }

    public RoutingRequest(Conversation conversation, Queue queue, List<AgentLoad> candidates) {
        this(conversation, queue, candidates, null, null, null);
    }

    /** What routing needs of the conversation beyond its queue: required skills, priority, waiting time. */
    public RoutingHints hints() {
        return RoutingHints.of(conversation);
    }
}
