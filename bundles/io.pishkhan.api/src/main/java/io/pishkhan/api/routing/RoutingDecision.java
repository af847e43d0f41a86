package io.pishkhan.api.routing;

import java.util.Optional;

/**
 * The outcome of routing one conversation: an agent, or wait in the queue.
 *
 * @param agentId the chosen agent, {@code null} to keep waiting
 * @param reason  a short human-readable explanation (shown to supervisors and in dry runs)
 */
public record RoutingDecision(String agentId, String reason) {
    public static RoutingDecision assign(String agentId, String reason) {
        return new RoutingDecision(java.util.Objects.requireNonNull(agentId, "agentId"), reason);
    }

    public static RoutingDecision waitInQueue(String reason) {
        return new RoutingDecision(null, reason);
    }

    public Optional<String> agent() {
        return Optional.ofNullable(agentId);
    }
}
