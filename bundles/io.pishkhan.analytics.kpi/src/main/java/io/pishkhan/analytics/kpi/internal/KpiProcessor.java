package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.ConversationEvent;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Analytics processor {@value #ID}: keeps the last {@value #DEFAULT_CAPACITY} events in memory and reports today's
 * KPIs (in {@value #DEFAULT_ZONE}) overall and per entry queue, computed by {@link KpiCalculator}. Customer ids for
 * first contact resolution come from {@code customerId} in event data (the core writes it on {@code IDENTIFIED}).
 */
@Component(service = AnalyticsProcessor.class,
        property = AnalyticsProcessor.PROP_PROCESSOR_ID + "=" + KpiProcessor.ID)
public class KpiProcessor implements AnalyticsProcessor {
    static final String ID = "kpi";
    static final int DEFAULT_CAPACITY = 100_000;
    static final String DEFAULT_ZONE = "Asia/Tehran";

    private final Clock clock;
    private final ZoneId zone;
    private final int capacity;
    private final Deque<ConversationEvent> events = new ArrayDeque<>();

    public KpiProcessor() {
        this(Clock.systemUTC(), ZoneId.of(DEFAULT_ZONE), DEFAULT_CAPACITY);
    }

    KpiProcessor(Clock clock, ZoneId zone, int capacity) {
        this.clock = clock;
        this.zone = zone;
        this.capacity = Math.max(1, capacity);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void onEvent(ConversationEvent event) {
        if (event == null) {
            return;
        }
        synchronized (events) {
            events.addLast(event);
            while (events.size() > capacity) {
                events.removeFirst();
            }
        }
    }

    /**
     * {@code {"zone": "Asia/Tehran", "day": "2026-11-23", "events": n, "all": {kpis}, "queues": {queueId: {kpis}}}};
     * today's conversations are those that started today in the zone; KPI maps as in {@link Kpis#toMap()}.
     */
    @Override
    public Map<String, Object> snapshot() {
        List<ConversationEvent> copy;
        synchronized (events) {
            copy = new ArrayList<>(events);
        }
        ZonedDateTime today = Bucket.DAY.startOf(clock.instant(), zone);
        Map<KpiCalculator.Key, Kpis> rows = KpiCalculator.compute(copy, KpiCalculator.Options.of(Bucket.DAY, zone));
        Map<String, Object> queues = new LinkedHashMap<>();
        Map<String, Object> all = null;
        for (Map.Entry<KpiCalculator.Key, Kpis> row : rows.entrySet()) {
            KpiCalculator.Key key = row.getKey();
            if (!key.bucketStart().equals(today)) {
                continue;
            }
            if (key.dimension() == Dimension.ALL) {
                all = row.getValue().toMap();
            } else if (key.dimension() == Dimension.QUEUE) {
                queues.put(key.value(), row.getValue().toMap());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("zone", zone.getId());
        result.put("day", today.toLocalDate().toString());
        result.put("events", (long) copy.size());
        result.put("all", all == null ? Map.of() : all);
        result.put("queues", queues);
        return result;
    }
}
