package io.pishkhan.benchmarks.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SimulationTest {
    static final Queue QUEUE = new Queue("q", "Q", 0);
    static final double AHT = 180;

    static Simulation.Setup setup(List<Agent> agents, double erlangs, int arrivals, double slow) {
        return new Simulation.Setup("test", QUEUE, agents, List.of(new Simulation.ArrivalClass("x", 1, Map.of("x", 5))),
                erlangs / AHT, AHT, slow, 20, arrivals, arrivals / 10, 0, 7);
    }

    static List<Agent> agents(int n, int proficiency) {
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> RoutingSimulator.agent("a" + i, Map.of("x", proficiency))).toList();
    }

    /** A strategy that always picks what {@code choice} says, to test the simulator's bookkeeping. */
    static RoutingStrategy fixed(Function<List<AgentLoad>, String> choice) {
        return new RoutingStrategy() {
            @Override
            public String id() {
                return "fixed";
            }

            @Override
            public RoutingDecision route(RoutingRequest request) {
                String a = choice.apply(request.candidates());
                return a == null ? RoutingDecision.waitInQueue("none") : RoutingDecision.assign(a, "fixed");
            }
        };
    }

    static final RoutingStrategy FIRST_FREE = fixed(c -> c.stream().filter(AgentLoad::hasCapacity).findFirst()
            .map(l -> l.agent().id()).orElse(null));

    @Test
    void twoAgentsMatchErlangC() {
        Simulation.Result r = new Simulation(setup(agents(2, 5), 1.2, 150_000, 1.5), FIRST_FREE).run();
        assertEquals(ErlangC.averageSpeedOfAnswer(2, 1.2, AHT), r.asa(), 0.08 * ErlangC.averageSpeedOfAnswer(2, 1.2, AHT));
        assertEquals(ErlangC.serviceLevel(2, 1.2, AHT, 20), r.serviceLevel(), 0.02);
        assertEquals(0.6, r.occupancy(), 0.02);
        assertEquals(AHT, r.meanHandling(), 0.03 * AHT);
        assertEquals(1.0, r.matchedShare(), 0);
        assertEquals(0, r.invalid());
        assertEquals(0, r.unanswered());
    }

    @Test
    void sameSeedSameResult() {
        Simulation.Result a = new Simulation(setup(agents(3, 5), 2, 5_000, 1.5), FIRST_FREE).run();
        Simulation.Result b = new Simulation(setup(agents(3, 5), 2, 5_000, 1.5), FIRST_FREE).run();
        assertEquals(a.asa(), b.asa(), 0);
        assertEquals(a.serviceLevel(), b.serviceLevel(), 0);
    }

    @Test
    void agentsBelowTheRequiredLevelHandleSlowerByTheFactor() {
        Simulation.Result r = new Simulation(setup(agents(4, 3), 1, 40_000, 1.5), FIRST_FREE).run();
        assertEquals(0.0, r.matchedShare(), 0);
        assertEquals(1.5 * AHT, r.meanHandling(), 0.05 * AHT);
        assertEquals(1.5 / 4, r.occupancy(), 0.03); // load 1 Erlang at nominal AHT = 1.5 busy agents of 4
    }

    @Test
    void aDecisionForABusyAgentIsInvalidAndTheConversationWaits() {
        // always a1, busy or not: the system becomes M/M/1 with the other agent idle
        Simulation.Result r = new Simulation(setup(agents(2, 5), 0.5, 20_000, 1.5), fixed(c -> "a1")).run();
        assertTrue(r.invalid() > 0);
        assertEquals(0, r.unanswered());
        assertEquals(0.25, r.occupancy(), 0.02); // 0.5 busy of 2
        assertEquals(ErlangC.averageSpeedOfAnswer(1, 0.5, AHT), r.asa(), 0.12 * ErlangC.averageSpeedOfAnswer(1, 0.5, AHT));
    }

    @Test
    void conversationsNobodyTakesStayUnanswered() {
        // the strategy never assigns: the run still ends (ticks stop), and every measured conversation is counted
        Simulation.Result r = new Simulation(setup(agents(1, 5), 0.5, 200, 1.5), fixed(c -> null)).run();
        assertEquals(r.measured(), r.unanswered());
        assertEquals(0.0, r.serviceLevel(), 0);
    }
}
