package io.pishkhan.nlu.internal;

import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.SentimentScore;
import io.pishkhan.api.nlu.SentimentService;
import io.pishkhan.api.nlu.TrainingJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentiment per language ({@code fa}, {@code en}): two-label models ({@link Sentiment}) trained in the background by
 * {@link IntentTrainer}, stored by {@link ModelStore} under {@code <dataDir>/sentiment/<lang>} as new versions and
 * swapped in live; a language without any model is trained from the shipped {@code sentiment/<lang>.csv}.
 */
@Component(service = SentimentService.class, name = SentimentServiceImpl.PID,
        configurationPid = SentimentServiceImpl.PID)
@Designate(ocd = SentimentServiceConfig.class)
public class SentimentServiceImpl implements SentimentService {
    static final String PID = "io.pishkhan.nlu.sentiment";
    private static final int JOBS_KEPT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(SentimentServiceImpl.class);

    private record Live(IntentModel model, int version) {
    }

    private final ModelStore store;
    private final IntentTrainer.Settings settings;
    private final Map<String, AtomicReference<Live>> live = new ConcurrentHashMap<>();
    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    private final Deque<String> jobOrder = new ConcurrentLinkedDeque<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final SentenceEmbedder english;

    @Activate
    public SentimentServiceImpl(SentimentServiceConfig config) {
        this(dataDir(config.dataDir()), config.trainDefaults(),
                Sentiment.SETTINGS.withThreads(config.trainingThreads()),
                Embedders.english(config.embeddings(), config.trainingThreads(), LOG::warn));
    }

    /**
     * @param dataDir models go to {@code dataDir/sentiment/<lang>}
     * @param english English sentence embeddings, or null for TF-IDF only
     */
    SentimentServiceImpl(Path dataDir, boolean trainDefaults, IntentTrainer.Settings settings,
            SentenceEmbedder english) {
        this.english = english;
        this.store = new ModelStore(dataDir.resolve("sentiment"));
        this.settings = settings;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pishkhan-sentiment-training");
            t.setDaemon(true);
            return t;
        });
        for (String lang : IntentServiceImpl.LANGUAGES) {
            live.put(lang, new AtomicReference<>());
            restore(lang);
            if (live.get(lang).get() == null && store.versions(lang).isEmpty() && trainDefaults) {
                trainShipped(lang);
            }
        }
    }

    static Path dataDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return Path.of(System.getProperty("karaf.data", "data"), "pishkhan");
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (english instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the embedder: {}", e.toString());
            }
        }
    }

    private void restore(String lang) {
        OptionalInt active = store.active(lang);
        List<ModelStore.Meta> versions = store.versions(lang);
        int version = active.isPresent() ? active.getAsInt() : versions.isEmpty() ? 0 : versions.get(0).version();
        if (version == 0) {
            return;
        }
        try {
            live.get(lang).set(new Live(store.load(lang, version, Embedders.forLanguage(lang, english)), version));
            LOG.info("sentiment {}: model version {} loaded from {}", lang, version, store.root());
        } catch (IOException | RuntimeException e) {
            LOG.error("sentiment {}: cannot load model version {} from {}: {}", lang, version, store.root(),
                    e.toString());
        }
    }

    private void trainShipped(String lang) {
        try (InputStream in = SentimentServiceImpl.class.getResourceAsStream("/sentiment/" + lang + ".csv")) {
            if (in != null) {
                train(lang, new String(in.readAllBytes(), StandardCharsets.UTF_8), IntentServiceImpl.SYSTEM,
                        "shipped default examples (sentiment/" + lang + ".csv)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SentimentScore score(String text, String language) {
        String lang = language == null || language.isBlank() ? TextNormalizer.language(text) : language;
        AtomicReference<Live> ref = live.get(lang);
        Live current = ref == null ? null : ref.get();
        if (current == null || text == null) {
            return new SentimentScore(0, null, 0, 0);
        }
        return Sentiment.score(current.model(), text, current.version());
    }

    @Override
    public TrainingJob train(String language, String csv, String author, String comment) {
        String lang = checkLanguage(language);
        // bad files fail here, not in the job
        List<TrainingData.Example> examples = Sentiment.cap(Sentiment.examples(TrainingData.parse(csv, true)));
        String id = UUID.randomUUID().toString();
        TrainingJob queued = new TrainingJob(id, lang, TrainingJob.State.QUEUED, 0, "queued", 0, Instant.now(),
                null);
        remember(queued);
        FutureTask<Void> task = new FutureTask<>(() -> run(queued, examples, author, comment), null);
        running.put(id, task);
        executor.execute(task);
        return queued;
    }

    private void run(TrainingJob job, List<TrainingData.Example> examples, String author, String comment) {
        String lang = job.language();
        update(job.id(), j -> new TrainingJob(j.id(), lang, TrainingJob.State.RUNNING, 0, "training on "
                + examples.size() + " examples", 0, j.startedAt(), null));
        try {
            IntentTrainer.Result result = Sentiment.train(examples, Embedders.forLanguage(lang, english), settings,
                    p -> update(job.id(), j -> j.state() == TrainingJob.State.RUNNING ? new TrainingJob(j.id(),
                            lang, j.state(), Math.min(0.99, p), j.message(), 0, j.startedAt(), null) : j));
            int version;
            synchronized (store) {
                version = store.nextVersion(lang);
                store.save(result.model(), new ModelStore.Meta(lang, version, result.examples(), 0,
                        result.model().labels(), Instant.now(), author == null ? IntentServiceImpl.SYSTEM : author,
                        comment == null ? "" : comment, result.metrics()));
                store.setActive(lang, version);
            }
            live.get(lang).set(new Live(result.model(), version));
            String message = String.format("version %d: cross-validated accuracy %.3f", version,
                    result.metrics().getOrDefault("accuracy", Double.NaN));
            LOG.info("sentiment {}: {}", lang, message);
            update(job.id(), j -> new TrainingJob(j.id(), lang, TrainingJob.State.SUCCEEDED, 1.0, message, version,
                    j.startedAt(), Instant.now()));
        } catch (RuntimeException | IOException e) {
            LOG.warn("sentiment {}: training {} failed: {}", lang, job.id(), e.toString());
            update(job.id(), j -> new TrainingJob(j.id(), lang, TrainingJob.State.FAILED, j.progress(),
                    String.valueOf(e.getMessage()), 0, j.startedAt(), Instant.now()));
        } finally {
            running.remove(job.id());
        }
    }

    private void remember(TrainingJob job) {
        jobs.put(job.id(), job);
        jobOrder.addFirst(job.id());
        while (jobOrder.size() > JOBS_KEPT) {
            String oldest = jobOrder.peekLast();
            TrainingJob j = oldest == null ? null : jobs.get(oldest);
            if (j == null || j.state() == TrainingJob.State.SUCCEEDED || j.state() == TrainingJob.State.FAILED) {
                jobOrder.pollLast();
                if (oldest != null) {
                    jobs.remove(oldest);
                }
            } else {
                break;
            }
        }
    }

    private void update(String id, UnaryOperator<TrainingJob> change) {
        jobs.computeIfPresent(id, (k, j) -> change.apply(j));
    }

    @Override
    public Optional<TrainingJob> job(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    @Override
    public List<IntentModelInfo> models(String language) {
        String lang = checkLanguage(language);
        Live current = live.get(lang).get();
        int active = current == null ? 0 : current.version();
        return store.versions(lang).stream().map(m -> m.info(m.version() == active)).toList();
    }

    @Override
    public IntentModelInfo activate(String language, int version, String actor) {
        String lang = checkLanguage(language);
        ModelStore.Meta meta = store.meta(lang, version).orElseThrow(() -> new IllegalArgumentException(
                "no sentiment model version " + version + " for language " + lang));
        try {
            IntentModel model = store.load(lang, version, Embedders.forLanguage(lang, english));
            synchronized (store) {
                store.setActive(lang, version);
                live.get(lang).set(new Live(model, version));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load sentiment model " + lang + " version " + version, e);
        }
        LOG.info("sentiment {}: version {} made active by {}", lang, version, actor);
        return meta.info(true);
    }

    /** Waits for queued and running trainings (tests). */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Future<?> f : List.copyOf(running.values())) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
        return running.isEmpty();
    }

    private static String checkLanguage(String language) {
        if (language == null || !IntentServiceImpl.LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("language must be one of " + IntentServiceImpl.LANGUAGES + ", not "
                    + language);
        }
        return language;
    }
}
