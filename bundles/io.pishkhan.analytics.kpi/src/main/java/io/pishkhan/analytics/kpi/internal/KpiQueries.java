package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.FrictionRow;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.analytics.KpiRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Read side: KPI rows and the friction report, by SQL aggregation over {@code analytics_conversation} and
 * {@code analytics_feedback}. A query in the projection's zone groups by the stored bucket columns; a query in
 * another zone reads one row per conversation and cuts the buckets in Java (same sums, slower).
 */
final class KpiQueries {
    static final int SAMPLES = 5;

    private final DataSource dataSource;
    private final ZoneId projectionZone;

    KpiQueries(DataSource dataSource, ZoneId projectionZone) {
        this.dataSource = dataSource;
        this.projectionZone = projectionZone;
    }

    static String column(Dimension d) {
        return switch (d) {
            case ALL -> null;
            case QUEUE -> "queue_id";
            case AGENT -> "agent_id";
            case CHANNEL -> "channel";
            case INTENT -> "intent";
        };
    }

    static String bucketColumn(Bucket b) {
        return switch (b) {
            case HOUR -> "hour_start";
            case DAY -> "day_start";
            case WEEK -> "week_start";
            case MONTH -> "month_start";
            case TOTAL -> null;
        };
    }

    private record GroupKey(Instant bucket, String key) {
    }

    private boolean sameZone(ZoneId zone) {
        return zone.normalized().equals(projectionZone.normalized()) || zone.getId().equals(projectionZone.getId());
    }

    /** Whether {@code t} is the start of a day in the projection zone. */
    private boolean dayStart(Instant t) {
        return Buckets.startOf(Bucket.DAY, t, projectionZone).toInstant().equals(t);
    }

    List<KpiRow> kpis(KpiQuery q) throws SQLException {
        if (q.filter().isEmpty() && q.bucket() != Bucket.HOUR && dayStart(q.from()) && dayStart(q.to())
                && (q.bucket() == Bucket.TOTAL || sameZone(q.zone()))) {
            return daily(q);
        }
        String dim = column(q.dimension());
        boolean inSql = q.bucket() == Bucket.TOTAL || sameZone(q.zone());
        String bucketCol = inSql ? bucketColumn(q.bucket()) : "start_at";
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(dim == null ? "'all'" : dim).append(", ");
        sql.append(bucketCol == null ? "MIN(start_at)" : bucketCol);
        for (String c : KpiSums.COLUMNS) {
            sql.append(", ").append(inSql ? "SUM(" + c + ")" : c);
        }
        sql.append(" FROM analytics_conversation WHERE start_at >= ? AND start_at < ?");
        List<String> args = new ArrayList<>();
        for (Map.Entry<Dimension, String> f : q.filter().entrySet()) {
            String col = column(f.getKey());
            if (col != null && f.getValue() != null) {
                sql.append(" AND ").append(col).append(" = ?");
                args.add(f.getValue());
            }
        }
        if (dim != null) {
            sql.append(" AND ").append(dim).append(" IS NOT NULL");
        }
        if (inSql) {
            List<String> groupBy = new ArrayList<>();
            if (dim != null) {
                groupBy.add(dim);
            }
            if (bucketCol != null) {
                groupBy.add(bucketCol);
            }
            if (!groupBy.isEmpty()) {
                sql.append(" GROUP BY ").append(String.join(", ", groupBy));
            }
        }
        Map<GroupKey, KpiSums> groups = new TreeMap<>(Comparator.comparing(GroupKey::bucket)
                .thenComparing(GroupKey::key));
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.setInstant(ps, 1, q.from());
                Sql.setInstant(ps, 2, q.to());
                Sql.bind(ps, 3, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        if (n == 0) {
                            continue; // the row of an aggregate over nothing
                        }
                        Instant at = Sql.getInstant(rs, 2);
                        Instant bucket = q.bucket() == Bucket.TOTAL ? q.from()
                                : inSql ? at : Buckets.startOf(q.bucket(), at, q.zone()).toInstant();
                        groups.computeIfAbsent(new GroupKey(bucket, rs.getString(1)), k -> new KpiSums()).read(rs, 3);
                    }
                }
            }
            return null;
        });
        List<KpiRow> rows = new ArrayList<>(groups.size());
        groups.forEach((k, sums) -> rows.add(new KpiRow(q.dimension(), k.key(), k.bucket(), sums.kpis().toMap())));
        return rows;
    }

    /** From {@code analytics_daily}: whole days in the projection zone, no filter, DAY/WEEK/MONTH/TOTAL buckets. */
    private List<KpiRow> daily(KpiQuery q) throws SQLException {
        String bucketCol = bucketColumn(q.bucket());
        StringBuilder sql = new StringBuilder("SELECT dim_key, ");
        sql.append(bucketCol == null ? "MIN(day_start)" : bucketCol);
        for (String c : KpiSums.DAILY_COLUMNS) {
            sql.append(", SUM(").append(c).append(")");
        }
        sql.append(" FROM analytics_daily WHERE dimension = ? AND day_start >= ? AND day_start < ? GROUP BY dim_key");
        if (bucketCol != null) {
            sql.append(", ").append(bucketCol);
        }
        Map<GroupKey, KpiSums> groups = new TreeMap<>(Comparator.comparing(GroupKey::bucket)
                .thenComparing(GroupKey::key));
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setString(1, q.dimension().name());
                Sql.setInstant(ps, 2, q.from());
                Sql.setInstant(ps, 3, q.to());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(3) == 0) {
                            continue; // every conversation of the group moved elsewhere
                        }
                        Instant bucket = q.bucket() == Bucket.TOTAL ? q.from() : Sql.getInstant(rs, 2);
                        groups.computeIfAbsent(new GroupKey(bucket, rs.getString(1)), k -> new KpiSums()).read(rs, 3);
                    }
                }
            }
            return null;
        });
        List<KpiRow> rows = new ArrayList<>(groups.size());
        groups.forEach((k, sums) -> rows.add(new KpiRow(q.dimension(), k.key(), k.bucket(), sums.kpis().toMap())));
        return rows;
    }

    // ------------------------------------------------------------------------------------------------ friction

    List<FrictionRow> friction(Instant from, Instant to, ZoneId zone, int limit) throws SQLException {
        int n = Math.max(0, limit);
        List<FrictionRow> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        Sql.inTransaction(dataSource, c -> {
            out.addAll(perIntent(c, from, to, n));
            out.addAll(kbNotHelpful(c, from, to, n));
            out.addAll(longestWait(c, from, to, zone, n));
            return null;
        });
        return out;
    }

    /**
     * Per intent, in one pass over the range: handed off / conversations, not resolved by {@code to} /
     * conversations, scores 1-2 / surveys; per kind the worst (highest rate, then most), with the oldest samples.
     */
    private static List<FrictionRow> perIntent(Connection c, Instant from, Instant to, int limit)
            throws SQLException {
        Map<FrictionRow.Kind, List<FrictionRow>> rows = new LinkedHashMap<>();
        for (FrictionRow.Kind k : List.of(FrictionRow.Kind.HANDOFF_INTENT, FrictionRow.Kind.UNRESOLVED_INTENT,
                FrictionRow.Kind.LOW_CSAT_INTENT)) {
            rows.put(k, new ArrayList<>());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT intent, COUNT(*), SUM(handed_off),"
                + " SUM(CASE WHEN resolved_at IS NULL OR resolved_at >= ? THEN 1 ELSE 0 END), SUM(csat_low),"
                + " SUM(surveyed) FROM analytics_conversation WHERE start_at >= ? AND start_at < ? GROUP BY intent")) {
            Sql.setInstant(ps, 1, to);
            Sql.setInstant(ps, 2, from);
            Sql.setInstant(ps, 3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String intent = rs.getString(1);
                    long all = rs.getLong(2);
                    add(rows.get(FrictionRow.Kind.HANDOFF_INTENT), FrictionRow.Kind.HANDOFF_INTENT, intent,
                            rs.getLong(3), all);
                    add(rows.get(FrictionRow.Kind.UNRESOLVED_INTENT), FrictionRow.Kind.UNRESOLVED_INTENT, intent,
                            rs.getLong(4), all);
                    add(rows.get(FrictionRow.Kind.LOW_CSAT_INTENT), FrictionRow.Kind.LOW_CSAT_INTENT, intent,
                            rs.getLong(5), rs.getLong(6));
                }
            }
        }
        Map<FrictionRow.Kind, String> conditions = Map.of(FrictionRow.Kind.HANDOFF_INTENT, "handed_off = 1",
                FrictionRow.Kind.UNRESOLVED_INTENT, "(resolved_at IS NULL OR resolved_at >= ?)",
                FrictionRow.Kind.LOW_CSAT_INTENT, "csat_low = 1");
        List<FrictionRow> out = new ArrayList<>();
        for (Map.Entry<FrictionRow.Kind, List<FrictionRow>> e : rows.entrySet()) {
            String condition = conditions.get(e.getKey());
            for (FrictionRow r : worst(e.getValue(), limit)) {
                List<String> samples = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT conversation_id FROM analytics_conversation"
                        + " WHERE start_at >= ? AND start_at < ? AND intent = ? AND " + condition
                        // start_at only: the index order, so the scan stops at the 5th match (no sort)
                        + " ORDER BY start_at FETCH FIRST " + SAMPLES + " ROWS ONLY")) {
                    Sql.setInstant(ps, 1, from);
                    Sql.setInstant(ps, 2, to);
                    ps.setString(3, r.key());
                    if (condition.contains("?")) {
                        Sql.setInstant(ps, 4, to);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            samples.add(rs.getString(1));
                        }
                    }
                }
                out.add(new FrictionRow(r.kind(), r.key(), r.count(), r.total(), r.rate(), samples));
            }
        }
        return out;
    }

    private static void add(List<FrictionRow> rows, FrictionRow.Kind kind, String key, long count, long total) {
        if (count > 0 && total > 0) {
            rows.add(new FrictionRow(kind, key, count, total, (double) count / total, List.of()));
        }
    }

    private static List<FrictionRow> worst(List<FrictionRow> rows, int limit) {
        return rows.stream().sorted(Comparator.comparingDouble(FrictionRow::rate).reversed()
                .thenComparing(Comparator.comparingLong(FrictionRow::count).reversed())
                .thenComparing(FrictionRow::key)).limit(limit).toList();
    }

    private static List<FrictionRow> kbNotHelpful(Connection c, Instant from, Instant to, int limit)
            throws SQLException {
        List<FrictionRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT article_key, SUM(1 - helpful), COUNT(*)"
                + " FROM analytics_feedback WHERE start_at >= ? AND start_at < ? GROUP BY article_key")) {
            Sql.setInstant(ps, 1, from);
            Sql.setInstant(ps, 2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(2);
                    if (count > 0) {
                        rows.add(new FrictionRow(FrictionRow.Kind.KB_NOT_HELPFUL, rs.getString(1), count,
                                rs.getLong(3), (double) count / rs.getLong(3), List.of()));
                    }
                }
            }
        }
        List<FrictionRow> out = new ArrayList<>();
        for (FrictionRow r : worst(rows, limit)) {
            List<String> samples = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT conversation_id, start_at"
                    + " FROM analytics_feedback WHERE start_at >= ? AND start_at < ? AND article_key = ?"
                    + " AND helpful = 0 ORDER BY start_at, conversation_id FETCH FIRST " + SAMPLES + " ROWS ONLY")) {
                Sql.setInstant(ps, 1, from);
                Sql.setInstant(ps, 2, to);
                ps.setString(3, r.key());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        samples.add(rs.getString(1));
                    }
                }
            }
            out.add(new FrictionRow(r.kind(), r.key(), r.count(), r.total(), r.rate(), samples));
        }
        return out;
    }

    /**
     * Per queue and hour of day of the first QUEUED (in {@code zone}): rate = the longest wait in seconds (answered:
     * until assigned; abandoned: until abandoned), count = total = the waits of that group; longest first, samples
     * the longest waits.
     */
    private List<FrictionRow> longestWait(Connection c, Instant from, Instant to, ZoneId zone, int limit)
            throws SQLException {
        record Wait(String id, long ms) {
        }
        // one pass over the range, top waits per group kept in Java (per-group sample queries would each scan and
        // sort the range)
        boolean sameZone = sameZone(zone);
        Map<String, List<Wait>> groups = new LinkedHashMap<>();
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT queue_id, queued_hour, queued_at, wait_ms,"
                + " conversation_id FROM analytics_conversation WHERE start_at >= ? AND start_at < ?"
                + " AND queue_id IS NOT NULL AND wait_ms IS NOT NULL")) {
            Sql.setInstant(ps, 1, from);
            Sql.setInstant(ps, 2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int hour = sameZone ? rs.getInt(2) : Sql.getInstant(rs, 3).atZone(zone).getHour();
                    String key = rs.getString(1) + "@" + hour;
                    counts.merge(key, 1L, Long::sum);
                    List<Wait> top = groups.computeIfAbsent(key, k -> new ArrayList<>(SAMPLES + 1));
                    top.add(new Wait(rs.getString(5), rs.getLong(4)));
                    if (top.size() > SAMPLES) {
                        top.sort(Comparator.comparingLong(Wait::ms).reversed().thenComparing(Wait::id));
                        top.remove(SAMPLES);
                    }
                }
            }
        }
        List<FrictionRow> rows = new ArrayList<>();
        groups.forEach((key, top) -> {
            top.sort(Comparator.comparingLong(Wait::ms).reversed().thenComparing(Wait::id));
            long n = counts.get(key);
            rows.add(new FrictionRow(FrictionRow.Kind.LONGEST_WAIT, key, n, n, top.get(0).ms() / 1000.0,
                    top.stream().map(Wait::id).collect(Collectors.toList())));
        });
        return rows.stream().sorted(Comparator.comparingDouble(FrictionRow::rate).reversed()
                .thenComparing(FrictionRow::key)).limit(limit).toList();
    }
}
