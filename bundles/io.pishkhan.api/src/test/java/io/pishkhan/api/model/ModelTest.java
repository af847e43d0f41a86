package io.pishkhan.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.routing.AgentLoad;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void identityNormalisesChannelAndRejectsBlank() {
        Identity id = new Identity(" WebChat ", " v-1 ");
        assertEquals("webchat", id.channel());
        assertEquals("v-1", id.address());
        assertThrows(IllegalArgumentException.class, () -> new Identity("email", "  "));
        assertThrows(NullPointerException.class, () -> new Identity(null, "x"));
    }

    @Test
    void agentCapacityAndQueues() {
        Agent a = new Agent("alice", null, Map.of("cards", 7), Set.of("general"), 2, Presence.AVAILABLE);
        assertEquals("alice", a.name());
        assertTrue(a.serves("general"));
        assertFalse(a.serves("vip"));
        assertTrue(new AgentLoad(a, 1, null).hasCapacity());
        assertFalse(new AgentLoad(a, 2, null).hasCapacity());
        assertThrows(IllegalArgumentException.class,
                () -> new Agent("x", "x", Map.of(), Set.of(), -1, Presence.OFFLINE));
    }

    @Test
    void botReplyValidates() {
        assertThrows(IllegalArgumentException.class, () -> BotReply.answer(" ", null, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BotReply.answer("hi", null, 1.5));
        BotReply h = BotReply.handoff(null, "billing", 0.2, "low confidence");
        assertEquals(BotReply.Outcome.HANDOFF, h.outcome());
        assertEquals("low confidence", h.data().get("handoff.reason"));
    }

    @Test
    void conversationTransitionsKeepIdentity() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Conversation c = new Conversation("c1", "cu1", "loopback", "a", ConversationState.BOT, null, null, null,
                null, t, t);
        Conversation q = c.withState(ConversationState.QUEUED, "general", null, t.plusSeconds(1));
        assertEquals("c1", q.id());
        assertEquals("general", q.queueId());
        assertTrue(q.isOpen());
        assertFalse(q.withState(ConversationState.RESOLVED, "general", null, t).isOpen());
    }
}
