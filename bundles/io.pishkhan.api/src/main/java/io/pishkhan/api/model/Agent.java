package io.pishkhan.api.model;

import java.util.Map;
import java.util.Set;

/**
 * A human who answers conversations.
 *
 * @param skills   skill id to proficiency 1-10
 * @param queues   the queues this agent serves
 * @param capacity maximum concurrent conversations
 */
public record Agent(String id, String name, Map<String, Integer> skills, Set<String> queues, int capacity,
        Presence presence) {
    public Agent {
        id = Identity.requireText(id, "id");
        name = name == null || name.isBlank() ? id : name;
        skills = Map.copyOf(skills);
        queues = Set.copyOf(queues);
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
    }

    public boolean serves(String queueId) {
        return queues.isEmpty() || queues.contains(queueId);
    }
}
