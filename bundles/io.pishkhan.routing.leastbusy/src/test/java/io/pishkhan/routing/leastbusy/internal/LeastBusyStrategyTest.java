package io.pishkhan.routing.leastbusy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeastBusyStrategyTest {
    private static final Instant T0 = Instant.parse("2025-01-01T08:00:00Z");

    private final LeastBusyStrategy strategy = new LeastBusyStrategy();

    static AgentLoad load(String id, int active, int capacity, Instant lastAssignedAt) {
        return new AgentLoad(new Agent(id, null, Map.of(), Set.of(), capacity, Presence.AVAILABLE), active,
                lastAssignedAt);
    }

    static RoutingDecision route(LeastBusyStrategy s, AgentLoad... candidates) {
        Conversation c = new Conversation("c-1", "cust-1", "loopback", "a", ConversationState.QUEUED, "general",
                null, null, Map.of(), T0, T0);
        return s.route(new RoutingRequest(c, new Queue("general", null, 0), List.of(candidates)));
    }

    @Test
    void idMatchesServiceProperty() {
        assertEquals("least-busy", strategy.id());
    }

    @Test
    void picksLowestLoadRatioNotLowestCount() {
        // alice 2/10 = 0.2 beats bob 1/2 = 0.5 and carol 1/3 = 0.33 although she has more conversations
        RoutingDecision d = route(strategy, load("bob", 1, 2, null), load("alice", 2, 10, T0),
                load("carol", 1, 3, null));
        assertEquals("alice", d.agentId());
        assertEquals("least busy: alice 2/10", d.reason());
    }

    @Test
    void idleAgentWinsOverLoadedOne() {
        RoutingDecision d = route(strategy, load("bob", 1, 3, T0), load("alice", 0, 3, T0.plusSeconds(60)));
        assertEquals("alice", d.agentId());
        assertEquals("least busy: alice 0/3", d.reason());
    }

    @Test
    void tieOnRatioGoesToLongestIdle() {
        // 1/2 and 2/4 are the same ratio; carol was assigned earliest
        RoutingDecision d = route(strategy, load("alice", 1, 2, T0.plusSeconds(300)),
                load("carol", 2, 4, T0.plusSeconds(10)), load("bob", 1, 2, T0.plusSeconds(120)));
        assertEquals("carol", d.agentId());
        assertTrue(d.reason().startsWith("least busy: carol 2/4, tie on load, idle since"), d.reason());
    }

    @Test
    void neverAssignedCountsAsIdleLongest() {
        RoutingDecision d = route(strategy, load("alice", 0, 2, T0), load("zoe", 0, 2, null));
        assertEquals("zoe", d.agentId());
        assertTrue(d.reason().contains("never assigned"), d.reason());
    }

    @Test
    void fullTieGoesToLowestId() {
        RoutingDecision d = route(strategy, load("bob", 0, 2, T0), load("alice", 0, 2, T0));
        assertEquals("alice", d.agentId());
        assertTrue(d.reason().contains("first by id"), d.reason());
    }

    @Test
    void neverPicksAnAgentAtCapacity() {
        // dave has capacity 0 (ratio undefined) and erin is full: both must be ignored
        RoutingDecision d = route(strategy, load("dave", 0, 0, null), load("erin", 3, 3, null),
                load("frank", 4, 5, T0));
        assertEquals("frank", d.agentId());
    }

    @Test
    void waitsWhenNobodyHasCapacity() {
        RoutingDecision d = route(strategy, load("alice", 2, 2, T0), load("bob", 0, 0, null));
        assertNull(d.agentId());
        assertTrue(d.reason().contains("at capacity"), d.reason());
        assertTrue(route(strategy).agent().isEmpty());
    }
}
