package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.Dimension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Pure-Java KPI calculator (no OSGi): turns conversation events, in any order, into KPIs per dimension value and
 * time bucket. Stateless and thread-safe; the definitions are in the README.
 *
 * <p>Every conversation is attributed as a whole: it falls in the bucket of its start (first {@code RECEIVED}, or
 * its earliest event when no {@code RECEIVED} was kept) and in the groups {@code ALL/"all"}, its channel, its intent,
 * its entry queue (first {@code QUEUED} queueId) and its agent (agentId of its last {@code ASSIGNED}).
 */
public final class KpiCalculator {
    /** Group key for conversations without a channel or intent. */
    public static final String UNKNOWN = ConversationFacts.UNKNOWN;
    public static final String ALL_KEY = "all";
    public static final long DEFAULT_SERVICE_LEVEL_SECONDS = 20;
    public static final Duration DEFAULT_FCR_WINDOW = Duration.ofDays(7);

    /** Key of one KPI row. */
    public record Key(Dimension dimension, String value, ZonedDateTime bucketStart) {
    }

    /**
     * Inputs besides the events.
     *
     * @param customers conversationId → customerId; used first, then {@code customerId} in event data
     * @param serviceLevelTargets queueId → target seconds (missing queues use {@code defaultTargetSeconds})
     */
    public record Options(Bucket bucket, ZoneId zone, Map<String, String> customers,
            Map<String, Long> serviceLevelTargets, long defaultTargetSeconds, Duration fcrWindow) {
        public Options {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(zone, "zone");
            customers = customers == null ? Map.of() : Map.copyOf(customers);
            serviceLevelTargets = serviceLevelTargets == null ? Map.of() : Map.copyOf(serviceLevelTargets);
            fcrWindow = fcrWindow == null ? DEFAULT_FCR_WINDOW : fcrWindow;
        }

        public static Options of(Bucket bucket, ZoneId zone) {
            return new Options(bucket, zone, Map.of(), Map.of(), DEFAULT_SERVICE_LEVEL_SECONDS, DEFAULT_FCR_WINDOW);
        }

        public Options withCustomers(Map<String, String> c) {
            return new Options(bucket, zone, c, serviceLevelTargets, defaultTargetSeconds, fcrWindow);
        }

        public Options withTargets(Map<String, Long> t) {
            return new Options(bucket, zone, customers, t, defaultTargetSeconds, fcrWindow);
        }

        public Options withFcrWindow(Duration w) {
            return new Options(bucket, zone, customers, serviceLevelTargets, defaultTargetSeconds, w);
        }

        /** The service-level target of a queue (the default for none or an unknown queue). */
        public long targetSeconds(String queueId) {
            return queueId == null ? defaultTargetSeconds
                    : serviceLevelTargets.getOrDefault(queueId, defaultTargetSeconds);
        }
    }

    private KpiCalculator() {
    }

    /** KPI rows sorted by dimension, value and bucket start ({@link Bucket#TOTAL}: one bucket starting at the epoch). */
    public static Map<Key, Kpis> compute(Collection<ConversationEvent> events, Options options) {
        List<ConversationFacts> conversations = ConversationFacts.of(events, options.customers());
        Map<String, List<ConversationFacts>> byCustomer = new HashMap<>();
        for (ConversationFacts f : conversations) {
            if (f.customerId() != null) {
                byCustomer.computeIfAbsent(f.customerId(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<Key, KpiSums> sums = new TreeMap<>(Comparator.comparing((Key k) -> k.dimension())
                .thenComparing(Key::value).thenComparing(k -> k.bucketStart().toInstant()));
        for (ConversationFacts f : conversations) {
            ZonedDateTime bucket = options.bucket() == Bucket.TOTAL ? Instant.EPOCH.atZone(options.zone())
                    : Buckets.startOf(options.bucket(), f.start(), options.zone());
            KpiSums one = new KpiSums();
            one.add(f, options.targetSeconds(f.queueId()), f.firstContactResolved(
                    byCustomer.getOrDefault(f.customerId(), List.of()).stream().map(ConversationFacts::candidate)
                            .toList(), options.fcrWindow()));
            merge(sums, new Key(Dimension.ALL, ALL_KEY, bucket), one);
            merge(sums, new Key(Dimension.CHANNEL, f.channel(), bucket), one);
            merge(sums, new Key(Dimension.INTENT, f.intent(), bucket), one);
            if (f.queueId() != null) {
                merge(sums, new Key(Dimension.QUEUE, f.queueId(), bucket), one);
            }
            if (f.agentId() != null) {
                merge(sums, new Key(Dimension.AGENT, f.agentId(), bucket), one);
            }
        }
        Map<Key, Kpis> out = new LinkedHashMap<>();
        sums.forEach((k, a) -> out.put(k, a.kpis()));
        return out;
    }

    private static void merge(Map<Key, KpiSums> sums, Key key, KpiSums one) {
        sums.computeIfAbsent(key, k -> new KpiSums()).merge(one);
    }
}
