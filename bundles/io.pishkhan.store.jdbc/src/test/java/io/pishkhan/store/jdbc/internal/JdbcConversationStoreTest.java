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
    /** The newest schema version: the number of shipped migration scripts. */
    private static final int LATEST = Migration.load(JdbcConversationStore.class.getClassLoader(),
            Migration.DEFAULT_LOCATION).size();

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
    void anAgentMergesTwoProfilesAndSplitsAMistakenIdentityOffAgain() {
        InboundRecord mail = store.recordInbound(new InboundMessage("email", "sara@example.com", "Sara", "hi",
                null, Map.of()), T0);
        InboundRecord chat = store.recordInbound(new InboundMessage("telegram", "4242", "S.", "salam", null, Map.of()),
                T0.plusSeconds(1));
        String into = mail.customer().id();
        io.pishkhan.api.model.Customer merged = store.mergeCustomers(chat.customer().id(), into);
        assertEquals(2, merged.identities().size());
        assertTrue(store.customer(chat.customer().id()).isEmpty(), "the merged profile is gone");
        assertEquals(into, store.conversation(chat.conversation().id()).orElseThrow().customerId());
        assertEquals(into, store.messages(chat.conversation().id()).get(0).senderId());
        assertEquals(into, store.customerByIdentity(new Identity("telegram", "4242")).orElseThrow().id());
        assertThrows(IllegalArgumentException.class, () -> store.mergeCustomers(into, into));
        assertThrows(java.util.NoSuchElementException.class, () -> store.mergeCustomers("nobody", into));

        io.pishkhan.api.model.Customer split = store.splitIdentity(into, new Identity("telegram", "4242"));
        assertEquals(java.util.List.of(new Identity("telegram", "4242")), split.identities());
        assertEquals(split.id(), store.conversation(chat.conversation().id()).orElseThrow().customerId(),
                "his telegram conversation goes with the identity");
        assertEquals(split.id(), store.messages(chat.conversation().id()).get(0).senderId());
        assertEquals(into, store.conversation(mail.conversation().id()).orElseThrow().customerId());
        assertEquals(1, store.customer(into).orElseThrow().identities().size());
        assertThrows(IllegalArgumentException.class, () -> store.splitIdentity(into,
                new Identity("email", "sara@example.com")), "his only identity");
        assertThrows(IllegalArgumentException.class, () -> store.splitIdentity(into, new Identity("telegram", "4242")),
                "not his any more");
    }

    @Test
    void attachmentsAreStoredWithTheMessageOnceAndReadBack() {
        byte[] pdf = "%PDF-1.4 invoice".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] photo = new byte[300_000];
        new java.util.Random(7).nextBytes(photo);
        InboundMessage m = new InboundMessage("email", "sara@example.com", "Sara", "see attached", "<m1@example.com>",
                Map.of(), java.util.List.of(new io.pishkhan.api.channel.Attachment("C:\\docs\\فاکتور.pdf",
                        "Application/PDF", pdf), new io.pishkhan.api.channel.Attachment(null, null, photo)));
        InboundRecord r = store.recordInbound(m, T0);
        assertTrue(store.recordInbound(m, T0.plusSeconds(5)).duplicate(), "a re-polled mail");
        java.util.List<io.pishkhan.api.model.AttachmentInfo> files = store.attachments(r.conversation().id());
        assertEquals(2, files.size(), "stored once");
        assertEquals("فاکتور.pdf", files.get(0).fileName(), "no path");
        assertEquals("application/pdf", files.get(0).contentType());
        assertEquals(pdf.length, files.get(0).size());
        assertEquals(r.message().id(), files.get(0).messageId());
        assertEquals("attachment", files.get(1).fileName());
        assertEquals("application/octet-stream", files.get(1).contentType());
        org.junit.jupiter.api.Assertions.assertArrayEquals(photo, store.attachmentContent(files.get(1).id()).orElseThrow());
        assertTrue(store.attachmentContent("nope").isEmpty());
        assertTrue(store.attachments("no-such-conversation").isEmpty());
    }

    @Test
    void dialectIsDetectedAndSchemaMigratedOnConstruction() {
        assertEquals("derby", store.dialect().name());
        assertEquals(LATEST, db.count("schema_version"));
        // a second store on the same database (a restart) does not migrate again
        new JdbcConversationStore(db.dataSource(), "derby");
        assertEquals(LATEST, db.count("schema_version"));
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
    void inboundMessageAndItsEventAreStoredTogetherAndADuplicateAddsNeither() {
        InboundMessage m = new InboundMessage("webchat", "v-9", null, "hi", "c-9", Map.of());
        java.util.function.Function<InboundRecord, io.pishkhan.api.analytics.ConversationEvent> received = r ->
                new io.pishkhan.api.analytics.ConversationEvent(java.util.UUID.randomUUID().toString(),
                        io.pishkhan.api.analytics.EventType.RECEIVED, r.conversation().id(), "webchat", T0,
                        Map.of("messageId", r.message().id()));
        InboundRecord first = store.recordInbound(m, T0, received);
        InboundRecord again = store.recordInbound(m, T0.plusSeconds(1), received);
        assertTrue(again.duplicate());
        assertEquals(1, store.events(first.conversation().id()).size());
        assertEquals(first.message().id(), store.events(first.conversation().id()).get(0).data().get("messageId"));
        assertEquals(1, db.count("message"));
    }

    @Test
    void recentMessagesAreTheLastOnesOldestFirst() {
        InboundRecord r = store.recordInbound(new InboundMessage("loopback", "u", null, "m0", null, Map.of()), T0);
        for (int i = 1; i < 6; i++) {
            store.recordInbound(new InboundMessage("loopback", "u", null, "m" + i, null, Map.of()), T0.plusSeconds(i));
        }
        String id = r.conversation().id();
        assertEquals(java.util.List.of("m3", "m4", "m5"),
                store.recentMessages(id, 3).stream().map(io.pishkhan.api.model.Message::text).toList());
        assertEquals(store.messages(id), store.recentMessages(id, 100));
        assertTrue(store.recentMessages(id, 0).isEmpty());
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

    // ---------------------------------------------------------------- API 1.1: offers, notes, identify

    @Test
    void offeredStateAndInternalNotesRoundTrip() {
        Conversation c = store.recordInbound(inbound("v-1", "help", null), T0).conversation();
        Conversation queued = c.withState(ConversationState.QUEUED, "general", null, t(1));
        assertTrue(store.updateConversation(queued, ConversationState.BOT));
        Conversation offered = queued.withState(ConversationState.OFFERED, "general", "alice", t(2));
        assertTrue(store.updateConversation(offered, ConversationState.QUEUED));

        assertEquals(offered, store.conversation(c.id()).orElseThrow());
        assertEquals(List.of(offered), store.conversations(ConversationState.OFFERED, 10));
        // declined: back to the queue only if still offered
        Conversation declined = offered.withState(ConversationState.QUEUED, "general", null, t(3));
        assertFalse(store.updateConversation(declined, ConversationState.ASSIGNED));
        assertTrue(store.updateConversation(declined, ConversationState.OFFERED));

        Message note = store.appendNote(c.id(), "alice", "VIP, be patient", t(4));
        assertEquals(Direction.INTERNAL, note.direction());
        assertEquals("INTERNAL", db.queryString("SELECT direction FROM message WHERE id = ?", note.id()));
        assertEquals(note, store.messages(c.id()).get(1));
    }

    @Test
    void activeConversationsCountOfferedAndAssigned() {
        assign("v-1", "alice", ConversationState.ASSIGNED);
        assign("v-2", "alice", ConversationState.OFFERED);
        assign("v-3", "bob", ConversationState.OFFERED);
        assign("v-4", "alice", ConversationState.RESOLVED);
        assign("v-5", "carol", ConversationState.QUEUED); // not active (an agent id left behind does not count)
        store.recordInbound(inbound("v-6", "still with the bot", null), T0);

        assertEquals(Map.of("alice", 2, "bob", 1), store.activeConversationsByAgent());
    }

    @Test
    void conversationsOfAgentAreHisOfferedAndAssignedOnesOldestFirst() {
        String late = offerOrAssign("v-1", t(5), "alice", ConversationState.ASSIGNED);
        String early = offerOrAssign("v-2", t(1), "alice", ConversationState.OFFERED);
        offerOrAssign("v-3", t(0), "alice", ConversationState.RESOLVED);
        String bobs = offerOrAssign("v-4", t(2), "bob", ConversationState.ASSIGNED);
        // same created_at as "late": creation order breaks the tie
        String sameTime = offerOrAssign("v-5", t(5), "alice", ConversationState.OFFERED);
        store.recordInbound(inbound("v-6", "bot", null), t(0));

        assertEquals(List.of(early, late, sameTime), ids(store.conversationsOfAgent("alice")));
        assertEquals(List.of(bobs), ids(store.conversationsOfAgent("bob")));
        assertEquals(List.of(), store.conversationsOfAgent("carol"));
    }

    private String offerOrAssign(String address, Instant createdAt, String agent, ConversationState state) {
        Conversation c = store.recordInbound(inbound(address, "hi", null), createdAt).conversation();
        assertTrue(store.updateConversation(c.withState(state, "general", agent, createdAt.plusSeconds(1)),
                ConversationState.BOT));
        return c.id();
    }

    private static List<String> ids(List<Conversation> conversations) {
        return conversations.stream().map(Conversation::id).toList();
    }

    @Test
    void conversationsOfCustomerAreNewestFirstOnEveryChannel() {
        InboundRecord web1 = store.recordInbound(inbound("v-1", "one", null), T0);
        String customerId = web1.customer().id();
        store.identify(web1.conversation().id(), new Identity("email", "sara@example.com"), null);
        InboundRecord mail = store.recordInbound(new InboundMessage("email", "sara@example.com", null, "mail",
                null, null), t(5));
        assertEquals(customerId, mail.customer().id());
        assertTrue(store.updateConversation(web1.conversation().withState(ConversationState.RESOLVED, null, null,
                t(6)), ConversationState.BOT));
        InboundRecord web2 = store.recordInbound(inbound("v-1", "two", null), t(10));
        InboundRecord sameTime = store.recordInbound(new InboundMessage("sms", "+98912", null, "x", null, null),
                t(10));
        store.identify(sameTime.conversation().id(), new Identity("webchat", "v-1"), null); // merges into Sara
        store.recordInbound(inbound("v-other", "someone else", null), t(7));

        List<String> newestFirst = List.of(sameTime.conversation().id(), web2.conversation().id(),
                mail.conversation().id(), web1.conversation().id());
        assertEquals(newestFirst, ids(store.conversationsOfCustomer(customerId, 10)));
        assertEquals(newestFirst.subList(0, 2), ids(store.conversationsOfCustomer(customerId, 2)));
        assertEquals(List.of(), store.conversationsOfCustomer(customerId, 0));
        assertEquals(List.of(), store.conversationsOfCustomer("nobody", 10));
        assertThrows(IllegalArgumentException.class, () -> store.conversationsOfCustomer(customerId, -1));
    }

    @Test
    void noteIsStoredAsInternalAgentMessageInTranscriptOrder() {
        InboundRecord r = store.recordInbound(inbound("v-1", "one", null), T0);
        String id = r.conversation().id();
        store.appendOutbound(id, SenderType.BOT, "keyword", "two", T0);
        Message note = store.appendNote(id, "alice", "customer sounds upset", T0); // same time: seq orders
        store.recordInbound(inbound("v-1", "four", null), T0);

        List<Message> transcript = store.messages(id);
        assertEquals(List.of("one", "two", "customer sounds upset", "four"),
                transcript.stream().map(Message::text).toList());
        assertEquals(List.of(Direction.INBOUND, Direction.OUTBOUND, Direction.INTERNAL, Direction.INBOUND),
                transcript.stream().map(Message::direction).toList());
        assertEquals(note, transcript.get(2));
        assertEquals(SenderType.AGENT, note.senderType());
        assertEquals("alice", note.senderId());
        assertNull(note.clientMessageId());
        assertEquals(T0, note.createdAt());

        int before = rows();
        assertThrows(IllegalArgumentException.class, () -> store.appendNote("no-such", "alice", "x", T0));
        assertThrows(IllegalArgumentException.class, () -> store.appendNote(id, "alice", " ", T0));
        assertThrows(IllegalArgumentException.class, () -> store.appendNote(id, " ", "x", T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.appendNote(id, "alice", "x".repeat(InboundMessage.MAX_TEXT_LENGTH + 1), T0));
        assertEquals(before, rows());
    }

    @Test
    void identifyAddsANewIdentityAndSetsTheName() {
        InboundRecord r = store.recordInbound(inbound("v-1", "hi", null), T0);
        Identity email = new Identity(" EMAIL ", " sara@example.com ");

        Customer identified = store.identify(r.conversation().id(), email, "  Sara Ahmadi ");

        assertEquals(r.customer().id(), identified.id());
        assertEquals("Sara Ahmadi", identified.displayName());
        assertEquals(Set.of(new Identity("webchat", "v-1"), new Identity("email", "sara@example.com")),
                Set.copyOf(identified.identities()));
        assertEquals(identified, store.customerByIdentity(new Identity("email", "sara@example.com")).orElseThrow());
        assertEquals(identified, store.customer(r.customer().id()).orElseThrow());
        // a later e-mail of hers joins her profile
        assertEquals(identified.id(), store.recordInbound(new InboundMessage("email", "sara@example.com", null,
                "mail", null, null), t(1)).customer().id());
        assertEquals(1, db.count("customer"));
    }

    @Test
    void identifyingAgainWithAnIdentityTheCustomerHasOnlyChangesTheName() {
        InboundRecord r = store.recordInbound(inbound("v-1", "hi", null), T0);
        Identity email = new Identity("email", "sara@example.com");
        Customer first = store.identify(r.conversation().id(), email, "Sara");
        int before = rows();

        assertEquals(first, store.identify(r.conversation().id(), email, null));
        assertEquals(first, store.identify(r.conversation().id(), email, "   "));
        assertEquals(first, store.identify(r.conversation().id(), new Identity("webchat", "v-1"), null));
        assertEquals(before, rows());
        Customer renamed = store.identify(r.conversation().id(), email, "Sara A.");
        assertEquals("Sara A.", renamed.displayName());
        assertEquals(first.identities(), renamed.identities());
        assertEquals(before, rows());
    }

    @Test
    void identifyRejectsUnknownConversationsAndOverlongIdentities() {
        InboundRecord r = store.recordInbound(inbound("v-1", "hi", null), T0);
        int before = rows();
        assertThrows(IllegalArgumentException.class,
                () -> store.identify("no-such", new Identity("email", "a@b"), null));
        assertThrows(IllegalArgumentException.class, () -> store.identify(r.conversation().id(),
                new Identity("email", "a".repeat(JdbcConversationStore.MAX_ADDRESS_LENGTH + 1)), null));
        assertEquals(before, rows());
    }

    @Test
    void identifyWithAnotherCustomersIdentityMergesIntoThatCustomer() {
        // known customer: e-mail, plus an open web chat from another browser (v-0)
        InboundRecord mail = store.recordInbound(new InboundMessage("email", "sara@example.com", "Sara Ahmadi",
                "mail", "m-1", null), T0);
        Customer known = mail.customer();
        store.identify(mail.conversation().id(), new Identity("webchat", "v-0"), null);
        InboundRecord otherBrowser = store.recordInbound(inbound("v-0", "from the laptop", null), t(2));
        assertEquals(known.id(), otherBrowser.customer().id());
        exec("UPDATE customer SET attributes = '" + TextMap.encode(Map.of("tier", "vip")) + "' WHERE id = '"
                + known.id() + "'");

        // an anonymous visitor chats; the agent learns it is Sara
        InboundRecord visitor = store.recordInbound(inbound("v-9", "hi, it's me", "c-1"), t(10));
        String visitorId = visitor.customer().id();
        Conversation chat = visitor.conversation();
        store.appendOutbound(chat.id(), SenderType.BOT, "keyword", "hello", t(11));
        store.appendEvent(new ConversationEvent("e1", EventType.RECEIVED, chat.id(), "webchat", t(10), Map.of()));
        exec("UPDATE customer SET attributes = '" + TextMap.encode(Map.of("tier", "basic", "language", "fa"))
                + "' WHERE id = '" + visitorId + "'");
        assertEquals(2, db.count("customer"));

        Customer merged = store.identify(chat.id(), new Identity("email", "sara@example.com"), null);

        assertEquals(known.id(), merged.id());
        assertEquals("Sara Ahmadi", merged.displayName(), "no name given: the surviving profile keeps its own");
        assertEquals(Set.of(new Identity("email", "sara@example.com"), new Identity("webchat", "v-0"),
                new Identity("webchat", "v-9")), Set.copyOf(merged.identities()));
        assertEquals(Map.of("tier", "vip", "language", "fa"), merged.attributes());
        assertTrue(store.customer(visitorId).isEmpty(), "the emptied profile is deleted");
        assertEquals(1, db.count("customer"));
        assertEquals(0, db.queryInt("SELECT COUNT(*) FROM customer_identity WHERE customer_id = ?", visitorId));
        assertEquals(0, db.queryInt("SELECT COUNT(*) FROM conversation WHERE customer_id = ?", visitorId));
        assertEquals(0, db.queryInt("SELECT COUNT(*) FROM message WHERE sender_id = ?", visitorId));
        assertEquals(merged, store.customerByIdentity(new Identity("webchat", "v-9")).orElseThrow());
        assertEquals(known.id(), store.conversation(chat.id()).orElseThrow().customerId());
        assertEquals(Set.of(chat.id(), mail.conversation().id(), otherBrowser.conversation().id()),
                Set.copyOf(ids(store.conversationsOfCustomer(known.id(), 10))));
        assertEquals(known.id(), store.messages(chat.id()).get(0).senderId());
        assertEquals(1, store.events(chat.id()).size());

        // the visitor writes again: he joins his (now Sara's) open conversation on that channel
        InboundRecord again = store.recordInbound(inbound("v-9", "still there?", "c-2"), t(20));
        assertFalse(again.created());
        assertEquals(chat.id(), again.conversation().id());
        assertEquals(known.id(), again.customer().id());
        assertEquals(known.id(), again.message().senderId());
        // the other browser keeps its own open conversation (replies go to the address that wrote)
        assertEquals(otherBrowser.conversation().id(),
                store.recordInbound(inbound("v-0", "laptop again", null), t(21)).conversation().id());
        // retries of messages stored before the merge are still recognised
        InboundRecord retry = store.recordInbound(inbound("v-9", "hi, it's me", "c-1"), t(22));
        assertTrue(retry.duplicate());
        assertEquals(known.id(), retry.customer().id());

        // identifying again is a no-op
        int before = rows();
        assertEquals(store.customer(known.id()).orElseThrow(),
                store.identify(chat.id(), new Identity("email", "sara@example.com"), null));
        assertEquals(before, rows());
    }

    @Test
    void identifyRacingInboundMessagesOfTheVisitorLosesNothing() throws Exception {
        for (int round = 0; round < 5; round++) {
            String email = "sara" + round + "@example.com";
            String visitorAddress = "v-race-" + round;
            Customer known = store.recordInbound(new InboundMessage("email", email, "Sara", "mail", null, null), T0)
                    .customer();
            InboundRecord visitor = store.recordInbound(inbound(visitorAddress, "first", null), T0);
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        start.await();
                        return store.recordInbound(inbound(visitorAddress, "msg " + n, "c-" + n), t(1));
                    }));
                }
                futures.add(pool.submit(() -> {
                    start.await();
                    return store.identify(visitor.conversation().id(), new Identity("email", email), null);
                }));
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(store.customer(visitor.customer().id()).isEmpty());
            assertEquals(known.id(), store.customerByIdentity(new Identity("webchat", visitorAddress))
                    .orElseThrow().id());
            assertEquals(1 + threads, store.messages(visitor.conversation().id()).size(),
                    "every message joined the visitor's conversation, before or after the merge");
            assertEquals(known.id(), store.conversation(visitor.conversation().id()).orElseThrow().customerId());
        }
        assertEquals(5, db.count("customer"));
        assertEquals(10, db.count("conversation"));
    }

    @Test
    void twoVisitorsIdentifyingAsTheSameNewPersonConcurrentlyBecomeOneCustomer() throws Exception {
        // at most 4 concurrent merges of one person: each attempt can lose to every other one once, and
        // identify makes 5 attempts
        int threads = 4;
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            conversations.add(store.recordInbound(inbound("v-" + i, "hi", null), T0).conversation().id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Customer> results = new ArrayList<>();
        try {
            List<Future<Customer>> futures = new ArrayList<>();
            for (String id : conversations) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return store.identify(id, new Identity("phone", "+989120000000"), null);
                }));
            }
            start.countDown();
            for (Future<Customer> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        Customer survivor = store.customerByIdentity(new Identity("phone", "+989120000000")).orElseThrow();
        assertEquals(1, db.count("customer"));
        assertEquals(threads + 1, survivor.identities().size());
        assertEquals(threads, store.conversationsOfCustomer(survivor.id(), 100).size());
        // each call returned the customer its conversation belonged to when it committed; the last one is final
        assertTrue(results.stream().anyMatch(c -> c.id().equals(survivor.id())));
    }

    @Test
    void aVersion3DatabaseIsUpgradedToVersion4KeepingItsData() {
        DerbyDatabase old = DerbyDatabase.inMemory();
        try {
            List<Migration> shipped = Migration.load(getClass().getClassLoader(), Migration.DEFAULT_LOCATION);
            JdbcConversationStore v3 = new JdbcConversationStore(old.dataSource(), new Dialect.DerbyDialect(),
                    shipped.subList(0, 3));
            assertEquals(3, old.count("schema_version"));
            InboundRecord r = v3.recordInbound(inbound("v-1", "before the upgrade", "c-1"), T0);
            v3.appendOutbound(r.conversation().id(), SenderType.BOT, "keyword", "answer", t(1));
            v3.appendEvent(new ConversationEvent("e1", EventType.RECEIVED, r.conversation().id(), "webchat", T0,
                    Map.of("k", "v")));
            Conversation assigned = r.conversation().withState(ConversationState.ASSIGNED, "general", "alice",
                    t(2));
            assertTrue(v3.updateConversation(assigned, ConversationState.BOT));
            Conversation other = v3.recordInbound(inbound("v-2", "other", null), t(3)).conversation();
            // the version 3 constraints refuse the new values
            assertThrows(StoreException.class, () -> v3.updateConversation(
                    other.withState(ConversationState.OFFERED, "general", "bob", t(4)), ConversationState.BOT));
            assertThrows(StoreException.class, () -> v3.appendNote(other.id(), "bob", "note", t(4)));
            Customer customer = v3.customer(r.customer().id()).orElseThrow();
            List<Message> transcript = v3.messages(r.conversation().id());

            JdbcConversationStore v4 = new JdbcConversationStore(old.dataSource(), "auto");

            assertEquals(LATEST, old.count("schema_version"));
            assertEquals(customer, v4.customer(customer.id()).orElseThrow());
            assertEquals(assigned, v4.conversation(assigned.id()).orElseThrow());
            assertEquals(transcript, v4.messages(assigned.id()));
            assertEquals(1, v4.events(assigned.id()).size());
            assertTrue(v4.recordInbound(inbound("v-1", "before the upgrade", "c-1"), t(5)).duplicate());
            assertEquals(List.of(assigned), v4.conversationsOfAgent("alice"));
            assertTrue(v4.updateConversation(other.withState(ConversationState.OFFERED, "general", "bob", t(4)),
                    ConversationState.BOT));
            assertEquals(Map.of("alice", 1, "bob", 1), v4.activeConversationsByAgent());
            assertEquals(Direction.INTERNAL, v4.appendNote(other.id(), "bob", "note", t(5)).direction());
            // the widened constraints still refuse anything else
            assertThrows(IllegalStateException.class, () -> execOn(old,
                    "UPDATE conversation SET state = 'BOGUS'"));
            assertThrows(IllegalStateException.class, () -> execOn(old, "UPDATE message SET direction = 'SIDEWAYS'"));
            assertEquals(2, old.queryInt("SELECT COUNT(*) FROM SYS.SYSCONGLOMERATES WHERE CONGLOMERATENAME IN"
                    + " ('IX_CONVERSATION_AGENT', 'IX_CONVERSATION_CUSTOMER_CREATED')"));
        } finally {
            old.close();
        }
    }

    private static void execOn(DerbyDatabase database, String sql) {
        try (var c = database.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
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
            assertEquals(LATEST, reopened.count("schema_version"), "no migration re-applied");
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

    @Test
    void botAnswerIsOneTransactionAndOnlyWhileTheStateIsStillExpected() {
        InboundRecord r = store.recordInbound(inbound("v-bot", "hours?", null), T0);
        Conversation c = r.conversation();
        Conversation updated = c.withIntent("hours", Map.of("pipeline.processed", r.message().id()), t(1));
        io.pishkhan.api.analytics.ConversationEvent answered = new io.pishkhan.api.analytics.ConversationEvent("e-1",
                io.pishkhan.api.analytics.EventType.BOT_ANSWERED, c.id(), "webchat", t(1), Map.of("intent", "hours"));
        Message m = store.recordBotAnswer(updated, ConversationState.BOT, answered, "faq", "We open at 8.", t(1))
                .orElseThrow();
        assertEquals(SenderType.BOT, m.senderType());
        assertEquals(List.of("hours?", "We open at 8."), store.messages(c.id()).stream().map(Message::text).toList());
        assertEquals("hours", store.conversation(c.id()).orElseThrow().intent());
        assertEquals(List.of(answered), store.events(c.id()));
        // the conversation is no longer with the bot: nothing at all is written
        store.updateConversation(updated.withState(ConversationState.QUEUED, "general", null, t(2)), ConversationState.BOT);
        int before = rows();
        io.pishkhan.api.analytics.ConversationEvent late = new io.pishkhan.api.analytics.ConversationEvent("e-2",
                io.pishkhan.api.analytics.EventType.BOT_ANSWERED, c.id(), "webchat", t(3), Map.of());
        assertTrue(store.recordBotAnswer(updated, ConversationState.BOT, late, "faq", "late", t(3)).isEmpty());
        assertEquals(before, rows());
        // a bad answer writes nothing either
        assertThrows(IllegalArgumentException.class, () -> store.recordBotAnswer(
                updated.withState(ConversationState.BOT, null, null, t(4)), ConversationState.QUEUED, late, "faq", " ", t(4)));
        assertEquals(before, rows());
    }

    @Test
    void eventsAreAppendedInOneBatch() {
        InboundRecord r = store.recordInbound(inbound("v-ev", "hi", null), T0);
        List<io.pishkhan.api.analytics.ConversationEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(new io.pishkhan.api.analytics.ConversationEvent("d-" + i, io.pishkhan.api.analytics.EventType.DELIVERED,
                    r.conversation().id(), "webchat", t(i), Map.of("messageId", "m" + i)));
        }
        store.appendEvents(batch);
        assertEquals(batch, store.events(r.conversation().id()));
        // a duplicate id fails the whole batch: all or nothing
        List<io.pishkhan.api.analytics.ConversationEvent> bad = List.of(
                new io.pishkhan.api.analytics.ConversationEvent("x-1", io.pishkhan.api.analytics.EventType.DELIVERED,
                        r.conversation().id(), "webchat", t(60), Map.of()), batch.get(0));
        assertThrows(io.pishkhan.api.store.StoreException.class, () -> store.appendEvents(bad));
        assertEquals(50, store.events(r.conversation().id()).size());
    }

    @Test
    void messagePositionCountsWhatTheCustomerSeesWithoutNotes() {
        InboundRecord r = store.recordInbound(inbound("v-pos", "one", null), T0);
        String id = r.conversation().id();
        Message bot = store.appendOutbound(id, SenderType.BOT, "faq", "two", t(1));
        Message note = store.appendNote(id, "alice", "internal", t(2));
        Message second = store.recordInbound(inbound("v-pos", "three", null), t(3)).message();
        Message agent = store.appendOutbound(id, SenderType.AGENT, "alice", "four", t(4));
        assertEquals(1, store.messagePosition(id, r.message().id()));
        assertEquals(2, store.messagePosition(id, bot.id()));
        assertEquals(-1, store.messagePosition(id, note.id()), "notes have no position");
        assertEquals(3, store.messagePosition(id, second.id()));
        assertEquals(4, store.messagePosition(id, agent.id()));
        assertEquals(-1, store.messagePosition(id, "no-such-message"));
        InboundRecord other = store.recordInbound(inbound("v-pos-2", "x", null), t(5));
        assertEquals(-1, store.messagePosition(other.conversation().id(), agent.id()), "another conversation's message");
        // the same as the SPI's default, which counts the transcript
        for (Message m : store.messages(id)) {
            assertEquals(new io.pishkhan.api.store.ConversationStore() {
                @Override public InboundRecord recordInbound(InboundMessage message, Instant at) { throw new UnsupportedOperationException(); }
                @Override public Message appendOutbound(String c, SenderType t, String s, String x, Instant at) { throw new UnsupportedOperationException(); }
                @Override public java.util.Optional<io.pishkhan.api.model.Customer> customer(String c) { throw new UnsupportedOperationException(); }
                @Override public java.util.Optional<io.pishkhan.api.model.Customer> customerByIdentity(Identity i) { throw new UnsupportedOperationException(); }
                @Override public java.util.Optional<Conversation> conversation(String c) { throw new UnsupportedOperationException(); }
                @Override public List<Conversation> conversations(ConversationState s, int l) { throw new UnsupportedOperationException(); }
                @Override public boolean updateConversation(Conversation u, ConversationState e) { throw new UnsupportedOperationException(); }
                @Override public List<Message> messages(String c) { return store.messages(c); }
                @Override public Map<String, Integer> activeConversationsByAgent() { throw new UnsupportedOperationException(); }
                @Override public List<Conversation> conversationsOfAgent(String a) { throw new UnsupportedOperationException(); }
                @Override public List<Conversation> conversationsOfCustomer(String c, int l) { throw new UnsupportedOperationException(); }
                @Override public Message appendNote(String c, String a, String x, Instant at) { throw new UnsupportedOperationException(); }
                @Override public io.pishkhan.api.model.Customer identify(String c, Identity i, String d) { throw new UnsupportedOperationException(); }
                @Override public void appendEvent(io.pishkhan.api.analytics.ConversationEvent e) { throw new UnsupportedOperationException(); }
                @Override public List<io.pishkhan.api.analytics.ConversationEvent> events(String c) { throw new UnsupportedOperationException(); }
            }.messagePosition(id, m.id()), store.messagePosition(id, m.id()), m.text());
        }
    }

    private static InboundMessage surveyAnswer(String address, String text, String clientId, String target) {
        return new InboundMessage("webchat", address, "Sara", text, clientId,
                Map.of("lang", "fa", JdbcConversationStore.SURVEY_TARGET, target));
    }

    private Conversation resolveWithSurvey(Conversation c, String surveyState) {
        Map<String, String> ctx = new java.util.HashMap<>(c.context());
        ctx.put("survey.state", surveyState);
        Conversation resolved = c.withIntent(c.intent(), ctx, t(5)).withState(ConversationState.RESOLVED, "general",
                "alice", t(5));
        assertTrue(store.updateConversation(resolved, c.state()));
        return resolved;
    }

    @Test
    void surveyAnswerJoinsTheResolvedConversationThatAskedAndStaysIdempotent() {
        Conversation c = store.recordInbound(inbound("v-1", "salam", "c-1"), t(0)).conversation();
        resolveWithSurvey(c, "sent");
        InboundRecord answer = store.recordInbound(surveyAnswer("v-1", "۵", "c-2", c.id()), t(10));
        assertEquals(c.id(), answer.conversation().id());
        assertEquals(ConversationState.RESOLVED, answer.conversation().state());
        assertFalse(answer.created());
        assertFalse(answer.duplicate());
        assertEquals(List.of("salam", "۵"), store.messages(c.id()).stream().map(Message::text).toList());
        assertEquals(t(5), store.conversation(c.id()).orElseThrow().updatedAt(), "a resolved conversation keeps its time");
        // the same client message again: a duplicate of the stored answer, nothing new
        InboundRecord again = store.recordInbound(surveyAnswer("v-1", "۵", "c-2", c.id()), t(11));
        assertTrue(again.duplicate());
        assertEquals(answer.message().id(), again.message().id());
        assertEquals(2, store.messages(c.id()).size());
    }

    @Test
    void surveyTargetIsIgnoredWhenNotAskingNotHisOrAConversationIsOpen() {
        Conversation c = store.recordInbound(inbound("v-1", "salam", null), t(0)).conversation();
        resolveWithSurvey(c, "done");
        InboundRecord late = store.recordInbound(surveyAnswer("v-1", "4", null, c.id()), t(10));
        assertNotEquals(c.id(), late.conversation().id(), "survey over: a new conversation");
        assertTrue(late.created());
        // another visitor cannot write into v-1's resolved conversation
        Conversation d = store.recordInbound(inbound("v-2", "hi", null), t(0)).conversation();
        resolveWithSurvey(d, "sent");
        InboundRecord forged = store.recordInbound(surveyAnswer("v-1", "5", null, d.id()), t(12));
        assertEquals(late.conversation().id(), forged.conversation().id(), "v-1's open conversation, not v-2's");
        assertEquals(1, store.messages(d.id()).size());
        // while v-2 has an open conversation on the channel, the message goes there
        Conversation open = store.recordInbound(inbound("v-2", "new question", null), t(13)).conversation();
        InboundRecord r = store.recordInbound(surveyAnswer("v-2", "5", null, d.id()), t(14));
        assertEquals(open.id(), r.conversation().id());
        // unknown id
        assertEquals(open.id(), store.recordInbound(surveyAnswer("v-2", "5", null, "nope"), t(15)).conversation().id());
    }
}
