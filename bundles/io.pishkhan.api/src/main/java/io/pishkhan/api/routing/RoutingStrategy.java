package io.pishkhan.api.routing;

/**
 * Extension point: a routing strategy decides which agent gets a waiting conversation.
 *
 * <p>A plugin registers an implementation as an OSGi service. The core calls the selected strategy (configuration
 * {@code routing.strategy} of the core, else the highest {@code service.ranking}) whenever a conversation is queued
 * and whenever agent capacity frees up. A strategy must:
 * <ul>
 * <li>choose only among {@link RoutingRequest#candidates()} that {@link AgentLoad#hasCapacity() have capacity},
 * or answer {@link RoutingDecision#waitInQueue};</li>
 * <li>be a pure decision: the core does the assignment, so a strategy never changes state elsewhere;</li>
 * <li>be thread-safe and fast (it runs on the routing path of every conversation).</li>
 * </ul>
 * Strategies can be swapped at runtime: stopping one and starting another changes routing of the next decision.
 */
public interface RoutingStrategy {
    /** Short unique id, also published as service property {@value #PROP_STRATEGY_ID}. */
    String id();

    RoutingDecision route(RoutingRequest request);

    String PROP_STRATEGY_ID = "pishkhan.routing.id";
}
