package io.pishkhan.core.internal;

import static io.pishkhan.core.internal.TestSupport.await;
import static io.pishkhan.core.internal.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.ChatbotEngine;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.InvalidMessageException;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingStrategy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationPipelineTest extends PipelineTestBase {
    /** Offers are off here (conversations are assigned at once); {@link OfferTest} covers offers. */
    @Override
    int offerTimeout() {
        return 0;
    }

    @Test
    void botAnswersAndTheAnswerIsDeliveredStoredAndCounted() {
        extensions.bindBot(BOT, Map.of());
        Receipt r = send("u1", "what are your opening hours?");
        await("bot answer delivered", () -> delivered.size() == 1);
        OutboundMessage out = delivered.get(0);
        assertEquals("We open at 8.", out.text());
        assertEquals("u1", out.address());
        assertEquals(SenderType.BOT, out.senderType());
        assertEquals(2, pipeline.transcript(r.conversationId()).size());
        assertEquals("hours", pipeline.conversation(r.conversationId()).orElseThrow().intent());
        await("delivered event", () -> eventTypes(r.conversationId()).contains(EventType.DELIVERED));
        assertEquals(List.of(EventType.RECEIVED, EventType.BOT_ANSWERED, EventType.DELIVERED), eventTypes(r.conversationId()));
        await("analytics got all events", () -> analyzed.size() == 3);
    }

    @Test
    void unknownQuestionIsHandedOffAndAssignedToAnAgentWithNotice() {
        extensions.bindBot(BOT, Map.of());
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        Receipt r = send("u1", "my card is blocked");
        await("assigned", () -> pipeline.conversation(r.conversationId()).orElseThrow().state() == ConversationState.ASSIGNED);
        Conversation c = pipeline.conversation(r.conversationId()).orElseThrow();
        assertEquals("alice", c.agentId());
        assertEquals("general", c.queueId());
        assertEquals("no-match", c.context().get("handoff.reason"));
        await("two messages delivered", () -> delivered.size() == 2);
        assertEquals("Let me find a person.", delivered.get(0).text());
        assertEquals("alice has joined the conversation.", delivered.get(1).text());
        assertTrue(eventTypes(r.conversationId()).containsAll(List.of(EventType.HANDED_OFF, EventType.QUEUED, EventType.ASSIGNED)));
    }

    @Test
    void persianCustomerGetsPersianNotices() {
        extensions.bindBot(BOT, Map.of());
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        send("u-fa", "کارت من مسدود شده است");
        await("notice", () -> delivered.size() == 2);
        assertEquals("alice به گفتگو پیوست.", delivered.get(1).text());
    }

    @Test
    void withoutCapacityConversationWaitsThenIsDispatchedWhenAnAgentIsFreed() {
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        // no bot installed: every conversation goes straight to a human
        Receipt a = send("a", "one");
        await("a assigned", () -> pipeline.conversation(a.conversationId()).orElseThrow().state() == ConversationState.ASSIGNED);
        Receipt b = send("b", "two");
        await("b assigned", () -> pipeline.conversation(b.conversationId()).orElseThrow().state() == ConversationState.ASSIGNED);
        Receipt c = send("c", "three");
        await("c queued", () -> pipeline.conversation(c.conversationId()).orElseThrow().state() == ConversationState.QUEUED);
        assertEquals("no-bot-engine", pipeline.conversation(c.conversationId()).orElseThrow().context().get("handoff.reason"));
        await("queued notice", () -> delivered.stream().anyMatch(m -> m.address().equals("c") && m.text().contains("busy")));
        String agentOfA = pipeline.conversation(a.conversationId()).orElseThrow().agentId();
        pipeline.resolve(a.conversationId());
        await("c assigned after a resolved", () -> pipeline.conversation(c.conversationId()).orElseThrow().state() == ConversationState.ASSIGNED);
        assertEquals(agentOfA, pipeline.conversation(c.conversationId()).orElseThrow().agentId());
        assertTrue(store.activeConversationsByAgent().values().stream().allMatch(n -> n <= 1), "capacity respected");
    }

    @Test
    void strategySwapChangesTheNextDecision() {
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        RoutingStrategy last = lastWithCapacity("last");
        extensions.bindStrategy(last, Map.of());
        Receipt a = send("a", "one");
        await("a assigned", () -> "alice".equals(pipeline.conversation(a.conversationId()).orElseThrow().agentId()));
        pipeline.resolve(a.conversationId());
        extensions.unbindStrategy(extensions.strategy().orElseThrow()); // stop the preferred "first"
        assertEquals("last", extensions.strategy().orElseThrow().id());
        Receipt b = send("b", "two");
        await("b assigned by the other strategy", () -> "bob".equals(pipeline.conversation(b.conversationId()).orElseThrow().agentId()));
    }

    @Test
    void noStrategyMeansWaitingNotLosing() {
        Receipt a = send("a", "hello");
        await("queued", () -> pipeline.conversation(a.conversationId()).orElseThrow().state() == ConversationState.QUEUED);
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        await("assigned once a strategy appears", () -> pipeline.conversation(a.conversationId()).orElseThrow().state() == ConversationState.ASSIGNED);
    }

    @Test
    void failingBotHandsOff() {
        extensions.bindBot(BOT, Map.of());
        Receipt r = send("u", "boom");
        await("queued", () -> pipeline.conversation(r.conversationId()).orElseThrow().state() == ConversationState.QUEUED);
        assertEquals("bot-error", pipeline.conversation(r.conversationId()).orElseThrow().context().get("handoff.reason"));
    }

    @Test
    void duplicateClientMessageIsStoredAndAnsweredOnce() {
        extensions.bindBot(BOT, Map.of());
        InboundMessage m = new InboundMessage("test", "u", null, "opening hours?", "c-1", Map.of());
        Receipt first = pipeline.receive(m);
        Receipt again = pipeline.receive(m);
        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(first.messageId(), again.messageId());
        await("answered", () -> delivered.size() == 1);
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(1, delivered.size());
        assertEquals(2, pipeline.transcript(first.conversationId()).size());
    }

    @Test
    void invalidMessagesAreRejectedAndNothingIsStored() {
        assertThrows(InvalidMessageException.class, () -> send("u", "   "));
        assertThrows(InvalidMessageException.class, () -> send("u", "x".repeat(InboundMessage.MAX_TEXT_LENGTH + 1)));
        assertThrows(InvalidMessageException.class,
                () -> pipeline.receive(new InboundMessage("test", " ", null, "hi", null, Map.of())));
        assertTrue(store.messages.isEmpty());
        assertTrue(store.conversations.isEmpty());
    }

    @Test
    void receiveBeyondTheConcurrencyLimitIsRefusedAsBusyAndStoresNothing() throws Exception {
        java.util.concurrent.CountDownLatch inStore = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        InMemoryConversationStore slow = new InMemoryConversationStore() {
            @Override
            public synchronized io.pishkhan.api.store.InboundRecord recordInbound(InboundMessage m, Instant at) {
                inStore.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.recordInbound(m, at);
            }
        };
        ConversationPipeline gated = new ConversationPipeline(slow, directory, extensions, camel,
                TestSupport.config(CoreConfig.class, Map.of("pipeline.maxConcurrentReceives", 1, "pipeline.receiveWaitMillis", 0L)), clock);
        Thread first = new Thread(() -> gated.receive(new InboundMessage("test", "a", null, "one", null, Map.of())));
        first.start();
        inStore.await();
        assertThrows(io.pishkhan.api.store.StoreException.class,
                () -> gated.receive(new InboundMessage("test", "b", null, "two", null, Map.of())));
        release.countDown();
        first.join();
        assertEquals(1, slow.messages.size(), "only the first was stored");
        gated.deactivate();
    }

    @Test
    void anEventThatFailsOnceIsStoredOnTheNextTry() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        InMemoryConversationStore flaky = new InMemoryConversationStore() {
            @Override
            public synchronized void appendEvent(ConversationEvent event) {
                if (calls.getAndIncrement() == 1) { // the first (RECEIVED) works, the next fails once
                    throw new io.pishkhan.api.store.StoreException("A lock could not be obtained", null);
                }
                super.appendEvent(event);
            }
        };
        ConversationPipeline p = new ConversationPipeline(flaky, directory, extensions, camel,
                TestSupport.config(CoreConfig.class, Map.of()), clock);
        Receipt r = p.receive(new InboundMessage("test", "x", null, "hello", null, Map.of()));
        p.resolve(r.conversationId());
        assertEquals(List.of(EventType.RECEIVED, EventType.RESOLVED),
                flaky.events(r.conversationId()).stream().map(ConversationEvent::type).toList());
        p.deactivate();
    }

    @Test
    void messagesArrivingTogetherAreEachAnswered() {
        extensions.bindBot(BOT, Map.of());
        Receipt first = send("u", "opening hours please");
        send("u", "and your hours on thursday?");
        send("u", "hours on holidays?");
        await("three answers", () -> delivered.size() == 3);
        assertEquals(6, pipeline.transcript(first.conversationId()).size());
    }

    @Test
    void recoveryRunsEveryUnprocessedMessageInOrder() {
        extensions.bindBot(BOT, Map.of());
        Instant old = Instant.now().minusSeconds(60);
        var a = store.recordInbound(new InboundMessage("test", "u", null, "hours one", null, Map.of()), old);
        store.recordInbound(new InboundMessage("test", "u", null, "hours two", null, Map.of()), old.plusMillis(1));
        pipeline.recover();
        await("both recovered", () -> delivered.size() == 2);
        assertEquals(4, pipeline.transcript(a.conversation().id()).size());
        pipeline.recover();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(2, delivered.size(), "nothing is answered twice");
    }

    @Test
    void recoveryAnswersMessagesStoredButNeverProcessed() {
        extensions.bindBot(BOT, Map.of());
        // as if the JVM died between storing and processing
        var rec = store.recordInbound(new InboundMessage("test", "u", null, "hours please", null, Map.of()),
                Instant.now().minusSeconds(60));
        pipeline.recover();
        await("recovered answer", () -> delivered.size() == 1);
        assertEquals(rec.conversation().id(), delivered.get(0).conversationId());
        pipeline.recover(); // answered now: nothing more
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(1, delivered.size());
    }

    @Test
    void agentReplyNeedsTheAssignedAgent() {
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        Receipt r = send("u", "help");
        await("assigned", () -> pipeline.conversation(r.conversationId()).orElseThrow().state() == ConversationState.ASSIGNED);
        assertThrows(IllegalStateException.class, () -> pipeline.replyAsAgent(r.conversationId(), "bob", "hi"));
        pipeline.replyAsAgent(r.conversationId(), "alice", "Hello, how can I help?");
        await("agent reply delivered", () -> delivered.stream().anyMatch(m -> m.senderType() == SenderType.AGENT
                && m.senderName().equals("alice")));
        // the agent picks another of the customer's addresses: stored here, delivered there
        pipeline.identify(r.conversationId(), new io.pishkhan.api.model.Identity("test", "u-phone"), null);
        pipeline.replyAsAgent(r.conversationId(), "alice", "I am sending you the form by SMS",
                new io.pishkhan.api.model.Identity("test", "u-phone"));
        await("delivered to the other address", () -> delivered.stream().anyMatch(m -> m.address().equals("u-phone")
                && m.text().startsWith("I am sending")));
        assertTrue(pipeline.transcript(r.conversationId()).stream().anyMatch(m -> m.text().startsWith("I am sending")));
        assertThrows(IllegalArgumentException.class, () -> pipeline.replyAsAgent(r.conversationId(), "alice", "x",
                new io.pishkhan.api.model.Identity("test", "someone-else")), "only his own addresses");
        // the gateway's report on that reply: recorded on the conversation; unknown ids are ignored
        String smsId = pipeline.transcript(r.conversationId()).stream().filter(m -> m.text().startsWith("I am sending"))
                .findFirst().orElseThrow().id();
        assertTrue(pipeline.deliveryReport(smsId, false, "handset unreachable"));
        assertFalse(pipeline.deliveryReport("no-such-message", true, null));
        assertFalse(pipeline.deliveryReport(pipeline.transcript(r.conversationId()).get(0).id(), true, null),
                "a customer's message gets no delivery report");
        await("failure recorded", () -> store.events(r.conversationId()).stream().anyMatch(e ->
                e.type() == io.pishkhan.api.analytics.EventType.DELIVERY_FAILED
                        && "handset unreachable".equals(e.data().get("detail")) && smsId.equals(e.data().get("messageId"))));
        Conversation done = pipeline.resolve(r.conversationId());
        assertEquals(ConversationState.RESOLVED, done.state());
        Receipt next = send("u", "another question");
        assertFalse(next.conversationId().equals(r.conversationId()), "a resolved conversation is not reopened");
    }
}
