package io.pishkhan.nlu.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF features of normalised text ({@link TextNormalizer}), two blocks, each L2-normalised on its own and then
 * concatenated (as scikit-learn's FeatureUnion of two TfidfVectorizers):
 * <ul>
 * <li>words: unigrams and bigrams;</li>
 * <li>characters: n-grams of {@code charMin..charMax} characters inside each word padded with one space on both
 * sides (scikit-learn's {@code char_wb}).</li>
 * </ul>
 * Term frequency is sublinear {@code 1 + ln(tf)}, IDF is smoothed {@code ln((1 + n) / (1 + df)) + 1}. Terms seen in
 * fewer than {@code minDf} training texts are left out. Immutable after {@link #fit}; thread-safe.
 */
final class FeatureSpace {
    private static final char WORD = 'w';
    private static final char CHAR = 'c';

    private final int charMin;
    private final int charMax;
    private final Map<String, Integer> index;
    private final double[] idf;
    private final boolean[] isWord;

    private FeatureSpace(int charMin, int charMax, Map<String, Integer> index, double[] idf, boolean[] isWord) {
        this.charMin = charMin;
        this.charMax = charMax;
        this.index = index;
        this.idf = idf;
        this.isWord = isWord;
    }

    /** A sparse vector: ascending 0-based feature indices and their values. */
    record Vector(int[] indices, double[] values) {
    }

    int size() {
        return idf.length;
    }

    /** Learns the vocabulary and IDF from already normalised texts. */
    static FeatureSpace fit(List<String> normalizedTexts, int charMin, int charMax, int minDf) {
        Map<String, int[]> df = new HashMap<>();
        for (String text : normalizedTexts) {
            for (String term : terms(text, charMin, charMax).keySet()) {
                df.computeIfAbsent(term, t -> new int[1])[0]++;
            }
        }
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, int[]> e : df.entrySet()) {
            if (e.getValue()[0] >= minDf) {
                kept.add(e.getKey());
            }
        }
        kept.sort(null); // deterministic feature order
        int n = normalizedTexts.size();
        Map<String, Integer> index = new HashMap<>(kept.size() * 2);
        double[] idf = new double[kept.size()];
        boolean[] isWord = new boolean[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            String term = kept.get(i);
            index.put(term, i);
            idf[i] = Math.log((1.0 + n) / (1.0 + df.get(term)[0])) + 1.0;
            isWord[i] = term.charAt(0) == WORD;
        }
        return new FeatureSpace(charMin, charMax, index, idf, isWord);
    }

    /** The features of an already normalised text (unknown terms are ignored). */
    Vector transform(String normalizedText) {
        Map<String, int[]> counts = terms(normalizedText, charMin, charMax);
        int[] idx = new int[counts.size()];
        double[] val = new double[counts.size()];
        int k = 0;
        double wordNorm = 0;
        double charNorm = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null) {
                continue;
            }
            double v = (1.0 + Math.log(e.getValue()[0])) * idf[i];
            idx[k] = i;
            val[k] = v;
            k++;
            if (isWord[i]) {
                wordNorm += v * v;
            } else {
                charNorm += v * v;
            }
        }
        wordNorm = wordNorm > 0 ? Math.sqrt(wordNorm) : 1;
        charNorm = charNorm > 0 ? Math.sqrt(charNorm) : 1;
        // sort by index
        long[] packed = new long[k];
        for (int j = 0; j < k; j++) {
            packed[j] = ((long) idx[j] << 32) | j;
        }
        Arrays.sort(packed);
        int[] indices = new int[k];
        double[] values = new double[k];
        for (int j = 0; j < k; j++) {
            int from = (int) packed[j];
            indices[j] = idx[from];
            values[j] = val[from] / (isWord[idx[from]] ? wordNorm : charNorm);
        }
        return new Vector(indices, values);
    }

    /** Term counts: "w" + word or "w" + word + " " + word, "c" + character n-gram. */
    private static Map<String, int[]> terms(String text, int charMin, int charMax) {
        Map<String, int[]> counts = new HashMap<>();
        if (text.isEmpty()) {
            return counts;
        }
        String[] words = text.split(" ");
        for (int w = 0; w < words.length; w++) {
            count(counts, WORD + words[w]);
            if (w + 1 < words.length) {
                count(counts, WORD + words[w] + ' ' + words[w + 1]);
            }
            String padded = ' ' + words[w] + ' ';
            int len = padded.length();
            for (int n = charMin; n <= charMax; n++) {
                if (n > len) {
                    break;
                }
                for (int s = 0; s + n <= len; s++) {
                    count(counts, CHAR + padded.substring(s, s + n));
                }
            }
        }
        return counts;
    }

    private static void count(Map<String, int[]> counts, String term) {
        counts.computeIfAbsent(term, t -> new int[1])[0]++;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(charMin);
        out.writeInt(charMax);
        String[] terms = new String[idf.length];
        index.forEach((term, i) -> terms[i] = term);
        out.writeInt(terms.length);
        for (int i = 0; i < terms.length; i++) {
            out.writeUTF(terms[i]);
            out.writeDouble(idf[i]);
        }
    }

    static FeatureSpace read(DataInputStream in) throws IOException {
        int charMin = in.readInt();
        int charMax = in.readInt();
        int n = in.readInt();
        Map<String, Integer> index = new HashMap<>(n * 2);
        double[] idf = new double[n];
        boolean[] isWord = new boolean[n];
        for (int i = 0; i < n; i++) {
            String term = in.readUTF();
            index.put(term, i);
            idf[i] = in.readDouble();
            isWord[i] = term.charAt(0) == WORD;
        }
        return new FeatureSpace(charMin, charMax, index, idf, isWord);
    }
}
