package io.pishkhan.kb.internal;

import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.Passage;
import java.util.List;
import java.util.Set;

final class Fixtures {
    private Fixtures() {
    }

    static Article article(String title, String body, String language) {
        return new Article("", title, body, Set.of(), language, Set.of(), true, null, null, null);
    }

    static Article article(String id, String title, String body, String language, Set<String> tags,
            Set<String> channels, boolean published) {
        return new Article(id, title, body, tags, language, channels, published, null, null, null);
    }

    /** An empty knowledge base (no seed) over a fresh fake store. */
    static KnowledgeBaseImpl emptyKb() {
        return new KnowledgeBaseImpl(new InMemoryConfigStore(), false, 10);
    }

    static KnowledgeBaseImpl seededKb() {
        return new KnowledgeBaseImpl(new InMemoryConfigStore(), true, 10);
    }

    static List<String> titles(List<Passage> passages) {
        return passages.stream().map(Passage::title).toList();
    }
}
