package io.pishkhan.console.internal.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.SenderType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogicTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void templatesAreReadPerNameAndLanguageWithFallback() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("template.greeting.en", "Hello {customer.name}, I am {agent.name}.");
        cfg.put("template.greeting.fa", "سلام {customer.name}، من {agent.name} هستم.");
        cfg.put("template.bye.en", "Bye");
        cfg.put("template.broken", "no language");
        cfg.put("template.empty.en", "  ");
        cfg.put("sessionTimeoutMinutes", 30);
        Templates t = Templates.fromConfiguration(cfg);
        assertEquals(List.of("bye", "greeting"), t.names());
        assertEquals("سلام {customer.name}، من {agent.name} هستم.", t.text("greeting", "fa"));
        assertEquals("Bye", t.text("bye", "fa"), "falls back to English");
        assertNull(t.text("nope", "en"));
    }

    @Test
    void templateVariablesAreExpandedAndUnknownOnesKept() {
        String out = Templates.expand("Hi {customer.name} ({conversation.id}) from {agent.name} {foo.bar} {x}",
                Templates.variables("Sara $1 \\", "Alice", "c-42"));
        assertEquals("Hi Sara $1 \\ (c-42) from Alice {foo.bar} {x}", out);
        assertEquals("Hi !", Templates.expand("Hi {customer.name}!", Templates.variables(null, "a", "b")));
    }

    @Test
    void rolesDecideWhatAUserMaySee() {
        ConsoleUser perQueue = new ConsoleUser("sara", Set.of("supervisor"), Set.of("vip"));
        assertTrue(perQueue.supervises("vip"));
        assertFalse(perQueue.supervises("general"));
        assertFalse(perQueue.supervises(null), "a conversation outside any queue is not his");
        assertTrue(perQueue.supervisesAny(Set.of("vip", "general")));
        assertFalse(perQueue.supervisesAny(Set.of("general")));
        assertTrue(perQueue.supervisesAny(Set.of()), "an agent serving every queue serves his too");
        assertTrue(new ConsoleUser("root", Set.of("admin"), Set.of("vip")).supervises("general"), "admins see all");
        assertTrue(new ConsoleUser("sam", Set.of("supervisor")).supervises("general"));
        ConsoleUser agent = new ConsoleUser("alice", Set.of("agent"));
        ConsoleUser supervisor = new ConsoleUser("sam", Set.of("supervisor"));
        ConsoleUser admin = new ConsoleUser("admin", Set.of("admin"));
        ConsoleUser shell = new ConsoleUser("ops", Set.of("viewer", "ssh"));
        assertTrue(agent.canUseDesktop());
        assertFalse(agent.canSupervise());
        assertTrue(supervisor.canSupervise());
        assertFalse(supervisor.canUseDesktop());
        assertTrue(admin.canUseDesktop() && admin.canSupervise() && admin.hasAnyRole("anything"));
        assertFalse(shell.mayLogIn());
        assertTrue(agent.mayLogIn() && supervisor.mayLogIn());
    }

    private static Message msg(String id, SenderType s, String text) {
        Direction d = s == SenderType.CUSTOMER ? Direction.INBOUND : Direction.OUTBOUND;
        return new Message(id, "c1", d, s, "x", text, null, T0);
    }

    @Test
    void summaryTakesTheLastCustomerMessagesBeforeTheHandoff() {
        List<Message> t = List.of(msg("1", SenderType.CUSTOMER, "hi"), msg("2", SenderType.BOT, "hello"),
                msg("3", SenderType.CUSTOMER, " my card is lost "), msg("4", SenderType.BOT, "which card?"),
                msg("5", SenderType.CUSTOMER, "I need a person"), msg("6", SenderType.SYSTEM, "You are in the queue"),
                msg("7", SenderType.CUSTOMER, "hello?"), msg("8", SenderType.AGENT, "Hi, Alice here"));
        assertEquals(List.of("my card is lost", "I need a person"), HandoffSummary.build(t, 2));
        assertEquals(List.of("hi", "my card is lost", "I need a person"), HandoffSummary.build(t, 5));
        List<Message> noHandoff = List.of(msg("1", SenderType.CUSTOMER, "a"), msg("2", SenderType.CUSTOMER, "b"));
        assertEquals(List.of("b"), HandoffSummary.build(noHandoff, 1));
        assertEquals(List.of(), HandoffSummary.build(List.of(), 3));
    }

    private static Conversation conv(String id, ConversationState s, String queue, String agent, Instant updated) {
        return new Conversation(id, "cu", "loopback", "a", s, queue, agent, null, Map.of(), T0, updated);
    }

    @Test
    void queueStatsCountWaitingAndLongestWait() {
        Instant now = T0.plusSeconds(600);
        List<Queue> queues = List.of(new Queue("general", "General", 0), new Queue("vip", "VIP", 10),
                new Queue("empty", "Empty", 0));
        List<Conversation> queued = List.of(conv("a", ConversationState.QUEUED, "general", null, T0.plusSeconds(500)),
                conv("b", ConversationState.QUEUED, "general", null, T0.plusSeconds(100)),
                conv("c", ConversationState.QUEUED, "vip", null, T0.plusSeconds(590)),
                conv("d", ConversationState.QUEUED, "other", null, T0),
                conv("e", ConversationState.ASSIGNED, "general", "alice", T0));
        List<QueueStats.QueueRow> rows = QueueStats.queues(queues, queued, now);
        assertEquals(List.of("vip", "empty", "general", "other"), rows.stream().map(QueueStats.QueueRow::queueId).toList());
        QueueStats.QueueRow general = rows.get(2);
        assertEquals(2, general.waiting());
        assertEquals(Duration.ofSeconds(500), general.longestWait());
        assertEquals(0, rows.get(1).waiting());
        assertEquals(Duration.ofSeconds(600), rows.get(3).longestWait());
        assertEquals("8:20", QueueStats.format(general.longestWait()));
        assertEquals("1:01:01", QueueStats.format(Duration.ofSeconds(3661)));
    }

    @Test
    void agentLoadCountsAssignedAndOffered() {
        List<Agent> agents = List.of(new Agent("bob", "Bob", Map.of(), Set.of(), 3, Presence.AWAY),
                new Agent("alice", "Alice", Map.of(), Set.of(), 2, Presence.AVAILABLE));
        List<Conversation> assigned = new ArrayList<>(List.of(conv("1", ConversationState.ASSIGNED, "g", "alice", T0),
                conv("2", ConversationState.ASSIGNED, "g", "alice", T0)));
        List<Conversation> offered = List.of(conv("3", ConversationState.OFFERED, "g", "bob", T0));
        List<QueueStats.AgentRow> rows = QueueStats.agents(agents, assigned, offered);
        assertEquals("alice", rows.get(0).agentId());
        assertEquals("2 / 2", rows.get(0).load());
        assertEquals("0 / 3", rows.get(1).load());
        assertEquals(1, rows.get(1).offered());
        assertEquals("AWAY", rows.get(1).presence());
    }

    @Test
    void throttleLetsOneThroughPerInterval() {
        AtomicLong clock = new AtomicLong(1000);
        Throttle t = new Throttle(3000, clock::get);
        assertTrue(t.tryAcquire());
        clock.addAndGet(1000);
        assertFalse(t.tryAcquire());
        clock.addAndGet(2000);
        assertTrue(t.tryAcquire());
        t.reset();
        assertTrue(t.tryAcquire());
    }

    @Test
    void jalaliDates() {
        assertEquals(List.of(1403, 1, 1), List.of(Dates.toJalali(LocalDate.of(2024, 3, 20))[0],
                Dates.toJalali(LocalDate.of(2024, 3, 20))[1], Dates.toJalali(LocalDate.of(2024, 3, 20))[2]));
        int[] j = Dates.toJalali(LocalDate.of(2025, 11, 23));
        assertEquals(1404, j[0]);
        assertEquals(9, j[1]);
        assertEquals(2, j[2]);
        assertEquals("۱۴۰۳/۰۱/۰۱ ۱۳:۳۰", Dates.format(Instant.parse("2024-03-20T10:00:00Z"), ZoneId.of("Asia/Tehran"), true));
        assertEquals("2024-03-20 13:30", Dates.format(Instant.parse("2024-03-20T10:00:00Z"), ZoneId.of("Asia/Tehran"), false));
    }

    @Test
    void replyChannelsAndTheCrossChannelTimeline() {
        io.pishkhan.api.model.Identity chat = new io.pishkhan.api.model.Identity("webchat", "v1");
        io.pishkhan.api.model.Identity mail = new io.pishkhan.api.model.Identity("email", "sara@example.com");
        java.time.Instant t = java.time.Instant.parse("2026-11-23T08:00:00Z");
        io.pishkhan.api.model.Conversation c1 = new io.pishkhan.api.model.Conversation("c1", "cu", "webchat", "v1",
                io.pishkhan.api.model.ConversationState.ASSIGNED, null, null, null, java.util.Map.of(), t, t);
        io.pishkhan.api.model.Conversation c2 = new io.pishkhan.api.model.Conversation("c2", "cu", "email",
                "sara@example.com", io.pishkhan.api.model.ConversationState.RESOLVED, null, null, null,
                java.util.Map.of(), t.minusSeconds(60), t.plusSeconds(30));
        assertEquals(mail, ReplyChannels.lastUsed(java.util.List.of(c1, c2), java.util.List.of(chat, mail), chat));
        assertEquals(chat, ReplyChannels.lastUsed(java.util.List.of(c1, c2), java.util.List.of(chat), chat),
                "an address that is no longer his is not offered");
        assertEquals(java.util.List.of(chat, mail), ReplyChannels.choices(java.util.List.of(mail, chat), chat));
        assertEquals(java.util.Optional.of(mail), ReplyChannels.parse(" Email : sara@example.com "));
        assertTrue(ReplyChannels.parse("sara@example.com").isEmpty());
        assertTrue(ReplyChannels.parse("email:").isEmpty());

        io.pishkhan.api.model.Message a = new io.pishkhan.api.model.Message("m1", "c2", io.pishkhan.api.model.Direction.INBOUND,
                io.pishkhan.api.model.SenderType.CUSTOMER, "cu", "by mail", null, t.minusSeconds(60));
        io.pishkhan.api.model.Message b = new io.pishkhan.api.model.Message("m2", "c1", io.pishkhan.api.model.Direction.INBOUND,
                io.pishkhan.api.model.SenderType.CUSTOMER, "cu", "by chat", null, t);
        io.pishkhan.api.model.Message c = new io.pishkhan.api.model.Message("m3", "c2", io.pishkhan.api.model.Direction.OUTBOUND,
                io.pishkhan.api.model.SenderType.AGENT, "alice", "answer by mail", null, t.plusSeconds(30));
        java.util.List<ReplyChannels.Entry> line = ReplyChannels.timeline(java.util.List.of(c1, c2),
                java.util.Map.of("c1", java.util.List.of(b), "c2", java.util.List.of(a, c)));
        assertEquals(java.util.List.of("m1:email", "m2:webchat", "m3:email"),
                line.stream().map(e -> e.message().id() + ":" + e.channel()).toList());
    }
}
