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
    private static final int MAGIC = 0x50494E31; // "PIN1"
    static final int ALTERNATIVES = 3;

    private final FeatureSpace features;
    private final LinearClassifier classifier;
    private final List<String> labels;
    private final double temperature;
    private final double threshold;

    IntentModel(FeatureSpace features, LinearClassifier classifier, List<String> labels, double temperature,
            double threshold) {
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
        return features.size();
    }

    /** Classifies {@code text}; {@code version} is only copied into the prediction. */
    public IntentPrediction classify(String text, int version) {
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isEmpty()) {
            return new IntentPrediction(null, 0, true, List.of(), version);
        }
        double[] probabilities = probabilities(features.transform(normalized));
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
        out.writeInt(MAGIC);
        out.writeInt(labels.size());
        for (String label : labels) {
            out.writeUTF(label);
        }
        out.writeDouble(temperature);
        out.writeDouble(threshold);
        features.write(out);
        classifier.write(out);
        out.flush();
        gzip.finish();
        gzip.flush();
    }

    public static IntentModel read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, 1 << 16)));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Pishkhan intent model");
        }
        int n = in.readInt();
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(in.readUTF());
        }
        double temperature = in.readDouble();
        double threshold = in.readDouble();
        FeatureSpace features = FeatureSpace.read(in);
        LinearClassifier classifier = LinearClassifier.read(in);
        return new IntentModel(features, classifier, labels, temperature, threshold);
    }
}
