package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.ConversationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of one conversation, derived from its events: <b>the single per-conversation definition</b> behind
 * every KPI. {@link KpiCalculator} (in memory) and the {@link Projector} (one row per conversation in
 * {@code analytics_conversation}) both use it, and {@link KpiSums} adds the derived values up; the definitions are in
 * the README.
 */
public final class ConversationFacts {
    /** Group key for conversations without a channel or intent. */
    public static final String UNKNOWN = "unknown";

    /** A {@code BOT_FEEDBACK} answer: the KB article (or, without one, the conversation's intent) and the verdict. */
    public record Feedback(String eventId, String key, boolean helpful) {
    }

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
    Instant abandonedAt;
    boolean handedOff;
    boolean abandoned;
    int transfers;
    Integer surveyScore;
    final List<Feedback> feedback = new ArrayList<>();

    private ConversationFacts() {
    }

    /** Groups events by conversation (first-seen order) and derives each conversation's facts. */
    public static List<ConversationFacts> of(Collection<ConversationEvent> events, Map<String, String> customers) {
        Map<String, List<ConversationEvent>> byConversation = new LinkedHashMap<>();
        for (ConversationEvent e : events) {
            if (e != null && e.conversationId() != null) {
                byConversation.computeIfAbsent(e.conversationId(), k -> new ArrayList<>()).add(e);
            }
        }
        List<ConversationFacts> out = new ArrayList<>(byConversation.size());
        byConversation.forEach((id, list) -> out.add(of(id, list, customers.get(id))));
        return out;
    }

    /**
     * The facts of one conversation.
     *
     * @param events     its events, in any order (sorted here by time; equal times keep the given order)
     * @param customerId its customer when known from elsewhere (the conversation row, a map), else {@code null}: then
     *                   the {@code customerId} of the event data counts
     */
    public static ConversationFacts of(String id, List<ConversationEvent> events, String customerId) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("conversation " + id + " has no events");
        }
        List<ConversationEvent> list = new ArrayList<>(events);
        list.sort(Comparator.comparing(ConversationEvent::at)); // stable
        ConversationFacts f = new ConversationFacts();
        f.id = id;
        f.customerId = blankToNull(customerId);
        String botIntent = null;
        Instant firstReceived = null;
        List<ConversationEvent> feedbackEvents = new ArrayList<>();
        for (ConversationEvent e : list) {
            Map<String, String> d = e.data();
            if (f.channel == null && e.channel() != null && !e.channel().isBlank()) {
                f.channel = e.channel();
            }
            if (f.customerId == null && blankToNull(d.get("customerId")) != null) {
                f.customerId = d.get("customerId").strip();
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
                        f.queueId = blankToNull(d.get("queueId"));
                    }
                }
                case ASSIGNED -> {
                    f.firstAssigned = f.firstAssigned == null ? e.at() : f.firstAssigned;
                    if (f.firstQueued != null && f.firstAssignedAfterQueue == null) {
                        f.firstAssignedAfterQueue = e.at();
                    }
                    String agent = blankToNull(d.get("agentId"));
                    f.agentId = agent != null ? agent : f.agentId;
                    if (f.queueId == null) {
                        f.queueId = blankToNull(d.get("queueId"));
                    }
                }
                case AGENT_REPLIED -> f.firstAgentReply = f.firstAgentReply == null ? e.at() : f.firstAgentReply;
                case TRANSFERRED -> f.transfers++;
                case RESOLVED -> f.resolvedAt = f.resolvedAt == null ? e.at() : f.resolvedAt;
                case ABANDONED -> {
                    f.abandoned = true;
                    f.abandonedAt = f.abandonedAt == null ? e.at() : f.abandonedAt;
                }
                case SURVEY_ANSWERED -> {
                    Integer score = score(d.get("score"));
                    if (score != null) {
                        f.surveyScore = score; // the last valid answer counts
                    }
                }
                case BOT_FEEDBACK -> feedbackEvents.add(e);
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
        for (ConversationEvent e : feedbackEvents) {
            Boolean helpful = bool(e.data().get("helpful"));
            if (helpful != null) {
                String article = blankToNull(e.data().get("articleId"));
                f.feedback.add(new Feedback(e.id(), article != null ? article : f.intent, helpful));
            }
        }
        return f;
    }

    // ------------------------------------------------------------------ derived values (one definition each)

    public String id() {
        return id;
    }

    public String channel() {
        return channel;
    }

    public String intent() {
        return intent;
    }

    public String queueId() {
        return queueId;
    }

    public String agentId() {
        return agentId;
    }

    public String customerId() {
        return customerId;
    }

    public Instant start() {
        return start;
    }

    public Instant firstQueued() {
        return firstQueued;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public List<Feedback> feedback() {
        return List.copyOf(feedback);
    }

    /** Has a first {@code QUEUED}. */
    public boolean queued() {
        return firstQueued != null;
    }

    /** Queued and then assigned. */
    public boolean answered() {
        return firstQueued != null && firstAssignedAfterQueue != null;
    }

    /** Queued, never assigned after it, and an {@code ABANDONED} event. */
    public boolean abandonedInQueue() {
        return firstQueued != null && firstAssignedAfterQueue == null && abandoned;
    }

    /** A − Q in ms when answered, else null. */
    public Long answerWaitMillis() {
        return answered() ? millis(firstQueued, firstAssignedAfterQueue) : null;
    }

    /** The wait the customer saw: A − Q when answered, abandon time − Q when abandoned in the queue, else null. */
    public Long waitMillis() {
        if (answered()) {
            return answerWaitMillis();
        }
        return abandonedInQueue() && abandonedAt != null ? millis(firstQueued, abandonedAt) : null;
    }

    /** Answered within the queue's target (A − Q ≤ target seconds). */
    public boolean withinTarget(long targetSeconds) {
        Long wait = answerWaitMillis();
        return wait != null && wait / 1000.0 <= targetSeconds;
    }

    /** First agent reply − start, in ms, or null. */
    public Long firstResponseMillis() {
        return firstAgentReply == null ? null : millis(start, firstAgentReply);
    }

    /** First bot answer − start for bot-only conversations (no handoff), in ms, or null. */
    public Long botFirstResponseMillis() {
        return !handedOff && firstBotAnswer != null ? millis(start, firstBotAnswer) : null;
    }

    public boolean resolved() {
        return resolvedAt != null;
    }

    /** R − A₀ in ms for resolved conversations with an {@code ASSIGNED} not after R, else null. */
    public Long handlingMillis() {
        return resolvedAt != null && firstAssigned != null && !resolvedAt.isBefore(firstAssigned)
                ? millis(firstAssigned, resolvedAt) : null;
    }

    /** R − S in ms, or null. */
    public Long resolutionMillis() {
        return resolvedAt == null ? null : millis(start, resolvedAt);
    }

    /** Resolved with a known customer. */
    public boolean fcrEligible() {
        return resolvedAt != null && customerId != null;
    }

    public boolean handedOff() {
        return handedOff;
    }

    /** Had an {@code ASSIGNED} (the denominator of transfers per conversation). */
    public boolean agentHandled() {
        return firstAssigned != null;
    }

    public int transfers() {
        return transfers;
    }

    /** The last valid survey score 1-5, or null. */
    public Integer surveyScore() {
        return surveyScore;
    }

    /**
     * First contact resolution of a resolved conversation: true unless another conversation of the same customer
     * with the same intent starts after its start and no later than resolution + window.
     *
     * @param others the customer's conversations (this one may be among them; it is skipped by id)
     */
    public boolean firstContactResolved(Collection<? extends FcrCandidate> others, Duration window) {
        return fcrEligible() && firstContactResolved(candidate(), resolvedAt, others, window);
    }

    /**
     * The FCR rule on its own (the fact table applies it to stored rows): a conversation resolved at
     * {@code resolvedAt} is resolved first time unless another one of {@code others} (the same customer's; itself
     * is skipped by id) has the same intent and starts after its start and no later than resolvedAt + window.
     */
    static boolean firstContactResolved(FcrCandidate self, Instant resolvedAt,
            Collection<? extends FcrCandidate> others, Duration window) {
        Instant until = resolvedAt.plus(window);
        for (FcrCandidate o : others) {
            if (!o.id().equals(self.id()) && o.intent().equals(self.intent()) && o.start().isAfter(self.start())
                    && !o.start().isAfter(until)) {
                return false;
            }
        }
        return true;
    }

    /** The minimum of a conversation that FCR compares against. */
    public interface FcrCandidate {
        String id();

        String intent();

        Instant start();
    }

    /** A plain {@link FcrCandidate} (e.g. read back from the fact table). */
    public record Candidate(String id, String intent, Instant start) implements FcrCandidate {
    }

    public Candidate candidate() {
        return new Candidate(id, intent, start);
    }

    static Integer score(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(raw.strip());
            if (Double.isNaN(v)) {
                return null;
            }
            long s = Math.round(v);
            return s >= 1 && s <= 5 ? (int) s : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Boolean bool(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
