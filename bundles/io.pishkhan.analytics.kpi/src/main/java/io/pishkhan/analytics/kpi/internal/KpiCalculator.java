package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
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
    public static final String UNKNOWN = "unknown";
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
    }

    /** Facts of one conversation, derived from its events sorted by time. */
    static final class Facts {
        String id;
        String channel;
        String intent;
        String queueId;
        String agentId;
        String customerId;
        Instant start;
        Instant firstQueued;
        Instant firstAssignedAfterQueue;
        Instant firstAssigned;
        Instant firstAgentReply;
        Instant firstBotAnswer;
        Instant resolvedAt;
        boolean handedOff;
        boolean abandoned;
        int transfers;
        Integer surveyScore;
    }

    private KpiCalculator() {
    }

    /** KPI rows sorted by dimension, value and bucket start. */
    public static Map<Key, Kpis> compute(Collection<ConversationEvent> events, Options options) {
        List<Facts> conversations = facts(events, options.customers());
        Map<String, List<Facts>> byCustomer = new HashMap<>();
        for (Facts f : conversations) {
            if (f.customerId != null) {
                byCustomer.computeIfAbsent(f.customerId, k -> new ArrayList<>()).add(f);
            }
        }
        Map<Key, Acc> accs = new TreeMap<>(Comparator.comparing((Key k) -> k.dimension())
                .thenComparing(Key::value).thenComparing(k -> k.bucketStart().toInstant()));
        for (Facts f : conversations) {
            ZonedDateTime bucket = options.bucket().startOf(f.start, options.zone());
            Acc acc = new Acc();
            acc.add(f, options, byCustomer);
            merge(accs, new Key(Dimension.ALL, ALL_KEY, bucket), acc);
            merge(accs, new Key(Dimension.CHANNEL, f.channel, bucket), acc);
            merge(accs, new Key(Dimension.INTENT, f.intent, bucket), acc);
            if (f.queueId != null) {
                merge(accs, new Key(Dimension.QUEUE, f.queueId, bucket), acc);
            }
            if (f.agentId != null) {
                merge(accs, new Key(Dimension.AGENT, f.agentId, bucket), acc);
            }
        }
        Map<Key, Kpis> out = new LinkedHashMap<>();
        accs.forEach((k, a) -> out.put(k, a.kpis()));
        return out;
    }

    private static void merge(Map<Key, Acc> accs, Key key, Acc one) {
        accs.computeIfAbsent(key, k -> new Acc()).merge(one);
    }

    static List<Facts> facts(Collection<ConversationEvent> events, Map<String, String> customers) {
        Map<String, List<ConversationEvent>> byConversation = new LinkedHashMap<>();
        for (ConversationEvent e : events) {
            if (e != null && e.conversationId() != null) {
                byConversation.computeIfAbsent(e.conversationId(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Facts> out = new ArrayList<>();
        for (Map.Entry<String, List<ConversationEvent>> entry : byConversation.entrySet()) {
            List<ConversationEvent> list = entry.getValue();
            // stable sort: events with equal times keep their input order
            list.sort(Comparator.comparing(ConversationEvent::at));
            Facts f = new Facts();
            f.id = entry.getKey();
            f.customerId = customers.get(f.id);
            String botIntent = null;
            Instant firstReceived = null;
            for (ConversationEvent e : list) {
                Map<String, String> d = e.data();
                if (f.channel == null && e.channel() != null && !e.channel().isBlank()) {
                    f.channel = e.channel();
                }
                if (f.customerId == null && d.get("customerId") != null) {
                    f.customerId = d.get("customerId");
                }
                switch (e.type()) {
                    case RECEIVED -> firstReceived = firstReceived == null ? e.at() : firstReceived;
                    case BOT_ANSWERED -> {
                        f.firstBotAnswer = f.firstBotAnswer == null ? e.at() : f.firstBotAnswer;
                        botIntent = d.getOrDefault("intent", botIntent);
                    }
                    case HANDED_OFF -> {
                        f.handedOff = true;
                        if (f.intent == null && d.get("intent") != null) {
                            f.intent = d.get("intent");
                        }
                    }
                    case QUEUED -> {
                        if (f.firstQueued == null) {
                            f.firstQueued = e.at();
                            f.queueId = d.get("queueId");
                        }
                    }
                    case ASSIGNED -> {
                        f.firstAssigned = f.firstAssigned == null ? e.at() : f.firstAssigned;
                        if (f.firstQueued != null && f.firstAssignedAfterQueue == null) {
                            f.firstAssignedAfterQueue = e.at();
                        }
                        f.agentId = d.getOrDefault("agentId", f.agentId);
                        if (f.queueId == null) {
                            f.queueId = d.get("queueId");
                        }
                    }
                    case AGENT_REPLIED -> f.firstAgentReply = f.firstAgentReply == null ? e.at() : f.firstAgentReply;
                    case TRANSFERRED -> f.transfers++;
                    case RESOLVED -> f.resolvedAt = f.resolvedAt == null ? e.at() : f.resolvedAt;
                    case ABANDONED -> f.abandoned = true;
                    case SURVEY_ANSWERED -> {
                        Integer score = score(d.get("score"));
                        if (score != null) {
                            f.surveyScore = score; // the last valid answer counts
                        }
                    }
                    default -> {
                        // other events do not change the KPIs
                    }
                }
            }
            f.start = firstReceived != null ? firstReceived : list.get(0).at();
            if (f.intent == null) {
                f.intent = botIntent;
            }
            if (f.intent == null || f.intent.isBlank()) {
                f.intent = UNKNOWN;
            }
            if (f.channel == null) {
                f.channel = UNKNOWN;
            }
            out.add(f);
        }
        return out;
    }

    private static Integer score(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int s = (int) Math.round(Double.parseDouble(raw.strip()));
            return s >= 1 && s <= 5 ? s : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Sums and counts of one group. */
    static final class Acc {
        long conversations;
        long queued;
        long answered;
        long abandoned;
        double asaSum;
        long withinTarget;
        long frtCount;
        double frtSum;
        long botFrtCount;
        double botFrtSum;
        long ahtCount;
        double ahtSum;
        long resolved;
        double resolutionSum;
        long fcrEligible;
        long fcr;
        long contained;
        long handedOff;
        long agentConversations;
        long surveys;
        long scoreSum;
        long satisfied;
        long transfers;

        void add(Facts f, Options o, Map<String, List<Facts>> byCustomer) {
            conversations++;
            if (f.firstQueued != null) {
                queued++;
                if (f.firstAssignedAfterQueue != null) {
                    answered++;
                    double wait = seconds(f.firstQueued, f.firstAssignedAfterQueue);
                    asaSum += wait;
                    long target = f.queueId == null ? o.defaultTargetSeconds()
                            : o.serviceLevelTargets().getOrDefault(f.queueId, o.defaultTargetSeconds());
                    if (wait <= target) {
                        withinTarget++;
                    }
                } else if (f.abandoned) {
                    abandoned++;
                }
            }
            if (f.firstAgentReply != null) {
                frtCount++;
                frtSum += seconds(f.start, f.firstAgentReply);
            }
            if (!f.handedOff && f.firstBotAnswer != null) {
                botFrtCount++;
                botFrtSum += seconds(f.start, f.firstBotAnswer);
            }
            if (f.resolvedAt != null) {
                resolved++;
                resolutionSum += seconds(f.start, f.resolvedAt);
                if (f.firstAssigned != null && !f.resolvedAt.isBefore(f.firstAssigned)) {
                    ahtCount++;
                    ahtSum += seconds(f.firstAssigned, f.resolvedAt);
                }
                if (f.customerId != null) {
                    fcrEligible++;
                    Instant until = f.resolvedAt.plus(o.fcrWindow());
                    boolean repeat = byCustomer.getOrDefault(f.customerId, List.of()).stream()
                            .anyMatch(other -> other != f && other.intent.equals(f.intent)
                                    && other.start.isAfter(f.start) && !other.start.isAfter(until));
                    if (!repeat) {
                        fcr++;
                    }
                }
            }
            if (f.handedOff) {
                handedOff++;
            } else {
                contained++;
            }
            if (f.firstAssigned != null) {
                agentConversations++;
            }
            transfers += f.transfers;
            if (f.surveyScore != null) {
                surveys++;
                scoreSum += f.surveyScore;
                if (f.surveyScore >= 4) {
                    satisfied++;
                }
            }
        }

        void merge(Acc a) {
            conversations += a.conversations;
            queued += a.queued;
            answered += a.answered;
            abandoned += a.abandoned;
            asaSum += a.asaSum;
            withinTarget += a.withinTarget;
            frtCount += a.frtCount;
            frtSum += a.frtSum;
            botFrtCount += a.botFrtCount;
            botFrtSum += a.botFrtSum;
            ahtCount += a.ahtCount;
            ahtSum += a.ahtSum;
            resolved += a.resolved;
            resolutionSum += a.resolutionSum;
            fcrEligible += a.fcrEligible;
            fcr += a.fcr;
            contained += a.contained;
            handedOff += a.handedOff;
            agentConversations += a.agentConversations;
            surveys += a.surveys;
            scoreSum += a.scoreSum;
            satisfied += a.satisfied;
            transfers += a.transfers;
        }

        Kpis kpis() {
            return new Kpis(conversations, queued, answered, abandoned,
                    ratio(asaSum, answered),
                    ratio(withinTarget, answered + abandoned),
                    ratio(abandoned, queued),
                    ratio(frtSum, frtCount),
                    ratio(botFrtSum, botFrtCount),
                    ratio(ahtSum, ahtCount),
                    resolved,
                    ratio(resolutionSum, resolved),
                    fcrEligible, fcr, ratio(fcr, fcrEligible),
                    ratio(contained, conversations),
                    ratio(handedOff, conversations),
                    surveys, ratio(scoreSum, surveys), ratio(satisfied, surveys),
                    transfers, ratio(transfers, agentConversations));
        }

        private static Double ratio(double num, long den) {
            return den == 0 ? null : num / den;
        }
    }
}
