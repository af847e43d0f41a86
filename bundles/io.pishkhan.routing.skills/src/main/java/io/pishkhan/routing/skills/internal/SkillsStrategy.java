package io.pishkhan.routing.skills.internal;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Routing strategy {@value #ID}: skills-based routing with widening, priority aging and a sticky agent.
 *
 * <p>Decision order for one conversation:
 * <ol>
 * <li><b>Eligible</b> agents are candidates with free capacity overall and on the conversation's channel whose
 * proficiency in every required skill ({@code routing.skills} of the conversation) is at least the required level,
 * lowered by the current {@linkplain SkillsConfig#widening() widening} step for the time the conversation has
 * waited. A level lowered to 0 or below no longer requires the skill.</li>
 * <li><b>Sticky</b>: when the customer's previous agent served him within {@code stickyWindowDays}, that agent gets
 * the conversation if he is eligible. If he is not a candidate or has no free capacity, the conversation waits for
 * him until it has waited {@code stickyTimeoutSeconds}; if he lacks a required skill it is routed normally.</li>
 * <li>Otherwise the best eligible agent: highest proficiency (sum over the required skills; the mean would order
 * the same), then least busy ({@code active / capacity}) and longest idle (never assigned first) in the configured
 * {@linkplain SkillsConfig#tieBreak() order}, then lowest agent id.</li>
 * <li>No eligible agent: wait in the queue, with the reason why.</li>
 * </ol>
 * The waiting order of conversations is {@link #priority}: queue priority + conversation priority + aging per
 * minute waited (capped by {@code agingMax} if set), so a low-priority conversation eventually overtakes newer
 * high-priority ones.
 *
 * <p>Usable without OSGi: {@code new SkillsStrategy(SkillsConfig.defaults())}. Instances are immutable, hence
 * thread-safe, read time only from {@link RoutingRequest#now()}, and decide in one linear pass over the candidates
 * (no sorting, no per-candidate allocation). In the appliance, {@link SkillsStrategyComponent} registers the service
 * and swaps in a new instance when the configuration changes.
 */
public final class SkillsStrategy implements RoutingStrategy {
    public static final String ID = "skills";

    /** Required skills listed in a reason; more are summarized as "+N more". */
    static final int SHOWN_SKILLS = 4;

    private final SkillsConfig config;
    private final long[] wideningAfterMillis;
    /** Levels lowered from the matching step on (running maximum, so widening never narrows again). */
    private final int[] wideningLevels;
    private final Duration stickyWindow;
    private final long stickyTimeoutMillis;
    private final boolean leastBusyFirst;

    /** A strategy with {@link SkillsConfig#defaults()}. */
    public SkillsStrategy() {
        this(SkillsConfig.defaults());
    }

    public SkillsStrategy(SkillsConfig config) {
        this.config = config;
        List<SkillsConfig.Widening> steps = config.widening();
        wideningAfterMillis = new long[steps.size()];
        wideningLevels = new int[steps.size()];
        int levels = 0;
        for (int i = 0; i < steps.size(); i++) {
            wideningAfterMillis[i] = Math.multiplyExact(steps.get(i).afterSeconds(), 1000L);
            levels = Math.max(levels, steps.get(i).levels());
            wideningLevels[i] = levels;
        }
        stickyWindow = Duration.ofDays(config.stickyWindowDays());
        stickyTimeoutMillis = config.stickyTimeoutSeconds() * 1000L;
        leastBusyFirst = config.tieBreak() == SkillsConfig.TieBreak.LEAST_BUSY;
    }

    public SkillsConfig config() {
        return config;
    }

    @Override
    public String id() {
        return ID;
    }

    /** How many levels the required skills are lowered by after waiting {@code waitedMillis}. */
    public int widening(long waitedMillis) {
        int levels = 0;
        for (int i = 0; i < wideningAfterMillis.length && waitedMillis >= wideningAfterMillis[i]; i++) {
            levels = wideningLevels[i];
        }
        return levels;
    }

    /** Queue priority + conversation priority + {@code agingPerMinute} per minute waited (at most {@code agingMax}). */
    @Override
    public double priority(Conversation conversation, Queue queue, Instant now) {
        double base = RoutingStrategy.super.priority(conversation, queue, now);
        if (config.agingPerMinute() == 0 || now == null) {
            return base;
        }
        double aging = RoutingStrategy.waited(conversation, now).toMillis() / 60_000.0 * config.agingPerMinute();
        return base + (config.agingMax() > 0 ? Math.min(aging, config.agingMax()) : aging);
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        Conversation conversation = request.conversation();
        Instant now = request.now();
        String channel = conversation.channel();
        long waitedMillis = now == null ? 0 : RoutingStrategy.waited(conversation, now).toMillis();
        Required required = Required.of(request.hints().requiredSkills(), widening(waitedMillis));
        String sticky = stickyAgent(request, now);
        List<AgentLoad> candidates = request.candidates();

        AgentLoad best = null;
        AgentLoad second = null;
        AgentLoad previous = null;
        int bestScore = 0;
        int secondScore = 0;
        boolean previousEligible = false;
        int full = 0;
        int unskilled = 0;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            AgentLoad load = candidates.get(i);
            boolean isPrevious = sticky != null && sticky.equals(load.agent().id());
            if (isPrevious) {
                previous = load;
            }
            if (!load.hasCapacity(channel)) {
                full++;
                continue;
            }
            // once there is a best, stop summing an agent who can no longer reach its proficiency
            int score = required.score(load.agent(), best == null || isPrevious ? 0 : bestScore);
            if (score == Required.BELOW) {
                unskilled++;
                continue;
            }
            if (score == Required.OUTRANKED) {
                continue;
            }
            if (isPrevious) {
                previousEligible = true;
            }
            if (best == null || compare(load, score, best, bestScore) < 0) {
                second = best;
                secondScore = bestScore;
                best = load;
                bestScore = score;
            } else if (second == null || compare(load, score, second, secondScore) < 0) {
                second = load;
                secondScore = score;
            }
        }

        if (sticky != null) {
            if (previousEligible) {
                StringBuilder reason = new StringBuilder("skills: ").append(sticky).append(" (previous agent)");
                appendAgent(reason, previous, required, waitedMillis);
                return RoutingDecision.assign(sticky, reason.toString());
            }
            boolean unavailable = previous == null || !previous.hasCapacity(channel);
            if (unavailable && waitedMillis < stickyTimeoutMillis) {
                long left = (stickyTimeoutMillis - waitedMillis + 999) / 1000;
                return RoutingDecision.waitInQueue("sticky: waiting for " + sticky + " ("
                        + (previous == null ? "not available" : "at capacity") + ", " + left + " s left)");
            }
        }
        if (best == null) {
            return RoutingDecision.waitInQueue(noAgentReason(candidates.size(), full, unskilled, channel, required,
                    waitedMillis));
        }
        StringBuilder reason = new StringBuilder("skills: ").append(best.agent().id());
        appendAgent(reason, best, required, waitedMillis);
        if (second != null && secondScore == bestScore) {
            appendTie(reason, best, second);
        }
        return RoutingDecision.assign(best.agent().id(), reason.toString());
    }

    /** The previous agent if stickiness applies (served within the window), else {@code null}. */
    private String stickyAgent(RoutingRequest request, Instant now) {
        String previous = request.previousAgentId();
        Instant servedAt = request.previousServedAt();
        if (previous == null || previous.isBlank() || servedAt == null || now == null || stickyWindow.isZero()) {
            return null;
        }
        return servedAt.plus(stickyWindow).isBefore(now) ? null : previous;
    }

    /** Negative when {@code a} (proficiency {@code sa}) is better than {@code b} (proficiency {@code sb}). */
    int compare(AgentLoad a, int sa, AgentLoad b, int sb) {
        int c = Integer.compare(sb, sa);
        if (c != 0) {
            return c;
        }
        if (leastBusyFirst) {
            c = byLoad(a, b);
            if (c == 0) {
                c = byIdle(a, b);
            }
        } else {
            c = byIdle(a, b);
            if (c == 0) {
                c = byLoad(a, b);
            }
        }
        return c != 0 ? c : a.agent().id().compareTo(b.agent().id());
    }

    /** Load ratio compared exactly by cross-multiplication; capacity is > 0 for agents with free capacity. */
    static int byLoad(AgentLoad a, AgentLoad b) {
        return Long.compare((long) a.activeConversations() * b.agent().capacity(),
                (long) b.activeConversations() * a.agent().capacity());
    }

    /** Oldest last assignment first; never assigned ({@code null}) before all. */
    static int byIdle(AgentLoad a, AgentLoad b) {
        Instant x = a.lastAssignedAt();
        Instant y = b.lastAssignedAt();
        return x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
    }

    private void appendAgent(StringBuilder reason, AgentLoad load, Required required, long waitedMillis) {
        Agent agent = load.agent();
        int n = required.ids.length;
        if (n == 0) {
            reason.append(" no skill required");
        }
        for (int i = 0; i < Math.min(n, SHOWN_SKILLS); i++) {
            reason.append(i == 0 ? " " : ", ").append(required.ids[i]).append(' ')
                    .append(agent.proficiency(required.ids[i])).append('/').append(required.levels[i]);
        }
        if (n > SHOWN_SKILLS) {
            reason.append(", +").append(n - SHOWN_SKILLS).append(" more");
        }
        reason.append(", ").append(load.activeConversations()).append('/').append(agent.capacity()).append(" busy");
        appendWidening(reason, required, waitedMillis);
    }

    private static void appendWidening(StringBuilder reason, Required required, long waitedMillis) {
        if (required.lowered > 0 && required.ids.length > 0) {
            reason.append(", widened -").append(required.lowered).append(" after ").append(waitedMillis / 1000)
                    .append(" s");
        }
    }

    private void appendTie(StringBuilder reason, AgentLoad best, AgentLoad second) {
        String other = second.agent().id();
        int load = byLoad(best, second);
        int idle = byIdle(best, second);
        if (leastBusyFirst ? load != 0 : load != 0 && idle == 0) {
            reason.append(", less busy than ").append(other).append(' ').append(second.activeConversations())
                    .append('/').append(second.agent().capacity());
        } else if (idle != 0) {
            reason.append(", idle longer than ").append(other);
        } else {
            reason.append(", tie with ").append(other).append(", first by id");
        }
    }

    private static String noAgentReason(int candidates, int full, int unskilled, String channel, Required required,
            long waitedMillis) {
        if (candidates == 0) {
            return "skills: no agent available";
        }
        StringBuilder reason = new StringBuilder("skills: no eligible agent of ").append(candidates).append(" (");
        if (full > 0) {
            reason.append(full).append(" without capacity").append(channel == null ? "" : " on " + channel);
        }
        if (unskilled > 0) {
            reason.append(full > 0 ? ", " : "").append(unskilled).append(" below ");
            int shown = 0;
            for (int i = 0; i < required.ids.length; i++) {
                if (required.min[i] <= 0) {
                    continue;
                }
                if (shown == SHOWN_SKILLS) {
                    reason.append(", ...");
                    break;
                }
                reason.append(shown++ == 0 ? "" : ", ").append(required.ids[i]).append(':').append(required.min[i]);
            }
        }
        reason.append(')');
        appendWidening(reason, required, waitedMillis);
        return reason.toString();
    }

    /** The required skills of one decision, sorted by id, with the levels after widening. */
    static final class Required {
        static final int BELOW = -1;
        static final int OUTRANKED = -2;
        /** The highest proficiency an agent can have ({@link Agent} enforces 1-10). */
        static final int MAX_PROFICIENCY = 10;
        private static final Required NONE = new Required(new String[0], new int[0], new int[0], 0);

        final String[] ids;
        /** Levels as the conversation asks for them. */
        final int[] levels;
        /** Levels after widening; 0 or below: not required. */
        final int[] min;
        final int lowered;

        private Required(String[] ids, int[] levels, int[] min, int lowered) {
            this.ids = ids;
            this.levels = levels;
            this.min = min;
            this.lowered = lowered;
        }

        static Required of(Map<String, Integer> skills, int lowered) {
            if (skills.isEmpty()) {
                return NONE; // widening has nothing to lower
            }
            String[] ids = skills.keySet().toArray(new String[0]);
            Arrays.sort(ids);
            int[] levels = new int[ids.length];
            int[] min = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                levels[i] = skills.get(ids[i]);
                min[i] = levels[i] - lowered;
            }
            return new Required(ids, levels, min, lowered);
        }

        /**
         * Sum of the agent's proficiency over the required skills; {@link #BELOW} if he is below a required level;
         * {@link #OUTRANKED} as soon as the sum cannot reach {@code floor} any more, even with the top proficiency
         * in every remaining skill (such an agent can neither win nor tie with one who has {@code floor}).
         */
        int score(Agent agent, int floor) {
            int sum = 0;
            int n = ids.length;
            for (int i = 0; i < n; i++) {
                int p = agent.proficiency(ids[i]);
                if (p < min[i]) {
                    return BELOW;
                }
                sum += p;
                if (sum + (n - 1 - i) * MAX_PROFICIENCY < floor) {
                    return OUTRANKED;
                }
            }
            return sum;
        }
    }
}
