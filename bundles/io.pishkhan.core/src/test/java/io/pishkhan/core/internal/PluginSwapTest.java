package io.pishkhan.core.internal;

import static io.pishkhan.core.internal.TestSupport.await;
import static io.pishkhan.core.internal.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.ChatbotEngine;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.ChannelException;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Plugins swapped while conversations are in flight (issue "Admin console", must-show 1): replies to a stopped
 * channel wait for it and go out once, in order, when it is back (bounded by {@code delivery.holdMinutes}); messages
 * to a stopped chatbot engine wait and are answered when it returns; queued conversations wait for a strategy.
 */
class PluginSwapTest extends PipelineTestBase {
    @Override
    int offerTimeout() {
        return 0;
    }

    /** A conversation assigned to an agent (no bot installed: straight to a person), with its notice delivered. */
    private Receipt assigned(String from) {
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        Receipt r = send(from, "my card is blocked");
        await("assigned", () -> state(r) == ConversationState.ASSIGNED);
        await("assigned notice delivered", () -> textsTo(from).size() == 1);
        return r;
    }

    private ConversationState state(Receipt r) {
        return pipeline.conversation(r.conversationId()).orElseThrow().state();
    }

    private List<String> textsTo(String address) {
        return delivered.stream().filter(m -> m.address().equals(address)).map(OutboundMessage::text).toList();
    }

    private List<ConversationEvent> events(Receipt r, EventType type) {
        return store.events(r.conversationId()).stream().filter(e -> e.type() == type).toList();
    }

    /** Message id -> number of DELIVERED events for it. */
    private Map<String, Long> deliveredCounts(Receipt r) {
        return events(r, EventType.DELIVERED).stream()
                .collect(Collectors.groupingBy(e -> e.data().get("messageId"), Collectors.counting()));
    }

    /**
     * An agent reply, and a wait until the outbound route has taken it (held or delivered): the route has two
     * consumers, so two replies sent in the same millisecond may leave in either order with or without a swap.
     */
    private Message reply(Receipt r, String text) {
        Message m = pipeline.replyAsAgent(r.conversationId(), "alice", text);
        await("reply '" + text + "' taken by the outbound route",
                () -> pipeline.heldMessages("test").stream().anyMatch(o -> o.messageId().equals(m.id()))
                        || delivered.stream().anyMatch(o -> o.messageId().equals(m.id())));
        return m;
    }

    private ChannelConnector stopChannel() {
        ChannelConnector channel = extensions.channel("test").orElseThrow();
        extensions.unbindChannel(channel);
        assertTrue(extensions.channel("test").isEmpty());
        return channel;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void agentRepliesToAStoppedChannelWaitAndAreDeliveredOnceInOrderWhenItIsBack() {
        Receipt r = assigned("u1");
        ChannelConnector channel = stopChannel();
        Message one = reply(r, "one");
        Message two = reply(r, "two");
        Message three = reply(r, "three");
        await("three replies held", () -> pipeline.heldMessages("test").size() == 3);
        // longer than the outbound route's 3 redeliveries (0.5 + 1 + 2 s): before, they ended DELIVERY_FAILED here
        sleep(4000);
        assertEquals(List.of("one", "two", "three"),
                pipeline.heldMessages("test").stream().map(OutboundMessage::text).toList());
        assertTrue(events(r, EventType.DELIVERY_FAILED).isEmpty(), "held, not failed");
        assertEquals(1, textsTo("u1").size(), "nothing delivered while the channel is away");
        assertEquals(List.of("one", "two", "three"), pipeline.transcript(r.conversationId()).stream()
                .skip(2).map(Message::text).toList(), "kept in the transcript");

        extensions.bindChannel(channel, Map.of());
        // a reply right after the channel is back queues behind the held ones
        Message four = pipeline.replyAsAgent(r.conversationId(), "alice", "four");
        await(() -> "all delivered, got " + textsTo("u1"), () -> textsTo("u1").size() == 5);
        assertEquals(List.of("one", "two", "three", "four"), textsTo("u1").subList(1, 5));
        await("DELIVERED events", () -> deliveredCounts(r).keySet().containsAll(
                List.of(one.id(), two.id(), three.id(), four.id())));
        sleep(500);
        assertEquals(5, textsTo("u1").size(), "each delivered once");
        for (Message m : List.of(one, two, three, four)) {
            assertEquals(1L, deliveredCounts(r).get(m.id()), m.text());
        }
        assertTrue(pipeline.heldMessages("test").isEmpty());
        assertTrue(events(r, EventType.DELIVERY_FAILED).isEmpty());
    }

    @Test
    void aReplyHeldLongerThanTheHoldTimeFailsWithReasonChannelAbsent() {
        Receipt r = assigned("u2");
        ChannelConnector channel = stopChannel();
        Message reply = reply(r, "are you there?");
        assertEquals(1, pipeline.heldMessages("test").size());
        pipeline.checkHeld();
        assertTrue(events(r, EventType.DELIVERY_FAILED).isEmpty(), "within the hold time nothing fails");

        clock.advance(Duration.ofMinutes(61)); // delivery.holdMinutes defaults to 60
        pipeline.checkHeld();
        List<ConversationEvent> failed = events(r, EventType.DELIVERY_FAILED);
        assertEquals(1, failed.size());
        assertEquals(reply.id(), failed.get(0).data().get("messageId"));
        assertEquals("channel-absent", failed.get(0).data().get("reason"));
        assertTrue(pipeline.heldMessages("test").isEmpty());

        extensions.bindChannel(channel, Map.of());
        sleep(500);
        assertEquals(1, textsTo("u2").size(), "a failed reply is not sent later");
        assertEquals(reply.id(), pipeline.transcript(r.conversationId()).get(2).id(), "it stays in the transcript");
    }

    @Test
    void repliesHeldWhenTheCoreStoppedAreHeldAgainAfterItsRestartAndDeliveredOnce() throws Exception {
        Receipt r = assigned("u9");
        ChannelConnector channel = stopChannel();
        Message reply = reply(r, "still there?");
        // the core restarts while the channel is away: the held list was in memory, the store has the reply
        pipeline.deactivate();
        camel.stop();
        sleep(20);
        camel = new org.apache.camel.impl.DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(2);
        camel.start();
        pipeline = new ConversationPipeline(store, directory, extensions, camel,
                config(CoreConfig.class, Map.of("dispatch.periodMillis", 100L, "routing.offerTimeoutSeconds", 0)), clock);
        camel.addRoutes(pipeline.createRoutes());
        await("held again after the restart", () -> pipeline.heldMessages("test").size() == 1);
        assertEquals(reply.id(), pipeline.heldMessages("test").get(0).messageId());
        assertEquals("alice", pipeline.heldMessages("test").get(0).senderName());

        extensions.bindChannel(channel, Map.of());
        await("delivered after the restart", () -> textsTo("u9").contains("still there?"));
        await("DELIVERED", () -> deliveredCounts(r).containsKey(reply.id()));
        sleep(1500);
        assertEquals(List.of("alice has joined the conversation.", "still there?"), textsTo("u9"),
                "the notice delivered before the restart is not sent again");
        assertEquals(1L, deliveredCounts(r).get(reply.id()));
        assertTrue(events(r, EventType.DELIVERY_FAILED).isEmpty());
    }

    @Test
    void aFlappingChannelDeliversEveryReplyExactlyOnceAndInOrder() {
        Receipt r = assigned("u3");
        ChannelConnector channel = extensions.channel("test").orElseThrow();
        for (int i = 0; i < 6; i++) {
            extensions.unbindChannel(channel);
            reply(r, "m" + i);
            extensions.bindChannel(channel, Map.of());
            if (i % 2 == 0) {
                // sometimes the next reply races the resumption, sometimes it follows it
                await("m" + i + " out", () -> pipeline.heldMessages("test").isEmpty());
            }
            reply(r, "n" + i);
        }
        List<String> expected = List.of("m0", "n0", "m1", "n1", "m2", "n2", "m3", "n3", "m4", "n4", "m5", "n5");
        await(() -> "all delivered, got " + textsTo("u3"), () -> textsTo("u3").size() == 13);
        sleep(1000);
        assertEquals(expected, textsTo("u3").subList(1, textsTo("u3").size()));
        await("DELIVERED events", () -> deliveredCounts(r).size() == 13);
        assertTrue(deliveredCounts(r).values().stream().allMatch(n -> n == 1), deliveredCounts(r).toString());
        assertTrue(events(r, EventType.DELIVERY_FAILED).isEmpty());
    }

    @Test
    void aChannelThatIsPresentButFailsIsRetriedThenFailedAsBefore() throws Exception {
        Receipt r = assigned("u4");
        stopChannel();
        extensions.bindChannel(new ChannelConnector() {
            @Override
            public String channelId() {
                return "test";
            }

            @Override
            public void deliver(OutboundMessage message) throws ChannelException {
                throw new ChannelException("provider down", true, null);
            }
        }, Map.of());
        Message reply = pipeline.replyAsAgent(r.conversationId(), "alice", "hello?");
        await("failed after the retries", () -> !events(r, EventType.DELIVERY_FAILED).isEmpty());
        assertEquals(reply.id(), events(r, EventType.DELIVERY_FAILED).get(0).data().get("messageId"));
        assertFalse("channel-absent".equals(events(r, EventType.DELIVERY_FAILED).get(0).data().get("reason")));
        assertTrue(pipeline.heldMessages("test").isEmpty(), "a present channel holds nothing");
    }

    @Test
    void messagesToAStoppedBotWaitAndAreAnsweredOnceInOrderWhenItIsBack() {
        extensions.bindBot(BOT, Map.of());
        Receipt first = send("u5", "opening hours?");
        await("answered", () -> textsTo("u5").size() == 1);

        extensions.unbindBot(BOT);
        Receipt a = send("u5", "and your hours on Friday?");
        Receipt b = send("u5", "and the hours in Ramadan?");
        assertEquals(first.conversationId(), a.conversationId());
        sleep(1500);
        assertEquals(1, textsTo("u5").size(), "nobody answers while the engine is away");
        assertEquals(ConversationState.BOT, state(a), "not handed off to an agent either");
        List<Message> t = pipeline.transcript(a.conversationId());
        assertEquals(List.of(a.messageId(), b.messageId()), t.subList(2, 4).stream().map(Message::id).toList(), "kept");
        pipeline.recover(); // the recovery timer re-runs them: still waiting
        sleep(500);
        assertEquals(1, textsTo("u5").size());

        extensions.bindBot(BOT, Map.of());
        await(() -> "both answered, got " + textsTo("u5"), () -> textsTo("u5").size() == 3);
        List<ConversationEvent> answered = events(a, EventType.BOT_ANSWERED);
        assertEquals(List.of(first.messageId(), a.messageId(), b.messageId()),
                answered.stream().map(e -> e.data().get("inboundMessageId")).toList(), "each once, in order");
        pipeline.recover();
        sleep(500);
        assertEquals(3, textsTo("u5").size(), "no second answer");
        assertEquals(ConversationState.BOT, state(a));
    }

    @Test
    void theConfiguredBotBeingSwappedIsWaitedForNotReplacedUntilTheHoldTimeEnds() {
        extensions.configure(config(CoreConfig.class, Map.of("routing.strategy", "first", "bot.engine", "test-bot")));
        extensions.clock(clock);
        ChatbotEngine other = new ChatbotEngine() {
            @Override
            public String id() {
                return "other";
            }

            @Override
            public BotReply reply(io.pishkhan.api.bot.BotRequest r) {
                return BotReply.answer("other engine", "x", 0.9);
            }
        };
        extensions.bindBot(other, Map.of());
        extensions.bindBot(BOT, Map.of());
        extensions.unbindBot(BOT);
        Receipt r = send("u6", "opening hours?");
        sleep(1500);
        assertTrue(textsTo("u6").isEmpty(), "the other engine does not take over during a swap");

        extensions.bindBot(BOT, Map.of());
        await("answered by the swapped engine", () -> textsTo("u6").equals(List.of("We open at 8.")));

        // gone for longer than bot.holdMinutes (10): the installed engine answers, as before
        extensions.unbindBot(BOT);
        Receipt later = send("u7", "opening hours?");
        sleep(500);
        assertTrue(textsTo("u7").isEmpty());
        clock.advance(Duration.ofMinutes(11));
        pipeline.recover();
        await("answered by the other engine after the hold", () -> textsTo("u7").equals(List.of("other engine")));
        assertEquals(r.conversationId().equals(later.conversationId()), false);
    }

    @Test
    void queuedConversationsWaitForARoutingStrategyAndAreAssignedWhenOneReturns() {
        RoutingStrategyHolder h = new RoutingStrategyHolder();
        extensions.bindStrategy(h.strategy, Map.of());
        extensions.unbindStrategy(h.strategy);
        Receipt r = send("u8", "my card is blocked");
        await("queued", () -> state(r) == ConversationState.QUEUED);
        sleep(500);
        assertEquals(ConversationState.QUEUED, state(r), "waits without a strategy");
        assertTrue(events(r, EventType.ROUTING_FAILED).isEmpty());
        extensions.bindStrategy(h.strategy, Map.of());
        await("assigned when the strategy is back", () -> state(r) == ConversationState.ASSIGNED);
        assertEquals("alice", pipeline.conversation(r.conversationId()).orElseThrow().agentId());
    }

    private static final class RoutingStrategyHolder {
        final io.pishkhan.api.routing.RoutingStrategy strategy = firstWithCapacity("first");
    }
}
