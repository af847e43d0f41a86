package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.kb.Passage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersianAnalysisTest {
    private static final ArticleIndex INDEX = new ArticleIndex();

    @AfterAll
    static void close() {
        INDEX.close();
    }

    private static List<String> fa(String text) {
        return INDEX.tokens("fa", text).stream().map(ArticleIndex.Token::term).toList();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        // Arabic yeh and kaf typed on an Arabic keyboard
        "کارت بانکی, كارت بانكي",
        "یک کیف, يك كيف",
        // heh with hamza, yeh barree, alef variants
        "خانهٔ من, خانه من",
        "آدرس, ادرس",
        // diacritics and tatweel
        "رَمز عُبور, رمز عبور",
        "رمـــز, رمز",
        // nim-fasele (ZWNJ) vs space vs nothing: verb prefix and plural suffix
        "می‌پردازید, می پردازید",
        "می‌پردازید, میپردازید",
        "نمی‌پردازید, نمیپردازید",
        "کارت‌ها, کارت ها",
        "کارت‌ها, کارتها",
        "بیشترین‌ها, بیشترین ها",
        // Persian and Arabic-Indic digits
        "۱۲۳۴, 1234",
        "١٢٣٤, 1234",
        "۰۲۱-۸۸۰۰۰۰۰۰, 021-88000000",
    })
    void writingVariantsGiveTheSameTerms(String a, String b) {
        List<String> left = fa(a);
        assertFalse(left.isEmpty(), "no terms for " + a);
        assertEquals(left, fa(b));
    }

    @Test
    void pluralsAreStemmedToTheSingular() {
        assertEquals(fa("کارت"), fa("کارت‌ها"));
        assertEquals(fa("کارت"), fa("کارتهای"));
        assertEquals(fa("حساب"), fa("حساب‌های"));
    }

    @Test
    void stopWordsAreDroppedButContentWordsStay() {
        assertEquals(List.of(), fa("چطور می‌توانم از این را که"));
        assertEquals(fa("کارت"), fa("کارت من"));
    }

    @Test
    void latinWordsInPersianTextAreKeptLowerCase() {
        assertEquals(List.of("paya", "satna"), fa("PAYA و SATNA"));
    }

    @Test
    void affixesDoNotJoinAcrossUnrelatedWords() {
        // "ها" alone at the start has nothing to join to; a prefix at the end stays alone (and is a stop word)
        assertTrue(fa("کارت می").contains(fa("کارت").get(0)));
        assertEquals(2, fa("کتاب قلم").size());
    }

    @ParameterizedTest(name = "article \"{0}\" found by \"{1}\"")
    @CsvSource({
        "کارت بانکی خود را در خودپرداز بگذارید, كارت بانكي",
        "كارت بانكي خود را در خودپرداز بگذاريد, کارت بانکی",
        "اقساط را ماهانه می‌پردازید, اقساط ميپردازيد",
        "اقساط را ماهانه میپردازید, اقساط می پردازید",
        "تمام کارت‌ها صادر می‌شوند, کارتها",
        "تمام کارت ها صادر می‌شوند, کارت‌ها",
        "مرکز تماس ۰۲۱-۸۸۰۰۰۰۰۰ است, 021-88000000",
        "مرکز تماس 021-88000000 است, ۰۲۱-۸۸۰۰۰۰۰۰",
        "رَمزِ عُبورِ خود را وارد کنید, رمز عبور",
        "رمز عبور خود را وارد کنید, رَمـزِ عُبـور",
    })
    void queryFindsArticleWrittenTheOtherWay(String body, String query) {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        kb.save(Fixtures.article("راهنما", body, "fa"), "admin");
        kb.save(Fixtures.article("موضوع دیگر", "متنی دربارهٔ موضوعی دیگر و بی‌ربط", "fa"), "admin");
        List<Passage> hits = kb.search(query, "fa", null, 5);
        assertEquals(1, hits.size(), "hits for " + query + ": " + hits);
        assertEquals("راهنما", hits.get(0).title());
    }
}
