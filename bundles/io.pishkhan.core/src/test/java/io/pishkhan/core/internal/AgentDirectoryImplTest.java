package io.pishkhan.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentDirectoryImplTest {
    @Test
    void readsAgentsAndQueuesFromConfigurationAndKeepsPresenceChanges() {
        AgentDirectoryImpl d = new AgentDirectoryImpl();
        d.configure(Map.of("queue.vip.priority", "10", "queue.general.name", "General",
                "agent.alice.name", "Alice", "agent.alice.capacity", "2", "agent.alice.queues", "vip, general",
                "agent.alice.skills", "cards:8,loans:3", "agent.bob.presence", "away",
                "agent.bad.capacity", "3", "agent.bad.skills", "cards:11", "service.pid", "x"));
        assertEquals(2, d.agents().size(), "the agent with an invalid skill level is ignored");
        Agent alice = d.agent("alice").orElseThrow();
        assertEquals(2, alice.capacity());
        assertEquals(Set.of("vip", "general"), alice.queues());
        assertEquals(Map.of("cards", 8, "loans", 3), alice.skills());
        assertEquals(Presence.AWAY, d.agent("bob").orElseThrow().presence());
        assertEquals("vip", d.queues().get(0).id(), "higher priority first");
        d.setPresence("alice", Presence.OFFLINE);
        d.configure(Map.of("agent.alice.capacity", "4"));
        assertEquals(Presence.OFFLINE, d.agent("alice").orElseThrow().presence());
        assertEquals(4, d.agent("alice").orElseThrow().capacity());
        assertTrue(d.agent("bob").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> d.setPresence("nobody", Presence.AWAY));
    }
}
