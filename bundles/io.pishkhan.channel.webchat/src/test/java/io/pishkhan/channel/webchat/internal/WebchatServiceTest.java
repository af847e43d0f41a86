package io.pishkhan.channel.webchat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.model.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebchatServiceTest {
    static final String TOKEN = "visitor-token-0123456789abcdef";
    FakeConversations cs;
    WebchatConnector connector;
    AtomicLong clock;
    FakeAgents agents;
    WebchatService service;

    @BeforeEach
    void setUp() {
        cs = new FakeConversations();
        connector = new WebchatConnector();
        clock = new AtomicLong();
        agents = new FakeAgents().add("sara", "سارا رضایی");
        service = new WebchatService(cs, agents, connector, Settings.defaults(), clock::get);
    }

    static String hello(String conv, long lastSeq) {
        return "{\"type\":\"hello\",\"token\":\"" + TOKEN + "\",\"lang\":\"fa\""
                + (conv == null ? "" : ",\"conversationId\":\"" + conv + "\",\"lastSeq\":" + lastSeq) + "}";
    }

    static String msg(String clientId, int seq, String text) {
        return "{\"type\":\"message\",\"clientId\":\"" + clientId + "\",\"clientSeq\":" + seq + ",\"text\":\"" + text + "\"}";
    }

    JsonNode one(Conn c, String frame) {
        List<Map<String, Object>> out = service.onFrame(c, frame);
        assertEquals(1, out.size(), out.toString());
        return TestConn.tree(Frames.json(out.get(0)));
    }

    TestConn connect(String conv, long lastSeq) {
        TestConn c = new TestConn();
        assertTrue(service.onFrame(c, hello(conv, lastSeq)).isEmpty());
        return c;
    }

    @Test
    void helloThenMessageIsAckedAfterStoringAndResendIsADuplicate() {
        TestConn c = connect(null, 0);
        JsonNode w = c.take().get(0);
        assertEquals("welcome", w.get("type").asText());
        assertFalse(w.get("resumed").asBoolean());
        assertEquals(4096, w.at("/config/maxMessageBytes").asInt());
        assertEquals("گفتگو با پشتیبانی", w.at("/config/title").asText());

        JsonNode ack = one(c, msg("client-0001", 1, "سلام"));
        assertEquals("ack", ack.get("type").asText());
        assertEquals("client-0001", ack.get("clientId").asText());
        assertFalse(ack.get("duplicate").asBoolean());
        assertEquals(1, cs.received.size());
        assertEquals(TOKEN + ":client-0001", cs.received.get(0).clientMessageId());
        assertEquals("webchat", cs.received.get(0).channel());
        assertEquals(TOKEN, cs.received.get(0).address());
        assertEquals("1", cs.received.get(0).attributes().get("webchat.clientSeq"));

        JsonNode again = one(c, msg("client-0001", 1, "سلام"));
        assertTrue(again.get("duplicate").asBoolean());
        assertEquals(ack.get("messageId"), again.get("messageId"));
        assertEquals(1, cs.received.size(), "stored once");
    }

    @Test
    void framesBeforeHelloAndMalformedFramesGetErrorsAndTheSessionLives() {
        TestConn c = new TestConn();
        assertEquals("not-ready", one(c, msg("client-0001", 1, "hi")).get("code").asText());
        assertEquals("bad-frame", one(c, "{nope").get("code").asText());
        service.onFrame(c, hello(null, 0));
        assertEquals("bad-frame", one(c, hello(null, 0)).get("code").asText(), "second hello");
        assertEquals("pong", one(c, "{\"type\":\"ping\",\"t\":42}").get("type").asText());
        assertEquals(42, one(c, "{\"type\":\"ping\",\"t\":42}").get("t").asInt());
        JsonNode big = one(c, msg("client-0002", 2, "x".repeat(4097)));
        assertEquals("too-large", big.get("code").asText());
        assertEquals(4096, big.get("limit").asInt());
        assertEquals("client-0002", big.get("ref").asText());
        assertTrue(cs.received.isEmpty());
    }

    @Test
    void rateLimitRefusesWithoutStoringAndSaysWhenToRetry() {
        TestConn c = connect(null, 0);
        for (int i = 1; i <= 20; i++) {
            assertEquals("ack", one(c, msg("client-" + (1000 + i), i, "m" + i)).get("type").asText());
        }
        JsonNode e = one(c, msg("client-2000", 21, "one too many"));
        assertEquals("rate-limited", e.get("code").asText());
        assertEquals(1, e.get("retryAfter").asLong());
        assertEquals(20, cs.received.size(), "not stored");
        clock.addAndGet(500_000_000L);
        assertEquals("ack", one(c, msg("client-2000", 21, "one too many")).get("type").asText());
    }

    @Test
    void replaySendsOutboundAfterLastSeqSkippingInternalAndInOrder() {
        TestConn c = connect(null, 0);
        String conv = one(c, msg("client-0001", 1, "hi")).get("conversationId").asText();
        Message bot1 = cs.add(conv, Direction.OUTBOUND, SenderType.BOT, "bot 1", null);   // seq 2
        cs.add(conv, Direction.INTERNAL, SenderType.AGENT, "note", null);                   // not counted
        Message bot2 = cs.add(conv, Direction.OUTBOUND, SenderType.AGENT, "agent 2", null); // seq 3
        service.onClose(c);

        TestConn back = connect(conv, 2);
        List<JsonNode> f = back.take();
        assertEquals("welcome", f.get(0).get("type").asText());
        assertTrue(f.get(0).get("resumed").asBoolean());
        assertEquals(2, f.size(), f.toString());
        assertEquals(bot2.id(), f.get(1).get("id").asText());
        assertEquals(3, f.get(1).get("seq").asLong());
        assertEquals("agent", f.get(1).get("from").asText());

        TestConn fresh = connect(conv, 0);
        List<JsonNode> all = fresh.take();
        assertEquals(List.of(bot1.id(), bot2.id()), all.subList(1, 3).stream().map(x -> x.get("id").asText()).toList());
        assertEquals(List.of(2L, 3L), all.subList(1, 3).stream().map(x -> x.get("seq").asLong()).toList());

        // a live delivery of a message already replayed on a session is not sent again; a new one is
        connector.deliver(new OutboundMessage(conv, bot2.id(), "webchat", TOKEN, SenderType.AGENT, "Sara", "agent 2", null));
        assertTrue(back.take().isEmpty());
        Message bot3 = cs.add(conv, Direction.OUTBOUND, SenderType.BOT, "bot 3", null);
        connector.deliver(new OutboundMessage(conv, bot3.id(), "webchat", TOKEN, SenderType.BOT, "bot", "bot 3", List.of("yes")));
        JsonNode live = back.take().get(0);
        assertEquals(4, live.get("seq").asLong());
        assertEquals("bot 3", live.get("text").asText());
        assertEquals("yes", live.at("/quickReplies/0").asText());
        assertEquals(1, fresh.take().size(), "every open session gets it");
    }

    @Test
    void replayedMessagesCarryTheSenderNameLiveMessagesCarry() {
        TestConn c = connect(null, 0);
        String conv = one(c, msg("client-0001", 1, "hi")).get("conversationId").asText();
        cs.add(conv, Direction.OUTBOUND, SenderType.BOT, "keyword", "bot answer", null);
        cs.add(conv, Direction.OUTBOUND, SenderType.SYSTEM, "pishkhan", "connecting you to an agent", null);
        Message agent1 = cs.add(conv, Direction.OUTBOUND, SenderType.AGENT, "sara", "hello, I am Sara", null);
        cs.add(conv, Direction.OUTBOUND, SenderType.AGENT, "sara", "how can I help?", null);
        cs.add(conv, Direction.OUTBOUND, SenderType.AGENT, "gone", "from an agent no longer listed", null);
        // what the core sends live for the agent's first message: the directory name
        connector.deliver(new OutboundMessage(conv, agent1.id(), "webchat", TOKEN, SenderType.AGENT, "سارا رضایی",
                "hello, I am Sara", null));
        JsonNode live = c.take().get(1); // after the welcome
        service.onClose(c);

        List<JsonNode> replay = connect(conv, 0).take();
        assertEquals(6, replay.size(), replay.toString());
        assertEquals(List.of("keyword", "pishkhan", "سارا رضایی", "سارا رضایی", "gone"),
                replay.subList(1, 6).stream().map(x -> x.get("senderName").asText()).toList());
        assertEquals(List.of("bot", "system", "agent", "agent", "agent"),
                replay.subList(1, 6).stream().map(x -> x.get("from").asText()).toList());
        JsonNode replayed = replay.get(3);
        assertEquals(live.get("id").asText(), replayed.get("id").asText());
        assertEquals(live.get("senderName").asText(), replayed.get("senderName").asText(), "same name as live");
        assertEquals(2, agents.lookups.get(), "one directory lookup per agent per hello");
    }

    @Test
    void replayCoversLaterConversationsOfTheSameVisitorOnly() {
        TestConn c = connect(null, 0);
        String first = one(c, msg("client-0001", 1, "hi")).get("conversationId").asText();
        cs.add(first, Direction.OUTBOUND, SenderType.BOT, "old answer", null);
        cs.resolve(cs.convs.get(first));
        service.onClose(c);
        Conversation second = cs.open("webchat", TOKEN);
        Message later = cs.add(second.id(), Direction.OUTBOUND, SenderType.AGENT, "we called you back", null);
        Conversation other = cs.open("webchat", "another-visitor-token-000000");
        cs.add(other.id(), Direction.OUTBOUND, SenderType.AGENT, "secret", null);

        TestConn back = connect(first, 2);
        List<JsonNode> f = back.take();
        assertEquals(2, f.size(), f.toString());
        assertEquals(later.id(), f.get(1).get("id").asText());
        assertEquals(second.id(), f.get(0).get("conversationId").asText(), "welcome names the open conversation");

        TestConn thief = new TestConn();
        service.onFrame(thief, hello(other.id(), 0));
        List<JsonNode> t = thief.take();
        assertEquals(1, t.size(), "a foreign conversation is not replayed");
        assertFalse(t.get(0).get("resumed").asBoolean());
    }

    @Test
    void offlineDeliveryIsANoOpAndSignalsReachTheVisitor() {
        connector.deliver(new OutboundMessage("conv-x", "m", "webchat", TOKEN, SenderType.BOT, "bot", "hi", null));
        TestConn c = connect(null, 0);
        c.take();
        connector.signal("conv-1", TOKEN, new Signal(Signal.Type.TYPING, SenderType.AGENT, "sara", null, Instant.now()));
        connector.signal("conv-1", TOKEN, new Signal(Signal.Type.READ, SenderType.AGENT, "sara", "msg-3", Instant.now()));
        List<JsonNode> f = c.take();
        assertEquals("typing", f.get(0).get("type").asText());
        assertEquals("start", f.get(0).get("state").asText());
        assertEquals("read", f.get(1).get("type").asText());
        assertEquals("msg-3", f.get(1).get("upToMessageId").asText());
    }

    @Test
    void prechatIdentifiesTheConversationOnceItExists() {
        TestConn c = connect(null, 0);
        JsonNode bad = one(c, "{\"type\":\"prechat\",\"email\":\"ali@example.ir\"}");
        assertEquals("invalid-prechat", bad.get("code").asText());
        assertEquals("name", bad.get("field").asText(), "name is required by default");
        JsonNode ack = one(c, "{\"type\":\"prechat\",\"name\":\"علی\",\"email\":\"Ali@Example.ir\",\"phone\":\"۰۹۱۲۱۲۳۴۵۶۷\"}");
        assertEquals("prechat-ack", ack.get("type").asText());
        assertTrue(ack.get("conversationId").isNull());
        assertTrue(cs.identified.isEmpty());
        String conv = one(c, msg("client-0001", 1, "hi")).get("conversationId").asText();
        assertEquals(List.of(conv + "|email|ali@example.ir|علی", conv + "|phone|+989121234567|علی"), cs.identified);
        assertEquals("علی", cs.received.get(0).displayName());
        one(c, msg("client-0002", 2, "again"));
        assertEquals(2, cs.identified.size(), "once per conversation");
        JsonNode now = one(c, "{\"type\":\"prechat\",\"name\":\"Ali\",\"email\":\"ali@example.ir\"}");
        assertEquals(conv, now.get("conversationId").asText());
        assertEquals("email", now.at("/identified/0").asText());
    }

    @Test
    void typingAndReadBecomeSignalsAndSessionsPerTokenAreBounded() {
        TestConn c = connect(null, 0);
        String conv = one(c, msg("client-0001", 1, "hi")).get("conversationId").asText();
        service.onFrame(c, "{\"type\":\"typing\",\"state\":\"start\"}");
        service.onFrame(c, "{\"type\":\"typing\",\"state\":\"start\"}"); // throttled
        service.onFrame(c, "{\"type\":\"read\",\"conversationId\":\"" + conv + "\",\"upToMessageId\":\"msg-9\"}");
        service.onFrame(c, "{\"type\":\"read\",\"conversationId\":\"conv-999\",\"upToMessageId\":\"msg-9\"}"); // not his
        assertEquals(List.of(Signal.Type.TYPING, Signal.Type.READ), cs.signals.stream().map(Signal::type).toList());
        assertEquals(SenderType.CUSTOMER, cs.signals.get(0).from());

        for (int i = 0; i < 4; i++) {
            connect(null, 0);
        }
        TestConn sixth = new TestConn();
        service.onFrame(sixth, hello(null, 0));
        assertEquals("too-many-sessions", sixth.frames().get(0).get("code").asText());
        assertEquals(1008, sixth.closedWith);
        service.onClose(c);
        TestConn ok = connect(null, 0);
        assertEquals("welcome", ok.frames().get(0).get("type").asText());
    }
}
