package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.Passage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VisibilityTest {
    private KnowledgeBaseImpl kb;

    @BeforeEach
    void setUp() {
        kb = Fixtures.emptyKb();
        kb.save(Fixtures.article("everywhere", "Everywhere", "Refund policy for everyone.", "en", Set.of(), Set.of(), true), "admin");
        kb.save(Fixtures.article("webchat-only", "Webchat only", "Refund policy for chat users.", "en", Set.of(),
                Set.of("webchat"), true), "admin");
        kb.save(Fixtures.article("draft", "Draft", "Refund policy draft.", "en", Set.of(), Set.of(), false), "admin");
        kb.save(Fixtures.article("persian", "بازپرداخت", "سیاست refund برای همه.", "fa", Set.of(), Set.of(), true), "admin");
    }

    private List<String> ids(List<Passage> passages) {
        return passages.stream().map(Passage::articleId).sorted().toList();
    }

    @Test
    void channelRestrictedArticlesShowOnlyOnTheirChannels() {
        assertEquals(List.of("everywhere", "webchat-only"), ids(kb.search("refund policy", "en", "webchat", 10)));
        assertEquals(List.of("everywhere"), ids(kb.search("refund policy", "en", "email", 10)));
        assertEquals(List.of("everywhere", "webchat-only"), ids(kb.search("refund policy", "en", null, 10)));
    }

    @Test
    void unpublishedArticlesAreNeverFoundUntilPublished() {
        assertTrue(ids(kb.search("draft", "en", null, 10)).isEmpty());
        Article draft = kb.article("draft").orElseThrow();
        kb.save(new Article(draft.id(), draft.title(), draft.body(), draft.tags(), draft.language(), draft.channels(),
                true, null, null, null), "admin");
        assertEquals(List.of("draft"), ids(kb.search("draft", "en", null, 10)));
    }

    @Test
    void languageFiltersArticles() {
        assertEquals(List.of("persian"), ids(kb.search("refund", "fa", null, 10)));
        assertEquals(List.of("everywhere", "persian", "webchat-only"), ids(kb.search("refund", null, null, 10)));
        assertThrows(IllegalArgumentException.class, () -> kb.search("refund", "de", null, 10));
    }

    @Test
    void tagsAreSearchable() {
        kb.save(Fixtures.article("tagged", "Tagged", "Nothing to see.", "en", Set.of("chargeback"), Set.of(), true), "admin");
        assertEquals(List.of("tagged"), ids(kb.search("chargeback", "en", null, 10)));
    }

    @Test
    void titleWeighsMoreThanBody() {
        KnowledgeBaseImpl k = Fixtures.emptyKb();
        k.save(Fixtures.article("body", "Cards", "Information about the mortgage of a house.", "en", Set.of(), Set.of(), true), "a");
        k.save(Fixtures.article("title", "Mortgage", "Information about houses and cards.", "en", Set.of(), Set.of(), true), "a");
        assertEquals("title", k.search("mortgage", "en", null, 2).get(0).articleId());
    }

    @Test
    void deletedArticlesLeaveTheIndexAtOnce() {
        assertTrue(kb.delete("everywhere", "admin"));
        assertEquals(List.of("webchat-only"), ids(kb.search("refund policy", "en", null, 10)));
        assertEquals(3, kb.indexedCount());
        assertEquals(false, kb.delete("everywhere", "admin"));
    }

    @Test
    void blankQueriesAndZeroLimitsFindNothingAndMaxResultsCaps() {
        assertTrue(kb.search("  ", "en", null, 10).isEmpty());
        assertTrue(kb.search(null, null, null, 10).isEmpty());
        assertTrue(kb.search("refund", "en", null, 0).isEmpty());
        KnowledgeBaseImpl capped = new KnowledgeBaseImpl(new InMemoryConfigStore(), true, 2);
        assertEquals(2, capped.search("card", null, null, 50).size());
    }

    @Test
    void hugeQueriesAreCutNotRefused() {
        String query = "refund ".repeat(5000) + "policy";
        assertEquals(1, kb.search(query, "en", null, 1).size());
    }
}
