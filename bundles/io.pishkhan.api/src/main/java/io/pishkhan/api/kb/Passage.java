package io.pishkhan.api.kb;

/**
 * The best matching passage of an article for a query.
 *
 * @param text  a passage of the body (a paragraph or a few sentences), shown as plain text
 * @param score BM25 score of the article for the query (only comparable within one search)
 */
public record Passage(String articleId, String title, String text, String link, double score, String language) {
}
