package io.pishkhan.channel.webchat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The end-chat and feedback frames, the survey hint on messages and the disconnect timer. */
class WebchatAnalyticsTest {
    static final String TOKEN = WebchatServiceTest.TOKEN;
    static final String OTHER = "another-visitor-token-0123456789";
    FakeConversations cs;
    WebchatConnector connector;
    AtomicLong clock;
    WebchatService service;

    @BeforeEach
    void setUp() {
        cs = new FakeConversations();
        connector = new WebchatConnector();
        clock = new AtomicLong(1_000);
        service = new WebchatService(cs, new FakeAgents(), connector, Settings.defaults(), clock::get);
    }

    TestConn connect(String token) {
        TestConn c = new TestConn();
        assertTrue(service.onFrame(c, "{\"type\":\"hello\",\"token\":\"" + token + "\",\"lang\":\"fa\"}").isEmpty());
        c.take();
        return c;
    }

    JsonNode one(TestConn c, String frame) {
        List<Map<String, Object>> out = service.onFrame(c, frame);
        assertEquals(1, out.size(), out.toString());
        return TestConn.tree(Frames.json(out.get(0)));
    }

    String converse(TestConn c, String clientId) {
        return one(c, "{\"type\":\"message\",\"clientId\":\"" + clientId + "\",\"clientSeq\":1,\"text\":\"سلام\"}")
                .get("conversationId").asText();
    }

    void advanceMinutes(double m) {
        clock.addAndGet((long) (TimeUnit.MINUTES.toNanos(1) * m));
    }

    @Test
    void endWhileWaitingAbandonsOtherwiseNothingChanges() {
        TestConn c = connect(TOKEN);
        JsonNode none = one(c, "{\"type\":\"end\"}");
        assertEquals("ended", none.get("type").asText());
        assertFalse(none.get("abandoned").asBoolean(), "no conversation yet");

        String conv = converse(c, "client-0001");
        JsonNode withBot = one(c, "{\"type\":\"end\"}");
        assertFalse(withBot.get("abandoned").asBoolean(), "the bot has it: not abandoned");
        assertTrue(cs.abandoned.isEmpty());

        cs.setState(conv, ConversationState.QUEUED);
        JsonNode ended = one(c, "{\"type\":\"end\"}");
        assertTrue(ended.get("abandoned").asBoolean());
        assertEquals(conv, ended.get("conversationId").asText());
        assertEquals(List.of(conv + "|visitor-ended"), cs.abandoned);
        assertEquals(ConversationState.RESOLVED, cs.conversation(conv).orElseThrow().state());

        // another visitor's conversation cannot be ended
        TestConn other = connect(OTHER);
        String theirs = converse(other, "client-0002");
        cs.setState(theirs, ConversationState.QUEUED);
        JsonNode refused = one(c, "{\"type\":\"end\",\"conversationId\":\"" + theirs + "\"}");
        assertEquals("error", refused.get("type").asText());
        assertEquals("unknown-conversation", refused.get("code").asText());
        assertEquals(ConversationState.QUEUED, cs.conversation(theirs).orElseThrow().state());
        assertEquals("bad-frame", one(c, "{\"type\":\"end\",\"conversationId\":\"bad id!\"}").get("code").asText());
    }

    @Test
    void feedbackOnABotAnswerIsPassedOnAndWrongMessagesGetAnError() {
        TestConn c = connect(TOKEN);
        String conv = converse(c, "client-0001");
        Message bot = cs.add(conv, Direction.OUTBOUND, SenderType.BOT, "assistant", "We open at 8.", null);
        Message agent = cs.add(conv, Direction.OUTBOUND, SenderType.AGENT, "sara", "Hello", null);

        JsonNode ack = one(c, "{\"type\":\"feedback\",\"messageId\":\"" + bot.id() + "\",\"helpful\":false}");
        assertEquals("feedback-ack", ack.get("type").asText());
        assertEquals(bot.id(), ack.get("messageId").asText());
        assertFalse(ack.get("helpful").asBoolean());
        assertEquals(List.of(conv + "|" + bot.id() + "|false"), cs.feedbacks);

        JsonNode unknown = one(c, "{\"type\":\"feedback\",\"messageId\":\"msg-999\",\"helpful\":true}");
        assertEquals("unknown-message", unknown.get("code").asText());
        assertEquals("msg-999", unknown.get("ref").asText());
        assertEquals("unknown-message",
                one(c, "{\"type\":\"feedback\",\"messageId\":\"" + agent.id() + "\",\"helpful\":true}").get("code").asText());
        assertEquals("bad-frame", one(c, "{\"type\":\"feedback\",\"messageId\":\"" + bot.id() + "\",\"helpful\":\"yes\"}")
                .get("code").asText());
        assertEquals("bad-frame", one(c, "{\"type\":\"feedback\",\"helpful\":true}").get("code").asText());

        // another visitor cannot rate (or probe) this chat
        TestConn other = connect(OTHER);
        assertEquals("unknown-message", one(other, "{\"type\":\"feedback\",\"conversationId\":\"" + conv
                + "\",\"messageId\":\"" + bot.id() + "\",\"helpful\":true}").get("code").asText());
        // a visitor without a conversation
        assertEquals("unknown-message", one(connect("third-visitor-token-0123456789"),
                "{\"type\":\"feedback\",\"messageId\":\"" + bot.id() + "\",\"helpful\":true}").get("code").asText());
        assertEquals(1, cs.feedbacks.size());
    }

    @Test
    void surveyMessagesAreMarkedForTheRatingRow() {
        TestConn c = connect(TOKEN);
        String conv = converse(c, "client-0001");
        Message q = cs.add(conv, Direction.OUTBOUND, SenderType.SYSTEM, "pishkhan", "How satisfied were you?", null);
        Message bot = cs.add(conv, Direction.OUTBOUND, SenderType.BOT, "assistant", "Was this helpful?", null);
        connector.deliver(new OutboundMessage(conv, q.id(), "webchat", TOKEN, SenderType.SYSTEM, "pishkhan",
                q.text(), List.of("1", "2", "3", "4", "5")));
        connector.deliver(new OutboundMessage(conv, bot.id(), "webchat", TOKEN, SenderType.BOT, "assistant",
                bot.text(), List.of("1", "2", "3", "4", "5")));
        List<JsonNode> frames = c.take();
        assertEquals("survey", frames.get(0).get("kind").asText());
        assertEquals(5, frames.get(0).get("quickReplies").size());
        assertNull(frames.get(1).get("kind"), "only the system's survey is a survey");
    }

    @Test
    void aWaitingVisitorGoneForTheConfiguredTimeHasAbandoned() {
        TestConn c = connect(TOKEN);
        String conv = converse(c, "client-0001");
        cs.setState(conv, ConversationState.QUEUED);
        service.onClose(c);
        advanceMinutes(4.5);
        service.abandonDisconnected();
        assertTrue(cs.abandoned.isEmpty(), "not yet");
        advanceMinutes(0.6);
        service.abandonDisconnected();
        assertEquals(List.of(conv + "|disconnected"), cs.abandoned);
        advanceMinutes(10);
        service.abandonDisconnected();
        assertEquals(1, cs.abandoned.size(), "once");
    }

    @Test
    void reconnectingInTimeOrBeingServedKeepsTheConversation() {
        TestConn c = connect(TOKEN);
        String conv = converse(c, "client-0001");
        cs.setState(conv, ConversationState.OFFERED);
        service.onClose(c);
        advanceMinutes(3);
        TestConn back = new TestConn();
        service.onFrame(back, "{\"type\":\"hello\",\"token\":\"" + TOKEN + "\",\"lang\":\"fa\",\"conversationId\":\""
                + conv + "\"}");
        advanceMinutes(3);
        service.abandonDisconnected();
        assertTrue(cs.abandoned.isEmpty(), "a session is open again");
        service.onClose(back);
        advanceMinutes(3);
        service.abandonDisconnected();
        assertTrue(cs.abandoned.isEmpty(), "gone for 3 minutes only since the last session closed");
        advanceMinutes(2.5);
        service.abandonDisconnected();
        assertEquals(List.of(conv + "|disconnected"), cs.abandoned);

        // served by an agent: never abandoned by the timer
        TestConn other = connect(OTHER);
        String served = converse(other, "client-0002");
        cs.setState(served, ConversationState.ASSIGNED);
        service.onClose(other);
        advanceMinutes(60);
        service.abandonDisconnected();
        assertEquals(1, cs.abandoned.size());
    }

    @Test
    void theTimerCanBeSwitchedOff() {
        Settings d = Settings.defaults();
        service = new WebchatService(cs, new FakeAgents(), connector, new Settings(d.origins(), d.maxMessageBytes(),
                d.maxFrameBytes(), d.rateLimitMessages(), d.rateLimitSeconds(), d.maxSessionsPerToken(),
                d.sessionIdleSeconds(), d.pollQueueSize(), d.maxVisitors(), d.prechatEnabled(), d.prechatFields(),
                d.prechatRequired(), d.titles(), d.colors(), 0), clock::get);
        TestConn c = connect(TOKEN);
        String conv = converse(c, "client-0001");
        cs.setState(conv, ConversationState.QUEUED);
        service.onClose(c);
        advanceMinutes(120);
        service.abandonDisconnected();
        assertTrue(cs.abandoned.isEmpty());
    }

    @Test
    void endAndFeedbackFramesParse() throws Exception {
        assertInstanceOf(Frames.End.class, Frames.parse("{\"type\":\"end\"}", 10));
        assertEquals("c-1", ((Frames.End) Frames.parse("{\"type\":\"end\",\"conversationId\":\"c-1\"}", 10)).conversationId());
        Frames.Feedback f = (Frames.Feedback) Frames.parse("{\"type\":\"feedback\",\"messageId\":\"m-1\",\"helpful\":true}", 10);
        assertEquals("m-1", f.messageId());
        assertTrue(f.helpful());
        assertNull(f.conversationId());
        assertEquals("bad-frame", assertThrows(Frames.FrameException.class,
                () -> Frames.parse("{\"type\":\"feedback\",\"messageId\":\"m 1\",\"helpful\":true}", 10)).code);
        assertEquals("bad-frame", assertThrows(Frames.FrameException.class,
                () -> Frames.parse("{\"type\":\"feedback\",\"messageId\":\"m-1\"}", 10)).code);
    }
}
