package io.pishkhan.analytics.kpi.internal;

import static io.pishkhan.analytics.kpi.internal.KpiCalculatorTest.T0;
import static io.pishkhan.analytics.kpi.internal.KpiCalculatorTest.TEHRAN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pishkhan.analytics.kpi.internal.KpiCalculatorTest.Conv;
import io.pishkhan.api.analytics.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hole in {@code seq} (an insert not yet committed, or rolled back) does not stop the projection. */
class ProjectorGapTest {
    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestDatabase db = new TestDatabase();

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void projectsPastAHoleWaitsForItThenGivesUp() throws Exception {
        Conv g1 = new Conv("g1", "webchat", T0).at(0, EventType.RECEIVED).at(5, EventType.QUEUED, "queueId", "q1");
        Conv g2 = new Conv("g2", "webchat", T0.plusSeconds(60)).at(0, EventType.RECEIVED);
        db.conversation("g1", "C1", "webchat", "QUEUED", "q1", null, null, T0, T0);
        db.conversation("g2", "C2", "webchat", "BOT", null, null, null, T0, T0);
        db.events(g1.events); // seq 1, 2
        db.events(g2.events); // seq 3
        db.update("DELETE FROM conversation_event WHERE seq = 2"); // the hole
        ManualClock clock = new ManualClock();
        Projector p = new Projector(db.dataSource(), new Projector.Settings(TEHRAN, Duration.ofDays(7), 20, Map::of,
                100, Duration.ofSeconds(5), clock));
        p.init();
        assertEquals(2, p.catchUp());
        // both conversations are projected, but the cursor waits before the hole (seq 2 may still be committing)
        assertEquals(2, db.queryLong("SELECT COUNT(*) FROM analytics_conversation"));
        assertEquals(1, p.cursor());
        assertEquals(1, p.lag());
        clock.now = clock.now.plusSeconds(4);
        assertEquals(0, p.catchUp());
        assertEquals(1, p.cursor());
        // past the grace time the hole is given up: the cursor moves to the end
        clock.now = clock.now.plusSeconds(2);
        p.catchUp();
        assertEquals(3, p.cursor());
        assertEquals(0, p.lag());
        assertEquals(0, db.queryLong("SELECT is_queued FROM analytics_conversation WHERE conversation_id = 'g1'"));
    }
}
