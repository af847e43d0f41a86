package io.pishkhan.analytics.sentiment.internal;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.nlu.SentimentScore;
import io.pishkhan.api.nlu.SentimentService;
import io.pishkhan.api.store.ConversationStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analytics processor {@value #ID}: scores every customer message with the {@link SentimentService} and writes the
 * result back to the conversation through {@link ConversationService#annotate}, so that triage, routing rules, the
 * agent desktop and the KPI store see it.
 *
 * <p>Per {@link EventType#RECEIVED} event (data {@code messageId}) the message is read from the
 * {@link ConversationStore}; messages that are not inbound customer messages are ignored. Scoring runs on the
 * processor's own single worker thread behind a bounded queue ({@code queue.size}): {@link #onEvent} only enqueues,
 * and when the queue is full the message is dropped, counted ({@code dropped}) and logged at most once a minute.
 * One worker keeps the messages of a conversation in order.
 *
 * <p>Per scored message: context {@value #CTX_SCORE} = the conversation's smoothed score and {@value #CTX_LAST} =
 * the message's score (both -1..1, three decimals), event {@link EventType#SENTIMENT_SCORED} (data {@code score},
 * {@code label}, {@code confidence}, {@code messageId}, {@code smoothed}, {@code modelVersion}). When the
 * conversation turns negative (see {@link SentimentTracker}) also event {@link EventType#SENTIMENT_ALERT} (data
 * {@code score} = smoothed score, {@code messageId}) and context {@value #CTX_ALERT} = {@code true}, removed when it
 * recovers. Without a sentiment model for the message's language (score with model version 0 and no label) nothing
 * is written ({@code noModel}). Without a SentimentService the events are skipped ({@code unavailable}).
 */
@Component(service = AnalyticsProcessor.class, name = SentimentProcessor.PID, configurationPid = SentimentProcessor.PID,
        property = AnalyticsProcessor.PROP_PROCESSOR_ID + "=" + SentimentProcessor.ID)
@Designate(ocd = SentimentConfig.class)
public class SentimentProcessor implements AnalyticsProcessor {
    static final String ID = "sentiment";
    static final String PID = "io.pishkhan.analytics.sentiment";
    /** Context key: the conversation's smoothed score, -1..1. */
    static final String CTX_SCORE = "sentiment";
    /** Context key: the last customer message's score, -1..1. */
    static final String CTX_LAST = "sentiment.last";
    /** Context key: {@code true} while the conversation is alerted. */
    static final String CTX_ALERT = "sentiment.alert";
    /** Messages read per lookup before falling back to the whole transcript. */
    static final int RECENT = 20;
    static final long WARN_INTERVAL_MILLIS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(SentimentProcessor.class);

    /**
     * Looked up on the worker thread when a message is scored, not injected: the core's extension tracker binds every
     * analytics processor while the core activates, so any DS reference from here back to the core's
     * ConversationService (static or dynamic) ran into "ServiceFactory.getService() resulted in a cycle" on some start
     * orders, and a dynamic one then stayed unbound.
     */
    private final java.util.function.Supplier<ConversationService> conversations;
    private final ConversationStore store;
    private final Clock clock;
    private final SentimentTracker tracker = new SentimentTracker();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SentimentService sentiment;

    private volatile Settings settings;
    private volatile ThreadPoolExecutor executor;

    private final LongAdder scored = new LongAdder();
    private final LongAdder alerts = new LongAdder();
    private final LongAdder recoveries = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    /** Tasks submitted and not finished yet. */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder noModel = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong lastDropWarning = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastFailureWarning = new AtomicLong(Long.MIN_VALUE);

    private final Object today = new Object();
    private LocalDate day;
    private double daySum;
    private long dayCount;

    @Activate
    public SentimentProcessor(@Reference ConversationStore store, SentimentConfig config,
            org.osgi.framework.BundleContext context) {
        this(lookup(context), store, Settings.from(config), Clock.systemUTC());
    }

    SentimentProcessor(ConversationService conversations, ConversationStore store, Settings settings, Clock clock) {
        this(() -> conversations, store, settings, clock);
    }

    /** The registered ConversationService, looked up at each call (null when absent or the bundle is stopping). */
    static java.util.function.Supplier<ConversationService> lookup(org.osgi.framework.BundleContext context) {
        return () -> {
            try {
                org.osgi.framework.ServiceReference<ConversationService> ref =
                        context.getServiceReference(ConversationService.class);
                if (ref == null) {
                    return null;
                }
                ConversationService service = context.getService(ref);
                if (service != null) {
                    context.ungetService(ref); // the core holds it; the count need not stay up between calls
                }
                return service;
            } catch (IllegalStateException stopping) {
                return null;
            }
        };
    }

    private SentimentProcessor(java.util.function.Supplier<ConversationService> conversations,
            ConversationStore store, Settings settings, Clock clock) {
        this.conversations = conversations;
        this.store = store;
        this.clock = clock;
        apply(settings, "activated");
    }

    @Modified
    void modified(SentimentConfig config) {
        apply(Settings.from(config), "reconfigured");
    }

    private synchronized void apply(Settings next, String what) {
        for (String problem : next.problems()) {
            LOG.warn("{}: {}", PID, problem);
        }
        Settings previous = settings;
        settings = next;
        if (previous == null || previous.queueSize() != next.queueSize()) {
            ThreadPoolExecutor old = executor;
            executor = newExecutor(next.queueSize());
            if (old != null) {
                old.shutdown(); // what it holds is still scored
            }
        }
        LOG.info("sentiment processor {}: enabled {}, threshold {}, reset {}, smoothing {}, queue {}", what,
                next.enabled(), next.threshold(), next.reset(), next.smoothing(), next.queueSize());
    }

    private static ThreadPoolExecutor newExecutor(int queueSize) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize),
                r -> {
                    Thread t = new Thread(r, "pishkhan-sentiment");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    @Deactivate
    void deactivate() {
        ThreadPoolExecutor e = executor;
        e.shutdown();
        try {
            if (!e.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.info("sentiment processor stopped with {} messages not scored", e.shutdownNow().size());
            }
        } catch (InterruptedException ex) {
            e.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void onEvent(ConversationEvent event) {
        if (event == null || event.conversationId() == null || !settings.enabled()) {
            return;
        }
        if (event.type() == EventType.RESOLVED) {
            String cid = event.conversationId();
            if (!submit(() -> tracker.forget(cid))) {
                tracker.forget(cid);
            }
            return;
        }
        if (event.type() != EventType.RECEIVED) {
            return;
        }
        String messageId = event.data().get("messageId");
        if (messageId == null || messageId.isBlank()) {
            ignored.increment();
            return;
        }
        if (sentiment == null) {
            unavailable.increment();
            return;
        }
        if (!submit(() -> score(event.conversationId(), messageId))) {
            dropped.increment();
            if (rateLimited(lastDropWarning)) {
                LOG.warn("sentiment queue full ({} messages): message {} of conversation {} not scored; {} dropped "
                        + "so far (raise queue.size in {}.cfg, or the scoring is too slow)", settings.queueSize(),
                        messageId, event.conversationId(), dropped.sum(), PID);
            }
        }
    }

    private boolean submit(Runnable task) {
        pending.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    pending.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            return false;
        }
    }

    private boolean rateLimited(AtomicLong last) {
        long now = clock.millis();
        long prev = last.get();
        return (prev == Long.MIN_VALUE || now - prev >= WARN_INTERVAL_MILLIS) && last.compareAndSet(prev, now);
    }

    /** Scores one message and writes the result back; runs on the worker. */
    void score(String conversationId, String messageId) {
        try {
            SentimentService service = sentiment;
            ConversationService conversations = this.conversations.get();
            if (service == null || conversations == null) {
                unavailable.increment();
                return;
            }
            Message m = message(conversationId, messageId);
            if (m == null || m.senderType() != SenderType.CUSTOMER || m.direction() != Direction.INBOUND
                    || m.text().isBlank()) {
                ignored.increment();
                return;
            }
            SentimentScore s = service.score(m.text(), null);
            if (s == null || s.modelVersion() == 0 && s.label() == null) {
                noModel.increment();
                return;
            }
            Settings current = settings;
            double x = SentimentTracker.clamp(s.score());
            SentimentTracker.Step step = tracker.apply(conversationId, x, current, () -> seed(conversationId));
            Map<String, String> context = new LinkedHashMap<>();
            context.put(CTX_SCORE, fmt(step.mood().smoothed()));
            context.put(CTX_LAST, fmt(x));
            if (step.recovered()) {
                context.put(CTX_ALERT, ""); // blank removes the key
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("score", fmt(x));
            if (s.label() != null) {
                data.put("label", s.label());
            }
            data.put("confidence", fmt(s.confidence()));
            data.put("messageId", messageId);
            data.put("smoothed", fmt(step.mood().smoothed()));
            data.put("modelVersion", String.valueOf(s.modelVersion()));
            Optional<Conversation> updated = conversations.annotate(conversationId, context,
                    EventType.SENTIMENT_SCORED, data);
            if (updated.isEmpty()) {
                tracker.forget(conversationId);
                ignored.increment();
                return;
            }
            scored.increment();
            addToday(x);
            if (step.recovered()) {
                recoveries.increment();
            }
            if (step.alert()) {
                conversations.annotate(conversationId, Map.of(CTX_ALERT, "true"), EventType.SENTIMENT_ALERT,
                        Map.of("score", fmt(step.mood().smoothed()), "messageId", messageId));
                alerts.increment();
                LOG.info("conversation {} turned negative: sentiment {} after message {}", conversationId,
                        fmt(step.mood().smoothed()), messageId);
            }
        } catch (RuntimeException e) {
            failed.increment();
            if (rateLimited(lastFailureWarning)) {
                LOG.warn("scoring message {} of conversation {} failed ({} failures so far)", messageId,
                        conversationId, failed.sum(), e);
            }
        }
    }

    private Message message(String conversationId, String messageId) {
        List<Message> recent = store.recentMessages(conversationId, RECENT);
        for (int i = recent.size() - 1; i >= 0; i--) {
            if (recent.get(i).id().equals(messageId)) {
                return recent.get(i);
            }
        }
        if (recent.size() < RECENT) {
            return null; // that was the whole transcript
        }
        return store.messages(conversationId).stream().filter(x -> x.id().equals(messageId)).findFirst()
                .orElse(null);
    }

    /** The state kept in the conversation's context (after a restart or an eviction), or null. */
    private SentimentTracker.Mood seed(String conversationId) {
        Conversation c = store.conversation(conversationId).orElse(null);
        String v = c == null ? null : c.context().get(CTX_SCORE);
        if (v == null) {
            return null;
        }
        try {
            return new SentimentTracker.Mood(SentimentTracker.clamp(Double.parseDouble(v)), 0,
                    "true".equals(c.context().get(CTX_ALERT)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void addToday(double x) {
        LocalDate now = LocalDate.now(clock.withZone(settings.zone()));
        synchronized (today) {
            if (!now.equals(day)) {
                day = now;
                daySum = 0;
                dayCount = 0;
            }
            daySum += x;
            dayCount++;
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * {@code {"enabled", "sentimentService": "available"|"absent", "messagesScored", "alertsRaised", "recoveries",
     * "dropped", "ignored", "unavailable", "noModel", "failed", "queued", "day", "scoredToday",
     * "averageScoreToday" (null when none), "openNegativeConversations", "conversationsTracked", "threshold",
     * "resetLevel", "smoothing", "queueSize"}}.
     */
    @Override
    public Map<String, Object> snapshot() {
        Settings s = settings;
        LocalDate now = LocalDate.now(clock.withZone(s.zone()));
        long count;
        double sum;
        synchronized (today) {
            boolean current = now.equals(day);
            count = current ? dayCount : 0;
            sum = current ? daySum : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", s.enabled());
        out.put("sentimentService", sentiment == null ? "absent" : "available");
        out.put("messagesScored", scored.sum());
        out.put("alertsRaised", alerts.sum());
        out.put("recoveries", recoveries.sum());
        out.put("dropped", dropped.sum());
        out.put("ignored", ignored.sum());
        out.put("unavailable", unavailable.sum());
        out.put("noModel", noModel.sum());
        out.put("failed", failed.sum());
        out.put("queued", (long) executor.getQueue().size());
        out.put("day", now.toString());
        out.put("scoredToday", count);
        out.put("averageScoreToday", count == 0 ? null : Math.round(sum / count * 1000) / 1000.0);
        out.put("openNegativeConversations", (long) tracker.alerted());
        out.put("conversationsTracked", (long) tracker.size());
        out.put("threshold", s.threshold());
        out.put("resetLevel", s.reset());
        out.put("smoothing", s.smoothing());
        out.put("queueSize", (long) s.queueSize());
        return out;
    }

    SentimentTracker tracker() {
        return tracker;
    }

    /** Waits until the worker is idle (tests). */
    boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            // our own count: the executor's task counts are approximate (a task just taken from the queue is in
            // neither), which made a test see "idle" one task early
            if (pending.get() == 0) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
