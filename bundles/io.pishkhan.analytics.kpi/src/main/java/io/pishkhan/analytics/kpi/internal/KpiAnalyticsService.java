package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.FrictionRow;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.analytics.KpiRow;
import io.pishkhan.api.analytics.Wallboard;
import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.RoutingHints;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.api.store.StoreException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KPI analytics store: {@link AnalyticsService} over the fact table the {@link Projector} keeps from
 * {@code conversation_event}, and analytics processor {@value #ID}, whose {@link #onEvent} only wakes the projector
 * (the event is already stored) and whose {@link #snapshot()} is today's KPIs per queue from the fact table.
 *
 * <p>One projector thread: woken by every event and polling every {@code pollSeconds}, it projects batches until
 * caught up; a failing batch is rolled back and retried at the next wake-up.
 */
@Component(service = {AnalyticsService.class, AnalyticsProcessor.class}, immediate = true,
        configurationPid = KpiAnalyticsService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = AnalyticsProcessor.PROP_PROCESSOR_ID + "=" + KpiAnalyticsService.ID)
@Designate(ocd = AnalyticsConfig.class)
public final class KpiAnalyticsService implements AnalyticsService, AnalyticsProcessor {
    public static final String PID = "io.pishkhan.analytics.kpi";
    static final String ID = "kpi";
    private static final Logger LOG = LoggerFactory.getLogger(KpiAnalyticsService.class);

    private final ConversationStore store;
    private final AgentDirectory directory;
    private final Clock clock;
    private final ZoneId zone;
    private final Projector projector;
    private final KpiQueries queries;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean wakePending = new AtomicBoolean();

    /** Declarative Services constructor. The store reference makes sure its schema (conversation_event) exists. */
    @Activate
    public KpiAnalyticsService(
            @Reference(name = "dataSource", target = "(dataSourceName=pishkhan)") DataSource dataSource,
            @Reference(name = "store") ConversationStore store,
            @Reference(name = "directory") AgentDirectory directory, AnalyticsConfig config) {
        this(dataSource, store, directory, ZoneId.of(config.zone()), Duration.ofDays(config.fcrWindowDays()),
                config.serviceLevelSeconds(), config.batchSize(), Clock.systemUTC());
        executor.scheduleWithFixedDelay(this::drain, 0, Math.max(1, config.pollSeconds()), TimeUnit.SECONDS);
    }

    /** Plain constructor (tests, benchmark): creates the tables; nothing runs until {@link #catchUp()} or a poll. */
    KpiAnalyticsService(DataSource dataSource, ConversationStore store, AgentDirectory directory, ZoneId zone,
            Duration fcrWindow, long defaultTargetSeconds, int batchSize, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.projector = new Projector(dataSource, new Projector.Settings(zone, fcrWindow, defaultTargetSeconds,
                this::serviceLevelTargets, Math.max(10, batchSize), Duration.ofSeconds(5), Clock.systemUTC()));
        this.queries = new KpiQueries(dataSource, zone);
        try {
            projector.init();
        } catch (SQLException e) {
            throw new StoreException("cannot create the analytics tables: " + e.getMessage(), e);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pishkhan-analytics-projector");
            t.setDaemon(true);
            return t;
        });
        LOG.info("KPI analytics store ready (zone {}, FCR window {}, batch {})", zone, fcrWindow, batchSize);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Long> serviceLevelTargets() {
        Map<String, Long> out = new HashMap<>();
        if (directory != null) {
            for (Queue q : directory.queues()) {
                out.put(q.id(), (long) q.slaSeconds());
            }
        }
        return out;
    }

    /** Projects until caught up; runs on the projector thread only. Failures are logged and retried later. */
    private void drain() {
        try {
            projector.catchUp();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Analytics projection failed (retried at the next event or poll): {}", e.toString());
        }
    }

    /** Runs the projector now on its thread and waits until it is caught up (tests, benchmark). */
    void catchUp() {
        await(executor.submit(this::drain));
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    Projector projector() {
        return projector;
    }

    // ------------------------------------------------------------------------------------ AnalyticsProcessor

    @Override
    public String id() {
        return ID;
    }

    /** The event is already stored: just wake the projector (at most one wake-up pending). */
    @Override
    public void onEvent(ConversationEvent event) {
        if (wakePending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakePending.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false); // shutting down
            }
        }
    }

    /**
     * {@code {"zone", "day", "lag", "all": {kpis}, "queues": {queueId: {kpis}}}}: today's conversations (started
     * today in the projection zone), KPI maps as in {@link Kpis#toMap()}.
     */
    @Override
    public Map<String, Object> snapshot() {
        ZonedDateTime today = Buckets.startOf(Bucket.DAY, clock.instant(), zone);
        Instant from = today.toInstant();
        Instant to = today.plusDays(1).toInstant();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("zone", zone.getId());
        result.put("day", today.toLocalDate().toString());
        result.put("lag", lag());
        List<KpiRow> all = kpis(KpiQuery.total(from, to, Dimension.ALL, zone));
        result.put("all", all.isEmpty() ? Map.of() : all.get(0).values());
        Map<String, Object> queues = new LinkedHashMap<>();
        for (KpiRow r : kpis(KpiQuery.total(from, to, Dimension.QUEUE, zone))) {
            queues.put(r.key(), r.values());
        }
        result.put("queues", queues);
        return result;
    }

    // -------------------------------------------------------------------------------------- AnalyticsService

    @Override
    public List<KpiRow> kpis(KpiQuery query) {
        Objects.requireNonNull(query, "query");
        try {
            return queries.kpis(query);
        } catch (SQLException e) {
            throw new StoreException("KPI query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<FrictionRow> friction(Instant from, Instant to, ZoneId zone, int limit) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        try {
            return queries.friction(from, to, zone == null ? this.zone : zone, limit);
        } catch (SQLException e) {
            throw new StoreException("friction query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Wallboard wallboard(ZoneId zone) {
        ZoneId z = zone == null ? this.zone : zone;
        Instant now = clock.instant();
        Map<String, int[]> waiting = new LinkedHashMap<>();
        Map<String, Long> longest = new HashMap<>();
        for (ConversationState st : new ConversationState[] {ConversationState.QUEUED, ConversationState.OFFERED}) {
            for (Conversation c : store.conversations(st, 100_000)) {
                String q = c.queueId() == null ? "" : c.queueId();
                waiting.computeIfAbsent(q, k -> new int[1])[0]++;
                Instant since = RoutingHints.of(c).waitingSince();
                if (since == null) {
                    since = c.updatedAt() != null ? c.updatedAt() : c.createdAt();
                }
                long secs = since == null ? 0 : Math.max(0, Duration.between(since, now).getSeconds());
                longest.merge(q, secs, Math::max);
            }
        }
        Map<String, Integer> active = store.activeConversationsByAgent();
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (String s : new String[] {"AVAILABLE", "BUSY", "AWAY", "OFFLINE"}) {
            byState.put(s, 0);
        }
        List<Agent> free = new ArrayList<>();
        for (Agent a : directory.agents()) {
            String state;
            if (a.presence() == Presence.AVAILABLE) {
                boolean full = active.getOrDefault(a.id(), 0) >= a.capacity();
                state = full ? "BUSY" : "AVAILABLE";
                if (!full) {
                    free.add(a);
                }
            } else {
                state = a.presence() == null ? "OFFLINE" : a.presence().name();
            }
            byState.merge(state, 1, Integer::sum);
        }
        ZonedDateTime today = Buckets.startOf(Bucket.DAY, now, z);
        Instant from = today.toInstant();
        Instant to = today.plusDays(1).toInstant();
        Map<String, KpiRow> perQueue = new HashMap<>();
        for (KpiRow r : kpis(KpiQuery.total(from, to, Dimension.QUEUE, z))) {
            perQueue.put(r.key(), r);
        }
        List<KpiRow> allRows = kpis(KpiQuery.total(from, to, Dimension.ALL, z));
        KpiRow all = allRows.isEmpty() ? null : allRows.get(0);

        List<Wallboard.QueueLine> lines = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Queue q : directory.queues()) {
            names.put(q.id(), q.name());
        }
        for (String q : waiting.keySet()) {
            if (!q.isEmpty()) {
                names.putIfAbsent(q, q);
            }
        }
        for (Map.Entry<String, String> q : names.entrySet()) {
            KpiRow r = perQueue.get(q.getKey());
            int n = waiting.containsKey(q.getKey()) ? waiting.get(q.getKey())[0] : 0;
            int agents = (int) free.stream().filter(a -> a.serves(q.getKey())).count();
            lines.add(new Wallboard.QueueLine(q.getKey(), q.getValue(), n, longest.getOrDefault(q.getKey(), 0L),
                    agents, r == null ? null : r.number("serviceLevel"), count(r, "answered"),
                    count(r, "abandoned")));
        }
        return new Wallboard(now, lines, byState, all == null ? null : all.number("serviceLevel"),
                count(all, "conversations"), count(all, "resolved"), count(all, "abandoned"));
    }

    private static long count(KpiRow r, String name) {
        Double v = r == null ? null : r.number(name);
        return v == null ? 0 : v.longValue();
    }

    @Override
    public void rebuild() {
        executor.execute(() -> {
            try {
                projector.rebuild();
                LOG.info("Analytics projection reset; replaying every stored event");
            } catch (SQLException e) {
                LOG.warn("Analytics rebuild failed: {}", e.toString());
            }
            drain();
        });
    }

    @Override
    public long lag() {
        try {
            return projector.lag();
        } catch (SQLException e) {
            throw new StoreException("cannot read the analytics lag: " + e.getMessage(), e);
        }
    }

    /** Static factory for the benchmark (plain classpath, no OSGi); starts polling every second. */
    public static AnalyticsService standalone(DataSource dataSource, ConversationStore store,
            AgentDirectory directory, String zone, int batchSize) {
        return new KpiAnalyticsService(dataSource, store, directory, ZoneId.of(zone), Duration.ofDays(7), 20,
                batchSize, Clock.systemUTC());
    }

    /** Benchmark helper: projects on the projector thread until caught up. */
    public static void catchUp(AnalyticsService service) {
        ((KpiAnalyticsService) service).catchUp();
    }
}
