package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An in-memory agent directory. */
final class FakeDirectory implements AgentDirectory {
    final List<Agent> agents = new ArrayList<>();
    final List<Queue> queues = new ArrayList<>();

    @Override
    public List<Agent> agents() {
        return List.copyOf(agents);
    }

    @Override
    public Optional<Agent> agent(String agentId) {
        return agents.stream().filter(a -> a.id().equals(agentId)).findFirst();
    }

    @Override
    public List<Queue> queues() {
        return List.copyOf(queues);
    }

    @Override
    public Optional<Queue> queue(String queueId) {
        return queues.stream().filter(q -> q.id().equals(queueId)).findFirst();
    }

    @Override
    public Agent setPresence(String agentId, Presence presence) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Agent setCapacity(String agentId, int capacity) {
        throw new UnsupportedOperationException();
    }
}
