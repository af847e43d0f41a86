package io.pishkhan.core.internal.rest;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.FrictionRow;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.analytics.KpiRow;
import io.pishkhan.api.analytics.Wallboard;
import io.pishkhan.api.security.Login;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics part of the REST API (role {@code supervisor} or {@code admin}; rebuild: {@code admin}):
 *
 * <pre>
 * GET  /api/v1/analytics                 snapshot of every analytics processor
 * GET  /api/v1/analytics/kpis?from=&amp;to=&amp;zone=&amp;bucket=&amp;dimension=&amp;queue=&amp;agent=&amp;channel=&amp;intent=&amp;format=
 *      {"query":{from,to,zone,bucket,dimension,filter},"lag":n,"rows":[{dimension,key,bucketStart,values}],"next":...}
 *      (JSON pages with limit/offset, up to 10,000 rows a page, all by default; CSV has every row)
 * GET  /api/v1/analytics/friction?from=&amp;to=&amp;zone=&amp;limit=&amp;offset=&amp;format=
 *      {"query":{from,to,zone,limit,offset},"rows":[{kind,key,count,total,rate,samples}],"next":url or null}
 * GET  /api/v1/analytics/wallboard?zone=
 * POST /api/v1/analytics/rebuild         202 (admin)
 * </pre>
 *
 * {@code from}/{@code to}: a date ({@code 2026-11-01}, the day in {@code zone}; a date {@code to} includes that day),
 * a date-time with offset ({@code 2026-11-01T08:30:00Z}, {@code 2026-11-01T12:00+03:30}) or a local date-time in
 * {@code zone}; by default today in {@code zone} (default {@value #DEFAULT_ZONE_ID}); at most {@value #MAX_DAYS} days,
 * {@value #MAX_HOUR_DAYS} with hourly buckets. {@code bucket} (hour, day, week, month, total; default total) and
 * {@code dimension} (all, queue, agent, channel, intent; default all) ignore case. Times in answers are ISO
 * date-times with the zone's offset. {@code format=csv} or {@code Accept: text/csv} answers CSV ({@link CsvWriter}:
 * UTF-8 with BOM, RFC 4180). A bad parameter is a 400 that names it; no analytics service is a 503.
 */
final class AnalyticsApi {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsApi.class);
    static final String DEFAULT_ZONE_ID = "Asia/Tehran";
    static final int MAX_DAYS = 400;
    static final int MAX_HOUR_DAYS = 31;
    static final int DEFAULT_FRICTION_LIMIT = 10;
    static final int MAX_FRICTION_LIMIT = 100;
    /** Friction rows a page may reach (offset + limit). */
    static final int MAX_FRICTION_WINDOW = 1000;
    /** KPI rows of one JSON page (and the default: usually all); CSV answers every row. */
    static final int MAX_KPI_PAGE = 10_000;
    /** Query parameters that filter KPI rows, and the dimension each filters. */
    static final Map<String, Dimension> FILTERS = Map.of("queue", Dimension.QUEUE, "agent", Dimension.AGENT,
            "channel", Dimension.CHANNEL, "intent", Dimension.INTENT);
    static final List<String> KPI_CSV_HEADER;
    static final List<String> FRICTION_CSV_HEADER = List.of("kind", "key", "count", "total", "rate", "samples");

    static {
        List<String> h = new ArrayList<>(List.of("dimension", "key", "bucketStart"));
        h.addAll(KpiRow.NAMES);
        KPI_CSV_HEADER = List.copyOf(h);
    }

    private final Supplier<AnalyticsService> service;
    private final Supplier<List<AnalyticsProcessor>> processors;
    private final Clock clock;

    AnalyticsApi(Supplier<AnalyticsService> service, Supplier<List<AnalyticsProcessor>> processors, Clock clock) {
        this.service = service;
        this.processors = processors;
        this.clock = clock;
    }

    /** @return false when the path is not an analytics resource */
    boolean handle(String method, String[] p, Login login, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        if (!p[0].equals("analytics")) {
            return false;
        }
        if (!login.hasRole("admin") && !login.hasRole("supervisor")) {
            ApiServlet.error(resp, 403, "role supervisor or admin required");
            return true;
        }
        String sub = p.length == 1 ? "" : p.length == 2 ? p[1] : null;
        String allowed = sub == null ? null : switch (sub) {
            case "", "kpis", "friction", "wallboard" -> "GET";
            case "rebuild" -> "POST";
            default -> null;
        };
        if (allowed == null) {
            ApiServlet.error(resp, 404, "no such resource");
            return true;
        }
        if (!allowed.equals(method)) {
            resp.setHeader("Allow", allowed);
            ApiServlet.error(resp, 405, method + " not allowed; use " + allowed);
            return true;
        }
        if (sub.equals("")) {
            snapshots(resp);
            return true;
        }
        if (sub.equals("rebuild") && !login.hasRole("admin")) {
            ApiServlet.error(resp, 403, "role admin required");
            return true;
        }
        AnalyticsService a = service.get();
        if (a == null) {
            ApiServlet.error(resp, 503, "the analytics service is not available (starting, or not installed)");
            return true;
        }
        try {
            switch (sub) {
                case "kpis" -> kpis(a, req, resp);
                case "friction" -> friction(a, req, resp);
                case "wallboard" -> wallboard(a, req, resp);
                default -> rebuild(a, login.user(), resp);
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            ApiServlet.error(resp, 400, e.getMessage());
        }
        return true;
    }

    private void snapshots(HttpServletResponse resp) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (AnalyticsProcessor ap : processors.get()) {
            try {
                out.put(ap.id(), ap.snapshot());
            } catch (RuntimeException e) {
                out.put(ap.id(), Map.of("error", String.valueOf(e.getMessage())));
            }
        }
        ApiServlet.write(resp, 200, out);
    }

    // ---------------------------------------------------------------- KPIs

    private void kpis(AnalyticsService a, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean csv = csv(req);
        ZoneId zone = zone(req);
        Range range = range(req, zone);
        Bucket bucket = enumParam(req, "bucket", Bucket.class, Bucket.TOTAL);
        Dimension dimension = enumParam(req, "dimension", Dimension.class, Dimension.ALL);
        if (bucket == Bucket.HOUR && range.to.isAfter(range.from.atZone(zone).plusDays(MAX_HOUR_DAYS).toInstant())) {
            throw new IllegalArgumentException("bucket=hour allows at most " + MAX_HOUR_DAYS + " days; use day");
        }
        Map<Dimension, String> filter = new EnumMap<>(Dimension.class);
        for (Map.Entry<String, Dimension> f : FILTERS.entrySet()) {
            String v = param(req, f.getKey());
            if (v != null) {
                filter.put(f.getValue(), v);
            }
        }
        Paging paging = csv ? null : Paging.of(req, MAX_KPI_PAGE, MAX_KPI_PAGE);
        List<KpiRow> rows = a.kpis(new KpiQuery(range.from, range.to, bucket, dimension, zone, filter));
        if (csv) {
            try (CsvOut out = csvOut(resp, "kpis", range, zone)) {
                out.csv.row(KPI_CSV_HEADER);
                for (KpiRow r : rows) {
                    List<Object> cells = new ArrayList<>(KPI_CSV_HEADER.size());
                    cells.add(r.dimension().name());
                    cells.add(r.key());
                    cells.add(time(r.bucketStart(), zone));
                    for (String name : KpiRow.NAMES) {
                        cells.add(r.values().get(name));
                    }
                    out.csv.row(cells);
                }
            }
            return;
        }
        Map<String, Object> query = range.json(zone);
        query.put("bucket", bucket.name());
        query.put("dimension", dimension.name());
        Map<String, String> f = new LinkedHashMap<>();
        filter.forEach((d, v) -> f.put(d.name().toLowerCase(Locale.ROOT), v));
        query.put("filter", f);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", query);
        out.put("lag", a.lag());
        out.put("rows", paging.page(rows).stream().map(r -> kpiRow(r, zone)).toList());
        out.put("next", paging.next(req, resp, paging.hasNext(rows)));
        ApiServlet.write(resp, 200, out);
    }

    static Map<String, Object> kpiRow(KpiRow r, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimension", r.dimension().name());
        m.put("key", r.key());
        m.put("bucketStart", time(r.bucketStart(), zone));
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : KpiRow.NAMES) {
            values.put(name, r.values().get(name));
        }
        r.values().forEach(values::putIfAbsent); // figures a newer service adds
        m.put("values", values);
        return m;
    }

    // ---------------------------------------------------------------- friction, wallboard, rebuild

    private void friction(AnalyticsService a, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean csv = csv(req);
        ZoneId zone = zone(req);
        Range range = range(req, zone);
        Paging paging = Paging.of(req, DEFAULT_FRICTION_LIMIT, MAX_FRICTION_LIMIT);
        int window = paging.offset() + paging.limit();
        if (window > MAX_FRICTION_WINDOW) {
            throw new IllegalArgumentException("offset + limit may be at most " + MAX_FRICTION_WINDOW + " for friction");
        }
        int limit = paging.limit();
        // the top offset+limit rows; a full page may have a next one (which can be empty)
        List<FrictionRow> all = a.friction(range.from, range.to, zone, window);
        List<FrictionRow> rows = paging.page(all);
        if (csv) {
            try (CsvOut out = csvOut(resp, "friction", range, zone)) {
                out.csv.row(FRICTION_CSV_HEADER);
                for (FrictionRow r : rows) {
                    out.csv.row(r.kind().name(), r.key(), r.count(), r.total(), r.rate(), String.join(" ", r.samples()));
                }
            }
            return;
        }
        Map<String, Object> query = range.json(zone);
        query.put("limit", limit);
        query.put("offset", paging.offset());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", query);
        out.put("rows", rows.stream().map(AnalyticsApi::frictionRow).toList());
        out.put("next", paging.next(req, resp, all.size() >= window && window < MAX_FRICTION_WINDOW));
        ApiServlet.write(resp, 200, out);
    }

    static Map<String, Object> frictionRow(FrictionRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind().name());
        m.put("key", r.key());
        m.put("count", r.count());
        m.put("total", r.total());
        m.put("rate", r.rate());
        m.put("samples", r.samples());
        return m;
    }

    private void wallboard(AnalyticsService a, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ZoneId zone = zone(req);
        Wallboard w = a.wallboard(zone);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("zone", zone.getId());
        out.put("at", time(w.at(), zone));
        List<Map<String, Object>> queues = new ArrayList<>();
        for (Wallboard.QueueLine q : w.queues()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queueId", q.queueId());
            m.put("name", q.name());
            m.put("waiting", q.waiting());
            m.put("longestWaitSeconds", q.longestWaitSeconds());
            m.put("agentsAvailable", q.agentsAvailable());
            m.put("serviceLevelToday", q.serviceLevelToday());
            m.put("answeredToday", q.answeredToday());
            m.put("abandonedToday", q.abandonedToday());
            queues.add(m);
        }
        out.put("queues", queues);
        out.put("agentsByState", new java.util.TreeMap<>(w.agentsByState()));
        out.put("serviceLevelToday", w.serviceLevelToday());
        out.put("conversationsToday", w.conversationsToday());
        out.put("resolvedToday", w.resolvedToday());
        out.put("abandonedToday", w.abandonedToday());
        out.put("lag", a.lag());
        ApiServlet.write(resp, 200, out);
    }

    private void rebuild(AnalyticsService a, String actor, HttpServletResponse resp) throws IOException {
        a.rebuild();
        LOG.info("analytics rebuild started by {}", actor);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rebuilding", true);
        out.put("by", actor);
        out.put("lag", a.lag());
        ApiServlet.write(resp, 202, out);
    }

    // ---------------------------------------------------------------- parameters

    /** {@code [from, to)} of a request. */
    record Range(Instant from, Instant to) {
        Map<String, Object> json(ZoneId zone) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", time(from, zone));
            m.put("to", time(to, zone));
            m.put("zone", zone.getId());
            return m;
        }
    }

    Range range(HttpServletRequest req, ZoneId zone) {
        String f = param(req, "from");
        String t = param(req, "to");
        Instant to = t == null ? LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone).toInstant()
                : instant("to", t, zone, true);
        Instant from = f == null ? to.minusNanos(1).atZone(zone).toLocalDate().atStartOfDay(zone).toInstant()
                : instant("from", f, zone, false);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("'to' (" + time(to, zone) + ") must be after 'from' ("
                    + time(from, zone) + ")");
        }
        if (to.isAfter(from.atZone(zone).plusDays(MAX_DAYS).toInstant())) {
            throw new IllegalArgumentException("the range from " + time(from, zone) + " to " + time(to, zone)
                    + " is longer than " + MAX_DAYS + " days");
        }
        return new Range(from, to);
    }

    /** A date (its start in {@code zone}; the next day's start when {@code end}), a date-time with offset, or local. */
    static Instant instant(String name, String s, ZoneId zone, boolean end) {
        try {
            LocalDate d = LocalDate.parse(s);
            return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            // not a date
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date (2026-11-01) or an ISO date-time "
                    + "(2026-11-01T08:30:00Z), not '" + s + "'");
        }
    }

    static ZoneId zone(HttpServletRequest req) {
        String z = param(req, "zone");
        if (z == null) {
            return ZoneId.of(DEFAULT_ZONE_ID);
        }
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone must be a time zone such as Asia/Tehran, UTC or +03:30, not '"
                    + z + "'");
        }
    }

    static <E extends Enum<E>> E enumParam(HttpServletRequest req, String name, Class<E> type, E dflt) {
        String s = param(req, name);
        if (s == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", not '" + s
                    + "'");
        }
    }

    /** CSV when {@code format=csv}, or without {@code format} when the client accepts {@code text/csv}. */
    static boolean csv(HttpServletRequest req) {
        String format = param(req, "format");
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new IllegalArgumentException("format must be json or csv, not '" + format + "'");
            };
        }
        String accept = req.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    /** A parameter without surrounding blanks, {@code null} when absent or blank. */
    static String param(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static String time(Instant t, ZoneId zone) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone));
    }

    // ---------------------------------------------------------------- CSV response

    /** A CSV download; flushes on close (the container closes the stream). */
    private record CsvOut(CsvWriter csv) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            csv.flush();
        }
    }

    private static CsvOut csvOut(HttpServletResponse resp, String what, Range range, ZoneId zone) throws IOException {
        resp.setStatus(200);
        resp.setContentType(CsvWriter.MEDIA_TYPE);
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        LocalDate first = range.from.atZone(zone).toLocalDate();
        LocalDate last = range.to.minusNanos(1).atZone(zone).toLocalDate();
        resp.setHeader("Content-Disposition", "attachment; filename=\"pishkhan-" + what + "-" + first
                + (last.equals(first) ? "" : "-" + last) + ".csv\"");
        return new CsvOut(CsvWriter.utf8(resp.getOutputStream()));
    }
}
