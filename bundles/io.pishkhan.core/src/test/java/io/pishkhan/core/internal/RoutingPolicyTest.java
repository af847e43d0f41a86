package io.pishkhan.core.internal;

import static io.pishkhan.core.internal.TestSupport.await;
import static io.pishkhan.core.internal.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.Skill;
import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingHints;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import io.pishkhan.api.routing.TriageInput;
import io.pishkhan.api.routing.TriageResult;
import io.pishkhan.api.routing.TriageService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Triage and rules at handoff, fallback on rule failure, blacklist, business hours, per-queue strategy, capacity. */
class RoutingPolicyTest extends PipelineTestBase {
    private final InMemoryConfigStore configStore = new InMemoryConfigStore();
    private final List<RoutingRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    int offerTimeout() {
        return 0;
    }

    @BeforeEach
    void admin() {
        directory.bindConfigStore(configStore);
        directory.saveSkill(new Skill("cards", "Cards"), "admin");
        directory.saveQueue(new Queue("cards", "Cards", 50, null, 80, 20, "general", null), "admin");
        directory.saveQueue(new Queue("low", "Low priority", 0), "admin");
    }

    /** "first" strategy that records what it was asked. */
    private void recordingStrategy(String id, boolean last) {
        RoutingStrategy inner = last ? lastWithCapacity(id) : firstWithCapacity(id);
        extensions.bindStrategy(new RoutingStrategy() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public RoutingDecision route(RoutingRequest request) {
                requests.add(request);
                return inner.route(request);
            }
        }, Map.of());
    }

    private void triage(Function<TriageInput, TriageResult> f) {
        extensions.bindTriage(f::apply);
    }

    private Conversation state(Receipt r) {
        return pipeline.conversation(r.conversationId()).orElseThrow();
    }

    @Test
    void triageDecidesQueuePriorityAndSkillsOnceAtHandoff() {
        recordingStrategy("first", false);
        AtomicInteger calls = new AtomicInteger();
        triage(in -> {
            calls.incrementAndGet();
            assertEquals("my card is blocked", in.text());
            return new TriageResult("cards", 70, Map.of("cards", 5), "3", "blocked card", Map.of("topic", "card"), null);
        });
        Receipt r = send("u1", "my card is blocked");
        await("assigned", () -> state(r).state() == ConversationState.ASSIGNED);
        Conversation c = state(r);
        assertEquals("cards", c.queueId());
        assertEquals("cards:5", c.context().get(RoutingHints.SKILLS));
        assertEquals("70", c.context().get(RoutingHints.PRIORITY));
        assertEquals("3", c.context().get(RoutingHints.RULE_VERSION));
        assertEquals("card", c.context().get("tag.topic"));
        assertNotNull(RoutingHints.of(c).waitingSince());
        assertEquals(Map.of("cards", 5), requests.get(0).hints().requiredSkills());
        assertEquals(1, calls.get(), "rules run exactly once per handoff");
        assertTrue(eventTypes(r.conversationId()).contains(EventType.QUEUED));
    }

    @Test
    void aFailingRuleSendsTheConversationToTheFallbackQueueAndRaisesAnAlert() {
        recordingStrategy("first", false);
        triage(in -> new TriageResult("cards", 0, Map.of(), "4", "broken", Map.of(), "rule 'broken': division by zero"));
        Receipt r = send("u2", "help");
        await("assigned", () -> state(r).state() == ConversationState.ASSIGNED);
        assertEquals("general", state(r).queueId(), "the fallback of queue cards");
        assertTrue(eventTypes(r.conversationId()).contains(EventType.ROUTING_FAILED));
        assertTrue(state(r).context().get("routing.error").contains("division by zero"));
    }

    @Test
    void aThrowingTriageServiceLosesNothing() {
        recordingStrategy("first", false);
        triage(in -> {
            throw new IllegalStateException("bug");
        });
        Receipt r = send("u3", "help");
        await("assigned", () -> state(r).state() == ConversationState.ASSIGNED);
        assertEquals("general", state(r).queueId());
        assertTrue(eventTypes(r.conversationId()).contains(EventType.ROUTING_FAILED));
    }

    private static BlacklistService blacklist(String address, BlacklistEntry.Action action, String message, String queue) {
        return PolicyFakes.blacklist((channel, addr, attrs) -> addr.equals(address) ? Optional.of(new BlacklistEntry("b1",
                "address", address, action, message, queue, "admin", Instant.EPOCH, null)) : Optional.empty());
    }

    @Test
    void aBlockedSenderGetsTheNoticeAndIsNeverRoutedButHisMessageIsKept() {
        recordingStrategy("first", false);
        extensions.bindBlacklist(blacklist("spammer", BlacklistEntry.Action.BLOCK, "You are blocked.", null));
        Receipt r = send("spammer", "buy now");
        await("notice", () -> delivered.stream().anyMatch(m -> m.text().equals("You are blocked.")));
        assertEquals(ConversationState.RESOLVED, state(r).state());
        assertEquals("buy now", store.messages(r.conversationId()).get(0).text(), "kept for audit");
        assertTrue(eventTypes(r.conversationId()).contains(EventType.BLOCKED));
        assertTrue(requests.isEmpty());
        assertTrue(delivered.stream().noneMatch(m -> m.text().contains("person")), "the bot never saw it");
        Receipt ok = send("someone", "I need a person");
        await("others are routed", () -> state(ok).state() == ConversationState.ASSIGNED);
    }

    @Test
    void aLowPriorityEntrySendsTheSenderToItsQueue() {
        recordingStrategy("first", false);
        extensions.bindBlacklist(blacklist("pest", BlacklistEntry.Action.LOW_PRIORITY, null, "low"));
        triage(in -> new TriageResult("cards", 80, Map.of(), "1", "r", Map.of(), null));
        Receipt r = send("pest", "I need a person");
        await("assigned", () -> state(r).state() == ConversationState.ASSIGNED);
        assertEquals("low", state(r).queueId());
        assertEquals("0", state(r).context().get(RoutingHints.PRIORITY));
    }

    @Test
    void outsideBusinessHoursTheCustomerIsToldAndTheRequestWaitsUntilTheQueueOpens() {
        recordingStrategy("first", false);
        directory.saveQueue(new Queue("general", "General", 0, null, 80, 20, null, "office"), "admin");
        AtomicBoolean open = new AtomicBoolean(false);
        extensions.bindHours(PolicyFakes.hours((id, at) -> !"office".equals(id) || open.get(), "We open at 8."));
        Receipt r = send("night", "I need a person");
        await("closed notice", () -> delivered.stream().anyMatch(m -> m.text().equals("We open at 8.")));
        assertTrue(eventTypes(r.conversationId()).contains(EventType.OUTSIDE_HOURS));
        sleep(400); // several dispatch rounds
        assertEquals(ConversationState.QUEUED, state(r).state(), "waits while closed");
        assertTrue(requests.isEmpty(), "no routing while closed");
        open.set(true);
        await("routed when the queue opens", () -> state(r).state() == ConversationState.ASSIGNED);
        assertEquals(1, delivered.stream().filter(m -> m.text().equals("We open at 8.")).count(), "told once");
    }

    @Test
    void eachQueueUsesItsOwnStrategy() {
        recordingStrategy("first", false);
        recordingStrategy("last", true);
        directory.saveQueue(new Queue("cards", "Cards", 50, "last", 80, 20, "general", null), "admin");
        triage(in -> new TriageResult(in.text().contains("card") ? "cards" : "general", 0, Map.of(), "1", null, Map.of(), null));
        Receipt card = send("c1", "card please");
        await("assigned", () -> state(card).state() == ConversationState.ASSIGNED);
        assertEquals("bob", state(card).agentId(), "queue cards uses 'last'");
        Receipt other = send("c2", "a person please");
        await("assigned", () -> state(other).state() == ConversationState.ASSIGNED);
        assertEquals("alice", state(other).agentId(), "the appliance default 'first'");
    }

    @Test
    void perChannelCapacityLimitsAnAgentOnThatChannel() {
        recordingStrategy("first", false);
        directory.saveAgent(new Agent("alice", "Alice", Map.of(), Set.of(), 3, Presence.AVAILABLE, Map.of("test", 1)), "admin");
        directory.saveAgent(new Agent("bob", "Bob", Map.of(), Set.of(), 3, Presence.AVAILABLE, Map.of()), "admin");
        Receipt a = send("p1", "a person please");
        await("assigned", () -> state(a).state() == ConversationState.ASSIGNED);
        Receipt b = send("p2", "a person please");
        await("assigned", () -> state(b).state() == ConversationState.ASSIGNED);
        assertEquals("alice", state(a).agentId());
        assertEquals("bob", state(b).agentId(), "alice may hold only one conversation on channel test");
    }

    @Test
    void aReturningCustomerCarriesHisPreviousAgentForStickyRouting() {
        recordingStrategy("last", true);
        Receipt first = send("returning", "a person please");
        await("assigned", () -> state(first).state() == ConversationState.ASSIGNED);
        assertEquals("bob", state(first).agentId());
        pipeline.resolve(first.conversationId());
        Receipt second = send("returning", "a person again");
        await("assigned", () -> state(second).state() == ConversationState.ASSIGNED);
        RoutingRequest last = requests.get(requests.size() - 1);
        assertEquals(second.conversationId(), last.conversation().id());
        assertEquals("bob", last.previousAgentId());
        assertNotNull(last.previousServedAt());
        assertNull(requests.get(0).previousAgentId());
    }

    @Test
    void routingHistoryReplaysWhatTheRulesSawAtHandoff() {
        recordingStrategy("first", false);
        triage(in -> new TriageResult("cards", 10, Map.of("cards", 3), "7", "r", Map.of(), null));
        Receipt r = send("h1", "my card was stolen");
        await("assigned", () -> state(r).state() == ConversationState.ASSIGNED);
        List<DryRunCase> cases = pipeline.routingHistory(Instant.now().minusSeconds(3600), 100);
        assertEquals(1, cases.size());
        DryRunCase c = cases.get(0);
        assertEquals("cards", c.actualQueue());
        assertEquals("7", c.actualVersion());
        assertEquals("my card was stolen", c.input().text());
        assertFalse(c.input().conversation().context().containsKey(RoutingHints.SKILLS), "as it was before routing");
        assertTrue(pipeline.routingHistory(Instant.now().plusSeconds(3600), 100).isEmpty());
    }

    @Test
    void directoryAdminKeepsEntriesInTheStoreAuditsAndRefusesBadInput() {
        Queue q = directory.queue("cards").orElseThrow();
        assertEquals(50, q.priority());
        assertEquals("general", q.fallbackQueue());
        assertEquals(List.of("cards"), directory.skills().stream().map(Skill::id).toList());
        Agent a = directory.saveAgent(new Agent("carol", "Carol", Map.of("cards", 9), Set.of("cards"), 2,
                Presence.AVAILABLE, Map.of("voice", 1)), "admin");
        assertEquals(9, a.proficiency("cards"));
        assertEquals(1, a.capacityFor("voice"));
        assertEquals(2, a.capacityFor("webchat"));
        assertThrows(IllegalArgumentException.class, () -> directory.saveAgent(new Agent("dave", "D", Map.of("nope", 3),
                Set.of(), 1, Presence.AVAILABLE), "admin"), "unknown skill");
        assertThrows(IllegalArgumentException.class, () -> directory.saveQueue(new Queue("x y", "bad", 0), "admin"));
        assertThrows(IllegalArgumentException.class, () -> directory.saveQueue(new Queue("q", "Q", 101), "admin"));
        assertThrows(IllegalArgumentException.class, () -> directory.deleteSkill("cards", "admin"), "held by carol");
        // a fresh directory on the same store sees the same entries (kept, not in memory)
        AgentDirectoryImpl again = new AgentDirectoryImpl();
        again.configure(Map.of());
        again.bindConfigStore(configStore);
        assertEquals(9, again.agent("carol").orElseThrow().proficiency("cards"));
        assertTrue(directory.auditLog(10).stream().anyMatch(x -> x.entityId().equals("carol") && x.actor().equals("admin")));
        assertTrue(directory.deleteQueue("low", "admin"));
        assertTrue(directory.queue("low").isEmpty());
    }

    @Test
    void theBotsSuggestedSkillsApplyWhenNoRuleAsksForSkillsAndEmptyValuesRemoveKeys() {
        recordingStrategy("first", false);
        extensions.bindBot(new io.pishkhan.api.bot.ChatbotEngine() {
            @Override
            public String id() {
                return "suggesting";
            }

            @Override
            public io.pishkhan.api.bot.BotReply reply(io.pishkhan.api.bot.BotRequest r) {
                if (r.message().text().startsWith("start")) {
                    return new io.pishkhan.api.bot.BotReply(io.pishkhan.api.bot.BotReply.Outcome.ANSWER, "Which card?",
                            "card.blocked", 0.9, Map.of("flow.intent", "card.blocked"), List.of());
                }
                return new io.pishkhan.api.bot.BotReply(io.pishkhan.api.bot.BotReply.Outcome.HANDOFF, null,
                        "card.blocked", 0.9, Map.of("flow.intent", "", "queue", "cards", "skills", "cards:4",
                                "handoff.reason", "flow-failed"), List.of());
            }
        }, Map.of("service.ranking", 1000));
        extensions.configure(config(CoreConfig.class, Map.of("routing.strategy", "first", "bot.engine", "suggesting")));
        Receipt r = send("s1", "start please");
        await("flow state kept", () -> "card.blocked".equals(state(r).context().get("flow.intent")));
        send("s1", "my card 1234");
        await("assigned", () -> state(r).state() == ConversationState.ASSIGNED);
        assertEquals("cards", state(r).queueId());
        assertEquals("cards:4", state(r).context().get(RoutingHints.SKILLS));
        assertFalse(state(r).context().containsKey("flow.intent"), "an empty value removes the key");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
