package io.pishkhan.routing.roundrobin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoundRobinStrategyTest {
    private final RoundRobinStrategy strategy = new RoundRobinStrategy();

    static AgentLoad load(String id, int active, int capacity) {
        return new AgentLoad(new Agent(id, null, Map.of(), Set.of(), capacity, Presence.AVAILABLE), active, null);
    }

    static RoutingRequest request(String queue, AgentLoad... candidates) {
        Conversation c = new Conversation("c-1", "cust-1", "loopback", "a", ConversationState.QUEUED, queue, null,
                null, Map.of(), Instant.EPOCH, Instant.EPOCH);
        return new RoutingRequest(c, new Queue(queue, null, 0), List.of(candidates));
    }

    private List<String> route(int times, RoutingRequest request) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            chosen.add(strategy.route(request).agentId());
        }
        return chosen;
    }

    @Test
    void idMatchesServiceProperty() {
        assertEquals("round-robin", strategy.id());
    }

    @Test
    void rotatesInAgentIdOrderWhateverTheCandidateOrder() {
        RoutingRequest r = request("general", load("carol", 0, 2), load("alice", 0, 2), load("bob", 0, 2));
        assertEquals(List.of("alice", "bob", "carol", "alice", "bob", "carol", "alice"), route(7, r));
    }

    @Test
    void skipsAgentsAtCapacityAndKeepsTheirTurn() {
        AgentLoad alice = load("alice", 0, 1);
        AgentLoad bobFull = load("bob", 2, 2);
        AgentLoad carol = load("carol", 1, 3);
        assertEquals(List.of("alice", "carol", "alice"), route(3, request("general", alice, bobFull, carol)));
        // bob frees up: the rotation continues after alice with bob, not from the start
        RoutingDecision d = strategy.route(request("general", alice, load("bob", 1, 2), carol));
        assertEquals("bob", d.agentId());
        assertTrue(d.reason().contains("next after alice"), d.reason());
    }

    @Test
    void waitsWhenEveryoneIsFullOrNobodyIsThere() {
        RoutingDecision full = strategy.route(request("general", load("alice", 1, 1), load("bob", 0, 0)));
        assertTrue(full.agent().isEmpty());
        assertTrue(full.reason().contains("at capacity"), full.reason());
        RoutingDecision none = strategy.route(request("general"));
        assertFalse(none.agent().isPresent());
        assertTrue(none.reason().contains("no agent"), none.reason());
    }

    @Test
    void remembersTheLastAgentPerQueue() {
        RoutingRequest general = request("general", load("alice", 0, 5), load("bob", 0, 5));
        RoutingRequest vip = request("vip", load("alice", 0, 5), load("bob", 0, 5));
        assertEquals("alice", strategy.route(general).agentId());
        assertEquals("alice", strategy.route(vip).agentId());
        assertEquals("bob", strategy.route(general).agentId());
        assertEquals("bob", strategy.route(vip).agentId());
    }

    @Test
    void continuesAfterTheLastAgentWhenHeLeaves() {
        RoutingRequest three = request("general", load("alice", 0, 5), load("bob", 0, 5), load("carol", 0, 5));
        assertEquals(List.of("alice", "bob"), route(2, three));
        // bob went offline: the next turn is carol's, the one after bob in id order
        assertEquals("carol", strategy.route(request("general", load("alice", 0, 5), load("carol", 0, 5))).agentId());
    }

    @Test
    void splitsEvenlyUnderConcurrency() throws Exception {
        RoutingRequest r = request("general", load("a1", 0, 10), load("a2", 0, 10), load("a3", 0, 10),
                load("a4", 0, 10));
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 250; i++) {
                        counts.computeIfAbsent(strategy.route(r).agentId(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of("a1", "a2", "a3", "a4"), counts.keySet());
        counts.forEach((agent, n) -> assertEquals(250, n.get(), agent));
    }
}
