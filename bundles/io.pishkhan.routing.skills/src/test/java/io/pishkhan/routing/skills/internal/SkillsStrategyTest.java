package io.pishkhan.routing.skills.internal;

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
import io.pishkhan.api.routing.RoutingHints;
import io.pishkhan.api.routing.RoutingRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SkillsStrategyTest {
    static final Instant T0 = Instant.parse("2025-01-01T08:00:00Z");
    static final String CHANNEL = "webchat";
    static final Queue QUEUE = new Queue("general", null, 10);

    /** Defaults without stickiness, so that tests of other rules are not affected by it. */
    final SkillsStrategy strategy = new SkillsStrategy(SkillsConfig.defaults());

    // ---------------------------------------------------------------------------------------------- fixtures

    static Agent agent(String id, int capacity, Map<String, Integer> skills) {
        return new Agent(id, null, skills, Set.of(), capacity, Presence.AVAILABLE, Map.of("voice", 1));
    }

    static AgentLoad load(String id, int active, int capacity, Instant lastAssignedAt, Map<String, Integer> skills) {
        return new AgentLoad(agent(id, capacity, skills), active, lastAssignedAt, Map.of(CHANNEL, active));
    }

    /** A conversation on {@value #CHANNEL} requiring {@code skills} that entered the queue at {@code since}. */
    static Conversation conversation(String id, String skills, int priority, Instant since) {
        Map<String, String> ctx = new HashMap<>();
        if (skills != null) {
            ctx.put(RoutingHints.SKILLS, skills);
        }
        ctx.put(RoutingHints.PRIORITY, Integer.toString(priority));
        ctx.put(RoutingHints.WAITING_SINCE, since.toString());
        return new Conversation(id, "cust-" + id, CHANNEL, "addr", ConversationState.QUEUED, QUEUE.id(), null,
                null, ctx, since, since);
    }

    static RoutingRequest request(String skills, Instant now, AgentLoad... candidates) {
        return new RoutingRequest(conversation("c1", skills, 0, T0), QUEUE, List.of(candidates), now, null, null);
    }

    static RoutingRequest sticky(String skills, Instant now, String previous, Instant servedAt,
            AgentLoad... candidates) {
        return new RoutingRequest(conversation("c1", skills, 0, T0), QUEUE, List.of(candidates), now, previous,
                servedAt);
    }

    @Test
    void idIsSkills() {
        assertEquals("skills", strategy.id());
        assertEquals("skills", SkillsStrategy.ID);
    }

    // ---------------------------------------------------------------------------------------------- eligibility

    @Nested
    class Eligibility {
        @Test
        void agentBelowRequiredLevelOrWithoutTheSkillIsNotChosen() {
            RoutingDecision d = strategy.route(request("cards:5,loans:3", T0,
                    load("amir", 0, 4, null, Map.of("cards", 4, "loans", 9)),   // cards too low
                    load("bita", 0, 4, null, Map.of("cards", 9)),               // no loans at all
                    load("cyrus", 3, 4, T0, Map.of("cards", 5, "loans", 3))));  // just enough, though busy
            assertEquals("cyrus", d.agentId());
        }

        @Test
        void agentAtCapacityOverallIsNotChosen() {
            RoutingDecision d = strategy.route(request("cards:5", T0,
                    load("amir", 4, 4, null, Map.of("cards", 10)),
                    load("bita", 1, 4, null, Map.of("cards", 6))));
            assertEquals("bita", d.agentId());
        }

        @Test
        void agentAtCapacityOnTheConversationsChannelIsNotChosen() {
            // amir has room overall (1 of 4) but his web chat limit is 1 and he has one web chat
            Agent amir = new Agent("amir", null, Map.of("cards", 10), Set.of(), 4, Presence.AVAILABLE,
                    Map.of(CHANNEL, 1));
            RoutingDecision d = strategy.route(request("cards:5", T0,
                    new AgentLoad(amir, 1, null, Map.of(CHANNEL, 1)),
                    load("bita", 2, 4, T0, Map.of("cards", 5))));
            assertEquals("bita", d.agentId());
            // a voice conversation at voice capacity elsewhere does not block web chat
            Agent cyrus = new Agent("cyrus", null, Map.of("cards", 10), Set.of(), 4, Presence.AVAILABLE,
                    Map.of("voice", 1));
            d = strategy.route(request("cards:5", T0, new AgentLoad(cyrus, 1, null, Map.of("voice", 1)),
                    load("bita", 2, 4, T0, Map.of("cards", 5))));
            assertEquals("cyrus", d.agentId());
        }

        @Test
        void noCandidatesWaitsWithReason() {
            RoutingDecision d = strategy.route(request("cards:5", T0));
            assertNull(d.agentId());
            assertEquals("skills: no agent available", d.reason());
        }

        @Test
        void nobodyEligibleWaitsAndSaysWhy() {
            RoutingDecision d = strategy.route(request("cards:5,loans:3", T0,
                    load("amir", 4, 4, null, Map.of("cards", 9, "loans", 9)),
                    load("bita", 0, 4, null, Map.of("cards", 2)),
                    load("cyrus", 0, 0, null, Map.of())));
            assertNull(d.agentId());
            assertEquals("skills: no eligible agent of 3 (2 without capacity on webchat, 1 below cards:5, loans:3)",
                    d.reason());
        }
    }

    // ---------------------------------------------------------------------------------------------- ordering

    @Nested
    class Ordering {
        @Test
        void mostProficientWinsEvenWhenBusier() {
            RoutingDecision d = strategy.route(request("cards:5", T0,
                    load("amir", 0, 4, null, Map.of("cards", 6)),
                    load("bita", 3, 4, T0, Map.of("cards", 9)),
                    load("cyrus", 0, 4, null, Map.of("cards", 7))));
            assertEquals("bita", d.agentId());
            assertEquals("skills: bita cards 9/5, 3/4 busy", d.reason());
        }

        @Test
        void proficiencyIsSummedOverRequiredSkillsOnly() {
            // amir 6+6 = 12 beats bita 10+1 = 11; bita's other skills do not count
            RoutingDecision d = strategy.route(request("cards:1,loans:1", T0,
                    load("amir", 0, 4, null, Map.of("cards", 6, "loans", 6)),
                    load("bita", 0, 4, null, Map.of("cards", 10, "loans", 1, "fx", 10, "lang-en", 10))));
            assertEquals("amir", d.agentId());
            assertEquals("skills: amir cards 6/1, loans 6/1, 0/4 busy", d.reason());
        }

        @Test
        void equalProficiencyGoesToLeastBusyByRatio() {
            // bita 2/10 = 0.2 is less busy than amir 1/2 = 0.5, though she has more conversations
            RoutingDecision d = strategy.route(request("cards:5", T0,
                    load("amir", 1, 2, null, Map.of("cards", 8)),
                    load("bita", 2, 10, T0, Map.of("cards", 8))));
            assertEquals("bita", d.agentId());
            assertEquals("skills: bita cards 8/5, 2/10 busy, less busy than amir 1/2", d.reason());
        }

        @Test
        void equalLoadGoesToLongestIdleNeverAssignedFirst() {
            RoutingDecision d = strategy.route(request("cards:5", T0.plusSeconds(1000),
                    load("amir", 1, 2, T0.plusSeconds(300), Map.of("cards", 8)),
                    load("bita", 2, 4, T0.plusSeconds(100), Map.of("cards", 8)),
                    load("cyrus", 1, 2, T0.plusSeconds(200), Map.of("cards", 8))));
            assertEquals("bita", d.agentId());
            assertTrue(d.reason().endsWith(", idle longer than cyrus"), d.reason());

            d = strategy.route(request("cards:5", T0.plusSeconds(1000),
                    load("amir", 1, 2, T0.plusSeconds(300), Map.of("cards", 8)),
                    load("zoe", 1, 2, null, Map.of("cards", 8))));
            assertEquals("zoe", d.agentId());
        }

        @Test
        void fullTieGoesToLowestId() {
            RoutingDecision d = strategy.route(request("cards:5", T0,
                    load("cyrus", 0, 2, T0, Map.of("cards", 8)),
                    load("amir", 0, 2, T0, Map.of("cards", 8)),
                    load("bita", 0, 2, T0, Map.of("cards", 8))));
            assertEquals("amir", d.agentId());
            assertTrue(d.reason().endsWith(", tie with bita, first by id"), d.reason());
        }

        @Test
        void withoutRequiredSkillsAllAreEqualAndLoadDecides() {
            RoutingDecision d = strategy.route(request(null, T0,
                    load("amir", 1, 2, null, Map.of("cards", 10)),
                    load("bita", 0, 2, T0, Map.of())));
            assertEquals("bita", d.agentId());
            assertTrue(d.reason().startsWith("skills: bita no skill required, 0/2 busy"), d.reason());
        }

        @Test
        void longestIdleTieBreakPutsIdleTimeBeforeLoad() {
            SkillsStrategy idleFirst = new SkillsStrategy(
                    SkillsConfig.defaults().withTieBreak(SkillsConfig.TieBreak.LONGEST_IDLE));
            AgentLoad amir = load("amir", 3, 4, T0, Map.of("cards", 8));
            AgentLoad bita = load("bita", 0, 4, T0.plusSeconds(60), Map.of("cards", 8));
            Instant now = T0.plusSeconds(120);
            assertEquals("bita", strategy.route(request("cards:5", now, amir, bita)).agentId());
            RoutingDecision d = idleFirst.route(request("cards:5", now, amir, bita));
            assertEquals("amir", d.agentId());
            assertTrue(d.reason().endsWith(", idle longer than bita"), d.reason());
            // equal idle time: load decides
            AgentLoad cyrus = load("cyrus", 1, 4, T0, Map.of("cards", 8));
            d = idleFirst.route(request("cards:5", now, amir, cyrus));
            assertEquals("cyrus", d.agentId());
            assertTrue(d.reason().endsWith(", less busy than amir 3/4"), d.reason());
        }

        @Test
        void reasonListsAtMostFourSkills() {
            RoutingDecision d = strategy.route(request("a:1,b:1,c:1,d:1,e:1,f:1", T0,
                    load("amir", 0, 1, null, Map.of("a", 2, "b", 2, "c", 2, "d", 2, "e", 2, "f", 2))));
            assertEquals("skills: amir a 2/1, b 2/1, c 2/1, d 2/1, +2 more, 0/1 busy", d.reason());
        }

        /** The single pass must agree with sorting everybody by the documented order. */
        @Test
        void linearChoiceMatchesFullSortOnRandomAgents() {
            Random random = new Random(42);
            String[] skills = {"cards", "loans", "fx", "lang-en", "lang-ar"};
            for (SkillsConfig.TieBreak tieBreak : SkillsConfig.TieBreak.values()) {
                SkillsStrategy s = new SkillsStrategy(SkillsConfig.defaults().withTieBreak(tieBreak));
                for (int round = 0; round < 300; round++) {
                    List<AgentLoad> candidates = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        Map<String, Integer> profile = new HashMap<>();
                        for (String skill : skills) {
                            if (random.nextInt(3) > 0) {
                                profile.put(skill, 1 + random.nextInt(10));
                            }
                        }
                        int capacity = random.nextInt(5);
                        int active = capacity == 0 ? 0 : random.nextInt(capacity + 1);
                        Instant last = random.nextInt(5) == 0 ? null : T0.plusSeconds(random.nextInt(4) * 60L);
                        candidates.add(load("a" + random.nextInt(1000), active, capacity, last, profile));
                    }
                    Map<String, Integer> required = new LinkedHashMap<>();
                    required.put(skills[random.nextInt(skills.length)], 1 + random.nextInt(6));
                    required.put(skills[random.nextInt(skills.length)], 1 + random.nextInt(4));
                    String spec = RoutingHints.formatSkills(required);

                    Comparator<AgentLoad> order = Comparator
                            .comparingInt((AgentLoad a) -> -sum(a, required))
                            .thenComparing(tieBreak == SkillsConfig.TieBreak.LEAST_BUSY
                                    ? ((Comparator<AgentLoad>) SkillsStrategy::byLoad)
                                            .thenComparing(SkillsStrategy::byIdle)
                                    : ((Comparator<AgentLoad>) SkillsStrategy::byIdle)
                                            .thenComparing(SkillsStrategy::byLoad))
                            .thenComparing(a -> a.agent().id());
                    String expected = candidates.stream()
                            .filter(a -> a.hasCapacity(CHANNEL))
                            .filter(a -> required.entrySet().stream()
                                    .allMatch(e -> a.agent().proficiency(e.getKey()) >= e.getValue()))
                            .sorted(order).map(a -> a.agent().id()).findFirst().orElse(null);
                    RoutingDecision d = s.route(new RoutingRequest(conversation("c", spec, 0, T0), QUEUE,
                            candidates, T0, null, null));
                    assertEquals(expected, d.agentId(), "round " + round + " " + tieBreak + " " + spec);
                }
            }
        }

        private static int sum(AgentLoad a, Map<String, Integer> required) {
            return required.keySet().stream().mapToInt(a.agent()::proficiency).sum();
        }
    }

    // ---------------------------------------------------------------------------------------------- widening

    @Nested
    class Widening {
        final AgentLoad level3 = load("amir", 0, 4, null, Map.of("cards", 3));
        final AgentLoad level4 = load("bita", 0, 4, null, Map.of("cards", 4));
        final AgentLoad noCards = load("cyrus", 0, 4, null, Map.of("loans", 7));

        private String route(long waitedMillis, AgentLoad... candidates) {
            return strategy.route(request("cards:5", T0.plusMillis(waitedMillis), candidates)).agentId();
        }

        @Test
        void levelsDropExactlyAtEachThreshold() {
            assertNull(route(29_999, level4));
            assertEquals("bita", route(30_000, level4));
            assertNull(route(59_999, level3));
            assertEquals("amir", route(60_000, level3));
            assertNull(route(119_999, noCards));
            assertEquals("cyrus", route(120_000, noCards));
        }

        @Test
        void wideningLevelsAreFromTheConfiguredSteps() {
            assertEquals(0, strategy.widening(0));
            assertEquals(0, strategy.widening(29_999));
            assertEquals(1, strategy.widening(30_000));
            assertEquals(2, strategy.widening(60_000));
            assertEquals(10, strategy.widening(120_000));
            assertEquals(10, strategy.widening(Long.MAX_VALUE));
            // steps given out of order and a smaller later step never narrow again
            SkillsStrategy s = new SkillsStrategy(SkillsConfig.defaults().withWidening("60:1, 10:3"));
            assertEquals(0, s.widening(9_999));
            assertEquals(3, s.widening(10_000));
            assertEquals(3, s.widening(60_000));
            SkillsStrategy never = new SkillsStrategy(SkillsConfig.defaults().withWidening(""));
            assertEquals(0, never.widening(Long.MAX_VALUE));
        }

        @Test
        void widenedAgentsStillRankByProficiency() {
            // after 60 s both qualify for cards:5; the more proficient one wins and the reason says it widened
            RoutingDecision d = strategy.route(request("cards:5", T0.plusSeconds(61), level3, level4));
            assertEquals("bita", d.agentId());
            assertEquals("skills: bita cards 4/5, 0/4 busy, widened -2 after 61 s", d.reason());
        }

        @Test
        void waitReasonShowsWidenedLevels() {
            RoutingDecision d = strategy.route(request("cards:5,loans:1", T0.plusSeconds(45), level3));
            assertNull(d.agentId());
            assertEquals("skills: no eligible agent of 1 (1 below cards:4), widened -1 after 45 s", d.reason());
        }

        @Test
        void waitingTimeFallsBackToLastUpdateWithoutWaitingSince() {
            Conversation c = new Conversation("c1", "cust", CHANNEL, "a", ConversationState.QUEUED, QUEUE.id(),
                    null, null, Map.of(RoutingHints.SKILLS, "cards:5"), T0, T0);
            RoutingRequest r = new RoutingRequest(c, QUEUE, List.of(level4), T0.plusSeconds(30), null, null);
            assertEquals("bita", strategy.route(r).agentId());
        }
    }

    // ---------------------------------------------------------------------------------------------- aging

    @Nested
    class Aging {
        @Test
        void priorityIsQueuePlusConversationPlusAging() {
            Conversation c = conversation("c1", null, 5, T0);
            assertEquals(15.0, strategy.priority(c, QUEUE, T0), 1e-9);
            assertEquals(15.5, strategy.priority(c, QUEUE, T0.plusSeconds(30)), 1e-9);
            assertEquals(25.0, strategy.priority(c, QUEUE, T0.plusSeconds(600)), 1e-9);
        }

        @Test
        void oldLowPriorityConversationOvertakesNewHighPriorityOne() {
            Conversation low = conversation("low", null, 0, T0);
            Instant highArrives = T0.plusSeconds(60);
            Conversation high = conversation("high", null, 5, highArrives);
            // one minute in, the new high-priority one is ahead ...
            assertTrue(strategy.priority(high, QUEUE, highArrives) > strategy.priority(low, QUEUE, highArrives));
            // ... after 6 minutes the old one (10 + 0 + 6) is ahead of any new one (10 + 5)
            Instant later = T0.plusSeconds(6 * 60 + 1);
            Conversation newest = conversation("newest", null, 5, later);
            assertTrue(strategy.priority(low, QUEUE, later) > strategy.priority(newest, QUEUE, later));
        }

        @Test
        void agingMaxCapsTheBonusAndZeroAgingKeepsBasePriority() {
            Conversation c = conversation("c1", null, 5, T0);
            SkillsStrategy capped = new SkillsStrategy(SkillsConfig.defaults().withAging(2.0, 3.0));
            assertEquals(17.0, capped.priority(c, QUEUE, T0.plusSeconds(60)), 1e-9);
            assertEquals(18.0, capped.priority(c, QUEUE, T0.plusSeconds(3600)), 1e-9);
            SkillsStrategy none = new SkillsStrategy(SkillsConfig.defaults().withAging(0, 0));
            assertEquals(15.0, none.priority(c, QUEUE, T0.plusSeconds(3600)), 1e-9);
        }
    }

    // ---------------------------------------------------------------------------------------------- sticky

    @Nested
    class Sticky {
        final AgentLoad alice = load("alice", 2, 4, T0, Map.of("cards", 5));
        final AgentLoad bob = load("bob", 0, 4, null, Map.of("cards", 9));
        final AgentLoad aliceFull = load("alice", 4, 4, T0, Map.of("cards", 5));
        final Instant servedAt = T0.minus(Duration.ofDays(3));

        @Test
        void previousAgentIsPreferredWhenEligible() {
            RoutingDecision d = strategy.route(sticky("cards:5", T0, "alice", servedAt, bob, alice));
            assertEquals("alice", d.agentId());
            assertEquals("skills: alice (previous agent) cards 5/5, 2/4 busy", d.reason());
        }

        @Test
        void waitsForPreviousAgentAtCapacityUntilTimeout() {
            RoutingDecision d = strategy.route(sticky("cards:5", T0.plusSeconds(5), "alice", servedAt, bob,
                    aliceFull));
            assertNull(d.agentId());
            assertEquals("sticky: waiting for alice (at capacity, 15 s left)", d.reason());
            d = strategy.route(sticky("cards:5", T0.plusMillis(19_999), "alice", servedAt, bob, aliceFull));
            assertNull(d.agentId());
            assertTrue(d.reason().startsWith("sticky: waiting for alice"), d.reason());
            // at 20 s waited the conversation goes to someone else
            d = strategy.route(sticky("cards:5", T0.plusSeconds(20), "alice", servedAt, bob, aliceFull));
            assertEquals("bob", d.agentId());
        }

        @Test
        void waitsForPreviousAgentWhoIsNotACandidate() {
            RoutingDecision d = strategy.route(sticky("cards:5", T0, "alice", servedAt, bob));
            assertNull(d.agentId());
            assertEquals("sticky: waiting for alice (not available, 20 s left)", d.reason());
            assertEquals("bob", strategy.route(sticky("cards:5", T0.plusSeconds(21), "alice", servedAt, bob))
                    .agentId());
        }

        @Test
        void previousAgentWithoutTheSkillIsNotWaitedFor() {
            AgentLoad weak = load("alice", 0, 4, T0, Map.of("cards", 2));
            assertEquals("bob", strategy.route(sticky("cards:5", T0, "alice", servedAt, bob, weak)).agentId());
        }

        @Test
        void stickinessEndsAfterTheWindow() {
            Instant edge = T0.minus(Duration.ofDays(30));
            assertEquals("alice", strategy.route(sticky("cards:5", T0, "alice", edge, bob, alice)).agentId());
            Instant expired = edge.minusSeconds(1);
            RoutingDecision d = strategy.route(sticky("cards:5", T0, "alice", expired, bob, aliceFull));
            assertEquals("bob", d.agentId());
            assertEquals("bob", strategy.route(sticky("cards:5", T0, "alice", null, bob, alice)).agentId());
        }

        @Test
        void zeroTimeoutNeverWaitsButStillPrefers() {
            SkillsStrategy noWait = new SkillsStrategy(SkillsConfig.defaults().withSticky(30, 0));
            assertEquals("bob", noWait.route(sticky("cards:5", T0, "alice", servedAt, bob, aliceFull)).agentId());
            assertEquals("alice", noWait.route(sticky("cards:5", T0, "alice", servedAt, bob, alice)).agentId());
        }

        @Test
        void zeroWindowDisablesStickiness() {
            SkillsStrategy off = new SkillsStrategy(SkillsConfig.defaults().withSticky(0, 20));
            assertEquals("bob", off.route(sticky("cards:5", T0, "alice", T0, bob, alice)).agentId());
            assertEquals("bob", off.route(sticky("cards:5", T0, "alice", T0, bob, aliceFull)).agentId());
        }

        @Test
        void stickyWaitHappensEvenWithNobodyElseAndWideningAppliesToPreviousAgent() {
            AgentLoad aliceLevel4 = load("alice", 0, 4, T0, Map.of("cards", 4));
            SkillsStrategy longWait = new SkillsStrategy(SkillsConfig.defaults().withSticky(30, 300));
            // alice lacks a level before 30 s: routed normally (nobody else -> plain wait reason)
            RoutingDecision d = longWait.route(sticky("cards:5", T0.plusSeconds(10), "alice", servedAt,
                    aliceLevel4));
            assertNull(d.agentId());
            assertTrue(d.reason().startsWith("skills: no eligible agent"), d.reason());
            // at 30 s the widened level makes her eligible, and she is preferred over the expert bob
            d = longWait.route(sticky("cards:5", T0.plusSeconds(30), "alice", servedAt, bob, aliceLevel4));
            assertEquals("alice", d.agentId());
            assertEquals("skills: alice (previous agent) cards 4/5, 0/4 busy, widened -1 after 30 s", d.reason());
        }
    }
}
