package io.pishkhan.routing.leastbusy.internal;

import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Routing strategy {@value #ID}: the candidate with free capacity whose load ratio
 * {@code activeConversations / capacity} is lowest. Ties go to the agent idle longest (oldest
 * {@code lastAssignedAt}; never assigned counts as oldest), then to the lowest agent id.
 *
 * <p>Stateless, hence thread-safe: the decision depends on the request only.
 */
@Component(service = RoutingStrategy.class, property = RoutingStrategy.PROP_STRATEGY_ID + "=" + LeastBusyStrategy.ID)
public class LeastBusyStrategy implements RoutingStrategy {
    static final String ID = "least-busy";

    /** Load ratio compared exactly by cross-multiplication (no floating point); capacity is > 0 for free agents. */
    static final Comparator<AgentLoad> BY_LOAD = (a, b) -> Long.compare(
            (long) a.activeConversations() * b.agent().capacity(),
            (long) b.activeConversations() * a.agent().capacity());

    static final Comparator<AgentLoad> BY_IDLE = Comparator.comparing(AgentLoad::lastAssignedAt,
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));

    static final Comparator<AgentLoad> ORDER = BY_LOAD.thenComparing(BY_IDLE)
            .thenComparing(load -> load.agent().id());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        List<AgentLoad> free = request.candidates().stream().filter(AgentLoad::hasCapacity).sorted(ORDER).toList();
        if (free.isEmpty()) {
            return RoutingDecision.waitInQueue(request.candidates().isEmpty() ? "least busy: no agent available"
                    : "least busy: all " + request.candidates().size() + " agents at capacity");
        }
        AgentLoad best = free.get(0);
        StringBuilder reason = new StringBuilder("least busy: ").append(best.agent().id()).append(' ')
                .append(best.activeConversations()).append('/').append(best.agent().capacity());
        if (free.size() > 1) {
            AgentLoad runnerUp = free.get(1);
            if (BY_LOAD.compare(best, runnerUp) == 0) {
                reason.append(BY_IDLE.compare(best, runnerUp) != 0
                        ? best.lastAssignedAt() == null ? ", tie on load, never assigned"
                                : ", tie on load, idle since " + best.lastAssignedAt()
                        : ", tie on load and idle time, first by id");
                reason.append(" (").append(runnerUp.agent().id()).append(' ').append(runnerUp.activeConversations())
                        .append('/').append(runnerUp.agent().capacity()).append(')');
            }
        }
        return RoutingDecision.assign(best.agent().id(), reason.toString());
    }
}
