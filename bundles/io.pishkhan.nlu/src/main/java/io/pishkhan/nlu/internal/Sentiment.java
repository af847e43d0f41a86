package io.pishkhan.nlu.internal;

import io.pishkhan.api.nlu.IntentPrediction;
import io.pishkhan.api.nlu.SentimentScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sentiment on top of the intent pieces: a two-label {@link IntentModel} ({@code negative}, {@code positive}) trained
 * by {@link IntentTrainer} with {@link #SETTINGS} (the intent defaults without out-of-scope threshold), so the
 * normaliser, TF-IDF features, liblinear, English e5 embeddings, temperature calibration and model files are the
 * intent engine's. Score = 2 P(positive) - 1 from the calibrated decision values.
 */
final class Sentiment {
    static final String NEGATIVE = "negative";
    static final String POSITIVE = "positive";
    /**
     * Training sets larger than this are subsampled deterministically (rows ordered by a hash of their text, the
     * first ones kept), so that training with English embeddings stays within minutes. One rule for every data set.
     */
    static final int MAX_EXAMPLES = 20_000;
    static final IntentTrainer.Settings SETTINGS = IntentTrainer.Settings.DEFAULTS.withOosRecallTarget(0);
    /**
     * The SVM's C is chosen per training from these by cross-validated accuracy on the training file (snappfood's
     * training file prefers 0.1, sst2's 1: one rule instead of one constant).
     */
    static final double[] C_GRID = {0.1, 1.0};

    /**
     * Trains one model per {@link #C_GRID} value (each text embedded once, the vectors shared) and keeps the one
     * with the best cross-validated accuracy; its metrics get {@code c}.
     */
    static IntentTrainer.Result train(List<TrainingData.Example> examples, SentenceEmbedder embedder,
            IntentTrainer.Settings settings, java.util.function.DoubleConsumer progress) {
        CachingEmbedder cached = embedder == null ? null : new CachingEmbedder(embedder);
        long started = System.nanoTime();
        double embeddingSeconds = 0;
        IntentTrainer.Result best = null;
        double bestC = 0;
        for (int i = 0; i < C_GRID.length; i++) {
            double c = C_GRID[i];
            int part = i;
            IntentTrainer.Settings s = new IntentTrainer.Settings(c, settings.eps(), settings.charMin(),
                    settings.charMax(), settings.minDf(), settings.folds(), settings.oosRecallTarget(),
                    settings.maxRejectedCorrect(), settings.threads(), settings.seed(), settings.embeddingWeight());
            IntentTrainer.Result r = new IntentTrainer(s).train(examples, cached,
                    p -> progress.accept((part + p) / C_GRID.length));
            embeddingSeconds += r.metrics().getOrDefault("embeddingSeconds", 0.0);
            if (best == null || r.metrics().getOrDefault("accuracy", 0.0)
                    > best.metrics().getOrDefault("accuracy", 0.0)) {
                best = r;
                bestC = c;
            }
        }
        if (cached != null) {
            cached.stopCaching(); // the model keeps the embedder for classification: no cache from here on
        }
        java.util.Map<String, Double> metrics = new java.util.LinkedHashMap<>(best.metrics());
        metrics.put("c", bestC);
        if (embedder != null) {
            metrics.put("embeddingSeconds", embeddingSeconds); // all trainings, i.e. each text once
        }
        metrics.put("trainSeconds", (System.nanoTime() - started) / 1e9); // all trainings
        return new IntentTrainer.Result(best.model(), best.examples(), best.outOfScopeExamples(), metrics);
    }

    /** Embeds each distinct text once across the trainings of {@link #train}. */
    private static final class CachingEmbedder implements SentenceEmbedder {
        private final SentenceEmbedder delegate;
        private volatile java.util.Map<String, float[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

        void stopCaching() {
            cache = null;
        }

        CachingEmbedder(SentenceEmbedder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public float[][] embed(List<String> texts) {
            java.util.Map<String, float[]> cache = this.cache;
            if (cache == null) {
                return delegate.embed(texts);
            }
            List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
            if (!missing.isEmpty()) {
                float[][] v = delegate.embed(missing);
                for (int i = 0; i < v.length; i++) {
                    cache.put(missing.get(i), v[i]);
                }
            }
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = cache.get(texts.get(i));
            }
            return out;
        }
    }

    private static final Map<String, String> LABELS = Map.of("sad", NEGATIVE, "0", NEGATIVE, "negative", NEGATIVE,
            "neg", NEGATIVE, "happy", POSITIVE, "1", POSITIVE, "positive", POSITIVE, "pos", POSITIVE);

    private Sentiment() {
    }

    /** @return {@code negative}, {@code positive}, or null for a label that is neither */
    static String label(String label) {
        return label == null ? null : LABELS.get(label.strip().toLowerCase(Locale.ROOT));
    }

    /** Maps the labels; refuses (naming the line) a label that is not a sentiment label, or a missing class. */
    static List<TrainingData.Example> examples(List<TrainingData.Example> rows) {
        List<TrainingData.Example> mapped = new ArrayList<>(rows.size());
        boolean neg = false;
        boolean pos = false;
        for (TrainingData.Example e : rows) {
            String l = label(e.label());
            if (l == null) {
                throw new IllegalArgumentException("line " + e.line() + ": label '" + e.label()
                        + "' is not a sentiment label (negative/positive, neg/pos, SAD/HAPPY, 0/1)");
            }
            neg |= l.equals(NEGATIVE);
            pos |= l.equals(POSITIVE);
            mapped.add(new TrainingData.Example(e.text(), l, e.line()));
        }
        if (!neg || !pos) {
            throw new IllegalArgumentException("need both negative and positive examples");
        }
        return mapped;
    }

    /** At most {@link #MAX_EXAMPLES} rows: the same rows for the same file, whatever its order. */
    static List<TrainingData.Example> cap(List<TrainingData.Example> rows) {
        if (rows.size() <= MAX_EXAMPLES) {
            return rows;
        }
        List<TrainingData.Example> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong((TrainingData.Example e) -> mix(e.text()))
                .thenComparing(TrainingData.Example::text).thenComparing(TrainingData.Example::label));
        return List.copyOf(sorted.subList(0, MAX_EXAMPLES));
    }

    private static long mix(String s) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    static SentimentScore score(IntentModel model, String text, int version) {
        IntentPrediction p = model.classify(text, version);
        double positive = 0.5;
        for (IntentPrediction.Scored s : p.alternatives()) {
            if (s.label().equals(POSITIVE)) {
                positive = s.score();
            } else if (s.label().equals(NEGATIVE)) {
                positive = 1 - s.score();
            }
        }
        if (p.alternatives().isEmpty()) {
            return new SentimentScore(0, null, 0, version);
        }
        double score = Math.max(-1, Math.min(1, positive * 2 - 1));
        boolean isPositive = positive >= 0.5;
        return new SentimentScore(score, isPositive ? POSITIVE : NEGATIVE, isPositive ? positive : 1 - positive,
                version);
    }
}
