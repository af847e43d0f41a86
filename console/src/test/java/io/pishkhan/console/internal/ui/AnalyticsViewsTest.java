package io.pishkhan.console.internal.ui;

import static io.pishkhan.console.internal.ui.ViewHarness.find;
import static io.pishkhan.console.internal.ui.ViewHarness.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.analytics.FrictionRow;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.analytics.KpiRow;
import io.pishkhan.api.analytics.Wallboard;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.console.internal.logic.Csv;
import io.pishkhan.console.internal.logic.DateRange;
import io.pishkhan.console.internal.logic.Leaderboard;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The analytics screens (wallboard, KPIs, scorecards, friction) and sentiment in the live views, on fakes. */
class AnalyticsViewsTest {
    private static final io.pishkhan.console.internal.logic.ConsoleUser SUPERVISOR =
            new io.pishkhan.console.internal.logic.ConsoleUser("sam", Set.of("supervisor"));
    private static final io.pishkhan.console.internal.logic.ConsoleUser ALICE =
            new io.pishkhan.console.internal.logic.ConsoleUser("alice", Set.of("agent"));
    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    private static final Instant T = Instant.parse("2026-11-20T06:30:00Z");

    /** An analytics service answering from fixed rows; remembers the queries. */
    static class FakeAnalytics implements AnalyticsService {
        final List<KpiQuery> queries = new ArrayList<>();
        final List<Object[]> frictionAsked = new ArrayList<>();
        Wallboard wallboard = new Wallboard(Instant.now(), List.of(), Map.of(), null, 0, 0, 0);

        static KpiRow row(Dimension d, String key, Instant at, long conversations, Double asa, Double sl,
                Double aht, Double csat, Double fcr) {
            Map<String, Object> v = new HashMap<>();
            v.put("conversations", conversations);
            v.put("answered", conversations);
            v.put("asaSeconds", asa);
            v.put("serviceLevel", sl);
            v.put("ahtSeconds", aht);
            v.put("csatAverage", csat);
            v.put("fcrRate", fcr);
            v.put("firstResponseSeconds", asa == null ? null : asa + 5);
            return new KpiRow(d, key, at, v);
        }

        @Override
        public List<KpiRow> kpis(KpiQuery q) {
            queries.add(q);
            if (q.dimension() == Dimension.ALL) {
                return List.of(row(Dimension.ALL, "all", q.from(), 4, 12.0, 0.75, 100.0, 4.5, 1.0),
                        row(Dimension.ALL, "all", q.from().plusSeconds(86_400), 2, null, null, null, null, null));
            }
            if (q.dimension() == Dimension.AGENT) {
                return List.of(row(Dimension.AGENT, "bob", q.from(), 3, 20.0, 0.5, 300.0, 3.0, 0.5),
                        row(Dimension.AGENT, "alice", q.from(), 2, 10.0, 1.0, 100.0, 5.0, 1.0));
            }
            return List.of(row(q.dimension(), "general", q.from(), 5, 15.0, 0.8, 120.0, 4.0, 0.5),
                    row(q.dimension(), "vip, \"gold\"", q.from(), 1, 5.0, 1.0, 60.0, null, null));
        }

        @Override
        public List<FrictionRow> friction(Instant from, Instant to, ZoneId zone, int limit) {
            frictionAsked.add(new Object[] {from, to, zone, limit});
            return List.of(new FrictionRow(FrictionRow.Kind.HANDOFF_INTENT, "card.lost", 3, 4, 0.75,
                    List.of("c1", "c2")),
                    new FrictionRow(FrictionRow.Kind.LONGEST_WAIT, "general@14", 1, 6, 95, List.of("c1")),
                    new FrictionRow(FrictionRow.Kind.KB_NOT_HELPFUL, "kb-7", 2, 5, 0.4, List.of()));
        }

        @Override
        public Wallboard wallboard(ZoneId zone) {
            return wallboard;
        }

        @Override
        public void rebuild() {
        }

        @Override
        public long lag() {
            return 0;
        }
    }

    private static Conversation conversation(String id, Map<String, String> context) {
        return new Conversation(id, "cu1", "webchat", "visitor-1", ConversationState.ASSIGNED, "general", "alice",
                "card.lost", context, T, T);
    }

    /** Conversations whose transcript was read (a transcript dialog opened). */
    private final List<String> transcripts = new ArrayList<>();

    private ConversationService conversations(Map<String, Conversation> byId) {
        return (ConversationService) Proxy.newProxyInstance(AnalyticsViewsTest.class.getClassLoader(),
                new Class<?>[] {ConversationService.class}, (p, m, a) -> switch (m.getName()) {
                    case "conversation" -> Optional.ofNullable(byId.get((String) a[0]));
                    case "conversationsOfAgent" -> List.copyOf(byId.values());
                    case "transcript" -> transcripts.add((String) a[0]) ? List.of(new Message("m1", (String) a[0], Direction.INBOUND,
                            SenderType.CUSTOMER, "cu1", "<b>خیلی بد</b>", null, T)) : List.of();
                    case "customer" -> Optional.of(new Customer("cu1", "Sara", List.of(), Map.of(), T));
                    case "conversationsOfCustomer" -> List.of();
                    case "conversations" -> List.of();
                    case "signal" -> null;
                    case "hashCode" -> 1;
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private FakeConsole console(FakeAnalytics analytics) {
        FakeConsole c = new FakeConsole(true);
        c.analytics = analytics;
        c.conversationService = conversations(Map.of("c1", conversation("c1", Map.of()), "c2",
                conversation("c2", Map.of())));
        c.directory.agents.put("bob", new Agent("bob", "Bob", Map.of(), Set.of(), 2, Presence.AVAILABLE));
        return c;
    }

    private static String text(Component root, String id) {
        return get(root, id).getElement().getTextRecursively();
    }

    private static <T> List<T> items(Component root, String id) {
        Grid<T> g = get(root, id);
        return g.getListDataView().getItems().toList();
    }

    private static JsonNode option(Component root, String id) throws Exception {
        String json = ((EChart) get(root, id)).getOption();
        assertNotNull(json, id);
        return new ObjectMapper().readTree(json);
    }

    private static String csv(AnalyticsSupport.Table t) {
        return new String(t.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void analyticsQueriesTheRangeBucketAndDimensionAndChartsTheRows() throws Exception {
        FakeAnalytics a = new FakeAnalytics();
        try (ViewHarness h = new ViewHarness(console(a), SUPERVISOR, ConsoleI18N.FA)) {
            AnalyticsView v = h.show(new AnalyticsView());
            DateRange week = DateRange.of(DateRange.Preset.LAST_7_DAYS, LocalDate.now(TEHRAN), true);
            KpiQuery series = a.queries.get(0);
            assertEquals(week.from(TEHRAN), series.from());
            assertEquals(week.to(TEHRAN), series.to());
            assertEquals(Bucket.DAY, series.bucket());
            assertEquals(Dimension.ALL, series.dimension());
            assertEquals(Dimension.QUEUE, a.queries.get(1).dimension(), "the table: queues by day");
            assertEquals(Bucket.TOTAL, a.queries.get(2).bucket(), "the dimension chart: totals");
            assertEquals(2, items(v, "kpi-grid").size());
            JsonNode volume = option(v, "chart-volume");
            assertEquals(2, volume.at("/xAxis/data").size());
            assertTrue(volume.at("/xAxis/data/0").asText().startsWith("۱۴"), "Jalali bucket labels");
            assertEquals(4, volume.at("/series/0/data/0").asLong());
            JsonNode quality = option(v, "chart-quality");
            assertEquals(75.0, quality.at("/series/0/data/0").asDouble(), 1e-9, "service level in %");
            assertEquals("-", quality.at("/series/0/data/1").asText(), "no data: a gap");
            assertEquals("General", option(v, "chart-dimension").at("/xAxis/data/0").asText(), "queue names");
            assertTrue(find(v, "chart-speed").isPresent());
            assertTrue(find(v, "kpi-csv").isPresent());

            // the KPI table as CSV: BOM, header with every KPI, quoted keys, raw numbers
            String file = csv(v.table());
            assertTrue(file.startsWith("\uFEFFdimension,key,name,bucketStart,conversations,queued,"), file);
            assertTrue(file.contains("QUEUE,\"vip, \"\"gold\"\"\",\"vip, \"\"gold\"\"\","), file);
            assertTrue(file.contains(",0.8,"), "service level as a plain number");
            assertEquals(3, file.split("\r\n").length);

            // another dimension and bucket, and a Jalali range typed by hand
            a.queries.clear();
            v.rangeBar().type("۱۴۰۵/۰۸/۰۱", "1405/08/30");
            assertEquals(LocalDate.of(2026, 10, 23).atStartOfDay(TEHRAN).toInstant(), a.queries.get(0).from());
            assertEquals(LocalDate.of(2026, 11, 22).atStartOfDay(TEHRAN).toInstant(), a.queries.get(0).to());
            a.queries.clear();
            v.rangeBar().type("۱۴۰۵/۰۸/۳۱", "1405/09/01");
            assertTrue(a.queries.isEmpty(), "Aban has 30 days: refused, nothing asked");
            assertTrue(((com.vaadin.flow.component.textfield.TextField) get(v, "range-from")).isInvalid());
        }
    }

    @Test
    void englishUsesGregorianPresetsAndSaysWhenAnalyticsIsMissing() {
        FakeAnalytics a = new FakeAnalytics();
        try (ViewHarness h = new ViewHarness(console(a), SUPERVISOR, ConsoleI18N.EN)) {
            AnalyticsView v = h.show(new AnalyticsView());
            v.rangeBar().choose(DateRange.Preset.THIS_MONTH);
            LocalDate today = LocalDate.now(TEHRAN);
            assertEquals(today.withDayOfMonth(1).atStartOfDay(TEHRAN).toInstant(),
                    a.queries.get(a.queries.size() - 1).from());
            assertEquals(List.of(today.withDayOfMonth(1).toString(), today.toString()), v.rangeBar().shownDays());
        }
        FakeConsole none = console(a);
        none.analytics = null;
        try (ViewHarness h = new ViewHarness(none, SUPERVISOR, ConsoleI18N.EN)) {
            AnalyticsView v = h.show(new AnalyticsView());
            assertEquals("missing", get(v, "analytics-status").getElement().getAttribute("data-kind"));
            WallboardView w = h.show(new WallboardView());
            assertTrue(get(w, "wallboard-missing").isVisible());
            ScorecardsView s = h.show(new ScorecardsView());
            assertEquals("missing", get(s, "scorecards-status").getElement().getAttribute("data-kind"));
            FrictionView f = h.show(new FrictionView());
            assertEquals("missing", get(f, "friction-status").getElement().getAttribute("data-kind"));
        }
    }

    @Test
    void scorecardsRankTheAgentsAndExportThem() {
        FakeAnalytics a = new FakeAnalytics();
        try (ViewHarness h = new ViewHarness(console(a), SUPERVISOR, ConsoleI18N.EN)) {
            ScorecardsView v = h.show(new ScorecardsView());
            assertEquals(Dimension.AGENT, a.queries.get(0).dimension());
            assertEquals(Bucket.TOTAL, a.queries.get(0).bucket());
            List<Leaderboard.Entry> e = items(v, "scorecards-grid");
            assertEquals(List.of("alice", "bob"), e.stream().map(Leaderboard.Entry::agentId).toList());
            v.rankBy().setValue("answered");
            assertEquals(List.of("bob", "alice"), v.entries().stream().map(Leaderboard.Entry::agentId).toList());
            String file = csv(v.table());
            assertTrue(file.startsWith("\uFEFFrank,agentId,name,compositeScore,answered,ahtSeconds,csatAverage,"
                    + "fcrRate,firstResponseSeconds\r\n1,bob,Bob,"), file);
            assertTrue(text(v, "scorecards-help").contains("40%"));
            assertTrue(find(v, "chart-scorecards").isPresent());
        }
    }

    @Test
    void frictionShowsEachKindAndOpensTheSampleTranscripts() {
        FakeAnalytics a = new FakeAnalytics();
        try (ViewHarness h = new ViewHarness(console(a), SUPERVISOR, ConsoleI18N.FA)) {
            FrictionView v = h.show(new FrictionView());
            assertEquals(FrictionView.LIMIT, a.frictionAsked.get(0)[3]);
            assertEquals(1, items(v, "friction-HANDOFF_INTENT").size());
            assertEquals(0, items(v, "friction-LOW_CSAT_INTENT").size());
            FrictionRow wait = v.<FrictionRow>grid(io.pishkhan.api.analytics.FrictionRow.Kind.LONGEST_WAIT)
                    .getListDataView().getItems().findFirst().orElseThrow();
            assertEquals("General · ۱۴:۰۰", v.key(wait));
            assertEquals("۱:۳۵", v.rate(wait), "the longest wait, not a rate");
            Grid<FrictionRow> g = v.grid(FrictionRow.Kind.HANDOFF_INTENT);
            assertEquals(List.of("c1", "c2"), g.getListDataView().getItems().findFirst().orElseThrow().samples());
            v.openTranscript("c2");
            assertEquals(List.of("c2"), transcripts, "the sample's transcript opens");
            v.openTranscript("gone");
            assertEquals(List.of("c2"), transcripts, "a deleted conversation: a notice, no dialog");
            String file = csv(v.table());
            assertTrue(file.contains("HANDOFF_INTENT,card.lost,3,4,0.75,c1 c2\r\n"), file);
            assertTrue(file.contains("LONGEST_WAIT,general@14,1,6,95,c1\r\n"), file);
        }
    }

    @Test
    void theWallboardShowsTilesColouredAgainstTheTargets() {
        FakeAnalytics a = new FakeAnalytics();
        a.wallboard = new Wallboard(Instant.now(), List.of(new Wallboard.QueueLine("general", "General", 3, 42, 2,
                0.6, 5, 1)), Map.of("AVAILABLE", 2, "BUSY", 1), 0.6, 9, 4, 1);
        try (ViewHarness h = new ViewHarness(console(a), SUPERVISOR, ConsoleI18N.FA)) {
            WallboardView v = h.show(new WallboardView());
            assertEquals("۳", text(v, "wb-waiting-general"));
            assertEquals("3", get(v, "wb-waiting-general").getElement().getAttribute("data-value"));
            assertEquals("BAD", get(v, "wb-sl-general").getElement().getAttribute("data-level"), "60% of 80%");
            assertEquals("۶۰٪", text(v, "wb-sl-general"));
            assertTrue(Long.parseLong(get(v, "wb-longest-general").getElement().getAttribute("data-seconds")) >= 42);
            assertEquals("۲", text(v, "wb-agents-AVAILABLE"));
            assertEquals("۰", text(v, "wb-agents-AWAY"));
            assertEquals("۹", text(v, "wb-total-conversations"));
            // a new snapshot (as pushed after an event) replaces the figures
            v.render(new Wallboard(Instant.now(), List.of(new Wallboard.QueueLine("general", "General", 4, 50, 2,
                    0.9, 6, 1)), Map.of(), 0.9, 10, 4, 1));
            assertEquals("4", get(v, "wb-waiting-general").getElement().getAttribute("data-value"));
            assertEquals("GOOD", get(v, "wb-sl-general").getElement().getAttribute("data-level"));
            assertEquals(2, v.renders());
        }
    }

    @Test
    void anEventBurstBecomesOneQueryAndAPushedRender() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        FakeAnalytics a = new FakeAnalytics() {
            @Override
            public Wallboard wallboard(ZoneId zone) {
                asked.incrementAndGet();
                return super.wallboard(zone);
            }
        };
        a.wallboard = new Wallboard(Instant.now(), List.of(new Wallboard.QueueLine("general", "General", 1, 0, 1,
                null, 0, 0)), Map.of(), null, 1, 0, 0);
        try (ViewHarness h = new ViewHarness(console(a), SUPERVISOR, ConsoleI18N.EN)) {
            WallboardView v = h.show(new WallboardView());
            assertEquals(1, asked.get());
            a.wallboard = new Wallboard(Instant.now(), List.of(new Wallboard.QueueLine("general", "General", 2, 0,
                    1, null, 0, 0)), Map.of(), null, 2, 0, 0);
            for (int i = 0; i < 5; i++) {
                v.requestRefresh(h.ui);
            }
            long deadline = System.currentTimeMillis() + 3000;
            while (v.renders() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("2", get(v, "wb-waiting-general").getElement().getAttribute("data-value"));
            Thread.sleep(WallboardView.COALESCE_MILLIS + 200);
            assertEquals(2, asked.get(), "five events, one query");
            assertEquals(2, v.renders());
        }
    }

    @Test
    void aPerQueueSupervisorSeesHisQueuesOnly() {
        FakeAnalytics a = new FakeAnalytics();
        a.wallboard = new Wallboard(Instant.now(), List.of(
                new Wallboard.QueueLine("general", "General", 3, 40, 1, 0.9, 5, 1),
                new Wallboard.QueueLine("vip", "VIP", 1, 10, 1, 1.0, 2, 0)), Map.of(), 0.9, 7, 1, 0);
        io.pishkhan.console.internal.logic.ConsoleUser vipOnly = SUPERVISOR.withQueues(Set.of("vip"));
        try (ViewHarness h = new ViewHarness(console(a), vipOnly, ConsoleI18N.EN)) {
            WallboardView v = h.show(new WallboardView());
            assertTrue(find(v, "wb-waiting-vip").isPresent(), "his queue");
            assertFalse(find(v, "wb-waiting-general").isPresent(), "not another supervisor's queue");
        }
        try (ViewHarness h = new ViewHarness(console(a), SUPERVISOR, ConsoleI18N.EN)) {
            WallboardView v = h.show(new WallboardView());
            assertTrue(find(v, "wb-waiting-general").isPresent(), "a supervisor without a queue list sees all");
            assertTrue(find(v, "wb-waiting-vip").isPresent());
        }
        try (ViewHarness h = new ViewHarness(console(a), vipOnly, ConsoleI18N.EN)) {
            SupervisorView v = h.show(new SupervisorView());
            v.onSentiment(new ConversationEvent("e1", EventType.SENTIMENT_ALERT, "c1", "webchat", T,
                    Map.of("score", "-0.8")), conversation("c1", Map.of())); // c1 waits in "general"
            assertEquals(0, v.alerts().size(), "no alert from a queue he does not supervise");
        }
    }

    @Test
    void theSupervisorIsAlertedOfNegativeConversations() {
        FakeAnalytics a = new FakeAnalytics();
        FakeConsole c = console(a);
        try (ViewHarness h = new ViewHarness(c, SUPERVISOR, ConsoleI18N.EN)) {
            SupervisorView v = h.show(new SupervisorView());
            assertTrue(find(v, "sentiment-alerts-none").isPresent());
            Conversation conv = conversation("c1", Map.of("sentiment", "-0.7", "sentiment.alert", "true"));
            v.onSentiment(new ConversationEvent("e1", EventType.SENTIMENT_SCORED, "c1", "webchat", T,
                    Map.of("score", "-0.7")), conv);
            assertTrue(find(v, "sentiment-alerts-none").isPresent(), "a score is no alert");
            v.onSentiment(new ConversationEvent("e2", EventType.SENTIMENT_ALERT, "c1", "webchat", T,
                    Map.of("score", "-0.7")), conv);
            assertEquals(1, v.alerts().size());
            assertTrue(text(v, "alert-c1").contains("-0.70"), text(v, "alert-c1"));
            assertTrue(v.lastNotification().isOpened(), "a notification");
            assertTrue(v.lastNotification().getElement().getTextRecursively().contains("-0.70"));
            ((Button) get(v, "alert-open-c1")).click();
            assertEquals(List.of("c1"), transcripts, "the transcript opens");
        }
    }

    @Test
    void theDesktopMarksNegativeConversations() {
        FakeAnalytics a = new FakeAnalytics();
        FakeConsole c = console(a);
        Map<String, Conversation> byId = new HashMap<>();
        byId.put("c1", conversation("c1", Map.of("sentiment", "-0.62", "sentiment.alert", "true")));
        byId.put("c2", conversation("c2", Map.of("sentiment", "0.4")));
        c.conversationService = conversations(byId);
        try (ViewHarness h = new ViewHarness(c, ALICE, ConsoleI18N.FA)) {
            DesktopView v = h.show(new DesktopView());
            assertTrue(get(v, "conv-c1").getElement().getClassList().contains("pk-sentiment-alert"));
            assertTrue(text(v, "sentiment-c1").contains("-۰٫۶۲"), text(v, "sentiment-c1"));
            assertFalse(find(v, "sentiment-c2").isPresent());
            Component card = get(v, "conv-c1");
            ComponentUtil.fireEvent(card, new ClickEvent<>(card));
            assertTrue(get(v, "conversation-sentiment").isVisible());
            assertEquals("true", get(v, "conversation-sentiment").getElement().getAttribute("data-alert"));
            // the customer calms down: the processor clears the flag, the event updates the header live
            Conversation calm = conversation("c1", Map.of("sentiment", "0.1"));
            byId.put("c1", calm);
            v.liveListener().onEvent(new ConversationEvent("e3", EventType.SENTIMENT_SCORED, "c1", "webchat", T,
                    Map.of()), calm);
            assertFalse(get(v, "conversation-sentiment").isVisible());
            assertFalse(get(v, "conv-c1").getElement().getClassList().contains("pk-sentiment-alert"));
        }
    }

    @Test
    void csvHelperIsUsedForDownloads() {
        AnalyticsSupport.Table t = new AnalyticsSupport.Table("x.csv", List.of("a"), List.of(List.of("1,2")));
        assertEquals(Csv.BOM + "a\r\n\"1,2\"\r\n", csv(t));
    }
}
