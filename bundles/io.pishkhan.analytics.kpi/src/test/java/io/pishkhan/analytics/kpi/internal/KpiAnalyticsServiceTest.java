package io.pishkhan.analytics.kpi.internal;

import static io.pishkhan.analytics.kpi.internal.KpiCalculatorTest.CUSTOMERS;
import static io.pishkhan.analytics.kpi.internal.KpiCalculatorTest.T0;
import static io.pishkhan.analytics.kpi.internal.KpiCalculatorTest.TEHRAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.analytics.kpi.internal.KpiCalculatorTest.Conv;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.analytics.FrictionRow;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.analytics.KpiRow;
import io.pishkhan.api.analytics.Wallboard;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics store on a real embedded Derby with the JDBC store's schema, fed with the hand-computed history of
 * {@link KpiCalculatorTest} (10 conversations, comments there) written through the store's event insert path.
 * Queue targets come from the directory: q1 20 s, q2 60 s.
 */
class KpiAnalyticsServiceTest {
    static final double EPS = 1e-9;
    static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant FROM_TEHRAN = ZonedDateTime.of(2026, 10, 1, 0, 0, 0, 0, TEHRAN).toInstant();
    static final Instant TO_TEHRAN = ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, TEHRAN).toInstant();
    static final Instant NOVEMBER = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, TEHRAN).toInstant();
    static final Instant DECEMBER = ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, TEHRAN).toInstant();
    /** Every conversation's customer, as the conversation table holds it (c7's is A, as its IDENTIFIED says). */
    static final Map<String, String> ALL_CUSTOMERS = new HashMap<>(CUSTOMERS);

    static {
        ALL_CUSTOMERS.put("c7", "A");
    }

    TestDatabase db;
    FakeDirectory directory;
    final List<KpiAnalyticsService> services = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
        directory = new FakeDirectory();
        directory.queues.add(new Queue("q1", "Billing", 10, null, 80, 20, null, null));
        directory.queues.add(new Queue("q2", "Tech", 10, null, 80, 60, null, null));
    }

    @AfterEach
    void tearDown() {
        services.forEach(KpiAnalyticsService::deactivate);
        db.close();
    }

    KpiAnalyticsService service(int batchSize, Clock clock) {
        KpiAnalyticsService s = new KpiAnalyticsService(db.dataSource(), db.store(), directory, TEHRAN,
                Duration.ofDays(7), 20, batchSize, clock);
        services.add(s);
        return s;
    }

    KpiAnalyticsService service() {
        return service(5000, Clock.systemUTC());
    }

    /** Conversation rows (state RESOLVED unless open) for the events' conversations, then the events. */
    void seed(List<ConversationEvent> events) {
        Set<String> done = new LinkedHashSet<>();
        for (ConversationEvent e : events) {
            if (e.conversationId() != null && done.add(e.conversationId())) {
                String id = e.conversationId();
                String state = Set.of("c6", "z1").contains(id) ? "BOT" : id.equals("c10") ? "ASSIGNED" : "RESOLVED";
                db.conversation(id, ALL_CUSTOMERS.getOrDefault(id, "X" + id), e.channel(), state,
                        id.equals("c10") ? "q1" : null, id.equals("c10") ? "a1" : null, null, e.at(), e.at());
            }
        }
        db.events(events);
    }

    static KpiCalculator.Options options(Bucket bucket, ZoneId zone) {
        return KpiCalculator.Options.of(bucket, zone).withCustomers(ALL_CUSTOMERS)
                .withTargets(Map.of("q1", 20L, "q2", 60L));
    }

    /** The store's rows equal the in-memory calculator's for one dimension and bucket. */
    static void assertSameAsCalculator(KpiAnalyticsService s, List<ConversationEvent> events, Dimension d, Bucket b,
            ZoneId zone) {
        // UTC range ends: read from the fact table; whole Tehran days: from analytics_daily (except HOUR)
        assertSameAsCalculator(s, events, d, b, zone, FROM, TO);
        assertSameAsCalculator(s, events, d, b, zone, FROM_TEHRAN, TO_TEHRAN);
    }

    static void assertSameAsCalculator(KpiAnalyticsService s, List<ConversationEvent> events, Dimension d, Bucket b,
            ZoneId zone, Instant from, Instant to) {
        List<KpiRow> rows = s.kpis(new KpiQuery(from, to, b, d, zone, Map.of()));
        Map<KpiCalculator.Key, Kpis> expected = KpiCalculator.compute(events, options(b, zone));
        List<Map.Entry<KpiCalculator.Key, Kpis>> exp = expected.entrySet().stream()
                .filter(e -> e.getKey().dimension() == d).toList();
        String what = d + "/" + b + "/" + zone;
        assertEquals(exp.size(), rows.size(), what + ": " + rows);
        Map<String, KpiRow> byKey = new HashMap<>();
        for (KpiRow r : rows) {
            assertEquals(d, r.dimension());
            byKey.put(r.key() + "@" + (b == Bucket.TOTAL ? "-" : r.bucketStart()), r);
            if (b == Bucket.TOTAL) {
                assertEquals(from, r.bucketStart());
            }
        }
        for (Map.Entry<KpiCalculator.Key, Kpis> e : exp) {
            String key = e.getKey().value() + "@"
                    + (b == Bucket.TOTAL ? "-" : e.getKey().bucketStart().toInstant());
            KpiRow r = byKey.get(key);
            assertTrue(r != null, what + ": no row " + key + " in " + byKey.keySet());
            assertValues(e.getValue().toMap(), r.values(), what + " " + key);
        }
    }

    static void assertValues(Map<String, Object> expected, Map<String, Object> actual, String what) {
        assertEquals(io.pishkhan.api.analytics.KpiRow.NAMES, List.copyOf(actual.keySet()), what);
        for (String name : io.pishkhan.api.analytics.KpiRow.NAMES) {
            Object e = expected.get(name);
            Object a = actual.get(name);
            if (e == null) {
                assertNull(a, what + " " + name);
            } else if (e instanceof Double x) {
                assertTrue(a instanceof Double, what + " " + name + " = " + a);
                assertEquals(x, (Double) a, EPS, what + " " + name);
            } else {
                assertEquals(e, a, what + " " + name);
            }
        }
    }

    static KpiRow row(List<KpiRow> rows, String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + key + " in " + rows));
    }

    List<KpiRow> monthly(KpiAnalyticsService s, Dimension d) {
        return s.kpis(new KpiQuery(NOVEMBER, DECEMBER, Bucket.MONTH, d, TEHRAN, Map.of()));
    }

    @Test
    void everyKpiPerDimensionAndBucketEqualsTheInMemoryCalculator() {
        List<ConversationEvent> events = KpiCalculatorTest.history();
        seed(events);
        KpiAnalyticsService s = service();
        s.catchUp();
        assertEquals(0, s.lag());
        for (Dimension d : Dimension.values()) {
            for (Bucket b : Bucket.values()) {
                assertSameAsCalculator(s, events, d, b, TEHRAN);
            }
            // another zone than the projection's: buckets cut in Java, same figures
            assertSameAsCalculator(s, events, d, Bucket.DAY, ZoneId.of("UTC"));
            assertSameAsCalculator(s, events, d, Bucket.HOUR, ZoneId.of("Europe/Berlin"));
        }
    }

    @Test
    void handComputedFiguresFromTheStore() {
        seed(KpiCalculatorTest.history());
        KpiAnalyticsService s = service();
        s.catchUp();
        KpiRow all = row(monthly(s, Dimension.ALL), "all");
        assertEquals(NOVEMBER, all.bucketStart());
        Map<String, Object> v = all.values();
        assertEquals(10L, v.get("conversations"));
        assertEquals(7L, v.get("queued"));
        assertEquals(6L, v.get("answered"));
        assertEquals(1L, v.get("abandoned"));
        assertEquals(155.0 / 6, all.number("asaSeconds"), EPS);
        assertEquals(4.0 / 7, all.number("serviceLevel"), EPS);
        assertEquals(1.0 / 7, all.number("abandonmentRate"), EPS);
        assertEquals(58.8, all.number("firstResponseSeconds"), EPS);
        assertEquals(3.0, all.number("botFirstResponseSeconds"), EPS);
        assertEquals(398.0, all.number("ahtSeconds"), EPS);
        assertEquals(7L, v.get("resolved"));
        assertEquals(2204.0 / 7, all.number("resolutionSeconds"), EPS);
        // FCR: c1 is repeated by c7 (customer A, billing, one day later): 6 of 7
        assertEquals(7L, v.get("fcrEligible"));
        assertEquals(6L, v.get("fcrResolved"));
        assertEquals(6.0 / 7, all.number("fcrRate"), EPS);
        assertEquals(0.3, all.number("botContainmentRate"), EPS);
        assertEquals(0.7, all.number("handoffRate"), EPS);
        assertEquals(4L, v.get("surveys"));
        assertEquals(4.0, all.number("csatAverage"), EPS);
        assertEquals(0.75, all.number("csatSatisfiedShare"), EPS);
        assertEquals(1L, v.get("transfers"));
        assertEquals(1.0 / 6, all.number("transfersPerConversation"), EPS);

        List<KpiRow> queues = monthly(s, Dimension.QUEUE);
        assertEquals(List.of("q1", "q2"), queues.stream().map(KpiRow::key).toList());
        assertEquals(25.0, row(queues, "q1").number("asaSeconds"), EPS);
        assertEquals(0.5, row(queues, "q1").number("serviceLevel"), EPS); // c1 c2 c8 of 5 answered + 1 abandoned
        assertEquals(1.0, row(queues, "q2").number("serviceLevel"), EPS); // 30 s within q2's own 60 s
        assertEquals(660.0, row(queues, "q2").number("ahtSeconds"), EPS);
        List<KpiRow> agents = monthly(s, Dimension.AGENT);
        assertEquals(310.0, row(agents, "a1").number("ahtSeconds"), EPS);
        assertEquals(1370.0 / 3, row(agents, "a2").number("ahtSeconds"), EPS);
        KpiRow email = row(monthly(s, Dimension.CHANNEL), "email");
        assertEquals(1L, email.values().get("conversations"));
        assertEquals(100.0, email.number("firstResponseSeconds"), EPS);
        KpiRow hours = row(monthly(s, Dimension.INTENT), "hours");
        assertEquals(2L, hours.values().get("conversations"));
        assertEquals(1.0, hours.number("botContainmentRate"), EPS);
        assertNull(hours.values().get("csatAverage")); // no survey: null, not 0
        assertNull(hours.values().get("asaSeconds"));

        // hours (Tehran): c1 09:30, c2 09:40, c3 09:50 | c4 10:00, c10 10:03, c5 10:10, c6 10:20 on 3 Nov
        List<KpiRow> hourly = s.kpis(new KpiQuery(T0.minusSeconds(3600), T0.plusSeconds(7200), Bucket.HOUR,
                Dimension.ALL, TEHRAN, Map.of()));
        assertEquals(List.of(Instant.parse("2026-11-03T05:30:00Z"), Instant.parse("2026-11-03T06:30:00Z")),
                hourly.stream().map(KpiRow::bucketStart).toList());
        assertEquals(List.of(3L, 4L), hourly.stream().map(r -> r.values().get("conversations")).toList());
        // days: 3 Nov (7), 4 Nov (c7, c9), 11 Nov (c8); weeks start on Saturday: 31 Oct (7+2), 7 Nov (c8)
        List<KpiRow> daily = s.kpis(new KpiQuery(FROM, TO, Bucket.DAY, Dimension.ALL, TEHRAN, Map.of()));
        assertEquals(List.of(7L, 2L, 1L), daily.stream().map(r -> r.values().get("conversations")).toList());
        List<KpiRow> weekly = s.kpis(new KpiQuery(FROM, TO, Bucket.WEEK, Dimension.ALL, TEHRAN, Map.of()));
        assertEquals(List.of(ZonedDateTime.of(2026, 10, 31, 0, 0, 0, 0, TEHRAN).toInstant(),
                ZonedDateTime.of(2026, 11, 7, 0, 0, 0, 0, TEHRAN).toInstant()),
                weekly.stream().map(KpiRow::bucketStart).toList());
        assertEquals(List.of(9L, 1L), weekly.stream().map(r -> r.values().get("conversations")).toList());
        // the range is half-open on start: from c2's start (inclusive) to c4's start (exclusive) = c2, c3
        List<KpiRow> slice = s.kpis(KpiQuery.total(T0.plusSeconds(600), T0.plusSeconds(1800), Dimension.ALL,
                TEHRAN));
        assertEquals(2L, slice.get(0).values().get("conversations"));
    }

    @Test
    void filtersRestrictTheOtherDimensions() {
        seed(KpiCalculatorTest.history());
        KpiAnalyticsService s = service();
        s.catchUp();
        // agents of queue q2: c3 entered q2 and ended with a2
        List<KpiRow> rows = s.kpis(new KpiQuery(FROM, TO, Bucket.TOTAL, Dimension.AGENT, TEHRAN,
                Map.of(Dimension.QUEUE, "q2")));
        assertEquals(1, rows.size());
        assertEquals("a2", rows.get(0).key());
        assertEquals(1L, rows.get(0).values().get("conversations"));
        // intents on email: tech only; billing on webchat by queue: q1 with 6
        rows = s.kpis(new KpiQuery(FROM, TO, Bucket.TOTAL, Dimension.INTENT, TEHRAN,
                Map.of(Dimension.CHANNEL, "email")));
        assertEquals(List.of("tech"), rows.stream().map(KpiRow::key).toList());
        rows = s.kpis(new KpiQuery(FROM, TO, Bucket.MONTH, Dimension.QUEUE, TEHRAN,
                Map.of(Dimension.CHANNEL, "webchat", Dimension.INTENT, "billing")));
        assertEquals(List.of("q1"), rows.stream().map(KpiRow::key).toList());
        assertEquals(6L, rows.get(0).values().get("conversations"));
        assertTrue(s.kpis(new KpiQuery(FROM, TO, Bucket.DAY, Dimension.ALL, TEHRAN,
                Map.of(Dimension.AGENT, "nobody"))).isEmpty());
    }

    @Test
    void frictionReportWithSamples() {
        List<ConversationEvent> events = new ArrayList<>(KpiCalculatorTest.history());
        // KB feedback: c5 "not helpful" on kb-hours, c6 "helpful" on kb-hours, c9 "not helpful" without an article
        events.add(KpiCalculatorTest.ev("c5", "webchat", T0.plusSeconds(2400), 5, EventType.BOT_FEEDBACK,
                "messageId", "m5", "helpful", "false", "articleId", "kb-hours"));
        events.add(KpiCalculatorTest.ev("c6", "webchat", T0.plusSeconds(3000), 6, EventType.BOT_FEEDBACK,
                "messageId", "m6", "helpful", "true", "articleId", "kb-hours"));
        events.add(KpiCalculatorTest.ev("c9", "webchat", T0.plusSeconds(87_400), 5, EventType.BOT_FEEDBACK,
                "messageId", "m9", "helpful", "false"));
        seed(events);
        KpiAnalyticsService s = service();
        s.catchUp();
        Map<FrictionRow.Kind, List<FrictionRow>> f = s.friction(NOVEMBER, DECEMBER, TEHRAN, 10).stream()
                .collect(Collectors.groupingBy(FrictionRow::kind, LinkedHashMap::new, Collectors.toList()));

        // handoff per intent: billing 6/6, tech 1/1 (hours and returns never handed off: no row); most first
        List<FrictionRow> handoff = f.get(FrictionRow.Kind.HANDOFF_INTENT);
        assertEquals(List.of("billing", "tech"), handoff.stream().map(FrictionRow::key).toList());
        assertEquals(6, handoff.get(0).count());
        assertEquals(6, handoff.get(0).total());
        assertEquals(1.0, handoff.get(0).rate(), EPS);
        assertEquals(List.of("c1", "c2", "c4", "c10", "c7"), handoff.get(0).samples()); // oldest 5 of 6
        // unresolved: hours c6 open (1/2), billing c4 abandoned + c10 open (2/6)
        List<FrictionRow> unresolved = f.get(FrictionRow.Kind.UNRESOLVED_INTENT);
        assertEquals(List.of("hours", "billing"), unresolved.stream().map(FrictionRow::key).toList());
        assertEquals(0.5, unresolved.get(0).rate(), EPS);
        assertEquals(List.of("c6"), unresolved.get(0).samples());
        assertEquals(2.0 / 6, unresolved.get(1).rate(), EPS);
        assertEquals(List.of("c4", "c10"), unresolved.get(1).samples());
        // low CSAT (1-2): c3's 2 on tech, 1 of 1 survey; billing's 5, 4, 5 give no row
        List<FrictionRow> csat = f.get(FrictionRow.Kind.LOW_CSAT_INTENT);
        assertEquals(1, csat.size());
        assertEquals("tech", csat.get(0).key());
        assertEquals(1, csat.get(0).total());
        assertEquals(List.of("c3"), csat.get(0).samples());
        // KB: "returns" (c9, no article: its intent) 1/1, kb-hours 1/2
        List<FrictionRow> kb = f.get(FrictionRow.Kind.KB_NOT_HELPFUL);
        assertEquals(List.of("returns", "kb-hours"), kb.stream().map(FrictionRow::key).toList());
        assertEquals(0.5, kb.get(1).rate(), EPS);
        assertEquals(2, kb.get(1).total());
        assertEquals(List.of("c5"), kb.get(1).samples());
        // longest waits by queue and Tehran hour of the first QUEUED: q1@10 c4 abandoned after 90 s, c10 50 s;
        // q1@9 c7 40, c2 20, c1 10, c8 5; q2@9 c3 30
        List<FrictionRow> waits = f.get(FrictionRow.Kind.LONGEST_WAIT);
        assertEquals(List.of("q1@10", "q1@9", "q2@9"), waits.stream().map(FrictionRow::key).toList());
        assertEquals(90.0, waits.get(0).rate(), EPS);
        assertEquals(List.of("c4", "c10"), waits.get(0).samples());
        assertEquals(4, waits.get(1).count());
        assertEquals(40.0, waits.get(1).rate(), EPS);
        assertEquals(List.of("c7", "c2", "c1", "c8"), waits.get(1).samples());
        // same report in UTC: hours shift by 3:30 (c4 queued 06:30Z -> 6, c1 06:00Z -> 6)
        List<FrictionRow> utc = s.friction(NOVEMBER, DECEMBER, ZoneId.of("UTC"), 10).stream()
                .filter(r -> r.kind() == FrictionRow.Kind.LONGEST_WAIT).toList();
        assertEquals(List.of("q1@6", "q2@6"), utc.stream().map(FrictionRow::key).toList());
        assertEquals(List.of("c4", "c10", "c7", "c2", "c1"), utc.get(0).samples());
        // limit 1: one row per kind
        assertEquals(5, s.friction(NOVEMBER, DECEMBER, TEHRAN, 1).size());
    }

    @Test
    void catchesUpFromItsCursorAfterARestartWithoutCountingTwice() {
        List<ConversationEvent> events = new ArrayList<>(KpiCalculatorTest.history());
        events.sort(Comparator.comparing(ConversationEvent::at));
        List<ConversationEvent> first = events.subList(0, 30);
        List<ConversationEvent> rest = events.subList(30, events.size());
        seed(events.subList(0, 0));
        // conversation rows for all, events in two parts
        Set<String> ids = events.stream().map(ConversationEvent::conversationId).collect(Collectors.toSet());
        assertEquals(10, ids.size());
        for (ConversationEvent e : events) {
            if (ids.remove(e.conversationId())) {
                db.conversation(e.conversationId(), ALL_CUSTOMERS.get(e.conversationId()), e.channel(), "RESOLVED",
                        null, null, null, e.at(), e.at());
            }
        }
        db.events(first);
        KpiAnalyticsService before = service(7, Clock.systemUTC()); // small batches: conversations span batches
        before.catchUp();
        assertEquals(0, before.lag());
        long projected = db.queryLong("SELECT COUNT(*) FROM analytics_conversation");
        assertTrue(projected > 0 && projected < 10, "projected " + projected);
        before.deactivate();
        services.remove(before);

        db.restart();
        db.events(rest);
        KpiAnalyticsService after = service(7, Clock.systemUTC());
        assertEquals(rest.size(), after.lag());
        after.catchUp();
        assertEquals(0, after.lag());
        assertEquals(db.queryLong("SELECT MAX(seq) FROM conversation_event"),
                db.queryLong("SELECT position FROM analytics_cursor"));
        assertEquals(10, db.queryLong("SELECT COUNT(*) FROM analytics_conversation"));
        for (Dimension d : Dimension.values()) {
            assertSameAsCalculator(after, events, d, Bucket.MONTH, TEHRAN);
            assertSameAsCalculator(after, events, d, Bucket.DAY, TEHRAN);
        }
        // replaying the same batch again (cursor moved back) changes nothing: whole conversations are recomputed
        db.update("UPDATE analytics_cursor SET position = 0");
        after.catchUp();
        assertSameAsCalculator(after, events, Dimension.ALL, Bucket.TOTAL, TEHRAN);
        assertEquals(10, db.queryLong("SELECT COUNT(*) FROM analytics_conversation"));
    }

    @Test
    void rebuildRecomputesIdenticalFigures() {
        List<ConversationEvent> events = KpiCalculatorTest.history();
        seed(events);
        KpiAnalyticsService s = service(13, Clock.systemUTC());
        s.catchUp();
        List<KpiRow> daily = s.kpis(new KpiQuery(FROM, TO, Bucket.DAY, Dimension.QUEUE, TEHRAN, Map.of()));
        List<KpiRow> monthly = monthly(s, Dimension.AGENT);
        // damage a fact row: rebuild must restore it from the events
        db.update("UPDATE analytics_conversation SET transfers = 99, fcr_resolved = 0");
        db.update("UPDATE analytics_daily SET fcr_resolved = 0");
        assertEquals(0L, row(monthly(s, Dimension.ALL), "all").values().get("fcrResolved"));
        s.rebuild();
        s.catchUp(); // same single projector thread: runs after the rebuild
        assertEquals(daily, s.kpis(new KpiQuery(FROM, TO, Bucket.DAY, Dimension.QUEUE, TEHRAN, Map.of())));
        assertEquals(monthly, monthly(s, Dimension.AGENT));
        assertEquals(6L, row(monthly(s, Dimension.ALL), "all").values().get("fcrResolved"));
        assertEquals(0, s.lag());
    }

    @Test
    void badEventDataIsSkippedAndTheProjectorGoesOn() {
        Conv z1 = new Conv("z1", "webchat", T0).at(0, EventType.RECEIVED)
                .at(1, EventType.QUEUED) // no queueId
                .at(2, EventType.ASSIGNED) // no agentId
                .at(3, EventType.SURVEY_ANSWERED, "score", "garbage")
                .at(4, EventType.SURVEY_ANSWERED, "score", "9")
                .at(5, EventType.BOT_FEEDBACK, "helpful", "maybe")
                .at(6, EventType.HANDED_OFF, "intent", " ");
        seed(z1.events);
        db.conversation("z2", "Z", "webchat", "BOT", null, null, null, T0, T0);
        // a type this version does not know, and data that is not key=value lines
        db.update("INSERT INTO conversation_event (id, conversation_id, type, channel, occurred_at, data)"
                + " VALUES ('raw1', 'z2', 'NOT_A_TYPE', 'webchat', ?, ?)", T0, "no equals sign\n\\");
        db.update("INSERT INTO conversation_event (id, conversation_id, type, channel, occurred_at, data)"
                + " VALUES ('raw2', 'z2', 'RECEIVED', 'webchat', ?, ?)", T0, "=\n\\=x=\\");
        db.update("INSERT INTO conversation_event (id, conversation_id, type, channel, occurred_at, data)"
                + " VALUES ('raw3', NULL, 'RECEIVED', NULL, ?, NULL)", T0);
        Conv z3 = new Conv("z3", "webchat", T0.plusSeconds(60)).at(0, EventType.RECEIVED)
                .at(1, EventType.QUEUED, "queueId", "q1").at(11, EventType.ASSIGNED, "agentId", "a1")
                .at(20, EventType.SURVEY_ANSWERED, "score", "4.2");
        seed(z3.events);
        KpiAnalyticsService s = service(3, Clock.systemUTC());
        s.catchUp();
        assertEquals(0, s.lag());
        KpiRow all = row(s.kpis(KpiQuery.total(FROM, TO, Dimension.ALL, TEHRAN)), "all");
        // z1, z2 (its RECEIVED), z3
        assertEquals(3L, all.values().get("conversations"));
        assertEquals(2L, all.values().get("queued"));
        assertEquals(2L, all.values().get("answered"));
        assertEquals(1L, all.values().get("surveys")); // "garbage" and 9 ignored; 4.2 rounds to 4
        assertEquals(4.0, all.number("csatAverage"), EPS);
        List<KpiRow> intents = s.kpis(KpiQuery.total(FROM, TO, Dimension.INTENT, TEHRAN));
        assertEquals(3L, row(intents, "unknown").values().get("conversations")); // blank intent is unknown
        assertEquals(List.of("q1"), s.kpis(KpiQuery.total(FROM, TO, Dimension.QUEUE, TEHRAN)).stream()
                .map(KpiRow::key).toList()); // z1 has no queue id: no QUEUE row for it
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM analytics_feedback")); // helpful=maybe skipped
    }

    @Test
    void liveEventWakesTheProjectorWithinASecond() throws Exception {
        KpiAnalyticsService s = service(); // no polling in the plain constructor: only the wake-up can do it
        Conv c = new Conv("w1", "webchat", Instant.now()).at(0, EventType.RECEIVED);
        seed(c.events);
        long start = System.nanoTime();
        s.onEvent(c.events.get(0));
        while (db.queryLong("SELECT COUNT(*) FROM analytics_conversation") == 0) {
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "not projected within 1 s");
            Thread.sleep(10);
        }
        assertEquals(0, s.lag());
    }

    @Test
    void wallboardAndKpiProcessorSnapshot() {
        seed(KpiCalculatorTest.history());
        Instant now = T0.plusSeconds(3600); // 10:30 on 3 Nov in Tehran
        // waiting: w1 queued in q1 for 120 s (context), w2 offered to a1 in q1 since 30 s (updatedAt), w3 q2 10 s
        db.conversation("w1", "W1", "webchat", "QUEUED", "q1", null,
                "routing.waitingSince=" + now.minusSeconds(120) + "\n", now.minusSeconds(600), now.minusSeconds(5));
        db.conversation("w2", "W2", "webchat", "OFFERED", "q1", "a1", null, now.minusSeconds(90),
                now.minusSeconds(30));
        db.conversation("w3", "W3", "email", "QUEUED", "q2", null,
                "routing.waitingSince=" + now.minusSeconds(10) + "\n", now.minusSeconds(10), now.minusSeconds(10));
        db.conversation("x1", "X1", "webchat", "ASSIGNED", "q2", "a2", null, now.minusSeconds(10), now);
        // a1: c10 + w2 = 2 of 2 (busy); a2: x1 = 1 of 3 (available, serves all queues); a3 away; a4 offline
        directory.agents.add(new Agent("a1", "A1", Map.of(), Set.of("q1"), 2, Presence.AVAILABLE));
        directory.agents.add(new Agent("a2", "A2", Map.of(), Set.of(), 3, Presence.AVAILABLE));
        directory.agents.add(new Agent("a3", "A3", Map.of(), Set.of(), 3, Presence.AWAY));
        directory.agents.add(new Agent("a4", "A4", Map.of(), Set.of("q2"), 3, Presence.OFFLINE));
        KpiAnalyticsService s = service(5000, Clock.fixed(now, TEHRAN));
        s.catchUp();
        Wallboard w = s.wallboard(TEHRAN);
        assertEquals(now, w.at());
        assertEquals(Map.of("AVAILABLE", 1, "BUSY", 1, "AWAY", 1, "OFFLINE", 1), w.agentsByState());
        // today (3 Nov): c1 c2 c3 c4 c5 c6 c10; resolved c1 c2 c3 c5; abandoned c4; SL: c1, c2, c3 within of
        // 4 answered (c10 waited 50 s) + 1 abandoned = 3/5
        assertEquals(7, w.conversationsToday());
        assertEquals(4, w.resolvedToday());
        assertEquals(1, w.abandonedToday());
        assertEquals(0.6, w.serviceLevelToday(), EPS);
        assertEquals(List.of("q1", "q2"), w.queues().stream().map(Wallboard.QueueLine::queueId).toList());
        Wallboard.QueueLine q1 = w.queues().get(0);
        assertEquals("Billing", q1.name());
        assertEquals(2, q1.waiting());
        assertEquals(120, q1.longestWaitSeconds());
        assertEquals(1, q1.agentsAvailable()); // a2 (a1 is busy)
        assertEquals(0.5, q1.serviceLevelToday(), EPS); // c1, c2 of c1 c2 c10 + c4
        assertEquals(3, q1.answeredToday());
        assertEquals(1, q1.abandonedToday());
        Wallboard.QueueLine q2 = w.queues().get(1);
        assertEquals(1, q2.waiting());
        assertEquals(10, q2.longestWaitSeconds());
        assertEquals(1.0, q2.serviceLevelToday(), EPS);

        // processor "kpi": today's figures from the same table
        assertEquals("kpi", s.id());
        Map<String, Object> snap = s.snapshot();
        assertEquals("2026-11-03", snap.get("day"));
        assertEquals(0L, snap.get("lag"));
        @SuppressWarnings("unchecked")
        Map<String, Object> allToday = (Map<String, Object>) snap.get("all");
        assertEquals(7L, allToday.get("conversations"));
        @SuppressWarnings("unchecked")
        Map<String, Object> queues = (Map<String, Object>) snap.get("queues");
        assertEquals(Set.of("q1", "q2"), queues.keySet());
    }
}
