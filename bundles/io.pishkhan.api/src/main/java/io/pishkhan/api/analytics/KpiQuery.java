package io.pishkhan.api.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * A KPI query: conversations that <em>started</em> in {@code [from, to)}, grouped by {@code dimension} and
 * {@code bucket} (cut in {@code zone}), optionally filtered (e.g. {@code QUEUE -> "billing"} to see only one queue's
 * conversations by agent).
 */
public record KpiQuery(Instant from, Instant to, Bucket bucket, Dimension dimension, ZoneId zone,
        Map<Dimension, String> filter) {
    public KpiQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("'to' must be after 'from'");
        }
        bucket = bucket == null ? Bucket.TOTAL : bucket;
        dimension = dimension == null ? Dimension.ALL : dimension;
        zone = zone == null ? ZoneId.of("Asia/Tehran") : zone;
        filter = filter == null ? Map.of() : Map.copyOf(filter);
    }

    public static KpiQuery total(Instant from, Instant to, Dimension dimension, ZoneId zone) {
        return new KpiQuery(from, to, Bucket.TOTAL, dimension, zone, Map.of());
    }
}
