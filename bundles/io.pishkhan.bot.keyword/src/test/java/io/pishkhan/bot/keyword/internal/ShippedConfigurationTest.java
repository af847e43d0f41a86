package io.pishkhan.bot.keyword.internal;

import static io.pishkhan.bot.keyword.internal.Fixtures.SHIPPED_CFG;
import static io.pishkhan.bot.keyword.internal.Fixtures.readCfg;
import static io.pishkhan.bot.keyword.internal.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.BotReply.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The default configuration shipped in src/main/cfg parses cleanly and answers typical questions right. */
class ShippedConfigurationTest {
    static KeywordFaqEngine shipped() throws Exception {
        return Fixtures.engine(readCfg(SHIPPED_CFG, StandardCharsets.UTF_8));
    }

    @Test
    void everyEntryIsCompleteInBothLanguages() throws Exception {
        Map<String, Object> p = readCfg(SHIPPED_CFG, StandardCharsets.UTF_8);
        FaqSettings s = FaqSettings.from(Fixtures.config(p), p);
        assertEquals(List.of(), s.problems());
        assertFalse(s.repairedEncoding());
        assertEquals(Set.of("hours", "card-blocked", "transfer-limit", "password-reset", "request-status", "contact"),
                Set.copyOf(s.entries().stream().map(FaqSettings.Entry::id).toList()));
        for (FaqSettings.Entry e : s.entries()) {
            assertEquals(Set.of("fa", "en"), e.answers().keySet(), e.id());
            assertEquals("fa", TextNormalizer.language(e.answer("fa")), e.id());
            assertEquals("en", TextNormalizer.language(e.answer("en")), e.id());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "When do you open on Thursday?|hours",
        "ساعت کاری شعبه‌ها چیست؟|hours",
        "آيا جمعه ها باز هستيد؟|hours",
        "My card was stolen yesterday|card-blocked",
        "كارتم گم شده چکار کنم|card-blocked",
        "What is the daily transfer limit?|transfer-limit",
        "سقف کارت به کارت چقدر است؟|transfer-limit",
        "I forgot my password|password-reset",
        "رمز دوم کارتم را فراموش کرده‌ام|password-reset",
        "How can I track my request?|request-status",
        "کد پیگیری ۱۲۳۴۵ دارم، وضعیت درخواستم چیه؟|request-status",
        "What is your phone number?|contact",
        "شماره تماس پشتیبانی را بدهید|contact"
    })
    void answersTypicalQuestions(String question, String intent) throws Exception {
        BotReply reply = shipped().reply(request(question));
        assertEquals(Outcome.ANSWER, reply.outcome(), reply::toString);
        assertEquals(intent, reply.intent());
        assertEquals(TextNormalizer.language(question), TextNormalizer.language(reply.text()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Can I talk to a human please?|customer-request",
        "میخواهم با کارشناس صحبت کنم|customer-request",
        "Do you sell gold coins?|no-match",
        "سلام|no-match"
    })
    void handsOff(String question, String reason) throws Exception {
        BotReply reply = shipped().reply(request(question));
        assertEquals(Outcome.HANDOFF, reply.outcome(), reply::toString);
        assertEquals(reason, reply.data().get("handoff.reason"));
    }

    @Test
    void survivesKarafReadingTheFileAsIso88591() throws Exception {
        Map<String, Object> p = readCfg(SHIPPED_CFG, StandardCharsets.ISO_8859_1);
        FaqSettings s = FaqSettings.from(Fixtures.config(p), p);
        assertTrue(s.repairedEncoding());
        assertEquals(List.of(), s.problems());
        KeywordFaqEngine bot = Fixtures.engine(p);
        BotReply reply = bot.reply(request("ساعت کاری شعبه‌ها چیست؟"));
        assertEquals("hours", reply.intent());
        assertTrue(reply.text().startsWith("شعبه‌ها شنبه تا چهارشنبه"), reply.text());
        assertTrue(bot.reply(request("با کارشناس صحبت کنم")).text().contains("کارشناسان"));
    }
}
