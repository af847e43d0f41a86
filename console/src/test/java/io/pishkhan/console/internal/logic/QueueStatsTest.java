package io.pishkhan.console.internal.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.RoutingHints;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueStatsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(600);
    private static final List<Queue> QUEUES = List.of(new Queue("general", "General", 0), new Queue("vip", "VIP", 10));

    private static Conversation conv(String id, ConversationState s, String queue, Instant updated,
            String waitingSince) {
        Map<String, String> ctx = new HashMap<>();
        if (waitingSince != null) {
            ctx.put(RoutingHints.WAITING_SINCE, waitingSince);
        }
        return new Conversation(id, "cu", "webchat", "tok", s, queue, s == ConversationState.QUEUED ? null : "alice",
                null, ctx, T0, updated);
    }

    private static QueueStats.QueueRow row(List<QueueStats.QueueRow> rows, String queueId) {
        return rows.stream().filter(r -> r.queueId().equals(queueId)).findFirst().orElseThrow();
    }

    @Test
    void longestWaitStartsWhenTheConversationEnteredItsQueueNotAtItsLastChange() {
        // entered the queue 500 s ago; a visitor message 10 s ago moved updatedAt
        Conversation c = conv("a", ConversationState.QUEUED, "general", NOW.minusSeconds(10),
                NOW.minusSeconds(500).toString());
        QueueStats.QueueRow general = row(QueueStats.queues(QUEUES, List.of(c), NOW), "general");
        assertEquals(1, general.waiting());
        assertEquals(Duration.ofSeconds(500), general.longestWait());
    }

    @Test
    void offeredConversationsStillWaitFromTheSameStart() {
        // the offer (30 s ago) changed the state and updatedAt; the conversation has waited since 400 s ago
        Conversation offered = conv("o", ConversationState.OFFERED, "vip", NOW.minusSeconds(30),
                NOW.minusSeconds(400).toString());
        Conversation queued = conv("q", ConversationState.QUEUED, "vip", NOW.minusSeconds(50),
                NOW.minusSeconds(50).toString());
        QueueStats.QueueRow vip = row(QueueStats.queues(QUEUES, List.of(queued, offered), NOW), "vip");
        assertEquals(2, vip.waiting());
        assertEquals(Duration.ofSeconds(400), vip.longestWait());
        assertTrue(QueueStats.isWaiting(offered));
    }

    @Test
    void assignedBotAndResolvedConversationsDoNotWait() {
        List<Conversation> list = List.of(
                conv("1", ConversationState.ASSIGNED, "general", T0, T0.toString()),
                conv("2", ConversationState.BOT, "general", T0, null),
                conv("3", ConversationState.RESOLVED, "general", T0, T0.toString()));
        QueueStats.QueueRow general = row(QueueStats.queues(QUEUES, list, NOW), "general");
        assertEquals(0, general.waiting());
        assertEquals(Duration.ZERO, general.longestWait());
        assertFalse(QueueStats.isWaiting(list.get(0)));
    }

    @Test
    void withoutWaitingSinceTheLastUpdateIsUsedThenTheCreation() {
        Conversation noHint = conv("a", ConversationState.QUEUED, "general", NOW.minusSeconds(120), null);
        Conversation badHint = conv("b", ConversationState.QUEUED, "general", NOW.minusSeconds(90), "yesterday");
        Conversation noUpdate = new Conversation("c", "cu", "webchat", "tok", ConversationState.QUEUED, "vip", null,
                null, Map.of(), NOW.minusSeconds(70), null);
        List<QueueStats.QueueRow> rows = QueueStats.queues(QUEUES, List.of(noHint, badHint, noUpdate), NOW);
        assertEquals(Duration.ofSeconds(120), row(rows, "general").longestWait());
        assertEquals(Duration.ofSeconds(70), row(rows, "vip").longestWait());
        assertEquals(NOW.minusSeconds(90), QueueStats.waitingSince(badHint));
    }

    @Test
    void aStartInTheFutureCountsAsZeroAndUnknownQueuesGetTheirOwnRow() {
        Conversation future = conv("f", ConversationState.QUEUED, "general", NOW, NOW.plusSeconds(30).toString());
        Conversation elsewhere = conv("e", ConversationState.OFFERED, "other", NOW, NOW.minusSeconds(5).toString());
        List<QueueStats.QueueRow> rows = QueueStats.queues(QUEUES, List.of(future, elsewhere), NOW);
        assertEquals(List.of("vip", "general", "other"), rows.stream().map(QueueStats.QueueRow::queueId).toList());
        assertEquals(Duration.ZERO, row(rows, "general").longestWait());
        assertEquals(1, row(rows, "general").waiting());
        assertEquals(Duration.ofSeconds(5), row(rows, "other").longestWait());
        assertEquals("0:05", QueueStats.format(row(rows, "other").longestWait()));
    }
}
