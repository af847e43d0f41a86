package io.pishkhan.nlu.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * How sentence embeddings join the TF-IDF features: the embedding minus the mean embedding of the training texts
 * (sentence embeddings all point roughly the same way; centring keeps what tells texts apart), scaled to length
 * {@code weight} and appended after the sparse features. The two TF-IDF blocks have length 1 each, so weight 1 makes
 * the embedding one more block of equal standing.
 *
 * @param embedder the {@link SentenceEmbedder#id()} the model was trained with
 */
record DenseBlock(String embedder, double weight, float[] mean) {

    static DenseBlock fit(String embedder, double weight, float[][] trainingEmbeddings) {
        int dim = trainingEmbeddings[0].length;
        double[] sum = new double[dim];
        for (float[] e : trainingEmbeddings) {
            for (int d = 0; d < dim; d++) {
                sum[d] += e[d];
            }
        }
        float[] mean = new float[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] = (float) (sum[d] / trainingEmbeddings.length);
        }
        return new DenseBlock(embedder, weight, mean);
    }

    int dimension() {
        return mean.length;
    }

    /** The block's values for one raw embedding (zeros when {@code embedding} is null). */
    double[] apply(float[] embedding) {
        double[] v = new double[mean.length];
        if (embedding == null) {
            return v;
        }
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = embedding[d] - mean[d];
            norm += v[d] * v[d];
        }
        double scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
        for (int d = 0; d < v.length; d++) {
            v[d] *= scale;
        }
        return v;
    }

    /** {@code sparse} followed by {@code dense} at feature indices {@code offset..offset+dense.length-1}. */
    static FeatureSpace.Vector concat(FeatureSpace.Vector sparse, int offset, double[] dense) {
        if (dense == null) {
            return sparse;
        }
        int n = sparse.indices().length;
        int[] idx = new int[n + dense.length];
        double[] val = new double[n + dense.length];
        System.arraycopy(sparse.indices(), 0, idx, 0, n);
        System.arraycopy(sparse.values(), 0, val, 0, n);
        for (int d = 0; d < dense.length; d++) {
            idx[n + d] = offset + d;
            val[n + d] = dense[d];
        }
        return new FeatureSpace.Vector(idx, val);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(embedder);
        out.writeDouble(weight);
        out.writeInt(mean.length);
        for (float m : mean) {
            out.writeFloat(m);
        }
    }

    static DenseBlock read(DataInputStream in) throws IOException {
        String embedder = in.readUTF();
        double weight = in.readDouble();
        float[] mean = new float[in.readInt()];
        for (int d = 0; d < mean.length; d++) {
            mean[d] = in.readFloat();
        }
        return new DenseBlock(embedder, weight, mean);
    }
}
