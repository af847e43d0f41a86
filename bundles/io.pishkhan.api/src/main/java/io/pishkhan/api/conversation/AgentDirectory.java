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
}
