package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.BotReply.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AssistantEngineTest {
    private static StatusServer server;

    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final FakeIntentService intents = new FakeIntentService()
            .on("talk to someone", "agent.request")
            .on("وضعیت", "request.status").on("status", "request.status")
            .on("کارت", "card.block").on("card", "card.block")
            .on("loan", "loan.info");
    private final FakeKnowledgeBase kb = new FakeKnowledgeBase()
            .on("ساعت", "kb-hours", "شعبه‌ها شنبه تا چهارشنبه ۷:۳۰ تا ۱۳:۳۰ باز هستند.", "https://bank.example/hours", 7.5)
            .on("hours", "kb-hours-en", "Branches open Saturday to Wednesday 7:30-13:30.", null, 6.0)
            .on("رمز", "kb-weak", "متن نامربوط", null, 0.4);
    private final Map<String, Object> properties = new HashMap<>(Map.of(
            "route.card.block.queue", "cards", "route.card.block.skills", "cards:3, lang-fa:1",
            "route.request.status.queue", "orders"));

    @BeforeAll
    static void start() throws Exception {
        server = new StatusServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private AssistantEngine engine() {
        AssistantEngine e = new AssistantEngine(store, Fixtures.config(properties), properties, new HttpAction());
        e.setIntentService(intents);
        e.setKnowledgeBase(kb);
        e.flows().save(FlowTest.STATUS.replace("http://localhost:8089", server.base()), "admin", null);
        return e;
    }

    private static void assertHandoff(BotReply r, String reason) {
        assertEquals(Outcome.HANDOFF, r.outcome(), () -> "expected a handoff, got " + r);
        assertEquals(reason, r.data().get("handoff.reason"), r.data()::toString);
    }

    @Test
    void isTheAssistantEngine() {
        assertEquals("assistant", engine().id());
    }

    @Nested
    class Handoffs {
        @Test
        void explicitRequestInPersianAndEnglish() {
            BotReply fa = new Fixtures.Chat(engine()).say("می‌خواهم با اپراتور صحبت کنم");
            assertHandoff(fa, "explicit-request");
            assertEquals("شما را به یکی از کارشناسان ما وصل می‌کنیم؛ لطفاً در همین گفتگو بمانید.", fa.text());
            assertEquals("fa", fa.data().get("language"));
            BotReply en = new Fixtures.Chat(engine()).say("Can I talk to a HUMAN?");
            assertHandoff(en, "explicit-request");
            assertEquals("Let me connect you with one of our agents. Please stay in this chat.", en.text());
            assertEquals("en", en.data().get("language"));
        }

        @Test
        void explicitRequestKeepsTheTopicForRouting() {
            BotReply r = new Fixtures.Chat(engine()).say("کارتم مسدود شده، کارشناس لطفاً");
            assertHandoff(r, "explicit-request");
            assertEquals("card.block", r.intent());
            assertEquals("card.block", r.data().get("handoff.intent"));
            assertEquals("0.90", r.data().get("handoff.confidence"));
            assertEquals("cards", r.data().get("queue"));
            assertEquals("cards:3,lang-fa:1", r.data().get("skills"));
        }

        @Test
        void theAgentRequestIntentHandsOff() {
            BotReply r = new Fixtures.Chat(engine()).say("can I talk to someone real?");
            assertHandoff(r, "explicit-request");
            assertEquals("agent.request", r.intent());
        }

        @Test
        void handoffWordsMatchWholeWordsOnly() {
            BotReply r = new Fixtures.Chat(engine()).say("ساعت کاری واحد پشتیبانی");
            assertEquals(Outcome.ANSWER, r.outcome());
        }

        @Test
        void negativeSentimentFromTheContextOnlyWhenConfigured() {
            // default -1: the model's score alone never hands off (the bootstrap model is trained on 40 examples)
            assertEquals(Outcome.ANSWER, new Fixtures.Chat(engine()).with("sentiment", "-0.99").say("ساعت کاری شعبه؟")
                    .outcome());
            properties.put("sentimentThreshold", -0.8);
            assertHandoff(new Fixtures.Chat(engine()).with("sentiment", "-0.85").say("ساعت کاری شعبه؟"),
                    "negative-sentiment");
            assertEquals(Outcome.ANSWER, new Fixtures.Chat(engine()).with("sentiment", "-0.6").say("ساعت کاری شعبه؟")
                    .outcome());
        }

        @Test
        void negativeSentimentFromAngerWords() {
            assertHandoff(new Fixtures.Chat(engine()).say("خدماتتان افتضاح است"), "negative-sentiment");
            assertHandoff(new Fixtures.Chat(engine()).say("this bot is useless"), "negative-sentiment");
            assertHandoff(new Fixtures.Chat(engine()).say("می‌خواهم شکایت کنم"), "negative-sentiment");
        }

        @Test
        void twoLowConfidenceTurnsInARow() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            BotReply first = chat.say("ددد ککک ججج");
            assertEquals(Outcome.ANSWER, first.outcome());
            assertEquals("متوجه نشدم؛ لطفاً سؤالتان را به شکل دیگری بنویسید.", first.text());
            assertEquals("1", chat.context().get("bot.lowConfidenceTurns"));
            assertHandoff(chat.say("ههه ووو"), "low-confidence");
        }

        @Test
        void anAnswerInBetweenResetsTheLowConfidenceCount() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            chat.say("blah blah");
            assertEquals(Outcome.ANSWER, chat.say("opening hours?").outcome());
            assertEquals("0", chat.context().get("bot.lowConfidenceTurns"));
            assertEquals(Outcome.ANSWER, chat.say("blah again").outcome());
        }

        @Test
        void aWeakKnowledgeBaseHitIsLowConfidence() {
            BotReply r = new Fixtures.Chat(engine()).say("رمز دومم را فراموش کردم");
            assertEquals(Outcome.ANSWER, r.outcome());
            assertEquals("متوجه نشدم؛ لطفاً سؤالتان را به شکل دیگری بنویسید.", r.text());
            assertTrue(r.quickReplies().isEmpty());
        }

        @Test
        void anUnderstoodIntentWithoutFlowOrArticleIsNoAnswer() {
            BotReply r = new Fixtures.Chat(engine()).say("I need a loan");
            assertHandoff(r, "no-answer");
            assertEquals("loan.info", r.data().get("handoff.intent"));
            assertNull(r.data().get("queue"), "no route configured for loan.info");
        }

        @Test
        void withoutIntentServiceAndKnowledgeBaseEverythingIsNoAnswer() {
            AssistantEngine bare = new AssistantEngine(store, Fixtures.config(properties), properties,
                    new HttpAction());
            assertHandoff(new Fixtures.Chat(bare).say("ساعت کاری؟"), "no-answer");
        }

        @Test
        void aFailingIntentServiceOrKnowledgeBaseDoesNotBreakTheTurn() {
            AssistantEngine e = engine();
            e.setIntentService(new FakeIntentService() {
                @Override
                public io.pishkhan.api.nlu.IntentPrediction classify(String text, String language) {
                    throw new IllegalStateException("model not loaded");
                }
            });
            assertEquals(Outcome.ANSWER, new Fixtures.Chat(e).say("ساعت کاری شعبه").outcome());
            e.setKnowledgeBase(new FakeKnowledgeBase() {
                @Override
                public List<io.pishkhan.api.kb.Passage> search(String q, String l, String c, int n) {
                    throw new IllegalStateException("index closed");
                }
            });
            assertEquals("1", new Fixtures.Chat(e).say("ساعت کاری شعبه").data().get("bot.lowConfidenceTurns"));
        }
    }

    @Nested
    class KnowledgeBaseAnswers {
        @Test
        void answersWithThePassageItsLinkAndFeedbackButtons() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            BotReply r = chat.say("ساعت کاری شعبه‌ها چیست؟");
            assertEquals(Outcome.ANSWER, r.outcome());
            assertEquals("شعبه‌ها شنبه تا چهارشنبه ۷:۳۰ تا ۱۳:۳۰ باز هستند.\nبیشتر بخوانید: https://bank.example/hours",
                    r.text());
            assertEquals(List.of("👍 مفید بود", "👎 مفید نبود"), r.quickReplies());
            assertEquals("kb-hours", chat.context().get("kb.article"));
            assertEquals("kb-hours", r.data().get("kb.articleId"), "the answer names its article for the core");
        }

        @Test
        void englishAnswerWithoutLink() {
            BotReply r = new Fixtures.Chat(engine()).say("What are your opening hours?");
            assertEquals("Branches open Saturday to Wednesday 7:30-13:30.", r.text());
            assertEquals("kb-hours-en", r.data().get("kb.articleId"));
            assertEquals(List.of("👍 helpful", "👎 not helpful"), r.quickReplies());
        }

        @Test
        void helpfulFeedbackIsRecordedAndThanked() {
            Fixtures.Chat chat = new Fixtures.Chat(engine(), "conv-42");
            chat.say("ساعت کاری شعبه‌ها؟");
            BotReply thanks = chat.say("👍 مفید بود");
            assertEquals(Outcome.ANSWER, thanks.outcome());
            assertEquals("ممنون از بازخورد شما! سؤال دیگری هست؟", thanks.text());
            assertEquals(null, thanks.data().get("kb.articleId"), "not a knowledge-base answer");
            assertEquals(List.of(new FakeKnowledgeBase.Vote("kb-hours", "conv-42", true)), kb.votes);
            assertEquals("", chat.context().get("kb.article"));
            assertEquals("kb-hours:helpful", chat.context().get("kb.feedback"));
        }

        @Test
        void notHelpfulIsRecordedAndCountsAsALowConfidenceTurn() {
            Fixtures.Chat chat = new Fixtures.Chat(engine(), "conv-7");
            chat.say("opening hours?");
            BotReply sorry = chat.say("👎 not helpful");
            assertEquals("Thanks for telling us. Try other words, or type \"agent\" to talk to a person.",
                    sorry.text());
            assertEquals(List.of(new FakeKnowledgeBase.Vote("kb-hours-en", "conv-7", false)), kb.votes);
            assertHandoff(chat.say("whatever"), "low-confidence");
        }

        @Test
        void aNewQuestionInsteadOfFeedbackIsJustAnswered() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            chat.say("opening hours?");
            BotReply next = chat.say("and on holidays, what are the hours?");
            assertEquals(Outcome.ANSWER, next.outcome());
            assertTrue(kb.votes.isEmpty());
        }

        @Test
        void feedbackOutsideAKnowledgeBaseAnswerIsNotRecorded() {
            new Fixtures.Chat(engine()).say("👍 helpful");
            assertTrue(kb.votes.isEmpty());
        }

        @Test
        void absoluteAndRelativeThresholdsAreConfigurable() {
            properties.put("kb.minScore", "8");
            assertEquals("1", new Fixtures.Chat(engine()).say("ساعت کاری").data().get("bot.lowConfidenceTurns"));
            properties.put("kb.minScore", "1");
            kb.on("ساعت", "kb-close", "نزدیک", null, 7.0);
            properties.put("kb.minLead", "0.2");
            assertEquals("1", new Fixtures.Chat(engine()).say("ساعت کاری").data().get("bot.lowConfidenceTurns"),
                    "7.5 does not lead 7.0 by 20%");
            properties.put("kb.minLead", "0.05");
            assertEquals("kb-hours", new Fixtures.Chat(engine()).say("ساعت کاری").data().get("kb.article"));
        }
    }

    @Nested
    class Flows {
        @Test
        void slotFillingInPersian() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            BotReply ask = chat.say("وضعیت درخواستم چه شد؟");
            assertEquals(Outcome.ANSWER, ask.outcome());
            assertEquals("لطفاً شماره پیگیری را بفرمایید", ask.text());
            assertEquals("request.status", ask.intent());
            BotReply answer = chat.say("۱۲۳۴۵۶");
            assertEquals("وضعیت درخواست 123456: در حال بررسی", answer.text());
            assertEquals("request.status", answer.intent());
            assertEquals("", chat.context().get("flow.intent"));
            assertEquals("123456", chat.context().get("slot.ticket"));
        }

        @Test
        void slotFillingInEnglishWithAReAsk() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            assertEquals("Please give me your tracking number", chat.say("What's the status of my request?").text());
            assertEquals("That does not look right. Please give me your tracking number",
                    chat.say("I lost it somewhere").text());
            assertEquals("Request 777777 is done", chat.say("oh here: 777777").text());
        }

        @Test
        void theFlowIsNotClassifiedAgainWhileItRuns() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            chat.say("status?");
            int asked = intents.asked.size();
            chat.say("123456");
            assertEquals(asked, intents.asked.size());
        }

        @Test
        void aFailingActionHandsOffWithReasonAndSlots() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            chat.say("سلام، شماره من ۰۹۱۲۱۲۳۴۵۶۷ است.");
            chat.say("وضعیت درخواستم چه شد؟");
            BotReply r = chat.say("۹۹۹۹۹۹");
            assertHandoff(r, "flow-failed");
            assertEquals("request.status", r.intent());
            assertTrue(r.data().get("flow.error").startsWith("HTTP 500"), r.data().get("flow.error"));
            assertEquals("999999", r.data().get("slot.ticket"));
            assertEquals("+989121234567", r.data().get("slot.phone"));
            assertEquals("orders", r.data().get("queue"));
            assertEquals("", r.data().get("flow.intent"));
        }

        @Test
        void twoInvalidAnswersHandOff() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            chat.say("status");
            chat.say("no idea");
            BotReply r = chat.say("still no idea");
            assertHandoff(r, "flow-failed");
            assertEquals("no valid ticket for 'ticket' after 2 answers", r.data().get("flow.error"));
        }

        @Test
        void anExplicitRequestInsideAFlowEndsItAndHandsOff() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            chat.say("وضعیت درخواست");
            BotReply r = chat.say("بی‌خیال، اپراتور");
            assertHandoff(r, "explicit-request");
            assertEquals("request.status", r.intent(), "the flow's intent is the topic");
            assertEquals("", r.data().get("flow.intent"));
            assertEquals("orders", r.data().get("queue"));
        }

        @Test
        void aFlowDeletedMidwayHandsOff() {
            AssistantEngine e = engine();
            Fixtures.Chat chat = new Fixtures.Chat(e);
            chat.say("status");
            e.flows().delete("request.status", "admin");
            BotReply r = chat.say("123456");
            assertHandoff(r, "flow-failed");
            assertEquals("flow request.status no longer exists", r.data().get("flow.error"));
        }
    }

    @Nested
    class HandoffContext {
        @Test
        void carriesEverySlotOfTheConversationAndASummary() {
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            chat.say("سلام");
            chat.say("کارت بانکی من دیروز در خودپرداز شعبه ونک ضبط شد و مبلغ ۵۰۰ هزار تومان هم کسر شد.");
            chat.say("شماره کارت 6037-9912-3456-7893 و کد ملی ۰۰۱۲۳۴۵۶۷۹ است.");
            BotReply r = chat.say("لطفاً به کارشناس وصلم کنید");
            assertHandoff(r, "explicit-request");
            Map<String, String> d = r.data();
            assertEquals("6037991234567893", d.get("slot.card"));
            assertEquals("0012345679", d.get("slot.national_code"));
            assertEquals("5000000", d.get("slot.amount"));
            String summary = d.get("handoff.summary");
            assertTrue(summary.contains("خودپرداز شعبه ونک ضبط شد"), summary);
            assertFalse(summary.contains("سلام"), summary);
            assertFalse(summary.contains("کارشناس"), summary);
            assertTrue(summary.length() <= 300, summary);
            assertEquals("fa", d.get("language"));
        }

        @Test
        void summaryLengthIsCapped() {
            properties.put("summaryMaxChars", "60");
            Fixtures.Chat chat = new Fixtures.Chat(engine());
            chat.say("My card was swallowed by the ATM at the Vanak branch yesterday afternoon around five o'clock "
                    + "and nobody at the branch could help me with it.");
            String summary = chat.say("operator").data().get("handoff.summary");
            assertTrue(summary.length() <= 60, summary);
            assertTrue(summary.endsWith("…"), summary);
        }
    }

    @Test
    void reconfigurationAppliesToTheNextMessage() {
        AssistantEngine e = engine();
        assertEquals(Outcome.ANSWER, new Fixtures.Chat(e).say("ساعت کاری؟ مدیر").outcome());
        Map<String, Object> changed = new HashMap<>(properties);
        changed.put("handoffWords", "مدیر, manager");
        e.modified(Fixtures.config(changed), changed);
        assertHandoff(new Fixtures.Chat(e).say("ساعت کاری؟ مدیر"), "explicit-request");
    }
}
