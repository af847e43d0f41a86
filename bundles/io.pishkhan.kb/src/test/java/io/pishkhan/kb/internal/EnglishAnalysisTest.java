package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pishkhan.api.kb.Passage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishAnalysisTest {
    private static final ArticleIndex INDEX = new ArticleIndex();

    @AfterAll
    static void close() {
        INDEX.close();
    }

    private static List<String> en(String text) {
        return INDEX.tokens("en", text).stream().map(ArticleIndex.Token::term).toList();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "blocked cards, block card",
        "transferring, transfer",
        "transfers, transferred",
        "opening, opens",
        "the bank's fees, bank fee",
        "LOANS, loan",
        "۱۰۰ rials, 100 rial",
    })
    void stemmingAndNormalization(String a, String b) {
        assertEquals(en(a), en(b));
    }

    @Test
    void stopWordsAndQuestionWordsAreDropped() {
        assertEquals(List.of("lost", "card"), en("How can I do it? I have lost my card"));
    }

    @Test
    void stemmedQueryFindsInflectedArticle() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        kb.save(Fixtures.article("Unblocking", "Cards blocked after wrong PINs are unblocked the next day.", "en"), "admin");
        kb.save(Fixtures.article("Other", "Something unrelated entirely.", "en"), "admin");
        List<Passage> hits = kb.search("my card was blocked", "en", null, 5);
        assertEquals(1, hits.size());
        assertEquals("Unblocking", hits.get(0).title());
    }
}
