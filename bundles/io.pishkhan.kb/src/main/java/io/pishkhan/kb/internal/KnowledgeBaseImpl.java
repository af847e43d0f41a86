package io.pishkhan.kb.internal;

import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.ImportResult;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.kb.Passage;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base: articles kept in the {@link ConfigStore} (kind {@value ArticleJson#KIND}, audited with the
 * actor), cached in memory and indexed in an in-memory Lucene index ({@link ArticleIndex}) that is rebuilt from the
 * store at activation and updated on every save and delete. Feedback votes are ConfigStore entries of kind
 * {@value #FEEDBACK_KIND} with id {@code articleId/conversationId}, so a new vote of the same conversation replaces
 * the old one.
 *
 * <p>Imports replace the article of the same language and title (so re-importing a corrected file updates instead
 * of duplicating) and create the others. With {@code seed=true} an empty knowledge base receives the shipped
 * sample articles ({@code seed/articles.csv}).
 */
@Component(service = KnowledgeBase.class, name = KnowledgeBaseImpl.PID, configurationPid = KnowledgeBaseImpl.PID)
@Designate(ocd = KbConfig.class)
public class KnowledgeBaseImpl implements KnowledgeBase {
    static final String PID = "io.pishkhan.kb";
    static final String FEEDBACK_KIND = "kb.feedback";
    static final String SEED_RESOURCE = "/seed/articles.csv";
    static final String SEED_ACTOR = "system:seed";

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseImpl.class);

    private final ConfigStore store;
    private final ArticleIndex index = new ArticleIndex();
    private final ConcurrentMap<String, Article> articles = new ConcurrentHashMap<>();
    /** Plain-text bodies (Markdown stripped) by article id, for passages. */
    private final ConcurrentMap<String, String> plainBodies = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private volatile int maxResults;

    @Activate
    public KnowledgeBaseImpl(@Reference ConfigStore store, KbConfig config) {
        this(store, config.seed(), config.maxResults());
    }

    KnowledgeBaseImpl(ConfigStore store, boolean seed, int maxResults) {
        this.store = store;
        this.maxResults = Math.max(1, maxResults);
        try {
            load();
            if (seed) {
                seedIfEmpty();
            }
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    @Modified
    void modified(KbConfig config) {
        maxResults = Math.max(1, config.maxResults());
        if (config.seed()) {
            seedIfEmpty();
        }
    }

    @Deactivate
    void deactivate() {
        index.close();
    }

    /** Reads every article from the store and rebuilds the index. */
    private void load() {
        long t0 = System.nanoTime();
        Map<String, Article> loaded = new HashMap<>();
        for (ConfigEntry e : store.list(ArticleJson.KIND)) {
            try {
                loaded.put(e.id(), ArticleRules.clean(ArticleJson.read(e)));
            } catch (IllegalArgumentException ex) {
                LOG.warn("{}: skipping stored article {}: {}", PID, e.id(), ex.getMessage());
            }
        }
        synchronized (writeLock) {
            articles.clear();
            articles.putAll(loaded);
            plainBodies.clear();
            loaded.forEach((id, a) -> plainBodies.put(id, MarkdownText.toPlain(a.body())));
            index.rebuild(loaded.values());
        }
        LOG.info("{}: indexed {} articles in {} ms", PID, loaded.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void seedIfEmpty() {
        synchronized (writeLock) {
            if (!articles.isEmpty()) {
                return;
            }
            ImportResult r = importCsv(seedCsv(), SEED_ACTOR);
            LOG.info("{}: knowledge base was empty, imported {} sample articles", PID, r.imported());
            r.errors().forEach(err -> LOG.warn("{}: sample articles: {}", PID, err));
        }
    }

    static String seedCsv() {
        try (InputStream in = KnowledgeBaseImpl.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SEED_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int maxResults() {
        return maxResults;
    }

    int indexedCount() {
        return index.size();
    }

    @Override
    public List<Article> articles() {
        List<Article> out = new ArrayList<>(articles.values());
        out.sort(Comparator.comparing(Article::id));
        return out;
    }

    @Override
    public Optional<Article> article(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(articles.get(id));
    }

    @Override
    public Article save(Article article, String actor) {
        requireActor(actor);
        Article clean = ArticleRules.clean(article);
        synchronized (writeLock) {
            return store(clean, actor, null, true);
        }
    }

    /**
     * Stores and indexes a cleaned article; caller holds the write lock. With {@code refresh} false the caller
     * refreshes the index once after a batch.
     */
    private Article store(Article clean, String actor, String comment, boolean refresh) {
        String id = clean.id().isEmpty() ? newId() : clean.id();
        Article withId = new Article(id, clean.title(), clean.body(), clean.tags(), clean.language(), clean.channels(),
                clean.published(), clean.link(), null, null);
        ConfigEntry e = store.put(ArticleJson.KIND, id, ArticleJson.write(withId), actor, comment);
        Article saved = new Article(id, withId.title(), withId.body(), withId.tags(), withId.language(),
                withId.channels(), withId.published(), withId.link(), e.updatedAt(), e.updatedBy());
        articles.put(id, saved);
        plainBodies.put(id, MarkdownText.toPlain(saved.body()));
        index.put(saved, refresh);
        return saved;
    }

    private String newId() {
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (articles.containsKey(id));
        return id;
    }

    @Override
    public boolean delete(String id, String actor) {
        requireActor(actor);
        if (id == null || id.isBlank()) {
            return false;
        }
        synchronized (writeLock) {
            boolean existed = store.delete(ArticleJson.KIND, id, actor, null);
            articles.remove(id);
            plainBodies.remove(id);
            index.remove(id);
            return existed;
        }
    }

    @Override
    public ImportResult importCsv(String csv, String actor) {
        requireActor(actor);
        return importDrafts(ArticleImports.csv(csv), actor, "CSV import");
    }

    @Override
    public ImportResult importMarkdown(String markdown, String language, String actor) {
        requireActor(actor);
        return importDrafts(ArticleImports.markdown(markdown, language), actor, "Markdown import");
    }

    private ImportResult importDrafts(List<ArticleImports.Draft> drafts, String actor, String comment) {
        int imported = 0;
        List<String> errors = new ArrayList<>();
        synchronized (writeLock) {
            Map<String, String> byTitle = new HashMap<>();
            for (Article a : articles.values()) {
                byTitle.putIfAbsent(ArticleRules.titleKey(a.language(), a.title()), a.id());
            }
            try {
                for (ArticleImports.Draft d : drafts) {
                    if (d.error() != null) {
                        errors.add(d.error());
                        continue;
                    }
                    try {
                        Article clean = ArticleRules.clean(d.article());
                        String key = ArticleRules.titleKey(clean.language(), clean.title());
                        String existing = byTitle.get(key);
                        Article toSave = existing == null ? clean
                                : new Article(existing, clean.title(), clean.body(), clean.tags(), clean.language(),
                                        clean.channels(), clean.published(), clean.link(), null, null);
                        Article saved = store(toSave, actor, comment, false);
                        byTitle.put(key, saved.id());
                        imported++;
                    } catch (IllegalArgumentException e) {
                        errors.add("line " + d.line() + ": " + e.getMessage());
                    }
                }
            } finally {
                index.refresh(); // one refresh per import, also when a store failure ends it early
            }
        }
        return new ImportResult(imported, errors);
    }

    @Override
    public List<Passage> search(String query, String language, String channel, int limit) {
        String lang = language == null || language.isBlank() ? null : ArticleRules.language(language);
        int n = Math.min(limit, maxResults);
        if (query == null || query.isBlank() || n <= 0) {
            return List.of();
        }
        List<Passage> out = new ArrayList<>();
        Map<String, Set<String>> termsByLanguage = new HashMap<>();
        for (ArticleIndex.Hit hit : index.search(query, lang, channel, n)) {
            Article a = articles.get(hit.id());
            if (a == null || !a.published() || !a.visibleOn(channel)) {
                continue; // deleted or changed since the search started
            }
            Set<String> terms = termsByLanguage.computeIfAbsent(a.language(), l -> index.terms(l, query));
            String plain = plainBodies.computeIfAbsent(a.id(), id -> MarkdownText.toPlain(a.body()));
            String text = PassageSelector.best(plain, terms,
                    t -> index.tokens(a.language(), t), term -> index.idf(a.language(), term));
            out.add(new Passage(a.id(), a.title(), text, a.link(), hit.score(), a.language()));
        }
        return out;
    }

    @Override
    public void feedback(String articleId, String conversationId, boolean helpful) {
        if (articleId == null || !articles.containsKey(articleId)) {
            throw new IllegalArgumentException("no such article: " + articleId);
        }
        if (conversationId == null || conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId is required");
        }
        store.put(FEEDBACK_KIND, articleId + "/" + conversationId.strip(), ArticleJson.vote(helpful),
                "conversation:" + conversationId.strip(), helpful ? "helpful" : "not helpful");
    }

    /** Counts of the articles that exist; votes of deleted articles are kept in the store but not counted. */
    @Override
    public Map<String, long[]> feedbackCounts() {
        Map<String, long[]> out = new HashMap<>();
        for (ConfigEntry e : store.list(FEEDBACK_KIND)) {
            int slash = e.id().indexOf('/');
            String articleId = slash < 0 ? e.id() : e.id().substring(0, slash);
            Boolean helpful = ArticleJson.readVote(e.json());
            if (helpful == null || !articles.containsKey(articleId)) {
                continue;
            }
            out.computeIfAbsent(articleId, k -> new long[2])[helpful ? 0 : 1]++;
        }
        return out;
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
    }
}
