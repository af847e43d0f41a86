package io.pishkhan.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.store.InboundRecord;
import io.pishkhan.api.store.StoreException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcConversationStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-08T02:30:00.123456Z");

    private final DerbyDatabase db = DerbyDatabase.inMemory();
    private final JdbcConversationStore store = new JdbcConversationStore(db.dataSource(), "auto");

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static InboundMessage inbound(String address, String text, String clientMessageId) {
        return new InboundMessage("webchat", address, "Sara", text, clientMessageId, Map.of("lang", "fa"));
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private int rows() {
        return db.count("customer") + db.count("customer_identity") + db.count("conversation")
                + db.count("message") + db.count("conversation_event");
    }

    @Test
    void dialectIsDetectedAndSchemaMigratedOnConstruction() {
        assertEquals("derby", store.dialect().name());
        assertEquals(3, db.count("schema_version"));
        // a second store on the same database (a restart) does not migrate again
        new JdbcConversationStore(db.dataSource(), "derby");
        assertEquals(3, db.count("schema_version"));
        assertThrows(IllegalArgumentException.class, () -> new JdbcConversationStore(db.dataSource(), "oracle"));
    }

    @Test
    void declarativeServicesConstructorUsesTheConfiguration() {
        JdbcStoreConfig config = new JdbcStoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return JdbcStoreConfig.class;
            }

            @Override
            public String dataSource_target() {
                return "(dataSourceName=pishkhan)";
            }

            @Override
            public String dialect() {
                return "derby";
            }
        };
        JdbcConversationStore viaDs = new JdbcConversationStore(db.dataSource(), config);
        assertEquals("derby", viaDs.dialect().name());
    }

    @Test
    void firstMessageCreatesCustomerConversationAndMessage() {
        InboundRecord r = store.recordInbound(new InboundMessage(" WebChat ", " v-1 ", "Sara", "Salam!", "c-1",
                Map.of()), T0);

        assertTrue(r.created());
        assertFalse(r.duplicate());
        Customer customer = r.customer();
        assertEquals("Sara", customer.displayName());
        assertEquals(List.of(new Identity("webchat", "v-1")), customer.identities());
        assertEquals(T0, customer.createdAt());

        Conversation c = r.conversation();
        assertEquals(customer.id(), c.customerId());
        assertEquals("webchat", c.channel());
        assertEquals("v-1", c.address());
        assertEquals(ConversationState.BOT, c.state());
        assertEquals(T0, c.createdAt());

        Message m = r.message();
        assertEquals(c.id(), m.conversationId());
        assertEquals(Direction.INBOUND, m.direction());
        assertEquals(SenderType.CUSTOMER, m.senderType());
        assertEquals(customer.id(), m.senderId());
        assertEquals("Salam!", m.text());
        assertEquals("c-1", m.clientMessageId());

        assertEquals(1, db.count("customer"));
        assertEquals(1, db.count("conversation"));
        assertEquals(List.of(m), store.messages(c.id()));
        assertEquals(c, store.conversation(c.id()).orElseThrow());
        assertEquals(customer, store.customer(customer.id()).orElseThrow());
        assertEquals(customer, store.customerByIdentity(new Identity("webchat", "v-1")).orElseThrow());
        assertTrue(store.customerByIdentity(new Identity("webchat", "other")).isEmpty());
        assertTrue(store.conversation("nope").isEmpty());
    }

    @Test
    void timestampsAreStoredAsUtcWallClockWhateverTheJvmZone() {
        // surefire runs with user.timezone=America/New_York, where 2026-03-08 02:30 local time does not exist
        assertEquals("America/New_York", TimeZone.getDefault().getID());
        InboundRecord r = store.recordInbound(inbound("v-1", "hi", null), T0);
        // the stored fields are the UTC wall clock (Derby's own CAST to VARCHAR would render this one 03:30, as it
        // formats through the JVM zone; HOUR() and MINUTE() read the stored fields)
        assertEquals(2, db.queryInt("SELECT HOUR(created_at) FROM message WHERE id = ?", r.message().id()));
        assertEquals(30, db.queryInt("SELECT MINUTE(created_at) FROM message WHERE id = ?", r.message().id()));
        assertEquals(T0, store.messages(r.conversation().id()).get(0).createdAt());

        Instant summer = Instant.parse("2026-07-01T12:00:00Z");
        InboundRecord r2 = store.recordInbound(inbound("v-2", "hi", null), summer);
        assertEquals("2026-07-01 12:00:00.0", db.queryString("SELECT CAST(created_at AS VARCHAR(40))"
                + " FROM message WHERE id = ?", r2.message().id()));

        // sub-microsecond precision is dropped (PostgreSQL keeps microseconds)
        Instant nanos = Instant.parse("2026-01-01T00:00:00.123456789Z");
        InboundRecord r3 = store.recordInbound(inbound("v-3", "hi", null), nanos);
        assertEquals(Instant.parse("2026-01-01T00:00:00.123456Z"), r3.message().createdAt());
        assertEquals(r3.message(), store.messages(r3.conversation().id()).get(0));
    }

    @Test
    void secondMessageJoinsTheOpenConversationInOrder() {
        InboundRecord first = store.recordInbound(inbound("v-1", "one", "c-1"), T0);
        // same timestamp on purpose: order comes from the sequence column, not the clock
        InboundRecord second = store.recordInbound(inbound("v-1", "two", "c-2"), T0);
        Message reply = store.appendOutbound(first.conversation().id(), SenderType.BOT, "keyword", "three", T0);
        InboundRecord third = store.recordInbound(inbound("v-1", "four", null), t(5));

        assertFalse(second.created());
        assertEquals(first.conversation().id(), second.conversation().id());
        assertEquals(first.customer().id(), second.customer().id());
        assertEquals(first.conversation().id(), third.conversation().id());
        assertEquals(t(5), third.conversation().updatedAt());
        assertEquals(List.of("one", "two", "three", "four"),
                store.messages(first.conversation().id()).stream().map(Message::text).toList());
        assertEquals(Direction.OUTBOUND, reply.direction());
        assertNull(reply.clientMessageId());
        assertEquals(1, db.count("customer"));
        assertEquals(1, db.count("conversation"));
    }

    @Test
    void messagesWithoutClientIdAreNeverTakenForDuplicates() {
        // the unique constraint (channel, address, client_message_id) must allow many NULL client ids on Derby
        for (int i = 0; i < 3; i++) {
            assertFalse(store.recordInbound(inbound("v-1", "same text", null), T0).duplicate());
        }
        store.recordInbound(inbound("v-1", "blank id", "  "), T0);
        assertEquals(4, db.count("message"));
        assertEquals(4, db.queryInt("SELECT COUNT(*) FROM message WHERE client_message_id IS NULL"));
    }

    @Test
    void duplicateClientMessageIdReturnsTheStoredMessageAndWritesNothing() {
        InboundRecord first = store.recordInbound(inbound("v-1", "hello", "c-1"), T0);
        int before = rows();

        InboundRecord again = store.recordInbound(inbound("v-1", "hello (retry)", "c-1"), t(10));

        assertTrue(again.duplicate());
        assertFalse(again.created());
        assertEquals(first.message(), again.message());
        assertEquals(first.conversation().id(), again.conversation().id());
        assertEquals(first.customer(), again.customer());
        assertEquals(before, rows());
        assertEquals(List.of("hello"), store.messages(first.conversation().id()).stream().map(Message::text).toList());

        // the same client id from another address or channel is another message
        assertFalse(store.recordInbound(inbound("v-2", "hello", "c-1"), T0).duplicate());
        assertFalse(store.recordInbound(new InboundMessage("email", "v-1", null, "hello", "c-1", null), T0)
                .duplicate());
    }

    @Test
    void resolvedConversationMakesTheNextMessageOpenANewOne() {
        InboundRecord first = store.recordInbound(inbound("v-1", "one", null), T0);
        Conversation resolved = first.conversation().withState(ConversationState.RESOLVED, null, null, t(1));
        assertTrue(store.updateConversation(resolved, ConversationState.BOT));

        InboundRecord next = store.recordInbound(inbound("v-1", "two", null), t(2));

        assertTrue(next.created());
        assertNotEquals(first.conversation().id(), next.conversation().id());
        assertEquals(first.customer().id(), next.customer().id());
        assertEquals(ConversationState.BOT, next.conversation().state());
        assertEquals(List.of("one"), store.messages(first.conversation().id()).stream().map(Message::text).toList());
        assertEquals(List.of("two"), store.messages(next.conversation().id()).stream().map(Message::text).toList());
        // a conversation on another channel of the same customer is separate too
        assertNotEquals(next.conversation().id(), store.recordInbound(
                new InboundMessage("email", "v-1", null, "x", null, null), T0).conversation().id());
    }

    @Test
    void sameIdentityOnEightThreadsYieldsOneCustomerAndOneConversation() throws Exception {
        List<InboundRecord> records = concurrently(8, i -> inbound("v-race", "msg " + i, "c-" + i));

        assertEquals(1, records.stream().map(r -> r.customer().id()).distinct().count());
        assertEquals(1, records.stream().map(r -> r.conversation().id()).distinct().count());
        assertEquals(1, records.stream().filter(InboundRecord::created).count());
        assertEquals(1, db.count("customer"));
        assertEquals(1, db.count("customer_identity"));
        assertEquals(1, db.count("conversation"));
        assertEquals(8, db.count("message"));
    }

    @Test
    void sameClientMessageIdOnEightThreadsIsStoredOnce() throws Exception {
        List<InboundRecord> records = concurrently(8, i -> inbound("v-race", "retry", "c-same"));

        assertEquals(1, records.stream().filter(r -> !r.duplicate()).count());
        assertEquals(1, records.stream().map(r -> r.message().id()).distinct().count());
        assertEquals(1, db.count("message"));
        assertEquals(1, db.count("customer"));
    }

    private List<InboundRecord> concurrently(int threads, java.util.function.IntFunction<InboundMessage> message)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<InboundRecord>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return store.recordInbound(message.apply(n), T0);
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            start.countDown();
            List<InboundRecord> records = new ArrayList<>();
            for (Future<InboundRecord> f : futures) {
                records.add(f.get(60, TimeUnit.SECONDS));
            }
            return records;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void updateConversationIsOptimistic() {
        Conversation c = store.recordInbound(inbound("v-1", "help", null), T0).conversation();
        Conversation queued = c.withIntent("cards", Map.of("handoff.reason", "low confidence", "slot=x", "a\nb"),
                t(1)).withState(ConversationState.QUEUED, "general", null, t(1));

        assertTrue(store.updateConversation(queued, ConversationState.BOT));
        assertEquals(queued, store.conversation(c.id()).orElseThrow());

        // two routers both saw QUEUED: only the first assignment wins
        Conversation toAlice = queued.withState(ConversationState.ASSIGNED, "general", "alice", t(2));
        Conversation toBob = queued.withState(ConversationState.ASSIGNED, "general", "bob", t(2));
        assertTrue(store.updateConversation(toAlice, ConversationState.QUEUED));
        assertFalse(store.updateConversation(toBob, ConversationState.QUEUED));
        assertEquals("alice", store.conversation(c.id()).orElseThrow().agentId());

        Conversation unknown = new Conversation("no-such-id", c.customerId(), "webchat", "v-1",
                ConversationState.QUEUED, null, null, null, null, t(3), t(3));
        assertFalse(store.updateConversation(unknown, ConversationState.BOT));
    }

    @Test
    void conversationsByStateOldestFirstWithLimit() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(store.recordInbound(inbound("v-" + i, "hi", null), t(10 - i)).conversation().id());
        }
        // created at t(10), t(9), t(8), t(7): oldest first is the reverse of insertion
        assertEquals(List.of(ids.get(3), ids.get(2), ids.get(1)),
                store.conversations(ConversationState.BOT, 3).stream().map(Conversation::id).toList());
        assertEquals(List.of(), store.conversations(ConversationState.QUEUED, 10));
        assertEquals(List.of(), store.conversations(ConversationState.BOT, 0));
        assertThrows(IllegalArgumentException.class, () -> store.conversations(ConversationState.BOT, -1));
    }

    @Test
    void activeConversationsAreCountedPerAgent() {
        assign("v-1", "alice", ConversationState.ASSIGNED);
        assign("v-2", "alice", ConversationState.ASSIGNED);
        assign("v-3", "bob", ConversationState.ASSIGNED);
        assign("v-4", "alice", ConversationState.RESOLVED);
        store.recordInbound(inbound("v-5", "still with the bot", null), T0);

        assertEquals(Map.of("alice", 2, "bob", 1), store.activeConversationsByAgent());
    }

    private void assign(String address, String agent, ConversationState finalState) {
        Conversation c = store.recordInbound(inbound(address, "hi", null), T0).conversation();
        assertTrue(store.updateConversation(c.withState(finalState, "general", agent, t(1)), ConversationState.BOT));
    }

    @Test
    void eventsRoundTripOldestFirst() {
        Conversation c = store.recordInbound(inbound("v-1", "hi", null), T0).conversation();
        ConversationEvent received = new ConversationEvent("e1", EventType.RECEIVED, c.id(), "webchat", t(1),
                Map.of());
        ConversationEvent queued = new ConversationEvent("e2", EventType.QUEUED, c.id(), "webchat", t(3),
                Map.of("queue", "general", "note", "multi\nline = ok"));
        ConversationEvent handedOff = new ConversationEvent("e3", EventType.HANDED_OFF, c.id(), "webchat", t(2),
                Map.of("intent", "cards"));
        store.appendEvent(received);
        store.appendEvent(queued);
        store.appendEvent(handedOff); // appended late, but happened before "queued"

        assertEquals(List.of(received, handedOff, queued), store.events(c.id()));
        assertEquals(List.of(), store.events("other"));
        // an event id is unique
        assertThrows(StoreException.class, () -> store.appendEvent(received));
        assertEquals(3, db.count("conversation_event"));
    }

    @Test
    void invalidTextIsRejectedBeforeAnythingIsWritten() {
        String tooLong = "x".repeat(InboundMessage.MAX_TEXT_LENGTH + 1);
        assertThrows(IllegalArgumentException.class, () -> store.recordInbound(inbound("v-1", tooLong, "c-1"), T0));
        assertThrows(IllegalArgumentException.class, () -> store.recordInbound(inbound("v-1", " \n\t", "c-1"), T0));
        assertThrows(IllegalArgumentException.class, () -> store.recordInbound(inbound("v-1", "", null), T0));
        assertThrows(IllegalArgumentException.class, () -> store.recordInbound(inbound(" ", "hi", null), T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.recordInbound(new InboundMessage(null, "v-1", null, "hi", null, null), T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.recordInbound(inbound("v-1", "hi", "c".repeat(201)), T0));
        assertEquals(0, rows());

        // exactly the maximum is fine, and is stored completely
        String longest = "\u0633".repeat(InboundMessage.MAX_TEXT_LENGTH);
        InboundRecord r = store.recordInbound(inbound("v-1", longest, null), T0);
        assertEquals(longest, store.messages(r.conversation().id()).get(0).text());
        int before = rows();
        assertThrows(IllegalArgumentException.class,
                () -> store.appendOutbound(r.conversation().id(), SenderType.AGENT, "alice", tooLong, T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.appendOutbound(r.conversation().id(), SenderType.AGENT, "alice", " ", T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.appendOutbound(r.conversation().id(), SenderType.CUSTOMER, "x", "hi", T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.appendOutbound("no-such-conversation", SenderType.AGENT, "alice", "hi", T0));
        assertEquals(before, rows());
    }

    @Test
    void longestKeysFitTheIndexes() {
        String address = "a".repeat(JdbcConversationStore.MAX_ADDRESS_LENGTH);
        String channel = "c".repeat(JdbcConversationStore.MAX_CHANNEL_LENGTH);
        String clientId = "\u0645".repeat(JdbcConversationStore.MAX_ID_LENGTH);
        InboundRecord r = store.recordInbound(new InboundMessage(channel, address, null, "hi", clientId, null), T0);
        assertTrue(store.recordInbound(new InboundMessage(channel, address, null, "hi", clientId, null), T0)
                .duplicate());
        assertEquals(address.substring(0, JdbcConversationStore.MAX_NAME_LENGTH), r.customer().displayName());
    }

    @Test
    void sqlFailureRollsBackTheWholeTransaction() {
        InboundRecord r = store.recordInbound(inbound("v-1", "hi", null), T0);
        // make the last insert of recordInbound (the message) fail after customer and conversation were inserted
        exec("ALTER TABLE message ADD CONSTRAINT ck_test_poison CHECK (text <> 'poison')");
        int before = rows();

        StoreException e = assertThrows(StoreException.class,
                () -> store.recordInbound(inbound("v-new", "poison", null), T0));
        assertTrue(e.getMessage().contains("v-new"), e.getMessage());
        assertEquals(before, rows(), "customer and conversation inserts were rolled back with the message");
        assertTrue(store.customerByIdentity(new Identity("webchat", "v-new")).isEmpty());
        assertEquals(1, store.messages(r.conversation().id()).size());
    }

    private void exec(String sql) {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dataSurvivesClosingAndReopeningAFileDatabase(@TempDir Path dir) {
        Path folder = dir.resolve("pishkhan");
        String conversationId;
        String customerId;
        Set<String> texts;
        DerbyDatabase fileDb = DerbyDatabase.inFolder(folder);
        try {
            JdbcConversationStore first = new JdbcConversationStore(fileDb.dataSource(), "auto");
            InboundRecord r = first.recordInbound(inbound("v-1", "before restart", "c-1"), T0);
            first.appendOutbound(r.conversation().id(), SenderType.BOT, "keyword", "answer", t(1));
            first.appendEvent(new ConversationEvent("e1", EventType.RECEIVED, r.conversation().id(), "webchat", T0,
                    Map.of("k", "v")));
            conversationId = r.conversation().id();
            customerId = r.customer().id();
            texts = first.messages(conversationId).stream().map(Message::text).collect(Collectors.toSet());
        } finally {
            fileDb.shutdown();
        }

        DerbyDatabase reopened = DerbyDatabase.inFolder(folder);
        try {
            JdbcConversationStore second = new JdbcConversationStore(reopened.dataSource(), "auto");
            assertEquals(3, reopened.count("schema_version"), "no migration re-applied");
            assertEquals(customerId, second.customerByIdentity(new Identity("webchat", "v-1")).orElseThrow().id());
            assertEquals(texts, second.messages(conversationId).stream().map(Message::text)
                    .collect(Collectors.toSet()));
            assertEquals(1, second.events(conversationId).size());
            assertTrue(second.recordInbound(inbound("v-1", "before restart", "c-1"), t(5)).duplicate());
            InboundRecord after = second.recordInbound(inbound("v-1", "after restart", "c-2"), t(6));
            assertEquals(conversationId, after.conversation().id());
            assertEquals(List.of("before restart", "answer", "after restart"),
                    second.messages(conversationId).stream().map(Message::text).toList(),
                    "sequence keeps growing across restarts");
        } finally {
            reopened.shutdown();
        }
    }
}
