package io.pishkhan.routing.roundrobin.internal;

import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Component;

/**
 * Routing strategy {@value #ID}: hands conversations to the agents of a queue in turn.
 *
 * <p>Candidates with free capacity are ordered by agent id; the next conversation of a queue goes to the first
 * such agent whose id comes after the agent chosen last for that queue, wrapping around to the start. Agents at
 * capacity are skipped and keep their place in the rotation. The last choice per queue is the only state; it is
 * updated atomically with the choice, so concurrent routing splits conversations evenly.
 */
@Component(service = RoutingStrategy.class, property = RoutingStrategy.PROP_STRATEGY_ID + "=" + RoundRobinStrategy.ID)
public class RoundRobinStrategy implements RoutingStrategy {
    static final String ID = "round-robin";

    /** Key used for requests that carry no queue. */
    private static final String NO_QUEUE = "";

    private static final Comparator<AgentLoad> BY_AGENT_ID = Comparator.comparing(load -> load.agent().id());

    private final ConcurrentMap<String, String> lastAgentByQueue = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        List<AgentLoad> free = request.candidates().stream().filter(AgentLoad::hasCapacity).sorted(BY_AGENT_ID)
                .toList();
        if (free.isEmpty()) {
            return RoutingDecision.waitInQueue(request.candidates().isEmpty() ? "round robin: no agent available"
                    : "round robin: all " + request.candidates().size() + " agents at capacity");
        }
        String queueKey = request.queue() == null ? NO_QUEUE : request.queue().id();
        String[] previous = new String[1];
        // compute() runs atomically per queue: two concurrent calls never pick from the same "last" agent.
        String chosen = lastAgentByQueue.compute(queueKey, (queue, last) -> {
            previous[0] = last;
            return next(free, last).agent().id();
        });
        return RoutingDecision.assign(chosen, reason(chosen, previous[0], free.size(), request.candidates().size()));
    }

    /** The first free agent after {@code last} in id order, wrapping around. */
    private static AgentLoad next(List<AgentLoad> free, String last) {
        if (last != null) {
            for (AgentLoad load : free) {
                if (load.agent().id().compareTo(last) > 0) {
                    return load;
                }
            }
        }
        return free.get(0);
    }

    private static String reason(String chosen, String previous, int free, int candidates) {
        String turn = previous == null ? "first in turn" : "next after " + previous;
        return "round robin: " + chosen + " (" + turn + "; " + free + " of " + candidates + " agents with capacity)";
    }
}
