package io.pishkhan.analytics.sentiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SentimentProcessorTest {
    /** 2026-11-23 10:00 in Tehran. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:30:00Z"), ZoneOffset.UTC);

    private final Fakes.World world = new Fakes.World();
    private final Fakes.Sentiment sentiment = new Fakes.Sentiment()
            .put("عالی بود ممنون", 0.8).put("ok", 0.1).put("slow", -0.4).put("terrible", -0.9).put("great", 0.9)
            .put("meh", -0.2);
    private SentimentProcessor processor;

    private SentimentProcessor start(Settings settings) {
        processor = new SentimentProcessor(world.service(), world.store(), settings, CLOCK);
        processor.sentiment = sentiment;
        return processor;
    }

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.deactivate();
        }
    }

    private Message customer(String conversationId, String text) {
        Message m = world.add(conversationId, SenderType.CUSTOMER, text);
        processor.onEvent(received(conversationId, m.id()));
        return m;
    }

    private static ConversationEvent received(String conversationId, String messageId) {
        return new ConversationEvent(UUID.randomUUID().toString(), EventType.RECEIVED, conversationId, "webchat",
                CLOCK.instant(), Map.of("messageId", messageId));
    }

    private void idle() throws InterruptedException {
        assertTrue(processor.awaitIdle(30_000), "worker idle");
    }

    private String context(String conversationId, String key) {
        return world.conversations.get(conversationId).context().get(key);
    }

    @Test
    void scoresACustomerMessageAndAnnotatesTheConversation() throws Exception {
        start(Settings.defaults());
        Message m = customer("c1", "meh");
        idle();
        assertEquals(1, world.annotations.size());
        Fakes.Annotation a = world.annotations.get(0);
        assertEquals(EventType.SENTIMENT_SCORED, a.type());
        assertEquals("c1", a.conversationId());
        assertEquals(Map.of("sentiment", "-0.200", "sentiment.last", "-0.200"), a.context());
        assertEquals("-0.200", a.data().get("score"));
        assertEquals("negative", a.data().get("label"));
        assertEquals(m.id(), a.data().get("messageId"));
        assertEquals("3", a.data().get("modelVersion"));
        assertEquals("-0.200", context("c1", "sentiment"));
        assertEquals(1L, processor.snapshot().get("messagesScored"));
        assertEquals(List.of("meh"), sentiment.scored);
    }

    @Test
    void smoothsWithAnExponentialAverage() throws Exception {
        start(Settings.of(true, -0.35, -0.1, 0.5, 100, 1000, "Asia/Tehran"));
        customer("c1", "great"); // 0.9
        customer("c1", "slow"); // 0.5 * -0.4 + 0.5 * 0.9 = 0.25
        customer("c1", "meh"); // 0.5 * -0.2 + 0.5 * 0.25 = 0.025
        idle();
        List<Fakes.Annotation> scored = world.of(EventType.SENTIMENT_SCORED);
        assertEquals(List.of("0.900", "0.250", "0.025"),
                scored.stream().map(a -> a.context().get("sentiment")).toList());
        assertEquals(List.of("0.900", "-0.400", "-0.200"),
                scored.stream().map(a -> a.context().get("sentiment.last")).toList());
        assertEquals("0.025", scored.get(2).data().get("smoothed"));
        assertTrue(world.of(EventType.SENTIMENT_ALERT).isEmpty(), "0.025 is not negative");
        assertEquals("0.025", context("c1", "sentiment"));
        assertEquals("-0.200", context("c1", "sentiment.last"));
    }

    @Test
    void alertsOnceWhileTheConversationStaysNegative() throws Exception {
        start(Settings.defaults());
        customer("c1", "ok"); // 0.1
        Message turn = customer("c1", "terrible"); // -0.4 < -0.35: alert
        customer("c1", "terrible"); // -0.65
        customer("c1", "slow"); // -0.525
        idle();
        List<Fakes.Annotation> alerts = world.of(EventType.SENTIMENT_ALERT);
        assertEquals(1, alerts.size(), "one alert for one negative stretch");
        assertEquals(Map.of("score", "-0.400", "messageId", turn.id()), alerts.get(0).data());
        assertEquals(Map.of("sentiment.alert", "true"), alerts.get(0).context());
        assertEquals("true", context("c1", "sentiment.alert"));
        Map<String, Object> snap = processor.snapshot();
        assertEquals(1L, snap.get("alertsRaised"));
        assertEquals(1L, snap.get("openNegativeConversations"));
        assertEquals(4L, snap.get("messagesScored"));
    }

    @Test
    void alertsAgainOnlyAfterRecoveringAboveTheResetLevel() throws Exception {
        start(Settings.of(true, -0.35, -0.1, 0.5, 100, 1000, "Asia/Tehran"));
        customer("c1", "terrible"); // -0.9 alert
        customer("c1", "great"); // 0.0 >= -0.1: recovered
        idle();
        assertEquals(1, world.of(EventType.SENTIMENT_ALERT).size());
        Fakes.Annotation recovery = world.of(EventType.SENTIMENT_SCORED).get(1);
        assertEquals("", recovery.context().get("sentiment.alert"), "a blank value removes the key");
        assertNull(context("c1", "sentiment.alert"));
        assertEquals(0L, processor.snapshot().get("openNegativeConversations"));
        customer("c1", "terrible"); // -0.45: negative again
        idle();
        assertEquals(2, world.of(EventType.SENTIMENT_ALERT).size(), "re-alert after recovery");
        assertEquals("-0.450", world.of(EventType.SENTIMENT_ALERT).get(1).data().get("score"));
        assertEquals("true", context("c1", "sentiment.alert"));
        assertEquals(1L, processor.snapshot().get("recoveries"));
    }

    @Test
    void doesNotRecoverBetweenThresholdAndResetLevel() throws Exception {
        start(Settings.of(true, -0.35, -0.1, 0.5, 100, 1000, "Asia/Tehran"));
        customer("c1", "terrible"); // -0.9 alert
        customer("c1", "ok"); // -0.4
        customer("c1", "ok"); // -0.15: still below the reset level
        customer("c1", "terrible"); // -0.525: no second alert
        idle();
        assertEquals(1, world.of(EventType.SENTIMENT_ALERT).size());
        assertEquals("true", context("c1", "sentiment.alert"));
        assertTrue(world.of(EventType.SENTIMENT_SCORED).stream()
                .noneMatch(a -> a.context().containsKey("sentiment.alert")));
    }

    @Test
    void ignoresAgentBotAndSystemMessagesAndOtherEvents() throws Exception {
        start(Settings.defaults());
        for (SenderType t : List.of(SenderType.AGENT, SenderType.BOT, SenderType.SYSTEM)) {
            Message m = world.add("c1", t, "terrible");
            processor.onEvent(received("c1", m.id()));
        }
        Message agentReply = world.add("c1", SenderType.AGENT, "terrible");
        processor.onEvent(new ConversationEvent("e1", EventType.AGENT_REPLIED, "c1", "webchat", CLOCK.instant(),
                Map.of("messageId", agentReply.id())));
        processor.onEvent(received("c1", "no-such-message"));
        processor.onEvent(new ConversationEvent("e2", EventType.RECEIVED, "c1", "webchat", CLOCK.instant(), Map.of()));
        idle();
        assertTrue(sentiment.scored.isEmpty(), "nothing scored: " + sentiment.scored);
        assertTrue(world.annotations.isEmpty());
        assertEquals(5L, processor.snapshot().get("ignored"));
        assertEquals(0L, processor.snapshot().get("messagesScored"));
    }

    @Test
    void findsAnOlderMessageBeyondTheRecentWindow() throws Exception {
        start(Settings.defaults());
        Message old = world.add("c1", SenderType.CUSTOMER, "slow");
        for (int i = 0; i < SentimentProcessor.RECENT + 5; i++) {
            world.add("c1", SenderType.AGENT, "reply " + i);
        }
        processor.onEvent(received("c1", old.id()));
        idle();
        assertEquals(List.of("slow"), sentiment.scored);
        assertEquals(1, world.of(EventType.SENTIMENT_SCORED).size());
    }

    @Test
    void dropsAndCountsWhenTheQueueIsFull() throws Exception {
        start(Settings.of(true, -0.35, -0.1, 0.5, 2, 1000, "Asia/Tehran"));
        CountDownLatch gate = new CountDownLatch(1);
        sentiment.gate = gate;
        customer("c1", "ok");
        assertTrue(sentiment.entered.await(30, TimeUnit.SECONDS), "worker busy with the first message");
        customer("c2", "ok"); // queued
        customer("c3", "ok"); // queued
        long start = System.nanoTime();
        customer("c4", "ok"); // queue full: dropped, without waiting
        customer("c5", "ok"); // dropped
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "onEvent never blocks");
        assertEquals(2L, processor.snapshot().get("dropped"));
        assertEquals(2L, processor.snapshot().get("queued"));
        gate.countDown();
        idle();
        assertEquals(3L, processor.snapshot().get("messagesScored"));
        assertEquals(List.of("c1", "c2", "c3"),
                world.annotations.stream().map(Fakes.Annotation::conversationId).toList());
    }

    @Test
    void worksWithoutASentimentServiceAndPicksOneUpLater() throws Exception {
        start(Settings.defaults());
        processor.sentiment = null;
        customer("c1", "terrible");
        idle();
        assertTrue(world.annotations.isEmpty());
        Map<String, Object> snap = processor.snapshot();
        assertEquals("absent", snap.get("sentimentService"));
        assertEquals(1L, snap.get("unavailable"));
        processor.score("c1", world.messages.get("c1").get(0).id()); // the worker finds none either
        assertEquals(2L, processor.snapshot().get("unavailable"));
        processor.sentiment = sentiment;
        customer("c1", "slow");
        idle();
        assertEquals(1, world.of(EventType.SENTIMENT_SCORED).size());
        assertEquals("available", processor.snapshot().get("sentimentService"));
    }

    @Test
    void writesNothingWithoutAModelForTheLanguage() throws Exception {
        start(Settings.defaults());
        sentiment.modelVersion = 0;
        customer("c1", "terrible");
        idle();
        assertTrue(world.annotations.isEmpty());
        assertEquals(1L, processor.snapshot().get("noModel"));
    }

    @Test
    void continuesFromTheContextAfterARestart() throws Exception {
        start(Settings.defaults());
        world.add("c1", SenderType.CUSTOMER, "hello");
        Conversation c = world.conversations.get("c1");
        Map<String, String> ctx = new HashMap<>(c.context());
        ctx.put("sentiment", "-0.600");
        ctx.put("sentiment.alert", "true");
        world.conversations.put("c1", c.withIntent(null, ctx, c.updatedAt()));
        customer("c1", "meh"); // 0.5 * -0.2 + 0.5 * -0.6 = -0.4, still alerted: no new alert
        customer("c1", "great"); // 0.25: recovered
        idle();
        assertEquals("-0.400", world.of(EventType.SENTIMENT_SCORED).get(0).context().get("sentiment"));
        assertTrue(world.of(EventType.SENTIMENT_ALERT).isEmpty(), "the alert was raised before the restart");
        assertNull(context("c1", "sentiment.alert"));
    }

    @Test
    void resolvedConversationsAreNoLongerOpenNegatives() throws Exception {
        start(Settings.defaults());
        customer("c1", "terrible");
        customer("c2", "terrible");
        idle();
        assertEquals(2L, processor.snapshot().get("openNegativeConversations"));
        processor.onEvent(new ConversationEvent("r", EventType.RESOLVED, "c1", "webchat", CLOCK.instant(), Map.of()));
        idle();
        assertEquals(1L, processor.snapshot().get("openNegativeConversations"));
        assertNull(processor.tracker().mood("c1"));
    }

    @Test
    void averagesTodaysMessageScores() throws Exception {
        start(Settings.defaults());
        assertNull(processor.snapshot().get("averageScoreToday"));
        customer("c1", "عالی بود ممنون"); // 0.8
        customer("c2", "slow"); // -0.4
        customer("c2", "meh"); // -0.2
        idle();
        Map<String, Object> snap = processor.snapshot();
        assertEquals(0.067, (Double) snap.get("averageScoreToday"), 1e-9);
        assertEquals(3L, snap.get("scoredToday"));
        assertEquals("2026-11-23", snap.get("day"));
    }

    @Test
    void disabledIgnoresEverything() throws Exception {
        start(Settings.of(false, -0.35, -0.1, 0.5, 100, 1000, "Asia/Tehran"));
        customer("c1", "terrible");
        idle();
        assertTrue(sentiment.scored.isEmpty());
        assertEquals(false, processor.snapshot().get("enabled"));
    }

    @Test
    void aFailingAnnotateIsCountedAndTheWorkerGoesOn() throws Exception {
        start(Settings.defaults());
        world.annotateFailure = new UnsupportedOperationException("annotate");
        customer("c1", "slow");
        idle();
        assertEquals(1L, processor.snapshot().get("failed"));
        world.annotateFailure = null;
        customer("c1", "slow");
        idle();
        assertEquals(1L, processor.snapshot().get("messagesScored"));
    }

    @Test
    void correctsSettingsOutOfRange() {
        Settings s = Settings.of(true, -0.3, -0.5, 0, 0, 0, "Mars/Olympus");
        assertEquals(-0.3, s.reset(), "reset raised to the threshold");
        assertEquals(0.5, s.smoothing());
        assertEquals(1, s.queueSize());
        assertEquals(Settings.DEFAULT_ZONE, s.zone());
        assertEquals(5, s.problems().size(), s.problems().toString());
        assertFalse(Settings.defaults().problems().iterator().hasNext());
    }
}
