package io.pishkhan.api.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * KPI queries over the stored conversation events (the analytics store), for dashboards, reports and the REST API.
 * Every figure is derived from {@link ConversationEvent}s and can be recomputed with {@link #rebuild()}.
 */
public interface AnalyticsService {
    /** KPI rows, sorted by bucket start then key. */
    List<KpiRow> kpis(KpiQuery query);

    /** The friction report of conversations started in {@code [from, to)}: the worst {@code limit} rows per kind. */
    List<FrictionRow> friction(Instant from, Instant to, ZoneId zone, int limit);

    /** Live state (waiting per queue, longest wait, agents by state, today's service level in {@code zone}). */
    Wallboard wallboard(ZoneId zone);

    /** Drops the derived figures and recomputes them from the stored events (runs in the background). */
    void rebuild();

    /** Stored events not yet reflected in the figures (0 when up to date). */
    long lag();
}
