package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingHints;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The synthetic routing model of the JMH benchmark: agents with random skills, proficiencies, capacities and loads,
 * and waiting conversations that each require a few skills. Deterministic for a seed.
 *
 * <ul>
 * <li>{@code skills} skill ids {@code skill-00} ...;</li>
 * <li>each agent has 1-8 of them at proficiency 1-10, capacity 1-5 and 0..capacity active conversations (so about
 * a third are at capacity), last assigned within the past hour (5 % never);</li>
 * <li>each conversation requires 1-3 skills at level 1-6, has priority 0-3 and has waited up to 10 minutes, and
 * carries the context a handed-off conversation has (language, bot slots).</li>
 * </ul>
 */
public final class RoutingModel {
    public final Queue queue = new Queue("general", "General", 10, null, 80, 20, null, null);
    public final Instant now = Instant.parse("2026-01-05T10:00:00Z");
    public final List<AgentLoad> candidates;
    public final List<Conversation> waiting;

    public RoutingModel(int agents, int conversations, int skills, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] skillIds = new String[skills];
        for (int i = 0; i < skills; i++) {
            skillIds[i] = String.format("skill-%02d", i);
        }
        AgentLoad[] loads = new AgentLoad[agents];
        for (int i = 0; i < agents; i++) {
            Map<String, Integer> s = new HashMap<>();
            int count = 1 + r.nextInt(Math.min(8, skills));
            while (s.size() < count) {
                s.put(skillIds[r.nextInt(skills)], 1 + r.nextInt(10));
            }
            int capacity = 1 + r.nextInt(5);
            Agent a = new Agent(String.format("agent-%04d", i), "Agent " + i, s, Set.of(), capacity,
                    Presence.AVAILABLE);
            Instant last = r.nextInt(20) == 0 ? null : now.minusMillis(r.nextLong(3_600_000));
            loads[i] = new AgentLoad(a, r.nextInt(capacity + 1), last);
        }
        candidates = List.of(loads);
        Conversation[] cs = new Conversation[conversations];
        for (int i = 0; i < conversations; i++) {
            Map<String, Integer> req = new TreeMap<>();
            int count = 1 + r.nextInt(3);
            while (req.size() < count) {
                req.put(skillIds[r.nextInt(skills)], 1 + r.nextInt(6));
            }
            Instant since = now.minusMillis(r.nextLong(600_000));
            Map<String, String> context = Map.of(RoutingHints.SKILLS, RoutingHints.formatSkills(req),
                    RoutingHints.PRIORITY, Integer.toString(r.nextInt(4)), RoutingHints.WAITING_SINCE,
                    since.toString(), "handoff.language", r.nextBoolean() ? "fa" : "en", "bot.intent",
                    "card-blocked", "bot.slot.cardLast4", String.format("%04d", r.nextInt(10_000)));
            cs[i] = new Conversation(String.format("conv-%06d", i), String.format("cust-%06d", i), "webchat",
                    "visitor-" + i, ConversationState.QUEUED, queue.id(), null, "card-blocked", context,
                    since.minusSeconds(60), since);
        }
        waiting = List.of(cs);
    }

    /** The benchmark's size: 1,000 agents, 10,000 waiting conversations, 50 skills. */
    public static RoutingModel standard() {
        return new RoutingModel(1_000, 10_000, 50, 20_261_105L);
    }
}
