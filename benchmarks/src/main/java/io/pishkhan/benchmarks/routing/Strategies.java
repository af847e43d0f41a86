package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.routing.RoutingStrategy;
import io.pishkhan.routing.leastbusy.internal.LeastBusyStrategy;
import io.pishkhan.routing.roundrobin.internal.RoundRobinStrategy;
import java.util.List;

/**
 * Creates the real strategy objects outside OSGi, each call a fresh instance (round robin keeps state per queue).
 */
public final class Strategies {
    public static final String ROUND_ROBIN = "round-robin";
    public static final String LEAST_BUSY = "least-busy";
    public static final String SKILLS = "skills";
    public static final List<String> ALL = List.of(SKILLS, LEAST_BUSY, ROUND_ROBIN);

    private Strategies() {
    }

    /**
     * @param id      {@code round-robin}, {@code least-busy} or {@code skills}
     * @param options for {@code skills} only: the widening steps ({@code seconds:levels,...}, blank for none, null
     *                for the strategy's default)
     */
    public static RoutingStrategy create(String id, String options) {
        return switch (id) {
            case ROUND_ROBIN -> new RoundRobinStrategy();
            case LEAST_BUSY -> new LeastBusyStrategy();
            case SKILLS -> SkillsFactory.create(options);
            default -> throw new IllegalArgumentException("unknown strategy " + id + "; known: " + ALL);
        };
    }

    public static RoutingStrategy create(String id) {
        return create(id, null);
    }
}
