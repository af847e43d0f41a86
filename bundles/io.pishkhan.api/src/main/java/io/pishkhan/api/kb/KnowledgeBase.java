package io.pishkhan.api.kb;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge base (Persian and English): articles managed by admins, indexed for full-text search (BM25 with
 * Persian and English analysis). Invalid input is an {@link IllegalArgumentException} with a clear message.
 */
public interface KnowledgeBase {
    List<Article> articles();

    Optional<Article> article(String id);

    /** Creates ({@code id} blank: a new id) or replaces an article; re-indexed at once. */
    Article save(Article article, String actor);

    boolean delete(String id, String actor);

    /** CSV with header {@code title,body,tags,language,channels,published,link} (tags and channels separated by {@code ;}). */
    ImportResult importCsv(String csv, String actor);

    /**
     * Markdown: each {@code # heading} starts an article whose body runs to the next heading; optional front lines
     * {@code tags: a, b}, {@code channels: webchat}, {@code link: https://...} right after the heading.
     */
    ImportResult importMarkdown(String markdown, String language, String actor);

    /**
     * Published articles visible on the channel that match the query, best first, each with its best passage.
     *
     * @param language {@code fa}, {@code en}, or {@code null} for both
     */
    List<Passage> search(String query, String language, String channel, int limit);

    /** The customer found the answer helpful or not (one vote per conversation and article; a new vote replaces). */
    void feedback(String articleId, String conversationId, boolean helpful);

    /** Article id to {helpful, not helpful} counts. */
    Map<String, long[]> feedbackCounts();
}
