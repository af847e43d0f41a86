package io.pishkhan.nlu.internal;

import io.pishkhan.api.nlu.IntentPrediction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained intent classifier: features, linear SVM, calibration and out-of-scope threshold. Immutable and
 * thread-safe.
 *
 * <p>Confidence is the softmax of the SVM decision values divided by {@code temperature} (fitted on cross-validated
 * decision values of the training set); a text is out of scope when its confidence is below {@code threshold}.
 */
public final class IntentModel {
    private static final int MAGIC = 0x50494E31; // "PIN1": TF-IDF only
    private static final int MAGIC_DENSE = 0x50494E32; // "PIN2": TF-IDF and a sentence embedding block
    static final int ALTERNATIVES = 3;

    private final FeatureSpace features;
    private final LinearClassifier classifier;
    private final List<String> labels;
    private final double temperature;
    private final double threshold;
    /** null: TF-IDF only. */
    private final DenseBlock dense;
    /** Computes the dense block at classification; null when the block is absent or its model cannot run. */
    private final SentenceEmbedder embedder;

    IntentModel(FeatureSpace features, LinearClassifier classifier, List<String> labels, double temperature,
            double threshold) {
        this(features, classifier, labels, temperature, threshold, null, null);
    }

    IntentModel(FeatureSpace features, LinearClassifier classifier, List<String> labels, double temperature,
            double threshold, DenseBlock dense, SentenceEmbedder embedder) {
        this.dense = dense;
        this.embedder = dense != null && embedder != null && embedder.id().equals(dense.embedder()) ? embedder
                : null;
        this.features = features;
        this.classifier = classifier;
        this.labels = List.copyOf(labels);
        this.temperature = temperature;
        this.threshold = threshold;
    }

    public List<String> labels() {
        return labels;
    }

    public double threshold() {
        return threshold;
    }

    public double temperature() {
        return temperature;
    }

    int featureCount() {
        return features.size() + (dense == null ? 0 : dense.dimension());
    }

    /** The embedding model this model was trained with, or null (TF-IDF only). */
    String embedderId() {
        return dense == null ? null : dense.embedder();
    }

    /**
     * Trained with embeddings but their model cannot run here: classification falls back to the TF-IDF part alone
     * (the embedding block is zero), which is less accurate.
     */
    boolean degraded() {
        return dense != null && embedder == null;
    }

    /** The feature vector of {@code text} (raw) whose normalised form is {@code normalized}. */
    FeatureSpace.Vector vector(String text, String normalized) {
        FeatureSpace.Vector sparse = features.transform(normalized);
        if (dense == null) {
            return sparse;
        }
        float[] embedding = embedder == null ? null : embedder.embed(List.of(text))[0];
        return DenseBlock.concat(sparse, features.size(), dense.apply(embedding));
    }

    /** Classifies {@code text}; {@code version} is only copied into the prediction. */
    public IntentPrediction classify(String text, int version) {
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isEmpty()) {
            return new IntentPrediction(null, 0, true, List.of(), version);
        }
        double[] probabilities = probabilities(vector(text, normalized));
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
        List<IntentPrediction.Scored> alternatives = new ArrayList<>(ALTERNATIVES);
        for (int i = 0; i < Math.min(ALTERNATIVES, order.length); i++) {
            alternatives.add(new IntentPrediction.Scored(labels.get(order[i]), probabilities[order[i]]));
        }
        double confidence = probabilities[order[0]];
        boolean outOfScope = confidence < threshold;
        return new IntentPrediction(outOfScope ? null : labels.get(order[0]), confidence, outOfScope, alternatives,
                version);
    }

    double[] decision(FeatureSpace.Vector x) {
        return classifier.decision(x);
    }

    double[] probabilities(FeatureSpace.Vector x) {
        return softmax(classifier.decision(x), temperature);
    }

    static double[] softmax(double[] decision, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : decision) {
            max = Math.max(max, d);
        }
        double[] p = new double[decision.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((decision[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    public void write(OutputStream target) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(target, 1 << 16));
        DataOutputStream out = new DataOutputStream(gzip);
        out.writeInt(dense == null ? MAGIC : MAGIC_DENSE);
        out.writeInt(labels.size());
        for (String label : labels) {
            out.writeUTF(label);
        }
        out.writeDouble(temperature);
        out.writeDouble(threshold);
        if (dense != null) {
            dense.write(out);
        }
        features.write(out);
        classifier.write(out);
        out.flush();
        gzip.finish();
        gzip.flush();
    }

    public static IntentModel read(InputStream source) throws IOException {
        return read(source, null);
    }

    /**
     * @param embedder used when the model has an embedding block made by the same embedding model; null or another
     *                 model: the model classifies {@linkplain #degraded() degraded}
     */
    static IntentModel read(InputStream source, SentenceEmbedder embedder) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, 1 << 16)));
        int magic = in.readInt();
        if (magic != MAGIC && magic != MAGIC_DENSE) {
            throw new IOException("not a Pishkhan intent model");
        }
        int n = in.readInt();
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(in.readUTF());
        }
        double temperature = in.readDouble();
        double threshold = in.readDouble();
        DenseBlock dense = magic == MAGIC_DENSE ? DenseBlock.read(in) : null;
        FeatureSpace features = FeatureSpace.read(in);
        LinearClassifier classifier = LinearClassifier.read(in);
        return new IntentModel(features, classifier, labels, temperature, threshold, dense, embedder);
    }
}
