package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.Dimension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes to {@code analytics_daily} collected during one projection batch: every fact row added, replaced or whose
 * FCR flag flipped adds (or subtracts) its sums to its day's groups (ALL, its channel, intent, queue and agent);
 * {@link #apply} writes them as increments. Long-range queries then read a few hundred daily rows instead of every
 * conversation.
 */
final class DailyRollup {
    private record Group(String dimension, String key, Instant day, Instant week, Instant month) {
    }

    private final Map<Group, KpiSums> deltas = new LinkedHashMap<>();

    /** Adds (or with {@code subtract}, removes) one fact row's sums to its groups. */
    void add(Instant day, Instant week, Instant month, String queue, String agent, String channel, String intent,
            KpiSums sums, boolean subtract) {
        put(new Group(Dimension.ALL.name(), KpiCalculator.ALL_KEY, day, week, month), sums, subtract);
        put(new Group(Dimension.CHANNEL.name(), channel, day, week, month), sums, subtract);
        put(new Group(Dimension.INTENT.name(), intent, day, week, month), sums, subtract);
        if (queue != null) {
            put(new Group(Dimension.QUEUE.name(), queue, day, week, month), sums, subtract);
        }
        if (agent != null) {
            put(new Group(Dimension.AGENT.name(), agent, day, week, month), sums, subtract);
        }
    }

    private void put(Group g, KpiSums sums, boolean subtract) {
        KpiSums d = deltas.computeIfAbsent(g, k -> new KpiSums());
        if (subtract) {
            d.subtract(sums);
        } else {
            d.merge(sums);
        }
    }

    void apply(Connection c) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        StringBuilder set = new StringBuilder();
        for (String col : KpiSums.DAILY_COLUMNS) {
            set.append(set.length() == 0 ? "" : ", ").append(col).append(" = ").append(col).append(" + ?");
        }
        int n = KpiSums.DAILY_COLUMNS.size();
        try (PreparedStatement up = c.prepareStatement("UPDATE analytics_daily SET " + set
                + " WHERE dimension = ? AND dim_key = ? AND day_start = ?");
                PreparedStatement ins = c.prepareStatement("INSERT INTO analytics_daily (dimension, dim_key,"
                        + " day_start, week_start, month_start, " + String.join(", ", KpiSums.DAILY_COLUMNS)
                        + ") VALUES (?, ?, ?, ?, ?, " + String.join(", ", Collections.nCopies(n, "?")) + ")")) {
            for (Map.Entry<Group, KpiSums> e : deltas.entrySet()) {
                if (e.getValue().isZero()) {
                    continue;
                }
                Group g = e.getKey();
                long[] v = e.getValue().values();
                for (int i = 0; i < n; i++) {
                    up.setLong(i + 1, v[i]);
                }
                up.setString(n + 1, g.dimension());
                up.setString(n + 2, g.key());
                Sql.setInstant(up, n + 3, g.day());
                if (up.executeUpdate() == 0) {
                    ins.setString(1, g.dimension());
                    ins.setString(2, g.key());
                    Sql.setInstant(ins, 3, g.day());
                    Sql.setInstant(ins, 4, g.week());
                    Sql.setInstant(ins, 5, g.month());
                    for (int i = 0; i < n; i++) {
                        ins.setLong(6 + i, v[i]);
                    }
                    ins.executeUpdate();
                }
            }
        }
        deltas.clear();
    }
}
