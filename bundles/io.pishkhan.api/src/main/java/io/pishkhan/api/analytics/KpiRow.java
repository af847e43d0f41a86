package io.pishkhan.api.analytics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of KPIs: a dimension value in one time bucket.
 *
 * @param key         queue id, agent id, channel, intent, or {@code "all"}
 * @param bucketStart start of the bucket (in the query's zone), or the range start for {@link Bucket#TOTAL}
 * @param values      the figures, in the order of {@link #NAMES}; a value is a {@code Long} (counts), a
 *                    {@code Double} (seconds, rates 0-1, averages) or {@code null} when its denominator is 0
 */
public record KpiRow(Dimension dimension, String key, Instant bucketStart, Map<String, Object> values) {
    /** Every KPI name, in display order (definitions in the analytics.kpi module README). */
    public static final java.util.List<String> NAMES = java.util.List.of("conversations", "queued", "answered",
            "abandoned", "asaSeconds", "serviceLevel", "abandonmentRate", "firstResponseSeconds",
            "botFirstResponseSeconds", "ahtSeconds", "resolved", "resolutionSeconds", "fcrEligible", "fcrResolved",
            "fcrRate", "botContainmentRate", "handoffRate", "surveys", "csatAverage", "csatSatisfiedShare",
            "transfers", "transfersPerConversation");

    public KpiRow {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bucketStart, "bucketStart");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
    }

    public Double number(String name) {
        Object v = values.get(name);
        return v instanceof Number n ? n.doubleValue() : null;
    }
}
