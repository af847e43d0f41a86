package io.pishkhan.core.internal;

import static io.pishkhan.core.internal.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.ChatbotEngine;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.nlu.SentimentScore;
import io.pishkhan.api.nlu.SentimentService;
import io.pishkhan.api.routing.TriageInput;
import io.pishkhan.api.routing.TriageResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Survey (CSAT), abandonment, bot feedback, annotate and sentiment at triage (issue Analytics 1 and 3). */
class AnalyticsFeaturesTest extends PipelineTestBase {
    private static final String QUESTION_EN = "How satisfied were you";
    private static final String QUESTION_FA = "از این گفتگو چقدر راضی بودید";

    @Override
    int offerTimeout() {
        return 0;
    }

    private Receipt sendWith(String from, String text, String clientId, Map<String, String> attrs) {
        return pipeline.receive(new InboundMessage("test", from, null, text, clientId, attrs));
    }

    /** A customer talked to alice and she resolved the conversation. */
    private Conversation resolvedByAgent(String from, String text, Map<String, String> attrs) {
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        Receipt r = sendWith(from, text, null, attrs);
        await("assigned", () -> pipeline.conversation(r.conversationId()).orElseThrow().state() == ConversationState.ASSIGNED);
        pipeline.replyAsAgent(r.conversationId(), "alice", "Done, anything else?");
        return pipeline.resolve(r.conversationId());
    }

    private OutboundMessage awaitDelivered(String what, java.util.function.Predicate<OutboundMessage> p) {
        await(what, () -> delivered.stream().anyMatch(p));
        return delivered.stream().filter(p).findFirst().orElseThrow();
    }

    private List<ConversationEvent> events(String conversationId, EventType type) {
        return store.events(conversationId).stream().filter(e -> e.type() == type).toList();
    }

    // ------------------------------------------------------------------ survey

    @Test
    void englishCustomerIsAskedTheSurveyWithQuickRepliesAfterTheAgentResolves() {
        Conversation done = resolvedByAgent("u-en", "my card is blocked", Map.of());
        assertEquals(ConversationState.RESOLVED, done.state());
        assertEquals("sent", done.context().get("survey.state"));
        OutboundMessage q = awaitDelivered("survey", m -> m.text().startsWith(QUESTION_EN));
        assertEquals(List.of("1", "2", "3", "4", "5"), q.quickReplies());
        assertEquals(SenderType.SYSTEM, q.senderType());
        assertEquals(done.id(), q.conversationId());
        ConversationEvent sent = events(done.id(), EventType.SURVEY_SENT).get(0);
        assertEquals("alice", sent.data().get("agentId"));
        assertEquals(q.messageId(), sent.data().get("messageId"));
        assertEquals(done.context().get("survey.id"), sent.data().get("surveyId"));
        await("SURVEY_SENT published", () -> analyzed.stream().anyMatch(e -> e.type() == EventType.SURVEY_SENT));
    }

    @Test
    void persianScoreInPersianDigitsThenACommentAreStoredInTheResolvedConversation() {
        Conversation done = resolvedByAgent("u-fa", "کارت من مسدود شده است", Map.of());
        OutboundMessage q = awaitDelivered("Persian survey", m -> m.text().startsWith(QUESTION_FA));
        assertEquals(5, q.quickReplies().size());

        Receipt score = sendWith("u-fa", "۴", "c-1", Map.of());
        assertEquals(done.id(), score.conversationId(), "the score is an answer, not a new conversation");
        ConversationEvent answered = events(done.id(), EventType.SURVEY_ANSWERED).get(0);
        assertEquals("4", answered.data().get("score"));
        assertEquals("alice", answered.data().get("agentId"));
        assertEquals("general", answered.data().get("queueId"));
        assertNull(answered.data().get("comment"));
        awaitDelivered("thanks and invitation", m -> m.text().startsWith("از امتیاز شما سپاسگزاریم"));
        // the same message again (a channel retry): nothing new
        Receipt retry = sendWith("u-fa", "۴", "c-1", Map.of());
        assertTrue(retry.duplicate());
        assertEquals(1, events(done.id(), EventType.SURVEY_ANSWERED).size());

        Receipt comment = sendWith("u-fa", "کارشناس خیلی خوب راهنمایی کرد", "c-2", Map.of());
        assertEquals(done.id(), comment.conversationId());
        List<ConversationEvent> answers = events(done.id(), EventType.SURVEY_ANSWERED);
        assertEquals(2, answers.size());
        assertEquals("4", answers.get(1).data().get("score"));
        assertEquals("کارشناس خیلی خوب راهنمایی کرد", answers.get(1).data().get("comment"));
        awaitDelivered("comment thanks", m -> m.text().startsWith("نظر شما ثبت شد"));
        Conversation after = pipeline.conversation(done.id()).orElseThrow();
        assertEquals(ConversationState.RESOLVED, after.state());
        assertEquals("done", after.context().get("survey.state"));
        List<String> inbound = pipeline.transcript(done.id()).stream()
                .filter(m -> m.direction() == Direction.INBOUND).map(Message::text).toList();
        assertEquals(List.of("کارت من مسدود شده است", "۴", "کارشناس خیلی خوب راهنمایی کرد"), inbound);

        // the survey is over: the next message is a new conversation
        Receipt next = sendWith("u-fa", "یک سوال دیگر دارم", null, Map.of());
        assertNotEquals(done.id(), next.conversationId());
    }

    @Test
    void theChannelLanguageWinsOverTheScriptAndArabicDigitsAndFiveOfFiveAreScores() {
        Conversation done = resolvedByAgent("u-lang", "hello there", Map.of("lang", "fa"));
        assertEquals("fa", done.context().get("survey.lang"));
        awaitDelivered("Persian survey for lang=fa", m -> m.text().startsWith(QUESTION_FA));
        assertEquals(done.id(), sendWith("u-lang", "٥", null, Map.of()).conversationId());
        assertEquals("5", events(done.id(), EventType.SURVEY_ANSWERED).get(0).data().get("score"));
        // a new score while the comment is awaited replaces the score
        assertEquals(done.id(), sendWith("u-lang", "3/5", null, Map.of()).conversationId());
        assertEquals("3", events(done.id(), EventType.SURVEY_ANSWERED).get(1).data().get("score"));
    }

    @Test
    void anAnswerAfterTheTimeoutOpensANewConversation() {
        Conversation done = resolvedByAgent("u-late", "my card is blocked", Map.of());
        awaitDelivered("survey", m -> m.text().startsWith(QUESTION_EN));
        clock.advance(Duration.ofMinutes(31));
        Receipt late = sendWith("u-late", "5", null, Map.of());
        assertNotEquals(done.id(), late.conversationId());
        assertTrue(events(done.id(), EventType.SURVEY_ANSWERED).isEmpty());
        assertEquals(ConversationState.RESOLVED, pipeline.conversation(done.id()).orElseThrow().state());
    }

    @Test
    void aNewQuestionInsteadOfAScoreOpensANewConversation() {
        Conversation done = resolvedByAgent("u-q", "my card is blocked", Map.of());
        awaitDelivered("survey", m -> m.text().startsWith(QUESTION_EN));
        Receipt question = sendWith("u-q", "how do I open a savings account?", null, Map.of());
        assertNotEquals(done.id(), question.conversationId());
        assertTrue(events(done.id(), EventType.SURVEY_ANSWERED).isEmpty());
        // the question is in the new conversation only
        assertTrue(pipeline.transcript(done.id()).stream().noneMatch(m -> m.text().startsWith("how do I open")));
        await("new conversation goes on as usual", () -> eventTypes(question.conversationId()).contains(EventType.QUEUED));
    }

    @Test
    void surveysSentBeforeARestartCanStillBeAnswered() {
        Conversation done = resolvedByAgent("u-restart", "my card is blocked", Map.of());
        awaitDelivered("survey", m -> m.text().startsWith(QUESTION_EN));
        // a new pipeline on the same store: its index of open surveys starts empty
        pipeline.deactivate();
        ConversationPipeline restarted = new ConversationPipeline(store, directory, extensions, camel,
                TestSupport.config(CoreConfig.class, Map.of("routing.offerTimeoutSeconds", 0)), clock);
        restarted.restorePendingSurveys(); // without it the score would open a new conversation
        Receipt score = restarted.receive(new InboundMessage("test", "u-restart", null, "4", null, Map.of()));
        assertEquals(done.id(), score.conversationId());
        assertEquals("4", events(done.id(), EventType.SURVEY_ANSWERED).get(0).data().get("score"));
        restarted.deactivate();
    }

    @Test
    void surveyCanBeSwitchedOff() {
        pipeline.modified(TestSupport.config(CoreConfig.class, Map.of("survey.enabled", false,
                "routing.offerTimeoutSeconds", 0)));
        Conversation done = resolvedByAgent("u-off", "my card is blocked", Map.of());
        assertNull(done.context().get("survey.state"));
        assertTrue(events(done.id(), EventType.SURVEY_SENT).isEmpty());
        assertNotEquals(done.id(), sendWith("u-off", "5", null, Map.of()).conversationId());
    }

    @Test
    void botOnlyConversationsGetNoSurvey() {
        extensions.bindBot(BOT, Map.of());
        Receipt r = send("u-bot", "what are your opening hours?");
        await("bot answer", () -> delivered.size() == 1);
        Conversation done = pipeline.resolve(r.conversationId());
        assertNull(done.context().get("survey.state"));
        assertTrue(events(r.conversationId(), EventType.SURVEY_SENT).isEmpty());
        assertNotEquals(r.conversationId(), send("u-bot", "5").conversationId());
    }

    // ------------------------------------------------------------------ abandon

    @Test
    void abandonOnlyWhileWaitingAndNoSurveyForIt() {
        // no routing strategy: the conversation waits in its queue
        Receipt r = send("u-wait", "I need a person");
        await("queued", () -> pipeline.conversation(r.conversationId()).orElseThrow().state() == ConversationState.QUEUED);
        assertTrue(pipeline.abandon(r.conversationId(), "closed-widget"));
        Conversation c = pipeline.conversation(r.conversationId()).orElseThrow();
        assertEquals(ConversationState.RESOLVED, c.state());
        assertNull(c.agentId());
        ConversationEvent ab = events(r.conversationId(), EventType.ABANDONED).get(0);
        assertEquals("closed-widget", ab.data().get("reason"));
        assertEquals("general", ab.data().get("queueId"));
        assertEquals(1, events(r.conversationId(), EventType.RESOLVED).size());
        assertTrue(events(r.conversationId(), EventType.SURVEY_SENT).isEmpty());
        assertFalse(pipeline.abandon(r.conversationId(), "again"), "already closed");
        assertEquals(1, events(r.conversationId(), EventType.ABANDONED).size());
        assertFalse(pipeline.abandon("no-such-conversation", "x"));
        // resolving an abandoned conversation again sends nothing
        pipeline.resolve(r.conversationId());
        assertTrue(events(r.conversationId(), EventType.SURVEY_SENT).isEmpty());

        // with an agent: not abandoned
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        Receipt served = send("u-served", "help");
        await("assigned", () -> pipeline.conversation(served.conversationId()).orElseThrow().state() == ConversationState.ASSIGNED);
        assertFalse(pipeline.abandon(served.conversationId(), "disconnected"));
        assertEquals(ConversationState.ASSIGNED, pipeline.conversation(served.conversationId()).orElseThrow().state());

        // with the bot: not abandoned either
        extensions.bindBot(BOT, Map.of());
        Receipt bot = send("u-botonly", "opening hours?");
        assertFalse(pipeline.abandon(bot.conversationId(), "disconnected"));
    }

    // ------------------------------------------------------------------ feedback

    /** Answers from the knowledge base with the article id in its reply data, like the assistant. */
    static final ChatbotEngine KB_BOT = new ChatbotEngine() {
        @Override
        public String id() {
            return "kb-bot";
        }

        @Override
        public BotReply reply(io.pishkhan.api.bot.BotRequest r) {
            if (r.message().text().contains("hours")) {
                return new BotReply(BotReply.Outcome.ANSWER, "We open at 8.", "hours", 0.8,
                        Map.of("kb.articleId", "kb-42", "kb.article", "kb-42"), List.of());
            }
            return new BotReply(BotReply.Outcome.ANSWER, "Please rephrase.", null, 0.1, Map.of("kb.article", ""), List.of());
        }
    };

    @Test
    void feedbackOnABotAnswerRecordsTheArticleAndValidatesTheMessage() {
        extensions.bindBot(KB_BOT, Map.of());
        Receipt r = send("u-fb", "opening hours?");
        await("kb answer", () -> delivered.size() == 1);
        String answerId = delivered.get(0).messageId();
        ConversationEvent answered = events(r.conversationId(), EventType.BOT_ANSWERED).get(0);
        assertEquals("kb-42", answered.data().get("articleId"));
        assertNull(pipeline.conversation(r.conversationId()).orElseThrow().context().get("kb.articleId"),
                "the article id is answer metadata, not context");
        send("u-fb", "something else");
        await("second answer", () -> delivered.size() == 2);
        String otherId = delivered.get(1).messageId();

        pipeline.feedback(r.conversationId(), answerId, false);
        pipeline.feedback(r.conversationId(), otherId, true);
        List<ConversationEvent> fb = events(r.conversationId(), EventType.BOT_FEEDBACK);
        assertEquals(2, fb.size());
        assertEquals(answerId, fb.get(0).data().get("messageId"));
        assertEquals("false", fb.get(0).data().get("helpful"));
        assertEquals("kb-42", fb.get(0).data().get("articleId"));
        assertEquals("hours", fb.get(0).data().get("intent"));
        assertEquals("true", fb.get(1).data().get("helpful"));
        assertNull(fb.get(1).data().get("articleId"), "not a knowledge-base answer");
        await("feedback published", () -> analyzed.stream().filter(e -> e.type() == EventType.BOT_FEEDBACK).count() == 2);

        assertThrows(IllegalArgumentException.class, () -> pipeline.feedback(r.conversationId(), r.messageId(), true),
                "the customer's own message");
        assertThrows(IllegalArgumentException.class, () -> pipeline.feedback(r.conversationId(), "nope", true));
        assertThrows(IllegalArgumentException.class, () -> pipeline.feedback("nope", answerId, true));
        Receipt other = send("u-fb2", "opening hours?");
        assertThrows(IllegalArgumentException.class, () -> pipeline.feedback(other.conversationId(), answerId, true),
                "a message of another conversation");
        assertEquals(2, events(r.conversationId(), EventType.BOT_FEEDBACK).size());
    }

    @Test
    void feedbackOnAnAgentMessageIsRefused() {
        Conversation done = resolvedByAgent("u-agent", "help", Map.of());
        Message agentMsg = pipeline.transcript(done.id()).stream().filter(m -> m.senderType() == SenderType.AGENT)
                .findFirst().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> pipeline.feedback(done.id(), agentMsg.id(), true));
    }

    // ------------------------------------------------------------------ annotate

    @Test
    void annotateMergesContextRemovesBlankKeysAndPublishesTheEvent() {
        extensions.bindBot(BOT, Map.of());
        Receipt r = send("u-an", "opening hours?");
        await("answer", () -> delivered.size() == 1);
        Conversation c = pipeline.annotate(r.conversationId(), Map.of("sentiment", "-0.400", "sentiment.alert", "true"),
                EventType.SENTIMENT_SCORED, Map.of("score", "-0.4", "messageId", r.messageId())).orElseThrow();
        assertEquals("-0.400", c.context().get("sentiment"));
        assertEquals("hours", c.intent());
        Map<String, String> remove = new HashMap<>();
        remove.put("sentiment.alert", "");
        c = pipeline.annotate(r.conversationId(), remove, null, null).orElseThrow();
        assertNull(c.context().get("sentiment.alert"));
        assertEquals("-0.400", pipeline.conversation(r.conversationId()).orElseThrow().context().get("sentiment"));
        assertEquals(r.messageId(), c.context().get(ConversationPipeline.PROCESSED), "pipeline keys kept");
        assertEquals(1, events(r.conversationId(), EventType.SENTIMENT_SCORED).size());
        await("published", () -> analyzed.stream().anyMatch(e -> e.type() == EventType.SENTIMENT_SCORED));
        assertTrue(pipeline.annotate("nope", Map.of("a", "b"), EventType.SENTIMENT_SCORED, Map.of()).isEmpty());
    }

    @Test
    void annotateFromAnotherThreadLosesNothingWhileThePipelineUpdatesTheConversation() throws Exception {
        // a slow bot: every answer writes its own context key, while annotations arrive during the bot call
        CountDownLatch inBot = new CountDownLatch(1);
        extensions.bindBot(new ChatbotEngine() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public BotReply reply(io.pishkhan.api.bot.BotRequest req) {
                inBot.countDown();
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                String t = req.message().text();
                return new BotReply(BotReply.Outcome.ANSWER, "ok " + t, "i-" + t, 0.9, Map.of("bot." + t, "seen"), List.of());
            }
        }, Map.of());
        Receipt first = send("u-race", "m0");
        List<String> sent = new ArrayList<>(List.of("m0"));
        for (int i = 1; i < 10; i++) {
            send("u-race", "m" + i);
            sent.add("m" + i);
        }
        inBot.await(10, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    String key = "a." + thread + "." + i;
                    pipeline.annotate(first.conversationId(), Map.of(key, "v", "sentiment", String.valueOf(i)),
                            i % 5 == 0 ? EventType.SENTIMENT_SCORED : null, Map.of("score", "0"));
                    keys.add(key);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        await("all answered", () -> delivered.size() == 10);
        Conversation c = pipeline.conversation(first.conversationId()).orElseThrow();
        for (String key : keys) {
            assertEquals("v", c.context().get(key), "annotation " + key + " kept");
        }
        for (String m : sent) {
            assertEquals("seen", c.context().get("bot." + m), "pipeline update of " + m + " kept");
        }
        List<Message> inbound = pipeline.transcript(first.conversationId()).stream()
                .filter(m -> m.direction() == Direction.INBOUND).toList();
        assertEquals(inbound.get(inbound.size() - 1).id(), c.context().get(ConversationPipeline.PROCESSED));
        assertEquals("i-m9", c.intent());
        assertEquals(60, keys.size());
        assertEquals(12, events(first.conversationId(), EventType.SENTIMENT_SCORED).size());
    }

    @Test
    void mergeAppliesOnlyWhatTheWriterChanged() {
        java.time.Instant t = java.time.Instant.now();
        Conversation base = new Conversation("c", "u", "test", "a", ConversationState.BOT, null, null, "x",
                Map.of("keep", "1", "drop", "1", "change", "1"), t, t);
        Conversation mine = base.withIntent("x", Map.of("keep", "1", "change", "2", "new", "1"), t);
        Conversation current = base.withIntent("y", Map.of("keep", "1", "drop", "1", "change", "1", "sentiment", "-0.5"), t);
        Conversation merged = ConversationPipeline.merge(base, mine, current);
        assertEquals(Map.of("keep", "1", "change", "2", "new", "1", "sentiment", "-0.5"), merged.context());
        assertEquals("y", merged.intent(), "the intent the writer did not change stays as stored");
        assertEquals(mine, ConversationPipeline.merge(base, mine, base), "nothing concurrent: written as it is");
    }

    // ------------------------------------------------------------------ sentiment at triage

    @Test
    void triageOfTheFirstMessageGetsAnInlineSentimentScore() {
        List<TriageInput> seen = new CopyOnWriteArrayList<>();
        extensions.bindTriage(in -> {
            seen.add(in);
            return TriageResult.defaults("v1");
        });
        List<String> scored = new CopyOnWriteArrayList<>();
        extensions.bindSentiment((SentimentService) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SentimentService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("score")) {
                        scored.add((String) args[0]);
                        return new SentimentScore(-0.8, "negative", 0.9, 3);
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
        Receipt r = send("u-angry", "this is the third time my card is blocked!");
        await("triaged", () -> !seen.isEmpty());
        assertEquals(-0.8, seen.get(0).sentiment(), 1e-9);
        assertEquals(List.of("this is the third time my card is blocked!"), scored);
        await("queued", () -> pipeline.conversation(r.conversationId()).orElseThrow().state() == ConversationState.QUEUED);
        assertEquals("-0.800", pipeline.conversation(r.conversationId()).orElseThrow().context().get("sentiment"));

        // a score already there (the analytics processor's) is used as it is
        seen.clear();
        scored.clear();
        Receipt other = send("u-calm", "hello");
        pipeline.annotate(other.conversationId(), Map.of("sentiment", "0.5"), null, null);
        await("triaged", () -> !seen.isEmpty());
        double s = seen.get(0).sentiment();
        assertTrue(s == 0.5 || s == -0.8, "either the processor's score or the inline one");
    }

    @Test
    void scoresAreReadInEveryDigitSystem() {
        assertEquals(5, Survey.score("5"));
        assertEquals(4, Survey.score("۴"));
        assertEquals(5, Survey.score("٥"));
        assertEquals(5, Survey.score(" 5/5 "));
        assertEquals(3, Survey.score("۳ از ۵"));
        assertEquals(2, Survey.score("2 stars"));
        assertEquals(5, Survey.score("Five"));
        assertEquals(1, Survey.score("یک"));
        assertEquals(4, Survey.score("⭐⭐⭐⭐"));
        assertNull(Survey.score("0"));
        assertNull(Survey.score("6"));
        assertNull(Survey.score("12"));
        assertNull(Survey.score("how do I open an account?"));
        assertNull(Survey.score("کارت من ۵ روز است مسدود است"));
        assertEquals("fa", Survey.language("fa-IR"));
        assertEquals("en", Survey.language("en_US"));
        assertNull(Survey.language("de"));
    }
}
