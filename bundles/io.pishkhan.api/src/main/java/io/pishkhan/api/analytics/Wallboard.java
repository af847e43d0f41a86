package io.pishkhan.api.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The live state of the contact centre.
 *
 * @param queues        one row per configured queue
 * @param agentsByState {@code AVAILABLE} (free capacity), {@code BUSY} (available, at capacity), {@code AWAY},
 *                      {@code OFFLINE}: number of agents
 * @param serviceLevelToday share answered within target today (all queues), {@code null} when nothing was answered
 */
public record Wallboard(Instant at, List<QueueLine> queues, Map<String, Integer> agentsByState,
        Double serviceLevelToday, long conversationsToday, long resolvedToday, long abandonedToday) {
    /**
     * @param waiting            conversations waiting (queued or offered, not yet accepted)
     * @param longestWaitSeconds longest current wait, 0 when none
     * @param serviceLevelToday  today's service level of the queue, {@code null} when none answered
     */
    public record QueueLine(String queueId, String name, int waiting, long longestWaitSeconds, int agentsAvailable,
            Double serviceLevelToday, long answeredToday, long abandonedToday) {
    }

    public Wallboard {
        queues = queues == null ? List.of() : List.copyOf(queues);
        agentsByState = agentsByState == null ? Map.of() : Map.copyOf(agentsByState);
    }
}
