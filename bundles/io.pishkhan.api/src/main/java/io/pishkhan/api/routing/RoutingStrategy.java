package io.pishkhan.api.routing;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Queue;
import java.time.Duration;
import java.time.Instant;

/**
 * Extension point: a routing strategy decides which agent gets a waiting conversation.
 *
 * <p>A plugin registers an implementation as an OSGi service. The core calls the strategy of the conversation's queue
 * ({@link Queue#strategy()}, else configuration {@code routing.strategy} of the core, else the highest
 * {@code service.ranking}) whenever a conversation is queued and whenever agent capacity frees up. A strategy must:
 * <ul>
 * <li>choose only among {@link RoutingRequest#candidates()} that {@link AgentLoad#hasCapacity() have capacity},
 * or answer {@link RoutingDecision#waitInQueue};</li>
 * <li>be a pure decision: the core does the assignment, so a strategy never changes state elsewhere;</li>
 * <li>read time only from {@link RoutingRequest#now()} (simulated clocks in tests and the simulator);</li>
 * <li>be thread-safe and fast (it runs on the routing path of every conversation).</li>
 * </ul>
 * Strategies can be swapped at runtime: stopping one and starting another changes routing of the next decision.
 */
public interface RoutingStrategy {
    /** Short unique id, also published as service property {@value #PROP_STRATEGY_ID}. */
    String id();

    RoutingDecision route(RoutingRequest request);

    /**
     * The order in which waiting conversations are served: higher first, ties oldest first. The default is the
     * queue's priority plus the conversation's base priority; strategies may add aging so nothing starves.
     */
    default double priority(Conversation conversation, Queue queue, Instant now) {
        return queue.priority() + RoutingHints.of(conversation).priority();
    }

    /** How long the conversation has waited in its queue at {@code now} (zero when unknown). */
    static Duration waited(Conversation conversation, Instant now) {
        Instant since = RoutingHints.of(conversation).waitingSince();
        if (since == null) {
            since = conversation.updatedAt();
        }
        return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }

    String PROP_STRATEGY_ID = "pishkhan.routing.id";
}
