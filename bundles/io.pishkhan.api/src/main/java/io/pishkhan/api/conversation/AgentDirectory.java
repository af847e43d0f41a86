package io.pishkhan.api.conversation;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Queue;
import java.util.List;
import java.util.Optional;

/** The agents and queues the appliance knows. */
public interface AgentDirectory {
    List<Agent> agents();

    Optional<Agent> agent(String agentId);

    List<Queue> queues();

    Optional<Queue> queue(String queueId);

    /** Skills known to the appliance: by default every skill some agent has. */
    default java.util.List<io.pishkhan.api.model.Skill> skills() {
        return agents().stream().flatMap(a -> a.skills().keySet().stream()).distinct().sorted()
                .map(id -> new io.pishkhan.api.model.Skill(id, id)).toList();
    }

    /** Sets an agent's presence (only AVAILABLE agents get new conversations). */
    Agent setPresence(String agentId, io.pishkhan.api.model.Presence presence);

    /** Sets an agent's capacity (maximum concurrent conversations, 0-50). */
    Agent setCapacity(String agentId, int capacity);
}
