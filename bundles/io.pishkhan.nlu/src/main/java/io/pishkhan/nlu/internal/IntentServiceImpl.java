package io.pishkhan.nlu.internal;

import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.IntentPrediction;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.nlu.TrainingJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intent engine: one active model per language ({@code fa}, {@code en}), trained in the background from CSV
 * examples ({@link TrainingData}) by {@link IntentTrainer}, every success stored as a new version by
 * {@link ModelStore} and swapped in live. On activation it loads each language's active version; a language without
 * any model is trained from the shipped examples ({@code intents/<lang>.csv}) when {@code trainDefaults} is set.
 */
@Component(service = IntentService.class, name = IntentServiceImpl.PID, configurationPid = IntentServiceImpl.PID)
@Designate(ocd = IntentServiceConfig.class)
public class IntentServiceImpl implements IntentService {
    static final String PID = "io.pishkhan.nlu";
    static final List<String> LANGUAGES = List.of(TextNormalizer.PERSIAN, TextNormalizer.ENGLISH);
    static final String SYSTEM = "system";
    private static final int JOBS_KEPT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(IntentServiceImpl.class);

    private record Live(IntentModel model, int version) {
    }

    private final ModelStore store;
    private final IntentTrainer trainer;
    private final Map<String, AtomicReference<Live>> live = new ConcurrentHashMap<>();
    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    private final Deque<String> jobOrder = new ConcurrentLinkedDeque<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    /** English sentence embeddings, or null (off, or they could not load). */
    private final SentenceEmbedder english;

    @Activate
    public IntentServiceImpl(IntentServiceConfig config) {
        this(dataDir(config.dataDir()), config.trainDefaults(),
                IntentTrainer.Settings.DEFAULTS.withThreads(config.trainingThreads())
                        .withOosRecallTarget(config.outOfScopeRecall()),
                Embedders.english(config.embeddings(), config.trainingThreads(), LOG::warn));
    }

    IntentServiceImpl(Path dataDir, boolean trainDefaults, IntentTrainer.Settings settings) {
        this(dataDir, trainDefaults, settings, null);
    }

    /** @param english English sentence embeddings, or null for TF-IDF only */
    IntentServiceImpl(Path dataDir, boolean trainDefaults, IntentTrainer.Settings settings,
            SentenceEmbedder english) {
        this.english = english;
        if (english != null) {
            LOG.info("intents en: sentence embeddings {} ({} dimensions)", english.id(), english.dimension());
        }
        this.store = new ModelStore(dataDir);
        this.trainer = new IntentTrainer(settings);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pishkhan-intent-training");
            t.setDaemon(true);
            return t;
        });
        for (String lang : LANGUAGES) {
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
        return Path.of(System.getProperty("karaf.data", "data"), "pishkhan", "intents");
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
            IntentModel model = store.load(lang, version, Embedders.forLanguage(lang, english));
            if (model.degraded()) {
                LOG.warn("intents {}: model version {} was trained with sentence embeddings {} that are not "
                        + "available now: it classifies with its TF-IDF part alone; train again", lang, version,
                        model.embedderId());
            }
            live.get(lang).set(new Live(model, version));
            LOG.info("intents {}: model version {} loaded from {}", lang, version, store.root());
        } catch (IOException | RuntimeException e) {
            LOG.error("intents {}: cannot load model version {} from {}: {}", lang, version, store.root(),
                    e.toString());
        }
    }

    private void trainShipped(String lang) {
        try (InputStream in = IntentServiceImpl.class.getResourceAsStream("/intents/" + lang + ".csv")) {
            if (in == null) {
                return;
            }
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            train(lang, csv, SYSTEM, "shipped default examples (intents/" + lang + ".csv)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public IntentPrediction classify(String text, String language) {
        String lang = language == null || language.isBlank() ? TextNormalizer.language(text) : language;
        AtomicReference<Live> ref = live.get(lang);
        Live current = ref == null ? null : ref.get();
        if (current == null) {
            return IntentPrediction.unknown();
        }
        return current.model().classify(text, current.version());
    }

    @Override
    public TrainingJob train(String language, String csv, String author, String comment) {
        String lang = checkLanguage(language);
        List<TrainingData.Example> examples = TrainingData.parse(csv); // bad files fail here, not in the job
        long intents = examples.stream().filter(e -> !e.outOfScope()).map(TrainingData.Example::label).distinct()
                .count();
        if (intents < 2) {
            throw new IllegalArgumentException("need at least two intents (labels other than oos), found " + intents);
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        TrainingJob queued = new TrainingJob(id, lang, TrainingJob.State.QUEUED, 0, "queued", 0, now, null);
        remember(queued);
        FutureTask<Void> task = new FutureTask<>(() -> run(queued, examples, csv, author, comment), null);
        running.put(id, task);
        executor.execute(task);
        return queued;
    }

    private void run(TrainingJob job, List<TrainingData.Example> examples, String csv, String author,
            String comment) {
        String lang = job.language();
        update(job.id(), j -> new TrainingJob(j.id(), lang, TrainingJob.State.RUNNING, 0, "training on "
                + examples.size() + " examples", 0, j.startedAt(), null));
        try {
            IntentTrainer.Result result = trainer.train(examples, Embedders.forLanguage(lang, english),
                    p -> update(job.id(),
                    j -> j.state() == TrainingJob.State.RUNNING ? new TrainingJob(j.id(), lang, j.state(),
                            Math.min(0.99, p), j.message(), 0, j.startedAt(), null) : j));
            int version;
            synchronized (store) {
                version = store.nextVersion(lang);
                ModelStore.Meta meta = new ModelStore.Meta(lang, version, result.examples(),
                        result.outOfScopeExamples(), result.model().labels(), Instant.now(),
                        author == null ? SYSTEM : author, comment == null ? "" : comment, result.metrics());
                store.save(result.model(), meta);
                store.saveData(lang, version, csv);
                store.setActive(lang, version);
            }
            live.get(lang).set(new Live(result.model(), version));
            String message = String.format("version %d: %d intents, cross-validated accuracy %.3f, "
                    + "out-of-scope threshold %.3f", version, result.model().labels().size(),
                    result.metrics().getOrDefault("accuracy", Double.NaN), result.model().threshold());
            LOG.info("intents {}: {}", lang, message);
            update(job.id(), j -> new TrainingJob(j.id(), lang, TrainingJob.State.SUCCEEDED, 1.0, message, version,
                    j.startedAt(), Instant.now()));
        } catch (RuntimeException | IOException e) {
            LOG.warn("intents {}: training {} failed: {}", lang, job.id(), e.toString());
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

    private void update(String id, java.util.function.UnaryOperator<TrainingJob> change) {
        jobs.computeIfPresent(id, (k, j) -> change.apply(j));
    }

    @Override
    public Optional<TrainingJob> job(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    @Override
    public List<TrainingJob> jobs() {
        List<TrainingJob> list = new ArrayList<>();
        for (String id : jobOrder) {
            TrainingJob j = jobs.get(id);
            if (j != null) {
                list.add(j);
            }
        }
        return list;
    }

    @Override
    public List<IntentModelInfo> models(String language) {
        String lang = checkLanguage(language);
        Live current = live.get(lang).get();
        int active = current == null ? 0 : current.version();
        return store.versions(lang).stream().map(m -> m.info(m.version() == active)).toList();
    }

    @Override
    public Optional<String> trainingData(String language, int version) {
        return store.data(checkLanguage(language), version);
    }

    @Override
    public IntentModelInfo activate(String language, int version, String actor) {
        String lang = checkLanguage(language);
        ModelStore.Meta meta = store.meta(lang, version).orElseThrow(() -> new IllegalArgumentException(
                "no intent model version " + version + " for language " + lang));
        try {
            IntentModel model = store.load(lang, version, Embedders.forLanguage(lang, english));
            synchronized (store) {
                store.setActive(lang, version);
                live.get(lang).set(new Live(model, version));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load intent model " + lang + " version " + version, e);
        }
        LOG.info("intents {}: version {} made active by {}", lang, version, actor);
        return meta.info(true);
    }

    /** Waits for queued and running trainings (tests, shutdown). */
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
        if (language == null || !LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("language must be one of " + LANGUAGES + ", not " + language);
        }
        return language;
    }
}
