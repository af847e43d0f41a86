package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.kb.Article;
import io.pishkhan.api.store.AuditRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedbackAndPersistenceTest {
    @Test
    void votesAreCountedAndANewVoteOfTheSameConversationReplaces() {
        InMemoryConfigStore store = new InMemoryConfigStore();
        KnowledgeBaseImpl kb = new KnowledgeBaseImpl(store, false, 10);
        String a = kb.save(Fixtures.article("A", "Body a", "en"), "admin").id();
        String b = kb.save(Fixtures.article("B", "Body b", "en"), "admin").id();
        kb.feedback(a, "c1", true);
        kb.feedback(a, "c2", true);
        kb.feedback(a, "c3", false);
        kb.feedback(a, "c1", false); // c1 changes its mind
        kb.feedback(b, "c1", true);
        Map<String, long[]> counts = kb.feedbackCounts();
        assertArrayEquals(new long[] {1, 2}, counts.get(a));
        assertArrayEquals(new long[] {1, 0}, counts.get(b));
        assertEquals("{\"helpful\":false}", store.get(KnowledgeBaseImpl.FEEDBACK_KIND, a + "/c1").orElseThrow().json());
        // votes survive a restart, deleted articles are not counted
        KnowledgeBaseImpl again = new KnowledgeBaseImpl(store, false, 10);
        assertArrayEquals(new long[] {1, 2}, again.feedbackCounts().get(a));
        again.delete(b, "admin");
        assertEquals(Set.of(a), again.feedbackCounts().keySet());
    }

    @Test
    void feedbackNeedsAnExistingArticleAndAConversation() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        String a = kb.save(Fixtures.article("A", "Body", "en"), "admin").id();
        assertThrows(IllegalArgumentException.class, () -> kb.feedback("nope", "c1", true));
        assertThrows(IllegalArgumentException.class, () -> kb.feedback(a, " ", true));
        assertTrue(kb.feedbackCounts().isEmpty());
    }

    @Test
    void articlesRoundTripThroughTheStoreAndAreAudited() {
        InMemoryConfigStore store = new InMemoryConfigStore();
        KnowledgeBaseImpl kb = new KnowledgeBaseImpl(store, false, 10);
        Article saved = kb.save(new Article(" ", "  Lost   card ", "Block it.\r\nThen call.", Set.of("card", " "), "EN",
                Set.of("WebChat"), true, " https://example.ir/x ", null, null), "alice");
        assertNotNull(saved.updatedAt());
        assertEquals("alice", saved.updatedBy());
        assertEquals("Lost card", saved.title());
        assertEquals("Block it.\nThen call.", saved.body());
        assertEquals(Set.of("card"), saved.tags());
        assertEquals("en", saved.language());
        assertEquals(Set.of("webchat"), saved.channels());
        assertEquals("https://example.ir/x", saved.link());
        String json = store.get(ArticleJson.KIND, saved.id()).orElseThrow().json();
        assertTrue(json.contains("\"title\":\"Lost card\""), json);

        KnowledgeBaseImpl restarted = new KnowledgeBaseImpl(store, true, 10); // seed is skipped: not empty
        assertEquals(List.of(saved), restarted.articles());
        assertEquals(1, restarted.indexedCount());
        assertEquals(saved.id(), restarted.search("lost card", "en", "webchat", 5).get(0).articleId());

        restarted.delete(saved.id(), "bob");
        List<AuditRecord> audit = store.auditLog(ArticleJson.KIND, 10);
        assertEquals(List.of("delete", "create"), audit.stream().map(AuditRecord::action).toList());
        assertEquals(List.of("bob", "alice"), audit.stream().map(AuditRecord::actor).toList());
        assertTrue(new KnowledgeBaseImpl(store, false, 10).articles().isEmpty());
    }

    @Test
    void savingWithAnIdReplacesAndWithABlankIdCreates() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        Article first = kb.save(Fixtures.article("faq-1", "One", "Text", "en", Set.of(), Set.of(), true), "admin");
        assertEquals("faq-1", first.id());
        kb.save(Fixtures.article("faq-1", "One v2", "Text two", "en", Set.of(), Set.of(), true), "admin");
        assertEquals("One v2", kb.article("faq-1").orElseThrow().title());
        Article created = kb.save(Fixtures.article("Two", "Text", "en"), "admin");
        assertEquals(36, created.id().length());
        assertEquals(2, kb.articles().size());
        assertEquals(2, kb.indexedCount());
    }

    @Test
    void invalidArticlesAreRefusedWithClearMessages() {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        assertEquals("title is required", assertThrows(IllegalArgumentException.class,
                () -> kb.save(Fixtures.article(" ", "b", "en"), "admin")).getMessage());
        assertEquals("body is required", assertThrows(IllegalArgumentException.class,
                () -> kb.save(Fixtures.article("t", "", "en"), "admin")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> kb.save(Fixtures.article("t", "b", null), "admin"));
        assertThrows(IllegalArgumentException.class,
                () -> kb.save(Fixtures.article("a/b", "t", "b", "en", Set.of(), Set.of(), true), "admin"));
        assertThrows(IllegalArgumentException.class,
                () -> kb.save(Fixtures.article("", "t", "b", "en", Set.of(), Set.of("web chat"), true), "admin"));
        assertThrows(IllegalArgumentException.class, () -> kb.save(Fixtures.article("t", "b", "en"), " "));
        assertThrows(IllegalArgumentException.class, () -> kb.save(null, "admin"));
        assertTrue(kb.articles().isEmpty());
    }

    @Test
    void aBrokenStoredArticleIsSkippedNotFatal() {
        InMemoryConfigStore store = new InMemoryConfigStore();
        store.put(ArticleJson.KIND, "broken", "{not json", "x", null);
        store.put(ArticleJson.KIND, "nolang", "{\"title\":\"t\",\"body\":\"b\"}", "x", null);
        store.put(ArticleJson.KIND, "ok", "{\"title\":\"Fine\",\"body\":\"Fine body\",\"language\":\"en\"}", "x", null);
        KnowledgeBaseImpl kb = new KnowledgeBaseImpl(store, true, 10);
        assertEquals(List.of("ok"), kb.articles().stream().map(Article::id).toList());
        assertTrue(kb.article("ok").orElseThrow().published());
    }
}
