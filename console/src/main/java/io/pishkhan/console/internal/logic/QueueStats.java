package io.pishkhan.console.internal.logic;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.RoutingHints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Supervisor figures: waiting conversations per queue and the load of each agent. */
public final class QueueStats {
    /** One queue: how many conversations wait (queued or offered) and how long the oldest has waited in it. */
    public record QueueRow(String queueId, String name, int waiting, Duration longestWait) {
    }

    /** One agent: presence, conversations assigned and offered to him, and his capacity. */
    public record AgentRow(String agentId, String name, String presence, int active, int offered, int capacity) {
        public String load() {
            return active + " / " + capacity;
        }
    }

    private QueueStats() {
    }

    /**
     * Groups waiting conversations by queue. Every known queue gets a row (0 when empty), then unknown queue ids seen
     * in conversations. QUEUED and OFFERED conversations wait (an offer not yet accepted still waits); other states
     * are ignored. A conversation's wait is measured from {@link #waitingSince}.
     */
    public static List<QueueRow> queues(List<Queue> known, List<Conversation> waiting, Instant now) {
        Map<String, int[]> count = new HashMap<>();
        Map<String, Duration> longest = new HashMap<>();
        for (Conversation c : waiting) {
            if (!isWaiting(c)) {
                continue;
            }
            String q = c.queueId() == null ? "" : c.queueId();
            count.computeIfAbsent(q, k -> new int[1])[0]++;
            longest.merge(q, waited(c, now), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        Map<String, QueueRow> rows = new LinkedHashMap<>();
        known.stream().sorted(Comparator.comparingInt(Queue::priority).reversed().thenComparing(Queue::id))
                .forEach(q -> rows.put(q.id(), row(q.id(), q.name(), count, longest)));
        count.keySet().stream().sorted().filter(id -> !rows.containsKey(id))
                .forEach(id -> rows.put(id, row(id, id, count, longest)));
        return new ArrayList<>(rows.values());
    }

    /** Whether the conversation waits for an agent: QUEUED, or OFFERED and not yet accepted. */
    public static boolean isWaiting(Conversation c) {
        return c.state() == ConversationState.QUEUED || c.state() == ConversationState.OFFERED;
    }

    /**
     * When the conversation entered its queue: the context's {@link RoutingHints#WAITING_SINCE} (kept by the core
     * through offers and declines, reset on transfer), else its last update, else its creation ({@code null} when
     * none is known). Not {@code updatedAt} first: every message and state change (an offer) moves it.
     */
    public static Instant waitingSince(Conversation c) {
        Instant since = RoutingHints.of(c).waitingSince();
        if (since == null) {
            since = c.updatedAt() != null ? c.updatedAt() : c.createdAt();
        }
        return since;
    }

    /** How long the conversation has waited at {@code now}; zero when unknown or in the future (clock skew). */
    public static Duration waited(Conversation c, Instant now) {
        Instant since = waitingSince(c);
        return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }

    private static QueueRow row(String id, String name, Map<String, int[]> count, Map<String, Duration> longest) {
        int[] n = count.get(id);
        return new QueueRow(id, name, n == null ? 0 : n[0], longest.getOrDefault(id, Duration.ZERO));
    }

    /** Agent rows from the directory and the assigned and offered conversations. */
    public static List<AgentRow> agents(List<Agent> agents, List<Conversation> assigned, List<Conversation> offered) {
        Map<String, Integer> active = countByAgent(assigned);
        Map<String, Integer> offers = countByAgent(offered);
        List<AgentRow> rows = new ArrayList<>();
        agents.stream().sorted(Comparator.comparing(Agent::id)).forEach(a -> rows.add(new AgentRow(a.id(), a.name(),
                String.valueOf(a.presence()), active.getOrDefault(a.id(), 0), offers.getOrDefault(a.id(), 0),
                a.capacity())));
        return rows;
    }

    private static Map<String, Integer> countByAgent(List<Conversation> conversations) {
        Map<String, Integer> m = new HashMap<>();
        for (Conversation c : conversations) {
            if (c.agentId() != null) {
                m.merge(c.agentId(), 1, Integer::sum);
            }
        }
        return m;
    }

    /** "m:ss" or "h:mm:ss". */
    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
