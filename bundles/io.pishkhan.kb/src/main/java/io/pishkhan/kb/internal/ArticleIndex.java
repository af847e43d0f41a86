package io.pishkhan.kb.internal;

import io.pishkhan.api.kb.Article;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Lucene index of the published and unpublished articles, in memory ({@link ByteBuffersDirectory}): rebuilt
 * from the store at start, updated document by document on every change and visible to the next search at once
 * (near-real-time reader, refreshed after each change). Sized for thousands of articles (a few MB of heap per
 * thousand articles of a few KB); the articles themselves stay in the store.
 *
 * <p>Each article is indexed in the fields of its language only ({@code title_fa}, {@code body_fa},
 * {@code tags_fa} or the {@code _en} ones), each analysed by {@link PersianSearchAnalyzer} or
 * {@link EnglishSearchAnalyzer}. Queries are analysed with the analyser of the language asked for, or both when no
 * language is given; every query term is looked up in title (boost {@value #TITLE_BOOST}), tags (boost
 * {@value #TAGS_BOOST}) and body, scored by {@link BM25Similarity} (k1 1.2, b 0.75), and filtered to published
 * articles visible on the channel. Thread-safe: writes are serialised, searches run concurrently.
 */
final class ArticleIndex implements Closeable {
    static final float TITLE_BOOST = 3f;
    static final float TAGS_BOOST = 2f;
    /** Longer queries are cut: a message is not a document. */
    static final int MAX_QUERY_CHARS = 1_000;
    static final int MAX_QUERY_TERMS = 64;

    private static final String ID = "id";
    private static final String PUBLISHED = "published";
    private static final String CHANNEL = "channel";
    private static final String ALL_CHANNELS = "*";

    /** A matching article and its BM25 score. */
    record Hit(String id, float score) {
    }

    private final Analyzer persian = new PersianSearchAnalyzer();
    private final Analyzer english = new EnglishSearchAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    ArticleIndex() {
        Map<String, Analyzer> perField = new LinkedHashMap<>();
        for (String f : List.of("title", "body", "tags")) {
            perField.put(f + "_fa", persian);
            perField.put(f + "_en", english);
        }
        try {
            IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(persian, perField))
                    .setSimilarity(new BM25Similarity())
                    .setCommitOnClose(false);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the in-memory index", e);
        }
    }

    Analyzer analyzer(String language) {
        return "en".equals(language) ? english : persian;
    }

    /** Replaces the whole index with these articles. */
    synchronized void rebuild(Collection<Article> articles) {
        try {
            writer.deleteAll();
            for (Article a : articles) {
                writer.addDocument(document(a, MarkdownText.toPlain(a.body())));
            }
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the index", e);
        }
    }

    synchronized void put(Article a) {
        put(a, true);
    }

    /** Adds or replaces an article; with {@code refresh} false it becomes searchable at the next {@link #refresh()}. */
    synchronized void put(Article a, boolean refresh) {
        try {
            writer.updateDocument(new Term(ID, a.id()), document(a, MarkdownText.toPlain(a.body())));
            if (refresh) {
                refresh();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index article " + a.id(), e);
        }
    }

    synchronized void remove(String id) {
        try {
            writer.deleteDocuments(new Term(ID, id));
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove article " + id + " from the index", e);
        }
    }

    /** Makes every change so far visible to searches. */
    synchronized void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the index", e);
        }
    }

    /**
     * Published articles visible on {@code channel} ({@code null}: any) matching {@code query} in {@code language}
     * ({@code null}: both), best first.
     */
    List<Hit> search(String query, String language, String channel, int limit) {
        Query q = query(query, language, channel);
        if (q == null) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                searcher.setSimilarity(new BM25Similarity());
                TopDocs top = searcher.search(q, limit);
                List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc sd : top.scoreDocs) {
                    Document d = searcher.storedFields().document(sd.doc, Set.of(ID));
                    hits.add(new Hit(d.get(ID), sd.score));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        } catch (IndexSearcher.TooManyClauses e) {
            return List.of();
        }
    }

    /** Inverse document frequency of an analysed term in the bodies of a language (BM25's idf). */
    double idf(String language, String term) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                long n = Math.max(1, searcher.getIndexReader().numDocs());
                long df = searcher.getIndexReader().docFreq(new Term("body_" + language, term));
                return Math.log(1 + (n - df + 0.5) / (df + 0.5));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Documents in the index (published or not). */
    int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The analysed terms of a text, in order, with their character offsets. */
    List<Token> tokens(String language, String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = analyzer(language).tokenStream("body_" + language, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One analysed term and where it stands in the text. */
    record Token(String term, int start, int end) {
    }

    Set<String> terms(String language, String text) {
        Set<String> out = new LinkedHashSet<>();
        for (Token t : tokens(language, text)) {
            if (out.size() >= MAX_QUERY_TERMS) {
                break;
            }
            out.add(t.term());
        }
        return out;
    }

    private Query query(String text, String language, String channel) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String cut = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        BooleanQuery.Builder match = new BooleanQuery.Builder();
        int clauses = 0;
        for (String lang : language == null ? List.of("fa", "en") : List.of(language)) {
            for (String term : terms(lang, cut)) {
                match.add(new BoostQuery(new TermQuery(new Term("title_" + lang, term)), TITLE_BOOST), Occur.SHOULD);
                match.add(new BoostQuery(new TermQuery(new Term("tags_" + lang, term)), TAGS_BOOST), Occur.SHOULD);
                match.add(new TermQuery(new Term("body_" + lang, term)), Occur.SHOULD);
                clauses += 3;
            }
        }
        if (clauses == 0) {
            return null;
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(match.build(), Occur.MUST)
                .add(new TermQuery(new Term(PUBLISHED, "true")), Occur.FILTER);
        if (channel != null && !channel.isBlank()) {
            q.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(CHANNEL, channel.strip().toLowerCase(java.util.Locale.ROOT))), Occur.SHOULD)
                    .add(new TermQuery(new Term(CHANNEL, ALL_CHANNELS)), Occur.SHOULD)
                    .build(), Occur.FILTER);
        }
        return q.build();
    }

    private static Document document(Article a, String plainBody) {
        String lang = a.language();
        Document d = new Document();
        d.add(new StringField(ID, a.id(), Field.Store.YES));
        d.add(new StringField(PUBLISHED, Boolean.toString(a.published()), Field.Store.NO));
        if (a.channels().isEmpty()) {
            d.add(new StringField(CHANNEL, ALL_CHANNELS, Field.Store.NO));
        }
        for (String c : a.channels()) {
            d.add(new StringField(CHANNEL, c, Field.Store.NO));
        }
        d.add(new TextField("title_" + lang, a.title(), Field.Store.NO));
        d.add(new TextField("body_" + lang, plainBody, Field.Store.NO));
        for (String tag : a.tags()) {
            d.add(new TextField("tags_" + lang, tag, Field.Store.NO));
        }
        return d;
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.rollback();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
