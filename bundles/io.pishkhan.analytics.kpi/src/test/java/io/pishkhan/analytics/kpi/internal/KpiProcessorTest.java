package io.pishkhan.analytics.kpi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpiProcessorTest {
    static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    // 2026-11-23 12:00 in Tehran
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");

    static ConversationEvent ev(String id, String conv, Instant at, EventType type, Map<String, String> data) {
        return new ConversationEvent(id, type, conv, "webchat", at, data);
    }

    static KpiProcessor processor(int capacity) {
        return new KpiProcessor(Clock.fixed(NOW, TEHRAN), TEHRAN, capacity);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @Test
    void idMatchesServiceProperty() {
        assertEquals("kpi", new KpiProcessor().id());
    }

    @Test
    void emptySnapshot() {
        Map<String, Object> s = processor(10).snapshot();
        assertEquals("Asia/Tehran", s.get("zone"));
        assertEquals("2026-11-23", s.get("day"));
        assertEquals(0L, s.get("events"));
        assertTrue(map(s, "all").isEmpty());
        assertTrue(map(s, "queues").isEmpty());
    }

    @Test
    void snapshotHasTodaysKpisPerQueueOnly() {
        KpiProcessor p = processor(100);
        Instant today = Instant.parse("2026-11-23T06:00:00Z"); // 09:30 local
        // today: queued at +0, assigned at +12 -> ASA 12 s; resolved at +72 -> AHT 60 s
        p.onEvent(ev("1", "c1", today, EventType.RECEIVED, Map.of()));
        p.onEvent(ev("2", "c1", today, EventType.QUEUED, Map.of("queueId", "q1")));
        p.onEvent(ev("3", "c1", today.plusSeconds(12), EventType.ASSIGNED, Map.of("agentId", "a1", "queueId", "q1")));
        p.onEvent(ev("4", "c1", today.plusSeconds(72), EventType.RESOLVED, Map.of("agentId", "a1")));
        // yesterday at 23:59 local (20:29Z on the 22nd): not in today's snapshot
        Instant yesterday = Instant.parse("2026-11-22T20:29:00Z");
        p.onEvent(ev("5", "c2", yesterday, EventType.RECEIVED, Map.of()));
        p.onEvent(ev("6", "c2", yesterday, EventType.QUEUED, Map.of("queueId", "q9")));
        p.onEvent(null);
        Map<String, Object> s = p.snapshot();
        assertEquals(6L, s.get("events"));
        Map<String, Object> queues = map(s, "queues");
        assertEquals(java.util.Set.of("q1"), queues.keySet());
        @SuppressWarnings("unchecked")
        Map<String, Object> q1 = (Map<String, Object>) queues.get("q1");
        assertEquals(12.0, (Double) q1.get("asaSeconds"), 1e-9);
        assertEquals(60.0, (Double) q1.get("ahtSeconds"), 1e-9);
        assertEquals(1.0, (Double) q1.get("serviceLevel"), 1e-9);
        assertEquals(1L, map(s, "all").get("conversations"));
    }

    @Test
    void keepsOnlyTheLastEvents() {
        KpiProcessor p = processor(2);
        Instant t = Instant.parse("2026-11-23T06:00:00Z");
        p.onEvent(ev("1", "c1", t, EventType.RECEIVED, Map.of()));
        p.onEvent(ev("2", "c2", t, EventType.RECEIVED, Map.of()));
        p.onEvent(ev("3", "c3", t, EventType.RECEIVED, Map.of()));
        Map<String, Object> s = p.snapshot();
        assertEquals(2L, s.get("events"));
        assertEquals(2L, map(s, "all").get("conversations")); // c1 was evicted
    }
}
