package io.pishkhan.channel.webchat.internal;

import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory AgentDirectory: agents by id; counts lookups. */
class FakeAgents implements AgentDirectory {
    final Map<String, Agent> agents = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    FakeAgents add(String id, String name) {
        agents.put(id, new Agent(id, name, Map.of(), Set.of(), 3, Presence.AVAILABLE));
        return this;
    }

    @Override
    public List<Agent> agents() {
        return List.copyOf(agents.values());
    }

    @Override
    public Optional<Agent> agent(String agentId) {
        lookups.incrementAndGet();
        return Optional.ofNullable(agents.get(agentId));
    }

    @Override
    public List<Queue> queues() {
        return List.of();
    }

    @Override
    public Optional<Queue> queue(String queueId) {
        return Optional.empty();
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
