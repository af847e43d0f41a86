package io.pishkhan.analytics.kpi.internal;

import static io.pishkhan.api.analytics.EventType.ABANDONED;
import static io.pishkhan.api.analytics.EventType.AGENT_REPLIED;
import static io.pishkhan.api.analytics.EventType.ASSIGNED;
import static io.pishkhan.api.analytics.EventType.BOT_ANSWERED;
import static io.pishkhan.api.analytics.EventType.HANDED_OFF;
import static io.pishkhan.api.analytics.EventType.IDENTIFIED;
import static io.pishkhan.api.analytics.EventType.OFFERED;
import static io.pishkhan.api.analytics.EventType.QUEUED;
import static io.pishkhan.api.analytics.EventType.RECEIVED;
import static io.pishkhan.api.analytics.EventType.RESOLVED;
import static io.pishkhan.api.analytics.EventType.SURVEY_ANSWERED;
import static io.pishkhan.api.analytics.EventType.TRANSFERRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.EventType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A seeded history of 10 conversations whose KPIs are computed by hand below. Times are seconds after each
 * conversation's first RECEIVED; T0 = 2026-11-03T06:00Z (09:30 in Tehran). Queue targets: q2 = 60 s, q1 default 20 s.
 *
 * <pre>
 * conv cust ch      intent  queue wait agent(last) FRT  AHT  resolved-at survey  notes
 * c1   A    webchat billing q1    10   a1          45   290  305         5       start T0
 * c2   B    webchat billing q1    20   a2          62   600  622         4       start T0+600
 * c3   C    email   tech    q2    30   a2          100  660  700         2       start T0+1200, a1 -> transfer -> a2
 * c4   D    webchat billing q1    -    -           -    -    -           -       start T0+1800, ABANDONED at 93
 * c5   E    webchat hours   -     -    -           bot 2     60          -       start T0+2400, bot only
 * c6   F    webchat hours   -     -    -           bot 4     open        -       start T0+3000, bot only
 * c7   A*   webchat billing q1    40   a1          71   330  371         5       start T0+1d (repeat of c1)
 * c8   B    webchat billing q1    5    a2          16   110  116         -       start T0+8d (outside c2's window)
 * c9   C    webchat returns -     -    -           bot 3     30          -       start T0+1d+1000 (other intent)
 * c10  G    webchat billing q1    50   a1          -    -    open        -       start T0+2000
 * (*) c7's customer comes from customerId in IDENTIFIED event data, the others from the map.
 * </pre>
 */
class KpiCalculatorTest {
    static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    static final Instant T0 = Instant.parse("2026-11-03T06:00:00Z");
    static final double EPS = 1e-9;
    private static final AtomicLong IDS = new AtomicLong();

    static ConversationEvent ev(String conv, String channel, Instant start, long sec, EventType type, String... kv) {
        Map<String, String> data = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            data.put(kv[i], kv[i + 1]);
        }
        return new ConversationEvent("e" + IDS.incrementAndGet(), type, conv, channel, start.plusSeconds(sec), data);
    }

    /** Builder for one conversation's events. */
    static final class Conv {
        final String id;
        final String channel;
        final Instant start;
        final List<ConversationEvent> events = new ArrayList<>();

        Conv(String id, String channel, Instant start) {
            this.id = id;
            this.channel = channel;
            this.start = start;
        }

        Conv at(long sec, EventType type, String... kv) {
            events.add(ev(id, channel, start, sec, type, kv));
            return this;
        }
    }

    static List<ConversationEvent> history() {
        List<Conv> cs = List.of(
                new Conv("c1", "webchat", T0).at(0, RECEIVED).at(5, HANDED_OFF, "intent", "billing")
                        .at(5, QUEUED, "queueId", "q1").at(10, OFFERED, "agentId", "a1", "queueId", "q1")
                        .at(15, ASSIGNED, "agentId", "a1", "queueId", "q1").at(45, AGENT_REPLIED, "agentId", "a1")
                        .at(100, RECEIVED).at(305, RESOLVED, "agentId", "a1").at(400, SURVEY_ANSWERED, "score", "5"),
                new Conv("c2", "webchat", T0.plusSeconds(600)).at(0, RECEIVED)
                        .at(2, HANDED_OFF, "intent", "billing").at(2, QUEUED, "queueId", "q1")
                        .at(22, ASSIGNED, "agentId", "a2", "queueId", "q1").at(62, AGENT_REPLIED, "agentId", "a2")
                        .at(622, RESOLVED, "agentId", "a2").at(700, SURVEY_ANSWERED, "score", "4"),
                new Conv("c3", "email", T0.plusSeconds(1200)).at(0, RECEIVED).at(10, HANDED_OFF, "intent", "tech")
                        .at(10, QUEUED, "queueId", "q2").at(40, ASSIGNED, "agentId", "a1", "queueId", "q2")
                        .at(100, AGENT_REPLIED, "agentId", "a1")
                        .at(200, TRANSFERRED, "fromAgentId", "a1", "toQueueId", "q1").at(200, QUEUED, "queueId", "q1")
                        .at(210, ASSIGNED, "agentId", "a2", "queueId", "q1").at(250, AGENT_REPLIED, "agentId", "a2")
                        .at(700, RESOLVED, "agentId", "a2").at(800, SURVEY_ANSWERED, "score", "2"),
                new Conv("c4", "webchat", T0.plusSeconds(1800)).at(0, RECEIVED)
                        .at(3, HANDED_OFF, "intent", "billing").at(3, QUEUED, "queueId", "q1")
                        .at(8, OFFERED, "agentId", "a1", "queueId", "q1").at(93, ABANDONED),
                new Conv("c5", "webchat", T0.plusSeconds(2400)).at(0, RECEIVED)
                        .at(2, BOT_ANSWERED, "intent", "hours").at(60, RESOLVED),
                new Conv("c6", "webchat", T0.plusSeconds(3000)).at(0, RECEIVED)
                        .at(4, BOT_ANSWERED, "intent", "hours"),
                new Conv("c7", "webchat", T0.plusSeconds(86_400)).at(0, RECEIVED).at(0, IDENTIFIED, "customerId", "A")
                        .at(1, HANDED_OFF, "intent", "billing").at(1, QUEUED, "queueId", "q1")
                        .at(41, ASSIGNED, "agentId", "a1", "queueId", "q1").at(71, AGENT_REPLIED, "agentId", "a1")
                        .at(371, RESOLVED, "agentId", "a1").at(380, SURVEY_ANSWERED, "score", "5"),
                new Conv("c8", "webchat", T0.plus(Duration.ofDays(8))).at(0, RECEIVED)
                        .at(1, HANDED_OFF, "intent", "billing").at(1, QUEUED, "queueId", "q1")
                        .at(6, ASSIGNED, "agentId", "a2", "queueId", "q1").at(16, AGENT_REPLIED, "agentId", "a2")
                        .at(116, RESOLVED, "agentId", "a2"),
                new Conv("c9", "webchat", T0.plusSeconds(86_400 + 1000)).at(0, RECEIVED)
                        .at(3, BOT_ANSWERED, "intent", "returns").at(30, RESOLVED),
                new Conv("c10", "webchat", T0.plusSeconds(2000)).at(0, RECEIVED)
                        .at(1, HANDED_OFF, "intent", "billing").at(1, QUEUED, "queueId", "q1")
                        .at(51, ASSIGNED, "agentId", "a1", "queueId", "q1"));
        List<ConversationEvent> all = new ArrayList<>();
        cs.forEach(c -> all.addAll(c.events));
        return all;
    }

    static final Map<String, String> CUSTOMERS = Map.of("c1", "A", "c2", "B", "c3", "C", "c4", "D", "c5", "E",
            "c6", "F", "c8", "B", "c9", "C", "c10", "G");

    static KpiCalculator.Options monthly() {
        return KpiCalculator.Options.of(Bucket.MONTH, TEHRAN).withCustomers(CUSTOMERS).withTargets(Map.of("q2", 60L));
    }

    static final ZonedDateTime NOVEMBER = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, TEHRAN);

    static Kpis row(Map<KpiCalculator.Key, Kpis> rows, Dimension d, String value) {
        Kpis k = rows.get(new KpiCalculator.Key(d, value, NOVEMBER));
        assertTrue(k != null, "no row " + d + "/" + value + " in " + rows.keySet());
        return k;
    }

    @Test
    void overallKpisMatchHandValues() {
        Kpis k = row(KpiCalculator.compute(history(), monthly()), Dimension.ALL, "all");
        assertEquals(10, k.conversations());
        // queued: c1 c2 c3 c4 c7 c8 c10 = 7; answered: all but c4 = 6; abandoned: c4 = 1
        assertEquals(7, k.queued());
        assertEquals(6, k.answered());
        assertEquals(1, k.abandoned());
        // ASA = (10 + 20 + 30 + 40 + 5 + 50) / 6 = 155 / 6 = 25.833 s (c3 counts its first wait only)
        assertEquals(155.0 / 6, k.averageSpeedOfAnswer(), EPS);
        // SL: within target c1 (10<=20), c2 (20<=20), c3 (30<=60 on q2), c8 (5<=20) = 4; not c7 (40), c10 (50);
        // denominator answered + abandoned = 6 + 1 = 7 -> 4/7
        assertEquals(4.0 / 7, k.serviceLevel(), EPS);
        // abandonment = 1 / 7
        assertEquals(1.0 / 7, k.abandonmentRate(), EPS);
        // FRT (agent) = (45 + 62 + 100 + 71 + 16) / 5 = 294 / 5 = 58.8 s (c10 never replied)
        assertEquals(58.8, k.firstResponseTime(), EPS);
        // bot FRT (no handoff) = (2 + 4 + 3) / 3 = 3 s
        assertEquals(3.0, k.botFirstResponseTime(), EPS);
        // AHT = (290 + 600 + 660 + 330 + 110) / 5 = 1990 / 5 = 398 s
        assertEquals(398.0, k.averageHandlingTime(), EPS);
        // resolved: c1 c2 c3 c5 c7 c8 c9 = 7; resolution = (305+622+700+60+371+116+30)/7 = 2204/7
        assertEquals(7, k.resolved());
        assertEquals(2204.0 / 7, k.resolutionTime(), EPS);
        // FCR: 7 eligible; c1 fails (c7: same customer A, same intent, 1 day later); c2 ok (c8 is 8 days later);
        // c3 ok (c9 is another intent) -> 6/7
        assertEquals(7, k.fcrEligible());
        assertEquals(6, k.firstContactResolved());
        assertEquals(6.0 / 7, k.firstContactResolutionRate(), EPS);
        // containment: no handoff c5 c6 c9 = 3/10; handoff 7/10
        assertEquals(0.3, k.botContainmentRate(), EPS);
        assertEquals(0.7, k.handoffRate(), EPS);
        // CSAT: scores 5, 4, 2, 5 -> average 16/4 = 4.0; satisfied (4-5) 3/4 = 0.75
        assertEquals(4, k.surveys());
        assertEquals(4.0, k.csatAverage(), EPS);
        assertEquals(0.75, k.csatSatisfiedShare(), EPS);
        // transfers: 1 over 6 conversations that reached an agent
        assertEquals(1, k.transfers());
        assertEquals(1.0 / 6, k.transfersPerConversation(), EPS);
    }

    @Test
    void perQueueKpis() {
        Map<KpiCalculator.Key, Kpis> rows = KpiCalculator.compute(history(), monthly());
        // q1 (entry queue): c1 c2 c4 c7 c8 c10; ASA = (10+20+40+5+50)/5 = 25; abandonment 1/6
        Kpis q1 = row(rows, Dimension.QUEUE, "q1");
        assertEquals(6, q1.conversations());
        assertEquals(25.0, q1.averageSpeedOfAnswer(), EPS);
        assertEquals(1.0 / 6, q1.abandonmentRate(), EPS);
        // SL q1 = (c1, c2, c8) / (5 answered + 1 abandoned) = 3/6
        assertEquals(0.5, q1.serviceLevel(), EPS);
        // q2: c3 only, wait 30 within its 60 s target; AHT 660; one transfer
        Kpis q2 = row(rows, Dimension.QUEUE, "q2");
        assertEquals(1, q2.conversations());
        assertEquals(30.0, q2.averageSpeedOfAnswer(), EPS);
        assertEquals(1.0, q2.serviceLevel(), EPS);
        assertEquals(660.0, q2.averageHandlingTime(), EPS);
        assertEquals(1.0, q2.transfersPerConversation(), EPS);
    }

    @Test
    void perAgentChannelIntentKpis() {
        Map<KpiCalculator.Key, Kpis> rows = KpiCalculator.compute(history(), monthly());
        // a1 (last assigned): c1, c7, c10; AHT = (290 + 330) / 2 = 310
        Kpis a1 = row(rows, Dimension.AGENT, "a1");
        assertEquals(3, a1.conversations());
        assertEquals(310.0, a1.averageHandlingTime(), EPS);
        // a2: c2, c3 (after the transfer), c8; AHT = (600 + 660 + 110) / 3
        Kpis a2 = row(rows, Dimension.AGENT, "a2");
        assertEquals(3, a2.conversations());
        assertEquals(1370.0 / 3, a2.averageHandlingTime(), EPS);
        // channel email: c3 only
        Kpis email = row(rows, Dimension.CHANNEL, "email");
        assertEquals(1, email.conversations());
        assertEquals(100.0, email.firstResponseTime(), EPS);
        assertEquals(9, row(rows, Dimension.CHANNEL, "webchat").conversations());
        // intent hours: c5, c6 both contained; bot FRT (2 + 4) / 2 = 3; CSAT none
        Kpis hours = row(rows, Dimension.INTENT, "hours");
        assertEquals(2, hours.conversations());
        assertEquals(1.0, hours.botContainmentRate(), EPS);
        assertEquals(0.0, hours.handoffRate(), EPS);
        assertEquals(3.0, hours.botFirstResponseTime(), EPS);
        assertNull(hours.csatAverage());
        // intent billing: c1 c2 c4 c7 c8 c10 = 6
        assertEquals(6, row(rows, Dimension.INTENT, "billing").conversations());
        assertEquals(1, row(rows, Dimension.INTENT, "returns").conversations());
    }

    @Test
    void eventOrderDoesNotMatter() {
        List<ConversationEvent> shuffled = new ArrayList<>(history());
        Collections.shuffle(shuffled, new Random(42));
        assertEquals(KpiCalculator.compute(history(), monthly()), KpiCalculator.compute(shuffled, monthly()));
    }

    @Test
    void noEventsGiveNoRows() {
        assertTrue(KpiCalculator.compute(List.of(), monthly()).isEmpty());
    }

    @Test
    void unansweredConversationHasNoAsaNorServiceLevel() {
        Conv c = new Conv("u1", "webchat", T0).at(0, RECEIVED).at(1, HANDED_OFF, "intent", "x")
                .at(1, QUEUED, "queueId", "q1");
        Kpis k = row(KpiCalculator.compute(c.events, monthly()), Dimension.QUEUE, "q1");
        assertEquals(1, k.queued());
        assertEquals(0, k.answered());
        assertNull(k.averageSpeedOfAnswer());
        assertNull(k.serviceLevel()); // still waiting: neither answered nor abandoned
        assertEquals(0.0, k.abandonmentRate(), EPS);
        assertNull(k.firstResponseTime());
        assertNull(k.averageHandlingTime());
        assertNull(k.firstContactResolutionRate());
        assertEquals(0, k.resolved());
    }

    @Test
    void abandonedCountsAgainstServiceLevel() {
        Conv a = new Conv("x1", "webchat", T0).at(0, RECEIVED).at(1, QUEUED, "queueId", "q1").at(30, ABANDONED);
        Conv b = new Conv("x2", "webchat", T0).at(0, RECEIVED).at(1, QUEUED, "queueId", "q1")
                .at(6, ASSIGNED, "agentId", "a1");
        List<ConversationEvent> all = new ArrayList<>(a.events);
        all.addAll(b.events);
        Kpis k = row(KpiCalculator.compute(all, monthly()), Dimension.QUEUE, "q1");
        // abandonment 1/2; SL 1 within (5 s) / (1 answered + 1 abandoned) = 0.5; ASA 5
        assertEquals(0.5, k.abandonmentRate(), EPS);
        assertEquals(0.5, k.serviceLevel(), EPS);
        assertEquals(5.0, k.averageSpeedOfAnswer(), EPS);
    }

    @Test
    void surveyMissingOrInvalidGivesNoCsat() {
        Conv c = new Conv("s1", "webchat", T0).at(0, RECEIVED).at(2, BOT_ANSWERED, "intent", "hours")
                .at(3, RESOLVED).at(4, SURVEY_ANSWERED, "score", "7").at(5, SURVEY_ANSWERED, "comment", "hi");
        Kpis k = row(KpiCalculator.compute(c.events, monthly()), Dimension.ALL, "all");
        assertEquals(0, k.surveys());
        assertNull(k.csatAverage());
        assertNull(k.csatSatisfiedShare());
        // no customer known -> not eligible for FCR
        assertEquals(0, k.fcrEligible());
        assertNull(k.firstContactResolutionRate());
    }

    @Test
    void fcrWindowIsConfigurable() {
        // with a 1 hour window c7 (one day after c1) no longer is a repeat of c1: 7/7
        Kpis k = row(KpiCalculator.compute(history(), monthly().withFcrWindow(Duration.ofHours(1))), Dimension.ALL,
                "all");
        assertEquals(7, k.firstContactResolved());
        assertEquals(1.0, k.firstContactResolutionRate(), EPS);
        // with a 9 day window c8 is a repeat of c2 too: 5/7
        k = row(KpiCalculator.compute(history(), monthly().withFcrWindow(Duration.ofDays(9))), Dimension.ALL, "all");
        assertEquals(5, k.firstContactResolved());
    }

    @Test
    void fcrRepeatExactlyAtWindowEdgeCounts() {
        // resolved at T0+10; repeat starts at T0+10+7d exactly: inside (window end inclusive); one second later: outside
        Conv first = new Conv("f1", "webchat", T0).at(0, RECEIVED).at(1, HANDED_OFF, "intent", "x").at(10, RESOLVED);
        Instant edge = T0.plusSeconds(10).plus(Duration.ofDays(7));
        for (long delta : new long[] {0, 1}) {
            Conv repeat = new Conv("f2", "webchat", edge.plusSeconds(delta)).at(0, RECEIVED)
                    .at(1, HANDED_OFF, "intent", "x");
            List<ConversationEvent> all = new ArrayList<>(first.events);
            all.addAll(repeat.events);
            Map<KpiCalculator.Key, Kpis> rows = KpiCalculator.compute(all, KpiCalculator.Options.of(Bucket.DAY, TEHRAN)
                    .withCustomers(Map.of("f1", "K", "f2", "K")));
            Kpis k = rows.get(new KpiCalculator.Key(Dimension.ALL, "all", Buckets.startOf(Bucket.DAY, T0, TEHRAN)));
            assertEquals(delta == 0 ? 0 : 1, k.firstContactResolved(), "delta " + delta);
        }
    }

    @Test
    void bucketBoundariesInTehran() {
        // Tehran is UTC+03:30 (no DST since 2022): 20:29:59Z is 23:59:59 on 22 Nov, 20:30:00Z is 00:00 on 23 Nov
        Instant before = Instant.parse("2026-11-22T20:29:59Z");
        Instant after = Instant.parse("2026-11-22T20:30:00Z");
        assertEquals(ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, TEHRAN), Buckets.startOf(Bucket.DAY, before, TEHRAN));
        assertEquals(ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, TEHRAN), Buckets.startOf(Bucket.DAY, after, TEHRAN));
        // hour: 06:29:59Z = 09:59:59 local, 06:30Z = 10:00 local
        assertEquals(9, Buckets.startOf(Bucket.HOUR, Instant.parse("2026-11-23T06:29:59Z"), TEHRAN).getHour());
        assertEquals(10, Buckets.startOf(Bucket.HOUR, Instant.parse("2026-11-23T06:30:00Z"), TEHRAN).getHour());
        // week: Saturday first in Tehran (Fri 27 Nov 23:59:59 local is in the week of Sat 21, Sat 28 00:00 starts
        // the next one); Monday first (ISO) elsewhere
        assertEquals(ZonedDateTime.of(2026, 11, 21, 0, 0, 0, 0, TEHRAN), Buckets.startOf(Bucket.WEEK, before, TEHRAN));
        assertEquals(ZonedDateTime.of(2026, 11, 21, 0, 0, 0, 0, TEHRAN),
                Buckets.startOf(Bucket.WEEK, Instant.parse("2026-11-27T20:29:59Z"), TEHRAN));
        assertEquals(ZonedDateTime.of(2026, 11, 28, 0, 0, 0, 0, TEHRAN),
                Buckets.startOf(Bucket.WEEK, Instant.parse("2026-11-27T20:30:00Z"), TEHRAN));
        ZoneId gmt = ZoneId.of("UTC");
        assertEquals(ZonedDateTime.of(2026, 11, 16, 0, 0, 0, 0, gmt), Buckets.startOf(Bucket.WEEK, before, gmt));
        assertEquals(ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, gmt),
                Buckets.startOf(Bucket.WEEK, Instant.parse("2026-11-23T00:00:00Z"), gmt));
        // month: 30 Nov 20:30Z is 1 Dec 00:00 in Tehran (still November in UTC)
        assertEquals(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, TEHRAN),
                Buckets.startOf(Bucket.MONTH, Instant.parse("2026-11-30T20:30:00Z"), TEHRAN));
        assertEquals(NOVEMBER, Buckets.startOf(Bucket.MONTH, Instant.parse("2026-11-30T20:29:59Z"), TEHRAN));

        // two conversations either side of local midnight fall in two day buckets (one UTC day)
        Conv a = new Conv("b1", "webchat", before).at(0, RECEIVED).at(1, BOT_ANSWERED, "intent", "hours");
        Conv b = new Conv("b2", "webchat", after).at(0, RECEIVED).at(1, BOT_ANSWERED, "intent", "hours");
        List<ConversationEvent> all = new ArrayList<>(a.events);
        all.addAll(b.events);
        Map<KpiCalculator.Key, Kpis> tehran = KpiCalculator.compute(all, KpiCalculator.Options.of(Bucket.DAY, TEHRAN));
        assertEquals(2, tehran.keySet().stream().filter(k -> k.dimension() == Dimension.ALL).count());
        Map<KpiCalculator.Key, Kpis> utc = KpiCalculator.compute(all,
                KpiCalculator.Options.of(Bucket.DAY, ZoneId.of("UTC")));
        assertEquals(1, utc.keySet().stream().filter(k -> k.dimension() == Dimension.ALL).count());
    }

    @Test
    void conversationBucketIsItsFirstReceivedEvenWhenLaterEventsCrossMidnight() {
        Instant late = Instant.parse("2026-11-22T20:29:00Z"); // 23:59 local
        Conv c = new Conv("m1", "webchat", late).at(0, RECEIVED).at(1, QUEUED, "queueId", "q1")
                .at(120, ASSIGNED, "agentId", "a1").at(600, RESOLVED);
        Map<KpiCalculator.Key, Kpis> rows = KpiCalculator.compute(c.events, KpiCalculator.Options.of(Bucket.DAY, TEHRAN));
        Kpis k = rows.get(new KpiCalculator.Key(Dimension.QUEUE, "q1", ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, TEHRAN)));
        assertEquals(119.0, k.averageSpeedOfAnswer(), EPS);
        assertEquals(480.0, k.averageHandlingTime(), EPS);
        assertEquals(600.0, k.resolutionTime(), EPS);
        assertNotEquals(null, k);
    }
}
