package io.pishkhan.nlu.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;

/**
 * Trains an {@link IntentModel} from labelled examples. The same code and {@link Settings#DEFAULTS} serve the
 * appliance and {@code bin/pishkhan-eval}.
 *
 * <p>Out-of-scope threshold, chosen from the training data alone by a k-fold cross-validation in which every fold
 * also leaves out whole intents: fold {@code f} trains on the in-scope rows outside fold {@code f} whose intent is
 * not in intent group {@code f}; it scores its held-out rows of the intents it knows (in-scope samples: correct or
 * not) and all rows of the intents it did not see plus the training rows labelled {@code oos} in fold {@code f}
 * (out-of-scope samples). The temperature of the softmax is fitted on the in-scope samples (least log loss), and the
 * threshold is the lowest confidence that rejects {@code oosRecallTarget} of the out-of-scope samples (a
 * Neyman-Pearson rule: meet the recall asked for while rejecting as few correct predictions as possible), capped so
 * that at most {@code maxRejectedCorrect} of the correct in-scope samples are rejected. Rows labelled {@code oos}
 * are never a class.
 */
public final class IntentTrainer {

    /**
     * @param c                  SVM regularisation (liblinear C)
     * @param eps                liblinear stopping tolerance
     * @param charMin            shortest character n-gram
     * @param charMax            longest character n-gram
     * @param minDf              a term must occur in this many training texts
     * @param folds              cross-validation folds (also the number of held-out intent groups)
     * @param oosRecallTarget    share of the cross-validated out-of-scope samples the threshold must reject
     * @param maxRejectedCorrect at most this share of correct in-scope predictions may fall below the threshold
     * @param threads            folds trained in parallel
     * @param seed               shuffling seed (training is deterministic for a given input)
     * @param embeddingWeight    length of the sentence embedding block next to the two unit-length TF-IDF blocks
     *                           ({@link DenseBlock}), when an embedder is given
     */
    public record Settings(double c, double eps, int charMin, int charMax, int minDf, int folds,
            double oosRecallTarget, double maxRejectedCorrect, int threads, long seed, double embeddingWeight) {
        public static final Settings DEFAULTS = new Settings(1.0, 0.1, 2, 5, 1, 5, 0.6, 0.05, 2, 42, 1.0);

        public Settings withOosRecallTarget(double target) {
            if (!(target >= 0 && target <= 1)) {
                throw new IllegalArgumentException("out-of-scope recall must be within 0..1, not " + target);
            }
            return new Settings(c, eps, charMin, charMax, minDf, folds, target, maxRejectedCorrect, threads, seed,
                    embeddingWeight);
        }

        public Settings withThreads(int n) {
            return new Settings(c, eps, charMin, charMax, minDf, folds, oosRecallTarget, maxRejectedCorrect,
                    Math.max(1, n), seed, embeddingWeight);
        }
    }

    /** A trained model and what was measured while training it. */
    public record Result(IntentModel model, int examples, int outOfScopeExamples, Map<String, Double> metrics) {
    }

    /** Cross-validated samples (exposed for tests and evaluation). */
    record Samples(List<double[]> inScopeDecisions, int[] inScopeTruth, List<double[]> oosDecisions) {
    }

    private final Settings settings;

    public IntentTrainer(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param progress told 0..1 as the work advances (may be called from worker threads)
     * @throws IllegalArgumentException fewer than two intents or an intent with no example
     */
    public Result train(List<TrainingData.Example> examples, DoubleConsumer progress) {
        return train(examples, null, progress);
    }

    /**
     * @param embedder sentence embeddings appended to the TF-IDF features ({@link DenseBlock}); null: TF-IDF only.
     *                 Each text is embedded once, the cross-validation folds reuse the vectors.
     */
    public Result train(List<TrainingData.Example> examples, SentenceEmbedder embedder, DoubleConsumer progress) {
        long started = System.nanoTime();
        List<String> texts = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<String> oosTexts = new ArrayList<>();
        List<String> rawTexts = new ArrayList<>();
        List<String> rawOos = new ArrayList<>();
        for (TrainingData.Example e : examples) {
            String normalized = TextNormalizer.normalize(e.text());
            if (e.outOfScope()) {
                oosTexts.add(normalized);
                rawOos.add(e.text());
            } else {
                texts.add(normalized);
                rowLabels.add(e.label());
                rawTexts.add(e.text());
            }
        }
        List<String> labels = new ArrayList<>(new TreeSet<>(rowLabels));
        if (labels.size() < 2) {
            throw new IllegalArgumentException("need at least two intents (labels other than oos), found "
                    + labels.size());
        }
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIndex.put(labels.get(i), i);
        }
        int[] y = rowLabels.stream().mapToInt(labelIndex::get).toArray();

        int steps = settings.folds() + 1 + (embedder == null ? 0 : settings.folds());
        AtomicInteger done = new AtomicInteger();
        Runnable step = () -> progress.accept(Math.min(1.0, done.incrementAndGet() / (double) steps));
        progress.accept(0.0);

        DenseBlock block = null;
        double[][] dense = null;
        double[][] oosDense = null;
        double embedSeconds = 0;
        if (embedder != null) {
            long t0 = System.nanoTime();
            float[][] raw = embedInSteps(embedder, rawTexts, settings.folds(), step);
            float[][] rawOosVectors = rawOos.isEmpty() ? new float[0][] : embedder.embed(rawOos);
            block = DenseBlock.fit(embedder.id(), settings.embeddingWeight(), raw);
            dense = new double[raw.length][];
            for (int i = 0; i < raw.length; i++) {
                dense[i] = block.apply(raw[i]);
            }
            oosDense = new double[rawOosVectors.length][];
            for (int i = 0; i < rawOosVectors.length; i++) {
                oosDense[i] = block.apply(rawOosVectors[i]);
            }
            embedSeconds = (System.nanoTime() - t0) / 1e9;
        }

        // the final fit needs nothing from the cross-validation: it runs beside the folds (fills the idle core
        // while the last fold trains)
        double[][] finalDense = dense;
        int width = block == null ? 0 : block.dimension();
        java.util.concurrent.FutureTask<Object[]> finalFit = new java.util.concurrent.FutureTask<>(() -> {
            FeatureSpace s = FeatureSpace.fit(texts, settings.charMin(), settings.charMax(), settings.minDf());
            LinearClassifier c = LinearClassifier.train(vectors(s, texts, finalDense), y, labels.size(),
                    s.size() + width, settings.c(), settings.eps());
            step.run();
            return new Object[] {s, c};
        });
        Thread finalThread = new Thread(finalFit, "pishkhan-intent-final");
        finalThread.setDaemon(true);
        finalThread.start();

        Samples samples;
        try {
            samples = crossValidate(texts, y, labels.size(), oosTexts, dense, oosDense, step);
        } catch (RuntimeException e) {
            finalFit.cancel(true);
            throw e;
        }
        double temperature = fitTemperature(samples);
        double[] inConf = new double[samples.inScopeTruth().length];
        boolean[] correct = new boolean[inConf.length];
        int correctCount = 0;
        for (int i = 0; i < inConf.length; i++) {
            double[] d = samples.inScopeDecisions().get(i);
            int best = argmax(d);
            inConf[i] = IntentModel.softmax(d, temperature)[best];
            correct[i] = best == samples.inScopeTruth()[i];
            correctCount += correct[i] ? 1 : 0;
        }
        double[] oosConf = new double[samples.oosDecisions().size()];
        for (int i = 0; i < oosConf.length; i++) {
            double[] d = samples.oosDecisions().get(i);
            oosConf[i] = IntentModel.softmax(d, temperature)[argmax(d)];
        }
        double threshold = chooseThreshold(inConf, correct, oosConf, settings.oosRecallTarget(),
                settings.maxRejectedCorrect());

        Object[] fitted;
        try {
            fitted = finalFit.get();
        } catch (InterruptedException e) {
            finalFit.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        FeatureSpace space = (FeatureSpace) fitted[0];
        LinearClassifier classifier = (LinearClassifier) fitted[1];
        IntentModel model = new IntentModel(space, classifier, labels, temperature, threshold, block, embedder);

        Map<String, Double> metrics = new LinkedHashMap<>();
        int n = inConf.length;
        int acceptedCorrect = 0;
        int rejectedCorrect = 0;
        for (int i = 0; i < n; i++) {
            if (correct[i]) {
                if (inConf[i] >= threshold) {
                    acceptedCorrect++;
                } else {
                    rejectedCorrect++;
                }
            }
        }
        int oosRejected = 0;
        for (double conf : oosConf) {
            oosRejected += conf < threshold ? 1 : 0;
        }
        metrics.put("accuracy", n == 0 ? Double.NaN : correctCount / (double) n);
        metrics.put("acceptedAccuracy", n == 0 ? Double.NaN : acceptedCorrect / (double) n);
        metrics.put("rejectedCorrect", correctCount == 0 ? 0.0 : rejectedCorrect / (double) correctCount);
        metrics.put("oosRecall", oosConf.length == 0 ? Double.NaN : oosRejected / (double) oosConf.length);
        metrics.put("oosSamples", (double) oosConf.length);
        metrics.put("oosThreshold", threshold);
        metrics.put("temperature", temperature);
        metrics.put("features", (double) model.featureCount());
        if (embedder != null) {
            metrics.put("embeddingSeconds", embedSeconds);
        }
        metrics.put("folds", (double) settings.folds());
        metrics.put("trainSeconds", (System.nanoTime() - started) / 1e9);
        metrics.values().removeIf(v -> v.isNaN());
        return new Result(model, texts.size(), oosTexts.size(), metrics);
    }

    /** Embeds in {@code parts} slices so that progress moves while the texts are embedded. */
    private static float[][] embedInSteps(SentenceEmbedder embedder, List<String> texts, int parts, Runnable step) {
        float[][] out = new float[texts.size()][];
        int size = Math.max(1, (texts.size() + parts - 1) / parts);
        for (int p = 0; p < parts; p++) {
            int from = Math.min(texts.size(), p * size);
            int to = Math.min(texts.size(), from + size);
            if (from < to) {
                float[][] part = embedder.embed(texts.subList(from, to));
                System.arraycopy(part, 0, out, from, part.length);
            }
            step.run();
        }
        return out;
    }

    private static List<FeatureSpace.Vector> vectors(FeatureSpace space, List<String> texts, double[][] dense) {
        List<FeatureSpace.Vector> x = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            x.add(DenseBlock.concat(space.transform(texts.get(i)), space.size(), dense == null ? null : dense[i]));
        }
        return x;
    }

    private static FeatureSpace.Vector vector(FeatureSpace space, String text, double[] dense) {
        return DenseBlock.concat(space.transform(text), space.size(), dense);
    }

    Samples crossValidate(List<String> texts, int[] y, int classes, List<String> oosTexts, Runnable step) {
        return crossValidate(texts, y, classes, oosTexts, null, null, step);
    }

    Samples crossValidate(List<String> texts, int[] y, int classes, List<String> oosTexts, double[][] dense,
            double[][] oosDense, Runnable step) {
        int k = settings.folds();
        Random random = new Random(settings.seed());
        // rows: stratified folds (the rows of each intent dealt round-robin after shuffling)
        int[] rowFold = new int[texts.size()];
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < y.length; i++) {
            byClass.get(y[i]).add(i);
        }
        int offset = 0;
        for (List<Integer> rows : byClass) {
            Collections.shuffle(rows, random);
            for (int j = 0; j < rows.size(); j++) {
                rowFold[rows.get(j)] = (offset + j) % k;
            }
            offset += rows.size();
        }
        // intents: held out in groups, only when at least 3 intents remain to train on
        int[] classFold = new int[classes];
        Arrays.fill(classFold, -1);
        if (classes >= 4) {
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                order.add(c);
            }
            Collections.shuffle(order, random);
            int groups = Math.min(k, classes / 3);
            for (int j = 0; j < order.size(); j++) {
                classFold[order.get(j)] = j % k < groups ? j % k : -1;
            }
            // spread: with fewer groups than folds only the first folds leave intents out
        }
        int[] oosFold = new int[oosTexts.size()];
        for (int i = 0; i < oosFold.length; i++) {
            oosFold[i] = i % k;
        }

        List<double[]>[] inDecisions = newLists(k);
        List<Integer>[] inTruth = newLists(k);
        List<double[]>[] oosDecisions = newLists(k);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(k, settings.threads()), r -> {
            Thread t = new Thread(r, "pishkhan-intent-cv");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int f = 0; f < k; f++) {
                int fold = f;
                futures.add(pool.submit(() -> {
                    runFold(fold, texts, y, classes, rowFold, classFold, oosTexts, oosFold, dense, oosDense,
                            inDecisions[fold], inTruth[fold], oosDecisions[fold]);
                    step.run();
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<double[]> allIn = new ArrayList<>();
        List<Integer> allTruth = new ArrayList<>();
        List<double[]> allOos = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            allIn.addAll(inDecisions[f]);
            allTruth.addAll(inTruth[f]);
            allOos.addAll(oosDecisions[f]);
        }
        return new Samples(allIn, allTruth.stream().mapToInt(Integer::intValue).toArray(), allOos);
    }

    private void runFold(int fold, List<String> texts, int[] y, int classes, int[] rowFold, int[] classFold,
            List<String> oosTexts, int[] oosFold, double[][] dense, double[][] oosDense, List<double[]> inDecisions,
            List<Integer> inTruth, List<double[]> oosDecisions) {
        // local class numbering over the intents this fold trains on
        int[] local = new int[classes];
        Arrays.fill(local, -1);
        int localCount = 0;
        for (int c = 0; c < classes; c++) {
            if (classFold[c] != fold) {
                local[c] = localCount++;
            }
        }
        List<String> trainTexts = new ArrayList<>();
        List<double[]> trainDense = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        boolean[] seen = new boolean[classes];
        for (int i = 0; i < texts.size(); i++) {
            if (rowFold[i] != fold && local[y[i]] >= 0) {
                trainTexts.add(texts.get(i));
                trainDense.add(dense == null ? null : dense[i]);
                trainY.add(local[y[i]]);
                seen[y[i]] = true;
            }
        }
        // an intent with all its rows in this fold is unknown to the fold model: treat it as held out
        int[] compact = new int[localCount];
        int known = 0;
        int[] remap = new int[classes];
        Arrays.fill(remap, -1);
        for (int c = 0; c < classes; c++) {
            if (local[c] >= 0 && seen[c]) {
                remap[c] = known;
                compact[local[c]] = known++;
            }
        }
        if (known < 2) {
            return; // too little data to say anything in this fold
        }
        int[] ty = new int[trainY.size()];
        for (int i = 0; i < ty.length; i++) {
            ty[i] = compact[trainY.get(i)];
        }
        FeatureSpace space = FeatureSpace.fit(trainTexts, settings.charMin(), settings.charMax(), settings.minDf());
        List<FeatureSpace.Vector> x = new ArrayList<>(trainTexts.size());
        for (int i = 0; i < trainTexts.size(); i++) {
            x.add(vector(space, trainTexts.get(i), trainDense.get(i)));
        }
        int width = space.size() + (dense == null ? 0 : dense[0].length);
        LinearClassifier classifier = LinearClassifier.train(x, ty, known, width, settings.c(), settings.eps());
        for (int i = 0; i < texts.size(); i++) {
            int c = y[i];
            double[] d = dense == null ? null : dense[i];
            if (remap[c] < 0) {
                if (classFold[c] == fold) {
                    oosDecisions.add(classifier.decision(vector(space, texts.get(i), d)));
                }
            } else if (rowFold[i] == fold) {
                inDecisions.add(classifier.decision(vector(space, texts.get(i), d)));
                inTruth.add(remap[c]);
            }
        }
        for (int i = 0; i < oosTexts.size(); i++) {
            if (oosFold[i] == fold) {
                oosDecisions.add(classifier.decision(vector(space, oosTexts.get(i),
                        oosDense == null ? null : oosDense[i])));
            }
        }
    }

    /** The temperature with the least log loss of the true intent on the cross-validated samples. */
    static double fitTemperature(Samples samples) {
        if (samples.inScopeTruth().length == 0) {
            return 0.1;
        }
        double lo = Math.log(0.005);
        double hi = Math.log(5);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double fa = logLoss(samples, Math.exp(a));
        double fb = logLoss(samples, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = logLoss(samples, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = logLoss(samples, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    private static double logLoss(Samples samples, double temperature) {
        double loss = 0;
        for (int i = 0; i < samples.inScopeTruth().length; i++) {
            double[] p = IntentModel.softmax(samples.inScopeDecisions().get(i), temperature);
            loss -= Math.log(Math.max(1e-12, p[samples.inScopeTruth()[i]]));
        }
        return loss;
    }

    /**
     * The lowest threshold below which at least {@code recallTarget} of the out-of-scope confidences lie, no higher
     * than the confidence below which {@code maxRejectedCorrect} of the correct in-scope samples lie (so a data set
     * whose unseen intents look like its known ones does not lose its in-scope accuracy). Without out-of-scope
     * samples: 0 (nothing rejected).
     */
    static double chooseThreshold(double[] inConf, boolean[] correct, double[] oosConf, double recallTarget,
            double maxRejectedCorrect) {
        double[] correctConf = new double[inConf.length];
        int nc = 0;
        for (int i = 0; i < inConf.length; i++) {
            if (correct[i]) {
                correctConf[nc++] = inConf[i];
            }
        }
        correctConf = Arrays.copyOf(correctConf, nc);
        Arrays.sort(correctConf);
        if (oosConf.length == 0 || nc == 0 || recallTarget <= 0) {
            return 0.0;
        }
        double cap = correctConf[(int) Math.floor(maxRejectedCorrect * nc)];
        double[] oos = oosConf.clone();
        Arrays.sort(oos);
        int needed = (int) Math.min(oos.length, Math.ceil(recallTarget * oos.length - 1e-9));
        double target = needed == 0 ? 0.0 : Math.nextUp(oos[needed - 1]);
        return Math.max(0.0, Math.min(target, cap));
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] newLists(int n) {
        List<T>[] lists = new List[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new ArrayList<>();
        }
        return lists;
    }
}
