package io.pishkhan.bot.keyword.internal;

import static io.pishkhan.bot.keyword.internal.Fixtures.engine;
import static io.pishkhan.bot.keyword.internal.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.BotReply.Outcome;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordFaqEngineTest {
    static final String HOURS_FA = "شعبه‌ها شنبه تا چهارشنبه ۸ تا ۱۴ باز هستند.";
    static final String HOURS_EN = "Branches are open Saturday to Wednesday 8 to 14.";
    static final String CARD_FA = "برای مسدود کردن کارت با ۰۲۱-۸۸۰۰۰۰۰۰ تماس بگیرید.";
    static final String CARD_EN = "Call 021-88000000 to block your card.";

    static Map<String, Object> faq() {
        Map<String, Object> p = new HashMap<>();
        p.put("faq.hours.keywords", "hours, opening hours, open, ساعت, ساعت کاری, باز");
        p.put("faq.hours.answer.fa", HOURS_FA);
        p.put("faq.hours.answer.en", HOURS_EN);
        p.put("faq.card.keywords", "lost card, blocked, card, کارت, گم شده, مسدود");
        p.put("faq.card.answer.fa", CARD_FA);
        p.put("faq.card.answer.en", CARD_EN);
        p.put("faq.contact.keywords", "phone, شماره تماس, شعبه");
        p.put("faq.contact.answer", "021-88000000");
        p.put("faq.form.keywords", "form 23, فرم 23");
        p.put("faq.form.answer", "Form 23 is on our website.");
        return p;
    }

    static void assertAnswer(BotReply reply, String intent, String text) {
        assertEquals(Outcome.ANSWER, reply.outcome(), () -> "expected an answer, got " + reply);
        assertEquals(intent, reply.intent());
        assertEquals(text, reply.text());
        assertTrue(reply.confidence() > 0 && reply.confidence() <= 1, () -> "confidence " + reply.confidence());
    }

    static void assertHandoff(BotReply reply, String reason, String language) {
        assertEquals(Outcome.HANDOFF, reply.outcome(), () -> "expected a handoff, got " + reply);
        assertEquals(reason, reply.data().get("handoff.reason"));
        assertEquals(language, reply.data().get("language"));
        assertTrue(reply.text() != null && !reply.text().isBlank());
    }

    @Test
    void idMatchesServiceProperty() {
        assertEquals("keyword-faq", engine(faq()).id());
    }

    @Test
    void answersInEnglish() {
        KeywordFaqEngine bot = engine(faq());
        assertAnswer(bot.reply(request("What are your opening hours?")), "hours", HOURS_EN);
        assertAnswer(bot.reply(request("I LOST my card!!")), "card", CARD_EN);
        // plural ending on a keyword of 3+ letters still matches
        assertAnswer(bot.reply(request("both my cards are blocked")), "card", CARD_EN);
    }

    @Test
    void answersInPersian() {
        KeywordFaqEngine bot = engine(faq());
        assertAnswer(bot.reply(request("ساعت کاری شعبه چیه؟")), "hours", HOURS_FA);
        assertAnswer(bot.reply(request("کارتم گم شده")), "card", CARD_FA);
        assertAnswer(bot.reply(request("کارت‌هایم مسدود شده")), "card", CARD_FA);
    }

    @Test
    void answersPersianTypedOnAnArabicKeyboard() {
        KeywordFaqEngine bot = engine(faq());
        // Arabic kaf (U+0643) and yeh (U+064A), tatweel, diacritics
        assertAnswer(bot.reply(request("ساعت \u0643\u0627\u0631\u064A شعبه")), "hours", HOURS_FA);
        assertAnswer(bot.reply(request("\u0643ــارتم گُم شده")), "card", CARD_FA);
    }

    @Test
    void matchesPersianDigitsAgainstAsciiKeywords() {
        KeywordFaqEngine bot = engine(faq());
        BotReply reply = bot.reply(request("فرم ۲۳ را از کجا بگیرم؟"));
        assertEquals(Outcome.ANSWER, reply.outcome(), reply::toString);
        assertEquals("form", reply.intent());
        // no Persian answer configured: the language-neutral one is used
        assertEquals("Form 23 is on our website.", reply.text());
        assertEquals(Outcome.HANDOFF, bot.reply(request("فرم ۲۴ را از کجا بگیرم؟")).outcome());
    }

    @Test
    void phraseBeatsSingleWordAndMostCoveredWordsWin() {
        KeywordFaqEngine bot = engine(faq());
        // "ساعت کاری" covers two words for hours, "شعبه" one for contact
        BotReply reply = bot.reply(request("ساعت کاری شعبه"));
        assertEquals("hours", reply.intent());
        assertAnswer(bot.reply(request("شماره تماس شعبه")), "contact", "021-88000000");
    }

    @Test
    void handsOffWhenNothingMatches() {
        KeywordFaqEngine bot = engine(faq());
        BotReply en = bot.reply(request("Do you sell gold coins?"));
        assertHandoff(en, "no-match", "en");
        assertNull(en.intent());
        assertEquals(0.0, en.confidence());
        assertTrue(en.text().contains("agent"), en.text());
        BotReply fa = bot.reply(request("سکه طلا می‌فروشید؟"));
        assertHandoff(fa, "no-match", "fa");
        assertTrue(fa.text().contains("کارشناس"), fa.text());
        assertHandoff(bot.reply(request("   ")), "no-match", "en");
    }

    @Test
    void handsOffAtOnceWhenTheCustomerAsksForAPerson() {
        KeywordFaqEngine bot = engine(faq());
        assertHandoff(bot.reply(request("I want to talk to a human")), "customer-request", "en");
        assertHandoff(bot.reply(request("میخواهم با کارشناس صحبت کنم")), "customer-request", "fa");
        assertHandoff(bot.reply(request("می‌خواهم با اپراتور صحبت کنم")), "customer-request", "fa");
        // the topic is kept for the agent even though the bot could have answered it
        BotReply withTopic = bot.reply(request("I lost my card, let me talk to an agent"));
        assertHandoff(withTopic, "customer-request", "en");
        assertEquals("card", withTopic.intent());
    }

    @Test
    void handoffPhrasesMatchWholeWordsOnly() {
        KeywordFaqEngine bot = engine(faq());
        // "پشتیبانی" (support) is not the handoff word "پشتیبان" (supporter)
        assertAnswer(bot.reply(request("شماره تماس پشتیبانی")), "contact", "021-88000000");
        assertHandoff(bot.reply(request("با پشتیبان وصلم کن")), "customer-request", "fa");
    }

    @Test
    void handoffPhrasesAndTextsAreConfigurable() {
        Map<String, Object> p = faq();
        p.put("handoffPhrases", "manager, مدیر");
        p.put("handoffText.en", "Transferring you.");
        p.put("handoffText.fa", "در حال انتقال.");
        KeywordFaqEngine bot = engine(p);
        BotReply en = bot.reply(request("get me the manager"));
        assertHandoff(en, "customer-request", "en");
        assertEquals("Transferring you.", en.text());
        assertEquals("در حال انتقال.", bot.reply(request("با مدیر کار دارم")).text());
        // "human" is no longer a handoff phrase: it is just an unknown word now
        assertHandoff(bot.reply(request("human")), "no-match", "en");
    }

    @Test
    void minScoreRequiresMoreCoveredWords() {
        Map<String, Object> p = faq();
        p.put("minScore", "2");
        KeywordFaqEngine bot = engine(p);
        assertHandoff(bot.reply(request("are you open")), "no-match", "en");
        assertAnswer(bot.reply(request("opening hours please")), "hours", HOURS_EN);
    }

    @Test
    void confidenceFallsWhenAnotherEntryMatchesToo() {
        KeywordFaqEngine bot = engine(faq());
        double clear = bot.reply(request("opening hours")).confidence();
        double contested = bot.reply(request("opening hours of the branch where I lost my card")).confidence();
        assertTrue(contested < clear, contested + " < " + clear);
    }

    @Test
    void modifiedConfigurationReplacesAnswers() {
        Map<String, Object> p = faq();
        KeywordFaqEngine bot = engine(p);
        assertAnswer(bot.reply(request("opening hours")), "hours", HOURS_EN);

        Map<String, Object> changed = new HashMap<>();
        changed.put("faq.hours.keywords", "hours");
        changed.put("faq.hours.answer.en", "We are now open 24/7.");
        changed.put("faq.loans.keywords", "loan, وام");
        changed.put("faq.loans.answer.en", "Loans start at 18%.");
        bot.modified(Fixtures.config(changed), changed);

        assertAnswer(bot.reply(request("opening hours")), "hours", "We are now open 24/7.");
        assertAnswer(bot.reply(request("I need a loan")), "loans", "Loans start at 18%.");
        assertHandoff(bot.reply(request("I lost my card")), "no-match", "en");
        // only an English answer left: Persian customers get it rather than nothing
        assertAnswer(bot.reply(request("وام می‌خواهم")), "loans", "Loans start at 18%.");
    }

    @Test
    void incompleteEntriesAreSkippedAndReported() {
        Map<String, Object> p = new HashMap<>();
        p.put("faq.a.keywords", "alpha");
        p.put("faq.b.answer", "only an answer");
        p.put("faq.c.keywords", "gamma");
        p.put("faq.c.answer.en", "Gamma!");
        p.put("faq.c.answre", "typo");
        p.put("faq.broken", "no field");
        FaqSettings s = FaqSettings.from(Fixtures.config(p), p);
        assertEquals(1, s.entries().size());
        assertEquals("c", s.entries().get(0).id());
        assertEquals(4, s.problems().size(), s.problems()::toString);
        KeywordFaqEngine bot = engine(p);
        assertHandoff(bot.reply(request("alpha")), "no-match", "en");
        assertAnswer(bot.reply(request("gamma")), "c", "Gamma!");
    }

    @Test
    void withoutConfigurationEverythingIsHandedOff() {
        KeywordFaqEngine bot = engine(Map.of());
        assertHandoff(bot.reply(request("opening hours")), "no-match", "en");
        assertHandoff(bot.reply(request("I want an operator")), "customer-request", "en");
    }

    @Test
    void acceptsArrayValuesFromTypedConfiguration() {
        Map<String, Object> p = new HashMap<>();
        p.put("faq.hours.keywords", new String[] {"hours", "ساعت کاری"});
        p.put("faq.hours.answer", "8-14");
        KeywordFaqEngine bot = engine(p);
        assertAnswer(bot.reply(request("ساعت کاری")), "hours", "8-14");
    }
}
