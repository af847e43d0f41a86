package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.FrictionRow;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.analytics.KpiRow;
import io.pishkhan.api.analytics.Wallboard;
import io.pishkhan.api.security.Login;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalyticsApiTest {
    /** 2026-11-23 10:00 in Tehran (+03:30). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:30:00Z"), ZoneOffset.UTC);
    static final Login ADMIN = new Login("root", Set.of("admin"));
    static final Login SUPERVISOR = new Login("sara", Set.of("supervisor", "agent"));
    static final Login AGENT = new Login("alice", Set.of("agent"));

    /** Answers fixed rows and remembers what it was asked. */
    static final class FakeAnalytics implements AnalyticsService {
        final List<KpiQuery> queries = new ArrayList<>();
        final List<Object[]> frictionCalls = new ArrayList<>();
        List<KpiRow> rows = List.of();
        List<FrictionRow> friction = List.of();
        int rebuilds;

        @Override
        public List<KpiRow> kpis(KpiQuery query) {
            queries.add(query);
            return rows;
        }

        @Override
        public List<FrictionRow> friction(Instant from, Instant to, ZoneId zone, int limit) {
            frictionCalls.add(new Object[] {from, to, zone, limit});
            return friction;
        }

        @Override
        public Wallboard wallboard(ZoneId zone) {
            return new Wallboard(CLOCK.instant(), List.of(new Wallboard.QueueLine("billing", "صورتحساب", 3, 95, 2, 0.8,
                    40, 2)), Map.of("AVAILABLE", 2, "BUSY", 1, "AWAY", 0, "OFFLINE", 4), null, 50, 41, 3);
        }

        @Override
        public void rebuild() {
            rebuilds++;
        }

        @Override
        public long lag() {
            return 7;
        }
    }

    final FakeAnalytics service = new FakeAnalytics();
    AnalyticsService available = service;
    final List<AnalyticsProcessor> processors = new ArrayList<>();
    final AnalyticsApi api = new AnalyticsApi(() -> available, () -> processors, CLOCK);

    FakeHttp.Response call(Login login, FakeHttp.Request req) throws IOException {
        FakeHttp.Response resp = new FakeHttp.Response();
        assertTrue(api.handle(req.method, req.parts(), login, req.servlet(), resp.servlet()), "handled");
        return resp;
    }

    static FakeHttp.Request get(String path) {
        return new FakeHttp.Request("GET", path);
    }

    static KpiRow row(Dimension d, String key, String bucketStart, Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return new KpiRow(d, key, Instant.parse(bucketStart), values);
    }

    // ---------------------------------------------------------------- KPIs as JSON

    @Test
    void kpisAnswerTheQueryAndRowsAsJson() throws IOException {
        service.rows = List.of(
                row(Dimension.QUEUE, "billing", "2026-10-31T20:30:00Z", "conversations", 12L, "asaSeconds", 18.5),
                row(Dimension.QUEUE, "cards", "2026-11-01T20:30:00Z", "conversations", 3L));
        FakeHttp.Response r = call(SUPERVISOR, get("/analytics/kpis").param("from", "2026-11-01")
                .param("to", "2026-11-30").param("bucket", "Day").param("dimension", "QUEUE")
                .param("agent", "alice").param("zone", "Asia/Tehran"));
        assertEquals(200, r.status);
        assertEquals("application/json", r.contentType);
        KpiQuery q = service.queries.get(0);
        assertEquals(Instant.parse("2026-10-31T20:30:00Z"), q.from(), "1 Nov 00:00 in Tehran");
        assertEquals(Instant.parse("2026-11-30T20:30:00Z"), q.to(), "a date 'to' includes that day");
        assertEquals(Bucket.DAY, q.bucket());
        assertEquals(Dimension.QUEUE, q.dimension());
        assertEquals(ZoneId.of("Asia/Tehran"), q.zone());
        assertEquals(Map.of(Dimension.AGENT, "alice"), q.filter());

        JsonNode json = r.json();
        JsonNode query = json.get("query");
        assertEquals("2026-11-01T00:00:00+03:30", query.get("from").asText());
        assertEquals("2026-12-01T00:00:00+03:30", query.get("to").asText());
        assertEquals("Asia/Tehran", query.get("zone").asText());
        assertEquals("DAY", query.get("bucket").asText());
        assertEquals("QUEUE", query.get("dimension").asText());
        assertEquals("alice", query.get("filter").get("agent").asText());
        assertEquals(7, json.get("lag").asLong());
        JsonNode rows = json.get("rows");
        assertEquals(2, rows.size());
        JsonNode first = rows.get(0);
        assertEquals("QUEUE", first.get("dimension").asText());
        assertEquals("billing", first.get("key").asText());
        assertEquals("2026-11-01T00:00:00+03:30", first.get("bucketStart").asText());
        assertEquals(12, first.get("values").get("conversations").asLong());
        assertEquals(18.5, first.get("values").get("asaSeconds").asDouble());
        assertTrue(first.get("values").get("csatAverage").isNull(), "every KPI name, null when not defined");
        List<String> names = new ArrayList<>();
        first.get("values").fieldNames().forEachRemaining(names::add);
        assertEquals(KpiRow.NAMES, names, "values in KpiRow.NAMES order");
    }

    @Test
    void kpisDefaultToTodayInTehranTotalAll() throws IOException {
        FakeHttp.Response r = call(ADMIN, get("/analytics/kpis"));
        assertEquals(200, r.status);
        KpiQuery q = service.queries.get(0);
        assertEquals(Instant.parse("2026-11-22T20:30:00Z"), q.from());
        assertEquals(Instant.parse("2026-11-23T20:30:00Z"), q.to());
        assertEquals(Bucket.TOTAL, q.bucket());
        assertEquals(Dimension.ALL, q.dimension());
        assertEquals(Map.of(), q.filter());
        assertEquals(0, r.json().get("rows").size());
    }

    @Test
    void kpisAcceptInstantsAndOtherZones() throws IOException {
        call(ADMIN, get("/analytics/kpis").param("from", "2026-11-01T08:00:00Z").param("to", "2026-11-01T12:00+03:30")
                .param("zone", "UTC").param("bucket", "hour"));
        KpiQuery q = service.queries.get(0);
        assertEquals(Instant.parse("2026-11-01T08:00:00Z"), q.from());
        assertEquals(Instant.parse("2026-11-01T08:30:00Z"), q.to());
        assertEquals(ZoneOffset.UTC.normalized(), q.zone().normalized());
        call(ADMIN, get("/analytics/kpis").param("to", "2026-11-10").param("zone", "Europe/Berlin"));
        KpiQuery q2 = service.queries.get(1);
        assertEquals(Instant.parse("2026-11-09T23:00:00Z"), q2.from(), "without 'from': the day of 'to'");
        assertEquals(Instant.parse("2026-11-10T23:00:00Z"), q2.to());
    }

    // ---------------------------------------------------------------- CSV

    @Test
    void kpisAsCsvHaveABomTheHeaderAndQuotedFields() throws IOException {
        service.rows = List.of(
                row(Dimension.INTENT, "کارت, مسدود", "2026-10-31T20:30:00Z", "conversations", 4L, "serviceLevel", 0.75,
                        "botFirstResponseSeconds", 0.0001),
                row(Dimension.INTENT, "say \"hi\"\nnow", "2026-10-31T20:30:00Z", "conversations", 1L),
                row(Dimension.INTENT, "=HYPERLINK(\"x\")", "2026-10-31T20:30:00Z"));
        FakeHttp.Response r = call(SUPERVISOR, get("/analytics/kpis").param("from", "2026-11-01")
                .param("dimension", "intent").param("format", "csv"));
        assertEquals(200, r.status);
        assertEquals("text/csv; charset=UTF-8", r.contentType);
        assertEquals("attachment; filename=\"pishkhan-kpis-2026-11-01-2026-11-23.csv\"",
                r.headers.get("Content-Disposition"));
        byte[] bytes = r.bytes();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
        String text = r.text().substring(1);
        assertTrue(text.endsWith("\r\n"));
        String[] lines = text.split("\r\n", -1);
        assertEquals("dimension,key,bucketStart," + String.join(",", KpiRow.NAMES), lines[0]);
        String empties = ",".repeat(KpiRow.NAMES.size() - 9);
        assertEquals("INTENT,\"کارت, مسدود\",2026-11-01T00:00:00+03:30,4,,,,,0.75,,,0.0001" + empties, lines[1]);
        assertEquals("INTENT,\"say \"\"hi\"\"\nnow\",2026-11-01T00:00:00+03:30,1" + ",".repeat(KpiRow.NAMES.size() - 1),
                lines[2], "quotes doubled, newline kept inside quotes");
        assertEquals("INTENT,\"'=HYPERLINK(\"\"x\"\")\",2026-11-01T00:00:00+03:30" + ",".repeat(KpiRow.NAMES.size()),
                lines[3], "a formula is neutralised");
        assertEquals(5, lines.length, "header, three rows, nothing after the last CRLF");
    }

    @Test
    void acceptTextCsvChoosesCsvUnlessFormatSaysJson() throws IOException {
        FakeHttp.Response csv = call(ADMIN, get("/analytics/kpis").header("Accept", "text/csv, */*;q=0.1"));
        assertEquals("text/csv; charset=UTF-8", csv.contentType);
        assertTrue(csv.text().startsWith("\uFEFFdimension,key,bucketStart,conversations,"));
        assertEquals("attachment; filename=\"pishkhan-kpis-2026-11-23.csv\"", csv.headers.get("Content-Disposition"));
        FakeHttp.Response json = call(ADMIN, get("/analytics/kpis").header("Accept", "text/csv").param("format", "JSON"));
        assertEquals("application/json", json.contentType);
    }

    // ---------------------------------------------------------------- bad parameters

    @Test
    void badParametersAre400sThatSayWhatIsWrong() throws IOException {
        assertBad(get("/analytics/kpis").param("bucket", "fortnight"),
                "bucket must be one of hour, day, week, month, total, not 'fortnight'");
        assertBad(get("/analytics/kpis").param("dimension", "customer"),
                "dimension must be one of all, queue, agent, channel, intent, not 'customer'");
        assertBad(get("/analytics/kpis").param("from", "yesterday"),
                "from must be a date (2026-11-01) or an ISO date-time (2026-11-01T08:30:00Z), not 'yesterday'");
        assertBad(get("/analytics/kpis").param("to", "2026-13-01"), "to must be a date");
        assertBad(get("/analytics/kpis").param("zone", "Mars/Olympus"), "zone must be a time zone");
        assertBad(get("/analytics/kpis").param("from", "2026-11-10").param("to", "2026-11-01"),
                "'to' (2026-11-02T00:00:00+03:30) must be after 'from' (2026-11-10T00:00:00+03:30)");
        assertBad(get("/analytics/kpis").param("from", "2025-01-01").param("to", "2026-11-01"),
                "is longer than 400 days");
        assertBad(get("/analytics/kpis").param("from", "2026-09-01").param("bucket", "hour"),
                "bucket=hour allows at most 31 days");
        assertBad(get("/analytics/kpis").param("format", "xml"), "format must be json or csv, not 'xml'");
        assertBad(get("/analytics/friction").param("limit", "ten"), "limit must be a number");
        assertBad(get("/analytics/friction").param("from", "1404-08-10T"), "from must be a date");
        assertTrue(service.queries.isEmpty() && service.frictionCalls.isEmpty(), "the service was not asked");
        // 400 days is allowed
        assertEquals(200, call(ADMIN, get("/analytics/kpis").param("from", "2025-10-02").param("to", "2026-11-05"))
                .status);
    }

    private void assertBad(FakeHttp.Request req, String message) throws IOException {
        FakeHttp.Response r = call(ADMIN, req);
        assertEquals(400, r.status, req.params.toString());
        JsonNode json = r.json();
        assertEquals(400, json.get("status").asInt());
        assertTrue(json.get("error").asText().contains(message), json.get("error").asText());
    }

    // ---------------------------------------------------------------- availability, roles, methods

    @Test
    void withoutTheServiceAnswers503ButSnapshotsStillWork() throws IOException {
        available = null;
        for (FakeHttp.Request req : List.of(get("/analytics/kpis"), get("/analytics/friction"),
                get("/analytics/wallboard"), new FakeHttp.Request("POST", "/analytics/rebuild"))) {
            FakeHttp.Response r = call(ADMIN, req);
            assertEquals(503, r.status, req.path);
            assertEquals("application/json", r.contentType);
            assertTrue(r.json().get("error").asText().contains("analytics service is not available"));
        }
        assertEquals(200, call(ADMIN, get("/analytics")).status);
    }

    @Test
    void supervisorsAndAdminsReadAgentsDoNotOnlyAdminsRebuild() throws IOException {
        FakeHttp.Response agent = call(AGENT, get("/analytics/kpis"));
        assertEquals(403, agent.status);
        assertEquals("role supervisor or admin required", agent.json().get("error").asText());
        assertEquals(403, call(AGENT, get("/analytics")).status);
        assertTrue(service.queries.isEmpty());

        assertEquals(200, call(SUPERVISOR, get("/analytics/kpis")).status);
        assertEquals(200, call(SUPERVISOR, get("/analytics/wallboard")).status);
        FakeHttp.Response denied = call(SUPERVISOR, new FakeHttp.Request("POST", "/analytics/rebuild"));
        assertEquals(403, denied.status);
        assertEquals("role admin required", denied.json().get("error").asText());
        assertEquals(0, service.rebuilds);

        FakeHttp.Response ok = call(ADMIN, new FakeHttp.Request("POST", "/analytics/rebuild"));
        assertEquals(202, ok.status);
        assertEquals(1, service.rebuilds);
        assertTrue(ok.json().get("rebuilding").asBoolean());
        assertEquals("root", ok.json().get("by").asText());
    }

    @Test
    void wrongMethodsAndUnknownPaths() throws IOException {
        FakeHttp.Response post = call(ADMIN, new FakeHttp.Request("POST", "/analytics/kpis"));
        assertEquals(405, post.status);
        assertEquals("GET", post.headers.get("Allow"));
        assertEquals(405, call(ADMIN, get("/analytics/rebuild")).status);
        assertEquals(404, call(ADMIN, get("/analytics/nothing")).status);
        assertEquals(404, call(ADMIN, get("/analytics/kpis/extra")).status);
        assertEquals(0, service.rebuilds);
        FakeHttp.Response other = new FakeHttp.Response();
        FakeHttp.Request conv = get("/conversations");
        assertFalse(api.handle("GET", conv.parts(), AGENT, conv.servlet(), other.servlet()), "not analytics");
    }

    // ---------------------------------------------------------------- friction, wallboard, snapshots

    @Test
    void frictionAsJsonAndCsv() throws IOException {
        service.friction = List.of(
                new FrictionRow(FrictionRow.Kind.HANDOFF_INTENT, "card_block", 8, 10, 0.8, List.of("c1", "c2")),
                new FrictionRow(FrictionRow.Kind.LONGEST_WAIT, "billing@14", 1, 20, 640.0, List.of("c9")));
        FakeHttp.Response json = call(SUPERVISOR, get("/analytics/friction").param("from", "2026-11-01")
                .param("to", "2026-11-07").param("limit", "500"));
        assertEquals(200, json.status);
        Object[] args = service.frictionCalls.get(0);
        assertEquals(Instant.parse("2026-10-31T20:30:00Z"), args[0]);
        assertEquals(Instant.parse("2026-11-07T20:30:00Z"), args[1]);
        assertEquals(ZoneId.of("Asia/Tehran"), args[2]);
        assertEquals(AnalyticsApi.MAX_FRICTION_LIMIT, args[3], "limit clamped");
        JsonNode body = json.json();
        assertEquals(100, body.get("query").get("limit").asInt());
        JsonNode first = body.get("rows").get(0);
        assertEquals("HANDOFF_INTENT", first.get("kind").asText());
        assertEquals("card_block", first.get("key").asText());
        assertEquals(8, first.get("count").asLong());
        assertEquals(10, first.get("total").asLong());
        assertEquals(0.8, first.get("rate").asDouble());
        assertEquals("c2", first.get("samples").get(1).asText());

        FakeHttp.Response csv = call(SUPERVISOR, get("/analytics/friction").param("format", "csv"));
        assertEquals(AnalyticsApi.DEFAULT_FRICTION_LIMIT, service.frictionCalls.get(1)[3]);
        assertEquals("\uFEFFkind,key,count,total,rate,samples\r\n"
                + "HANDOFF_INTENT,card_block,8,10,0.8,c1 c2\r\n"
                + "LONGEST_WAIT,billing@14,1,20,640,c9\r\n", csv.text());
    }

    @Test
    void wallboardAsJson() throws IOException {
        FakeHttp.Response r = call(SUPERVISOR, get("/analytics/wallboard"));
        assertEquals(200, r.status);
        JsonNode w = r.json();
        assertEquals("Asia/Tehran", w.get("zone").asText());
        assertEquals("2026-11-23T10:00:00+03:30", w.get("at").asText());
        JsonNode q = w.get("queues").get(0);
        assertEquals("billing", q.get("queueId").asText());
        assertEquals("صورتحساب", q.get("name").asText());
        assertEquals(3, q.get("waiting").asInt());
        assertEquals(95, q.get("longestWaitSeconds").asLong());
        assertEquals(0.8, q.get("serviceLevelToday").asDouble());
        assertEquals(2, w.get("agentsByState").get("AVAILABLE").asInt());
        assertTrue(w.get("serviceLevelToday").isNull());
        assertEquals(50, w.get("conversationsToday").asLong());
        assertEquals(7, w.get("lag").asLong());
        assertEquals(400, call(ADMIN, get("/analytics/wallboard").param("zone", "Nowhere")).status);
    }

    @Test
    void snapshotsOfEveryProcessorEvenAFailingOne() throws IOException {
        processors.add(processor("kpi", () -> Map.of("events", 3)));
        processors.add(processor("sentiment", () -> {
            throw new IllegalStateException("boom");
        }));
        FakeHttp.Response r = call(SUPERVISOR, get("/analytics"));
        assertEquals(200, r.status);
        JsonNode json = r.json();
        assertEquals(3, json.get("kpi").get("events").asInt());
        assertEquals("boom", json.get("sentiment").get("error").asText());
        assertNull(json.get("other"));
    }

    private static AnalyticsProcessor processor(String id, java.util.function.Supplier<Map<String, Object>> snap) {
        return new AnalyticsProcessor() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void onEvent(ConversationEvent event) {
            }

            @Override
            public Map<String, Object> snapshot() {
                return new LinkedHashMap<>(snap.get());
            }
        };
    }
}
