package io.pishkhan.console.internal.logic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.analytics.KpiRow;
import io.pishkhan.api.analytics.Wallboard;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Queue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Date ranges (Jalali and Gregorian), CSV, KPI texts, leaderboard, wallboard tiles, sentiment alerts, charts. */
class AnalyticsLogicTest {
    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23); // 1405/09/02

    // ------------------------------------------------------------ Jalali

    @Test
    void jalaliToGregorianIsTheInverseOfToJalali() {
        assertEquals(LocalDate.of(2026, 3, 21), Dates.fromJalali(1405, 1, 1), "Nowruz 1405");
        assertEquals(LocalDate.of(2026, 11, 23), Dates.fromJalali(1405, 9, 2));
        assertEquals(LocalDate.of(2025, 3, 20), Dates.fromJalali(1403, 12, 30), "1403 is a leap year");
        assertThrows(IllegalArgumentException.class, () -> Dates.fromJalali(1404, 12, 30), "1404 is not");
        assertThrows(IllegalArgumentException.class, () -> Dates.fromJalali(1405, 7, 31), "Mehr has 30 days");
        assertThrows(IllegalArgumentException.class, () -> Dates.fromJalali(1405, 13, 1));
        for (LocalDate d = LocalDate.of(2019, 1, 1); d.isBefore(LocalDate.of(2031, 1, 1)); d = d.plusDays(1)) {
            int[] j = Dates.toJalali(d);
            assertEquals(d, Dates.fromJalali(j[0], j[1], j[2]), Arrays.toString(j));
        }
    }

    @Test
    void daysAreShownAndReadInTheUsersCalendar() {
        assertEquals("۱۴۰۵/۰۹/۰۲", Dates.day(TODAY, true));
        assertEquals("2026-11-23", Dates.day(TODAY, false));
        assertEquals(TODAY, Dates.parseDay("۱۴۰۵/۰۹/۰۲", true));
        assertEquals(TODAY, Dates.parseDay(" 1405-9-2 ", true), "Latin digits and '-' as well");
        assertEquals(TODAY, Dates.parseDay("2026-11-23", false));
        assertThrows(IllegalArgumentException.class, () -> Dates.parseDay("1405/09", true));
        assertThrows(IllegalArgumentException.class, () -> Dates.parseDay("۱۴۰۵/۰۷/۳۱", true));
        assertThrows(IllegalArgumentException.class, () -> Dates.parseDay("2026-02-30", false));
        assertEquals("0123", Dates.latinDigits("۰۱٢٣"));
        assertEquals(LocalDate.of(2026, 11, 22), Dates.jalaliMonthStart(TODAY), "1 Azar 1405");
    }

    @Test
    void presetsFollowTheJalaliCalendarInPersian() {
        assertEquals(new DateRange(TODAY, TODAY), DateRange.of(DateRange.Preset.TODAY, TODAY, true));
        assertEquals(new DateRange(LocalDate.of(2026, 11, 17), TODAY),
                DateRange.of(DateRange.Preset.LAST_7_DAYS, TODAY, true));
        DateRange month = DateRange.of(DateRange.Preset.THIS_MONTH, TODAY, true);
        assertEquals(new DateRange(LocalDate.of(2026, 11, 22), TODAY), month, "Azar 1405 so far");
        DateRange last = DateRange.of(DateRange.Preset.LAST_MONTH, TODAY, true);
        assertEquals(new DateRange(Dates.fromJalali(1405, 8, 1), Dates.fromJalali(1405, 8, 30)), last, "Aban 1405");
        assertEquals(LocalDate.of(2026, 10, 23), last.first());
        assertEquals(30, last.days());
        assertEquals("۱۴۰۵/۰۸/۰۱ – ۱۴۰۵/۰۸/۳۰", last.label(true));
        // the first month of the year: last month is Esfand of the year before (30 days in the leap year 1403)
        DateRange esfand = DateRange.of(DateRange.Preset.LAST_MONTH, Dates.fromJalali(1404, 1, 10), true);
        assertEquals(new DateRange(Dates.fromJalali(1403, 12, 1), Dates.fromJalali(1403, 12, 30)), esfand);
    }

    @Test
    void presetsFollowTheGregorianCalendarInEnglish() {
        assertEquals(new DateRange(LocalDate.of(2026, 11, 1), TODAY),
                DateRange.of(DateRange.Preset.THIS_MONTH, TODAY, false));
        assertEquals(new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)),
                DateRange.of(DateRange.Preset.LAST_MONTH, TODAY, false));
        assertEquals(new DateRange(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)),
                DateRange.of(DateRange.Preset.LAST_MONTH, LocalDate.of(2026, 1, 5), false));
        assertEquals("2026-11-23", new DateRange(TODAY, TODAY).label(false));
    }

    @Test
    void aRangeIsHalfOpenInTheConsoleZone() {
        DateRange r = DateRange.of(DateRange.Preset.THIS_MONTH, TODAY, true);
        assertEquals(Instant.parse("2026-11-21T20:30:00Z"), r.from(TEHRAN));
        assertEquals(Instant.parse("2026-11-23T20:30:00Z"), r.to(TEHRAN), "the day after the last, 00:00 Tehran");
        assertThrows(IllegalArgumentException.class, () -> new DateRange(TODAY, TODAY.minusDays(1)));
        assertEquals("2026-11-22_2026-11-23", r.fileTag());
    }

    // ------------------------------------------------------------ CSV

    @Test
    void csvQuotesAsRfc4180WithABom() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\"cr\rhere\"", Csv.field("cr\rhere"));
        assertEquals("", Csv.field(null));
        assertEquals("'=HYPERLINK(1)", Csv.field("=HYPERLINK(1)"), "no formulas");
        assertEquals("-0.5", Csv.field("-0.5"), "negative numbers stay numbers");
        assertEquals("-3", Csv.field(-3));
        String text = Csv.text(List.of("key", "name"), List.of(List.of("q1", "صف, اول"), List.of("q2", "")));
        assertEquals("\uFEFFkey,name\r\nq1,\"صف, اول\"\r\nq2,\r\n", text);
        byte[] b = Csv.bytes(List.of("a"), List.of());
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\r', '\n'}, b);
        assertEquals("\uFEFFa\r\n", new String(b, StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------ KPI texts

    @Test
    void kpiValuesReadAsDurationsPercentagesAndCounts() {
        assertEquals("1:05", KpiText.display("asaSeconds", 65.4, false));
        assertEquals("1:01:01", KpiText.display("ahtSeconds", 3661.0, false));
        assertEquals("85.0%", KpiText.display("serviceLevel", 0.85, false));
        assertEquals("۸۵٫۰٪", KpiText.display("serviceLevel", 0.85, true));
        assertEquals("4.25", KpiText.display("csatAverage", 4.25, false));
        assertEquals("12", KpiText.display("conversations", 12L, false));
        assertEquals("۱۲", KpiText.display("conversations", 12L, true));
        assertEquals("—", KpiText.display("fcrRate", null, false));
        assertEquals("0.85", KpiText.csv(0.85));
        assertEquals("12", KpiText.csv(12L));
        assertEquals("3", KpiText.csv(3.0));
        assertEquals("", KpiText.csv(null));
        assertTrue(KpiText.lowerIsBetter("ahtSeconds"));
        assertFalse(KpiText.lowerIsBetter("fcrRate"));
        Instant h = Instant.parse("2026-11-23T10:30:00Z"); // 14:00 Tehran
        assertEquals("۱۴۰۵/۰۹/۰۲ ۱۴:۰۰", KpiText.bucket(h, Bucket.HOUR, TEHRAN, true));
        assertEquals("2026-11-23 14:00", KpiText.bucket(h, Bucket.HOUR, TEHRAN, false));
        assertEquals("2026-11", KpiText.bucket(h, Bucket.MONTH, TEHRAN, false));
        assertEquals("2026-11-23", KpiText.bucket(h, Bucket.DAY, TEHRAN, false));
    }

    // ------------------------------------------------------------ leaderboard

    static KpiRow agent(String id, Long answered, Double aht, Double csat, Double fcr, Double frt) {
        Map<String, Object> v = new HashMap<>();
        v.put("answered", answered);
        v.put("ahtSeconds", aht);
        v.put("csatAverage", csat);
        v.put("fcrRate", fcr);
        v.put("firstResponseSeconds", frt);
        return new KpiRow(Dimension.AGENT, id, Instant.EPOCH, v);
    }

    @Test
    void theCompositeWeighsCsatFcrAndSpeed() {
        // team median AHT of 100, 200, 300 = 200
        KpiRow a = agent("a", 10L, 100.0, 5.0, 1.0, 30.0); // 0.4*1 + 0.3*1 + 0.3*1 = 100
        KpiRow b = agent("b", 10L, 200.0, 3.0, 0.5, 20.0); // 0.4*0.5 + 0.3*0.5 + 0.3*1 = 65
        KpiRow c = agent("c", 10L, 400.0, 1.0, 0.0, 10.0); // 0 + 0 + 0.3*0.5 = 15
        assertEquals(100.0, Leaderboard.composite(a, 200.0));
        assertEquals(65.0, Leaderboard.composite(b, 200.0));
        assertEquals(15.0, Leaderboard.composite(c, 200.0));
        // only CSAT known: the weights are re-normalised over what the agent has
        assertEquals(75.0, Leaderboard.composite(agent("d", 1L, null, 4.0, null, null), 200.0));
        assertNull(Leaderboard.composite(agent("e", 0L, null, null, null, null), 200.0));
        assertEquals(250.0, Leaderboard.median(List.of(100.0, 200.0, 300.0, 400.0)));
    }

    @Test
    void theLeaderboardRanksByCompositeOrOneKpi() {
        KpiRow a = agent("a", 10L, 100.0, 5.0, 1.0, 30.0);
        KpiRow b = agent("b", 20L, 300.0, 3.0, 0.5, 20.0);
        KpiRow c = agent("c", 5L, 200.0, 1.0, 0.0, 10.0);
        KpiRow none = agent("n", 0L, null, null, null, null);
        List<Leaderboard.Entry> byScore = Leaderboard.rank(List.of(none, c, b, a), Leaderboard.COMPOSITE);
        assertEquals(List.of("a", "b", "c", "n"), byScore.stream().map(Leaderboard.Entry::agentId).toList());
        assertEquals(List.of(1, 2, 3, 4), byScore.stream().map(Leaderboard.Entry::rank).toList());
        assertNull(byScore.get(3).score(), "no data: last, without a score");
        assertEquals(List.of("c", "b", "a", "n"), Leaderboard.rank(List.of(a, b, c, none), "firstResponseSeconds")
                .stream().map(Leaderboard.Entry::agentId).toList(), "lower is better; no value last");
        assertEquals(List.of("b", "a", "c", "n"), Leaderboard.rank(List.of(a, b, c, none), "answered")
                .stream().map(Leaderboard.Entry::agentId).toList());
        // equal values: more answered first, then the id
        KpiRow x = agent("x", 5L, null, 4.0, null, null);
        KpiRow y = agent("y", 9L, null, 4.0, null, null);
        KpiRow z = agent("w", 5L, null, 4.0, null, null);
        assertEquals(List.of("y", "w", "x"), Leaderboard.rank(List.of(x, y, z), "csatAverage").stream()
                .map(Leaderboard.Entry::agentId).toList());
    }

    // ------------------------------------------------------------ wallboard

    @Test
    void serviceLevelColoursAgainstTheTarget() {
        assertEquals(WallboardTiles.Level.GOOD, WallboardTiles.level(0.80, 80));
        assertEquals(WallboardTiles.Level.GOOD, WallboardTiles.level(0.95, 80));
        assertEquals(WallboardTiles.Level.WARN, WallboardTiles.level(0.71, 80));
        assertEquals(WallboardTiles.Level.BAD, WallboardTiles.level(0.70, 80), "10 points below");
        assertEquals(WallboardTiles.Level.NONE, WallboardTiles.level(null, 80));
        assertEquals("#1e8e3e", WallboardTiles.colour(WallboardTiles.Level.GOOD));
        assertEquals("#d93025", WallboardTiles.colour(WallboardTiles.Level.BAD));
        assertEquals("85%", WallboardTiles.percent(0.853, false));
        assertEquals("۸۵٪", WallboardTiles.percent(0.853, true));
        assertEquals("—", WallboardTiles.percent(null, true));
        assertEquals("۱:۰۵", WallboardTiles.waitText(65, true));
    }

    @Test
    void tilesTakeTheQueueTargetsAndTheLongestWaitTicks() {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        Wallboard w = new Wallboard(at, List.of(
                new Wallboard.QueueLine("vip", "VIP", 2, 40, 1, 0.5, 4, 1),
                new Wallboard.QueueLine("general", "General", 0, 0, 3, null, 0, 0)),
                Map.of("AVAILABLE", 3, "BUSY", 1, "PAUSED", 2), 0.75, 10, 6, 1);
        Map<String, Queue> dir = Map.of("vip", new Queue("vip", "VIP", 50, null, 90, 30, null, null));
        List<WallboardTiles.Tile> tiles = WallboardTiles.tiles(w, id -> Optional.ofNullable(dir.get(id)));
        WallboardTiles.Tile vip = tiles.get(0);
        assertEquals(90, vip.targetPercent());
        assertEquals(30, vip.targetSeconds());
        assertEquals(WallboardTiles.Level.BAD, vip.serviceLevelLevel(), "50% against 90%");
        assertEquals(40, vip.longestWaitAt(at));
        assertEquals(45, vip.longestWaitAt(at.plusSeconds(5)), "ticks between snapshots");
        assertEquals(40, vip.longestWaitAt(at.minusSeconds(3)), "never goes back");
        assertEquals(WallboardTiles.Level.WARN, vip.waitLevel(at), "past the 30 s target");
        assertEquals(WallboardTiles.Level.BAD, vip.waitLevel(at.plusSeconds(60)), "past 3 x the target");
        WallboardTiles.Tile general = tiles.get(1);
        assertEquals(80, general.targetPercent(), "unknown to the directory: 80 % in 20 s");
        assertEquals(0, general.longestWaitAt(at.plusSeconds(100)), "nobody waits: no ticking");
        assertEquals(WallboardTiles.Level.NONE, general.serviceLevelLevel());
        assertEquals(WallboardTiles.Level.GOOD, general.waitLevel(at));
        assertEquals(List.of("AVAILABLE", "BUSY", "AWAY", "OFFLINE", "PAUSED"),
                WallboardTiles.agentStates(w).stream().map(Map.Entry::getKey).toList());
        assertEquals(0, WallboardTiles.agentStates(w).get(2).getValue());
    }

    @Test
    void aBurstOfEventsAsksForOneRefresh() {
        Coalescer c = new Coalescer();
        assertTrue(c.request());
        assertFalse(c.request());
        assertFalse(c.request());
        assertTrue(c.isPending());
        c.started();
        assertTrue(c.request(), "an event during the run asks for the next one");
    }

    // ------------------------------------------------------------ sentiment

    static Conversation conv(String id, Map<String, String> context) {
        return new Conversation(id, "cu", "webchat", "v", ConversationState.ASSIGNED, "general", "alice", null,
                context, Instant.EPOCH, Instant.EPOCH);
    }

    static ConversationEvent event(String conversationId, EventType type, Map<String, String> data) {
        return new ConversationEvent("e-" + conversationId + type, type, conversationId, "webchat",
                Instant.parse("2026-11-23T10:00:00Z"), data);
    }

    @Test
    void sentimentAlertsComeFromTheContextAndTheEvents() {
        assertTrue(SentimentAlerts.isAlert(conv("c1", Map.of("sentiment.alert", "true", "sentiment", "-0.62"))));
        assertFalse(SentimentAlerts.isAlert(conv("c1", Map.of("sentiment", "-0.62"))));
        assertFalse(SentimentAlerts.isAlert(conv("c1", Map.of("sentiment.alert", "false"))));
        assertEquals(-0.62, SentimentAlerts.score(conv("c1", Map.of("sentiment", "-0.62"))));
        assertNull(SentimentAlerts.score(conv("c1", Map.of("sentiment", "bad"))));
        assertEquals(-1.0, SentimentAlerts.score(conv("c1", Map.of("sentiment", "-3"))), "clamped");
        assertEquals("-0.62", SentimentAlerts.scoreText(-0.62, false));
        assertEquals("-۰٫۶۲", SentimentAlerts.scoreText(-0.62, true));

        SentimentAlerts alerts = new SentimentAlerts(2);
        assertNull(alerts.accept(event("c1", EventType.SENTIMENT_SCORED, Map.of("score", "-0.9")), conv("c1",
                Map.of())), "only SENTIMENT_ALERT");
        SentimentAlerts.Alert a = alerts.accept(event("c1", EventType.SENTIMENT_ALERT, Map.of("score", "-0.7")),
                conv("c1", Map.of("sentiment", "-0.5")));
        assertEquals(-0.7, a.score(), "the event's score first");
        assertEquals("general", a.queueId());
        assertEquals(-0.5, alerts.accept(event("c2", EventType.SENTIMENT_ALERT, Map.of()),
                conv("c2", Map.of("sentiment", "-0.5"))).score(), "else the context's");
        alerts.accept(event("c1", EventType.SENTIMENT_ALERT, Map.of("score", "-0.8")), conv("c1", Map.of()));
        assertEquals(List.of("c1", "c2"), alerts.list().stream().map(SentimentAlerts.Alert::conversationId).toList(),
                "newest first, one line per conversation");
        alerts.accept(event("c3", EventType.SENTIMENT_ALERT, Map.of()), conv("c3", Map.of()));
        assertEquals(List.of("c3", "c1"), alerts.list().stream().map(SentimentAlerts.Alert::conversationId).toList(),
                "at most the capacity");
    }

    // ------------------------------------------------------------ charts

    @Test
    void chartOptionsAreEchartsJson() throws Exception {
        String json = ChartOptions.chart("حجم", List.of("۱۴۰۵/۰۹/۰۱", "۱۴۰۵/۰۹/۰۲"), List.of(
                new ChartOptions.Series("گفتگوها", "line", Arrays.asList(3L, 5L)),
                new ChartOptions.Series("CSAT", "bar", Arrays.asList(4.256, null), 1)), List.of("n", "csat"), true);
        JsonNode o = new ObjectMapper().readTree(json);
        assertEquals("حجم", o.at("/title/text").asText());
        assertTrue(o.at("/xAxis/inverse").asBoolean(), "right to left in Persian");
        assertEquals("۱۴۰۵/۰۹/۰۲", o.at("/xAxis/data/1").asText());
        assertEquals(2, o.at("/yAxis").size());
        assertEquals("right", o.at("/yAxis/0/position").asText());
        assertEquals(5, o.at("/series/0/data/1").asLong());
        assertEquals(4.26, o.at("/series/1/data/0").asDouble(), 1e-9);
        assertEquals("-", o.at("/series/1/data/1").asText(), "no data: a gap");
        assertEquals(1, o.at("/series/1/yAxisIndex").asInt());
        assertFalse(new ObjectMapper().readTree(ChartOptions.chart("t", List.of(), List.of(), List.of(), false))
                .at("/xAxis/inverse").asBoolean());
    }
}
