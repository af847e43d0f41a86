package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.kb.Passage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BM25 sanity over the shipped sample articles: the article a person would pick comes first. */
class SeedRankingTest {
    private static KnowledgeBaseImpl kb;

    @BeforeAll
    static void seed() {
        kb = Fixtures.seededKb();
    }

    @Test
    void seedImportsTenArticlesPerLanguage() {
        assertEquals(20, kb.articles().size());
        assertEquals(10, kb.articles().stream().filter(a -> a.language().equals("fa")).count());
        assertEquals(10, kb.articles().stream().filter(a -> a.language().equals("en")).count());
        assertTrue(kb.articles().stream().allMatch(a -> a.updatedBy().equals(KnowledgeBaseImpl.SEED_ACTOR)));
    }

    @ParameterizedTest(name = "fa: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "شعبه‌ها چه ساعتی باز هستند؟|ساعات کاری شعبه‌ها",
        "جمعه ها شعبه تعطیل است؟|ساعات کاری شعبه‌ها",
        "کارتم گم شده|گم شدن یا سرقت کارت بانکی",
        "كارت من دزديده شد|گم شدن یا سرقت کارت بانکی",
        "سه بار رمز را اشتباه زدم و کارت مسدود شد|مسدود شدن کارت با رمز اشتباه و رفع مسدودی",
        "سقف انتقال کارت به کارت چقدر است|سقف انتقال وجه",
        "رمز عبور اینترنت بانک را فراموش کرده ام|بازیابی رمز عبور اینترنت‌بانک",
        "وضعیت درخواستم را چطور پیگیری کنم|پیگیری درخواست با کد پیگیری",
        "شماره تلفن مرکز تماس|راه‌های تماس با بانک",
        "کارمزد حواله ساتنا|کارمزد خدمات بانکی",
        "درخواست وام قرض الحسنه|تسهیلات و وام",
        "چطور در همراه‌بانک ثبت نام کنم|ثبت‌نام در اینترنت‌بانک و همراه‌بانک",
    })
    void persianQueries(String query, String expectedTitle) {
        List<Passage> hits = kb.search(query, "fa", "webchat", 3);
        assertFalse(hits.isEmpty(), "no hit for " + query);
        assertEquals(expectedTitle, hits.get(0).title(), () -> query + " -> " + Fixtures.titles(hits));
        assertTrue(hits.stream().allMatch(p -> p.language().equals("fa")));
    }

    @ParameterizedTest(name = "en: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "when are your branches open|Branch opening hours",
        "are you open on Fridays|Branch opening hours",
        "I lost my card|Lost or stolen card",
        "my card was stolen, what should I do|Lost or stolen card",
        "card blocked after entering the wrong PIN three times|Card blocked after wrong PIN",
        "what is the daily limit for card to card transfers|Transfer limits",
        "I forgot my password|Reset your internet banking password",
        "how do I check the status of my request|Track a request with its tracking code",
        "phone number of the call centre|Contact us",
        "how much does a SATNA transfer cost in fees|Fees for banking services",
        "apply for a loan|Loans and credit",
        "how to register for the mobile bank|Sign up for internet banking and the mobile bank",
    })
    void englishQueries(String query, String expectedTitle) {
        List<Passage> hits = kb.search(query, "en", null, 3);
        assertFalse(hits.isEmpty(), "no hit for " + query);
        assertEquals(expectedTitle, hits.get(0).title(), () -> query + " -> " + Fixtures.titles(hits));
    }

    @Test
    void withoutLanguageBothAreSearchedAndTheQueryLanguageWins() {
        List<Passage> en = kb.search("lost card", null, null, 3);
        assertEquals("Lost or stolen card", en.get(0).title());
        List<Passage> fa = kb.search("کارت گم شده", null, null, 3);
        assertEquals("گم شدن یا سرقت کارت بانکی", fa.get(0).title());
    }

    @Test
    void scoresAreDescendingAndLimitIsHonoured() {
        List<Passage> hits = kb.search("card", "en", null, 4);
        assertEquals(4, hits.size());
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
        }
        assertTrue(hits.get(0).score() > 0);
    }

    @Test
    void passageIsPlainTextWithinTheLimitAndCarriesTheLink() {
        Passage p = kb.search("block my lost card", "en", null, 1).get(0);
        assertEquals("Lost or stolen card", p.title());
        assertTrue(p.text().length() <= PassageSelector.MAX_CHARS);
        assertFalse(p.text().contains("**"), p.text());
        assertTrue(p.text().contains("Cards > Block card"), p.text());
        assertEquals("https://example.ir/help/en/lost-card", p.link());
    }
}
