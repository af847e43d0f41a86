package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.ImportResult;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.kb.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Returns the passages whose keyword the query contains, with their fixed scores; records feedback. */
class FakeKnowledgeBase implements KnowledgeBase {
    record Hit(String keyword, Passage passage) {
    }

    record Vote(String articleId, String conversationId, boolean helpful) {
    }

    private final List<Hit> hits = new ArrayList<>();
    final List<Vote> votes = new ArrayList<>();
    final List<String> queries = new ArrayList<>();

    FakeKnowledgeBase on(String keyword, String articleId, String text, String link, double score) {
        hits.add(new Hit(keyword, new Passage(articleId, "title " + articleId, text, link, score, "fa")));
        return this;
    }

    @Override
    public List<Passage> search(String query, String language, String channel, int limit) {
        queries.add(query);
        return hits.stream().filter(h -> query.toLowerCase().contains(h.keyword())).map(Hit::passage).limit(limit)
                .toList();
    }

    @Override
    public void feedback(String articleId, String conversationId, boolean helpful) {
        votes.add(new Vote(articleId, conversationId, helpful));
    }

    @Override
    public List<Article> articles() {
        return List.of();
    }

    @Override
    public Optional<Article> article(String id) {
        return Optional.empty();
    }

    @Override
    public Article save(Article article, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(String id, String actor) {
        return false;
    }

    @Override
    public ImportResult importCsv(String csv, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ImportResult importMarkdown(String markdown, String language, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, long[]> feedbackCounts() {
        return Map.of();
    }
}
