package io.pishkhan.analytics.messagecount.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageCountProcessorTest {
    private static final AtomicLong IDS = new AtomicLong();

    private final MessageCountProcessor processor = new MessageCountProcessor();

    static ConversationEvent event(EventType type, String channel) {
        return new ConversationEvent("e-" + IDS.incrementAndGet(), type, "c-1", channel, Instant.EPOCH, Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Long> map(Map<String, Object> snapshot, String key) {
        return (Map<String, Long>) snapshot.get(key);
    }

    @Test
    void idMatchesServiceProperty() {
        assertEquals("message-count", processor.id());
    }

    @Test
    void emptySnapshotListsEveryTypeAtZero() {
        Map<String, Object> s = processor.snapshot();
        assertEquals(0L, s.get("total"));
        assertEquals(0L, s.get("received"));
        assertEquals(EventType.values().length, map(s, "byType").size());
        assertTrue(map(s, "byType").values().stream().allMatch(n -> n == 0L));
        assertTrue(map(s, "byChannel").isEmpty());
        assertTrue(map(s, "receivedByChannel").isEmpty());
    }

    @Test
    void countsByTypeAndChannel() {
        processor.onEvent(event(EventType.RECEIVED, "webchat"));
        processor.onEvent(event(EventType.RECEIVED, "webchat"));
        processor.onEvent(event(EventType.BOT_ANSWERED, "webchat"));
        processor.onEvent(event(EventType.RECEIVED, "Email"));
        processor.onEvent(event(EventType.HANDED_OFF, "email"));
        processor.onEvent(event(EventType.QUEUED, null));
        processor.onEvent(null);

        Map<String, Object> s = processor.snapshot();
        assertEquals(6L, s.get("total"));
        assertEquals(3L, s.get("received"));
        Map<String, Long> types = map(s, "byType");
        assertEquals(3L, types.get("RECEIVED"));
        assertEquals(1L, types.get("BOT_ANSWERED"));
        assertEquals(1L, types.get("HANDED_OFF"));
        assertEquals(1L, types.get("QUEUED"));
        assertEquals(0L, types.get("RESOLVED"));
        assertEquals(Map.of("webchat", 3L, "email", 2L, "unknown", 1L), map(s, "byChannel"));
        assertEquals(Map.of("webchat", 2L, "email", 1L), map(s, "receivedByChannel"));
    }

    @Test
    void snapshotIsACopy() {
        processor.onEvent(event(EventType.RECEIVED, "sms"));
        Map<String, Object> before = processor.snapshot();
        processor.onEvent(event(EventType.RECEIVED, "sms"));
        assertEquals(1L, before.get("total"));
        assertEquals(Map.of("sms", 1L), map(before, "byChannel"));
        assertEquals(2L, processor.snapshot().get("total"));
    }

    @Test
    void countsExactlyUnderConcurrency() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        String[] channels = {"webchat", "email", "sms", "telegram"};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // every 4 events: RECEIVED, BOT_ANSWERED, RECEIVED, DELIVERED; channel cycles every event
                        EventType type = i % 2 == 0 ? EventType.RECEIVED
                                : i % 4 == 1 ? EventType.BOT_ANSWERED : EventType.DELIVERED;
                        processor.onEvent(event(type, channels[i % channels.length]));
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
        long all = (long) threads * perThread;
        Map<String, Object> s = processor.snapshot();
        assertEquals(all, s.get("total"));
        Map<String, Long> types = map(s, "byType");
        assertEquals(all / 2, types.get("RECEIVED"));
        assertEquals(all / 4, types.get("BOT_ANSWERED"));
        assertEquals(all / 4, types.get("DELIVERED"));
        for (String channel : channels) {
            assertEquals(all / 4, map(s, "byChannel").get(channel), channel);
        }
        // RECEIVED happens at even i, i.e. on webchat (i%4==0) and sms (i%4==2) only
        assertEquals(Map.of("webchat", all / 4, "sms", all / 4), map(s, "receivedByChannel"));
    }
}
