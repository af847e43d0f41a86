package io.pishkhan.api.routing;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Queue;
import java.util.List;

/**
 * A conversation waiting for an agent.
 *
 * @param candidates agents who are available and serve the queue, with their load (some may be at capacity)
 */
public record RoutingRequest(Conversation conversation, Queue queue, List<AgentLoad> candidates) {
    public RoutingRequest {
        candidates = List.copyOf(candidates);
    }
}
