package io.pishkhan.core.internal;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.bot.ChatbotEngine;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.conversation.ConversationListener;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.RoutingStrategy;
import io.pishkhan.api.routing.TriageService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every installed extension (whiteboard) of the four kinds and selects the active chatbot engine and routing
 * strategy: the configured one when installed, else the highest {@code service.ranking}, then the smallest id.
 * Extensions come and go at runtime (bundles started, stopped, updated); the next decision uses what is there.
 */
@Component(service = ExtensionTracker.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ExtensionTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionTracker.class);

    /** An extension and its service ranking. */
    record Entry<T>(String id, T service, int ranking) {
    }

    /** Kinds reported to {@link ArrivalListener}s. */
    enum Kind { CHANNEL, BOT, STRATEGY }

    /**
     * Told when a channel, chatbot engine or routing strategy arrives (a plugin started, updated or swapped), so
     * work waiting for it resumes at once. Called on the thread that binds the service: it must only hand off.
     */
    interface ArrivalListener {
        void arrived(Kind kind, String id);
    }

    private final Map<String, Entry<ChatbotEngine>> bots = new ConcurrentHashMap<>();
    private final Map<String, Entry<RoutingStrategy>> strategies = new ConcurrentHashMap<>();
    private final Map<String, Entry<AnalyticsProcessor>> processors = new ConcurrentHashMap<>();
    private final Map<String, Entry<ChannelConnector>> channels = new ConcurrentHashMap<>();
    private final List<ConversationListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ArrivalListener> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When each chatbot engine installed since the core started was last removed (absent: still installed). */
    private final Map<String, java.time.Instant> botsRemoved = new ConcurrentHashMap<>();
    private volatile java.time.Instant lastBotRemoved;
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();
    private volatile CoreConfig config;
    private volatile TriageService triage;
    private volatile BusinessHoursService hours;
    private volatile BlacklistService blacklist;
    private volatile io.pishkhan.api.nlu.SentimentService sentiment;

    @Activate
    @Modified
    public void configure(CoreConfig cfg) {
        this.config = cfg;
        LOG.info("preferred bot engine '{}', routing strategy '{}'", cfg.bot_engine(), cfg.routing_strategy());
    }

    public Optional<ChatbotEngine> bot() {
        return select(bots, config == null ? null : config.bot_engine());
    }

    public Optional<RoutingStrategy> strategy() {
        return select(strategies, config == null ? null : config.routing_strategy());
    }

    /**
     * Whether inbound messages should wait for a chatbot engine rather than go to the engine selected now (or to an
     * agent): the configured engine was installed earlier in this run and was removed less than {@code hold} ago
     * (it is being stopped, updated or swapped), or no engine is installed and the last one went less than
     * {@code hold} ago. An engine never seen (an appliance without a bot, a configured id that is not installed)
     * makes nobody wait, nor does one gone for longer (then the selection applies as before).
     */
    public boolean botAwaited(java.time.Duration hold) {
        java.time.Instant since = clock.instant().minus(hold);
        String preferred = config == null ? null : config.bot_engine();
        if (preferred != null && !preferred.isBlank() && !bots.containsKey(preferred)) {
            java.time.Instant gone = botsRemoved.get(preferred);
            if (gone != null && gone.isAfter(since)) {
                return true;
            }
        }
        java.time.Instant last = lastBotRemoved;
        return bots.isEmpty() && last != null && last.isAfter(since);
    }

    /** The clock of removal times (tests move it). */
    void clock(java.time.Clock c) {
        this.clock = c;
    }

    void addArrivalListener(ArrivalListener l) {
        arrivals.add(l);
    }

    void removeArrivalListener(ArrivalListener l) {
        arrivals.remove(l);
    }

    private void arrived(Kind kind, String id) {
        if (id == null) {
            return;
        }
        for (ArrivalListener l : arrivals) {
            try {
                l.arrived(kind, id);
            } catch (RuntimeException e) {
                LOG.warn("arrival listener failed on {} '{}'", kind, id, e);
            }
        }
    }

    /** The strategy with this id when installed (a queue's own choice), else the appliance's selection. */
    public Optional<RoutingStrategy> strategy(String preferredForQueue) {
        if (preferredForQueue != null) {
            Entry<RoutingStrategy> e = strategies.get(preferredForQueue);
            if (e != null) {
                return Optional.of(e.service());
            }
        }
        return strategy();
    }

    /** The routing policy services (rule sets and triage, business hours, blacklist): optional plugins. */
    public Optional<TriageService> triage() {
        return Optional.ofNullable(triage);
    }

    /** The sentiment engine (plugin {@code nlu}), used to score a handoff the analytics processor has not scored yet. */
    public Optional<io.pishkhan.api.nlu.SentimentService> sentiment() {
        return Optional.ofNullable(sentiment);
    }

    public Optional<BusinessHoursService> businessHours() {
        return Optional.ofNullable(hours);
    }

    public Optional<BlacklistService> blacklist() {
        return Optional.ofNullable(blacklist);
    }

    public Optional<ChannelConnector> channel(String channelId) {
        return Optional.ofNullable(channels.get(channelId)).map(Entry::service);
    }

    public List<ConversationListener> listeners() {
        return listeners;
    }

    public List<AnalyticsProcessor> processors() {
        return processors.values().stream().sorted(Comparator.comparing(Entry::id)).map(Entry::service).toList();
    }

    /** What is installed per kind and what is selected, for the REST API and the console. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bots", ids(bots));
        out.put("selectedBot", bot().map(ChatbotEngine::id).orElse(null));
        out.put("routingStrategies", ids(strategies));
        out.put("selectedRoutingStrategy", strategy().map(RoutingStrategy::id).orElse(null));
        out.put("analyticsProcessors", ids(processors));
        out.put("channels", ids(channels));
        out.put("triage", triage != null);
        out.put("sentiment", sentiment != null);
        out.put("businessHours", hours != null);
        out.put("blacklist", blacklist != null);
        return out;
    }

    private static List<String> ids(Map<String, ? extends Entry<?>> m) {
        List<String> ids = new ArrayList<>(m.keySet());
        ids.sort(null);
        return ids;
    }

    static <T> Optional<T> select(Map<String, Entry<T>> entries, String preferred) {
        if (preferred != null) {
            Entry<T> e = entries.get(preferred);
            if (e != null) {
                return Optional.of(e.service());
            }
        }
        return entries.values().stream()
                .sorted(Comparator.comparingInt((Entry<T> e) -> -e.ranking()).thenComparing(Entry::id))
                .map(Entry::service).findFirst();
    }

    /** Adds the extension; returns its id, or null when it has none. */
    private static <T> String add(String kind, Map<String, Entry<T>> m, T service, Map<String, Object> props,
            Function<T, String> idOf) {
        String id;
        try {
            id = idOf.apply(service);
        } catch (RuntimeException e) {
            LOG.error("{} {} has no usable id; ignored", kind, service.getClass().getName(), e);
            return null;
        }
        Object r = props.get(Constants.SERVICE_RANKING);
        int ranking = r instanceof Integer i ? i : 0;
        Entry<T> previous = m.put(id, new Entry<>(id, service, ranking));
        LOG.info("{} '{}' {}", kind, id, previous == null ? "added" : "replaced");
        return id;
    }

    /** Removes the extension; returns the ids it was known by. */
    private static <T> List<String> remove(String kind, Map<String, Entry<T>> m, T service) {
        List<String> removed = new ArrayList<>();
        m.values().removeIf(e -> {
            if (e.service() == service) {
                LOG.info("{} '{}' removed", kind, e.id());
                removed.add(e.id());
                return true;
            }
            return false;
        });
        return removed;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindBot(ChatbotEngine s, Map<String, Object> props) {
        String id = add("chatbot engine", bots, s, props, ChatbotEngine::id);
        if (id != null) {
            botsRemoved.remove(id);
        }
        arrived(Kind.BOT, id);
    }

    void unbindBot(ChatbotEngine s) {
        java.time.Instant now = clock.instant();
        for (String id : remove("chatbot engine", bots, s)) {
            if (!bots.containsKey(id)) {
                botsRemoved.put(id, now);
                lastBotRemoved = now;
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStrategy(RoutingStrategy s, Map<String, Object> props) {
        arrived(Kind.STRATEGY, add("routing strategy", strategies, s, props, RoutingStrategy::id));
    }

    void unbindStrategy(RoutingStrategy s) {
        remove("routing strategy", strategies, s);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindProcessor(AnalyticsProcessor s, Map<String, Object> props) {
        add("analytics processor", processors, s, props, AnalyticsProcessor::id);
    }

    void unbindProcessor(AnalyticsProcessor s) {
        remove("analytics processor", processors, s);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindChannel(ChannelConnector s, Map<String, Object> props) {
        arrived(Kind.CHANNEL, add("channel", channels, s, props, ChannelConnector::channelId));
    }

    void unbindChannel(ChannelConnector s) {
        remove("channel", channels, s);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindListener(ConversationListener l) {
        listeners.add(l);
    }

    void unbindListener(ConversationListener l) {
        listeners.remove(l);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindTriage(TriageService s) {
        triage = s;
        LOG.info("routing rules / triage service added");
    }

    void unbindTriage(TriageService s) {
        if (triage == s) {
            triage = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindHours(BusinessHoursService s) {
        hours = s;
    }

    void unbindHours(BusinessHoursService s) {
        if (hours == s) {
            hours = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindBlacklist(BlacklistService s) {
        blacklist = s;
    }

    void unbindBlacklist(BlacklistService s) {
        if (blacklist == s) {
            blacklist = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindSentiment(io.pishkhan.api.nlu.SentimentService s) {
        sentiment = s;
    }

    void unbindSentiment(io.pishkhan.api.nlu.SentimentService s) {
        if (sentiment == s) {
            sentiment = null;
        }
    }
}
