package io.pishkhan.nlu.internal;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One-vs-rest linear SVM (L2-regularised squared hinge loss, dual coordinate descent, with an intercept) trained by
 * liblinear; the weights are kept as floats in our own layout, so a model does not depend on liblinear's format.
 */
final class LinearClassifier {
    static {
        Linear.disableDebugOutput();
    }

    private final int classes;
    private final int features;
    /** weights[feature * classes + class]; the last row (feature == features) is the intercept. */
    private final float[] weights;

    private LinearClassifier(int classes, int features, float[] weights) {
        this.classes = classes;
        this.features = features;
        this.weights = weights;
    }

    /**
     * @param y class index 0..classes-1 of each vector; every class must occur
     */
    static LinearClassifier train(List<FeatureSpace.Vector> x, int[] y, int classes, int features, double c,
            double eps) {
        if (classes < 2) {
            throw new IllegalArgumentException("need at least two intents, found " + classes);
        }
        Problem problem = new Problem();
        problem.l = x.size();
        problem.n = features + 1;
        problem.bias = 1;
        problem.x = new Feature[x.size()][];
        problem.y = new double[x.size()];
        for (int i = 0; i < x.size(); i++) {
            FeatureSpace.Vector v = x.get(i);
            Feature[] row = new Feature[v.indices().length + 1];
            for (int j = 0; j < v.indices().length; j++) {
                row[j] = new FeatureNode(v.indices()[j] + 1, v.values()[j]);
            }
            row[row.length - 1] = new FeatureNode(features + 1, 1.0);
            problem.x[i] = row;
            problem.y[i] = y[i];
        }
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, eps);
        Model model = Linear.train(problem, parameter);
        int[] labels = model.getLabels();
        double[] w = model.getFeatureWeights();
        int nrW = labels.length == 2 ? 1 : labels.length;
        float[] weights = new float[(features + 1) * classes];
        for (int f = 0; f <= features; f++) {
            for (int k = 0; k < labels.length; k++) {
                double value;
                if (nrW == 1) {
                    value = k == 0 ? w[f] : -w[f]; // binary: one vector for labels[0], its negation for labels[1]
                } else {
                    value = w[f * nrW + k];
                }
                weights[f * classes + labels[k]] = (float) value;
            }
        }
        return new LinearClassifier(classes, features, weights);
    }

    int classes() {
        return classes;
    }

    /** Decision value per class. */
    double[] decision(FeatureSpace.Vector x) {
        double[] scores = new double[classes];
        int bias = features * classes;
        for (int k = 0; k < classes; k++) {
            scores[k] = weights[bias + k];
        }
        int[] idx = x.indices();
        double[] val = x.values();
        for (int j = 0; j < idx.length; j++) {
            int base = idx[j] * classes;
            double v = val[j];
            for (int k = 0; k < classes; k++) {
                scores[k] += v * weights[base + k];
            }
        }
        return scores;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(features);
        for (float w : weights) {
            out.writeFloat(w);
        }
    }

    static LinearClassifier read(DataInputStream in) throws IOException {
        int classes = in.readInt();
        int features = in.readInt();
        float[] weights = new float[(features + 1) * classes];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = in.readFloat();
        }
        return new LinearClassifier(classes, features, weights);
    }
}
