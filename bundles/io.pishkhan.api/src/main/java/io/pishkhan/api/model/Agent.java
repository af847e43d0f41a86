package io.pishkhan.api.model;

import java.util.Map;
import java.util.Set;

/**
 * A human who answers conversations.
 *
 * @param skills          skill id to proficiency 1-10
 * @param queues          the queues this agent serves (empty: all)
 * @param capacity        maximum concurrent conversations over all channels
 * @param channelCapacity maximum concurrent conversations per channel (e.g. {@code voice=1}); a channel not listed
 *                        is limited by {@code capacity} only
 */
public record Agent(String id, String name, Map<String, Integer> skills, Set<String> queues, int capacity,
        Presence presence, Map<String, Integer> channelCapacity) {
    public Agent {
        id = Identity.requireText(id, "id");
        name = name == null || name.isBlank() ? id : name;
        skills = Map.copyOf(skills);
        queues = Set.copyOf(queues);
        channelCapacity = channelCapacity == null ? Map.of() : Map.copyOf(channelCapacity);
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        for (Map.Entry<String, Integer> s : skills.entrySet()) {
            if (s.getValue() < 1 || s.getValue() > 10) {
                throw new IllegalArgumentException("proficiency of skill " + s.getKey() + " must be 1-10");
            }
        }
    }

    public Agent(String id, String name, Map<String, Integer> skills, Set<String> queues, int capacity,
            Presence presence) {
        this(id, name, skills, queues, capacity, presence, Map.of());
    }

    public boolean serves(String queueId) {
        return queues.isEmpty() || queues.contains(queueId);
    }

    /** Proficiency 1-10 in the skill, 0 if the agent lacks it. */
    public int proficiency(String skillId) {
        return skills.getOrDefault(skillId, 0);
    }

    /** The limit for one channel: its own limit if set, else the overall capacity. */
    public int capacityFor(String channel) {
        Integer c = channel == null ? null : channelCapacity.get(channel);
        return c == null ? capacity : Math.min(c, capacity);
    }
}
