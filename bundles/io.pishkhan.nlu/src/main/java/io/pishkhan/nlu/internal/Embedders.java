package io.pishkhan.nlu.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;

/** Which sentence embedder a language gets: e5-small-v2 for English, none for Persian (no model is packaged). */
final class Embedders {
    static final String AUTO = "auto";
    static final String OFF = "off";

    private Embedders() {
    }

    /**
     * @param mode {@code auto}: English embeddings when the model and ONNX Runtime load, else TF-IDF only (told to
     *             {@code warn}); {@code off}: never
     * @return the English embedder, or null
     * @throws IllegalArgumentException an unknown mode
     */
    static SentenceEmbedder english(String mode, int threads, Consumer<String> warn) {
        String m = mode == null || mode.isBlank() ? AUTO : mode.strip().toLowerCase(Locale.ROOT);
        if (m.equals(OFF)) {
            return null;
        }
        if (!m.equals(AUTO)) {
            throw new IllegalArgumentException("embeddings must be auto or off, not " + mode);
        }
        try {
            return E5Embedder.load(threads);
        } catch (IOException | LinkageError | RuntimeException e) {
            warn.accept("English sentence embeddings unavailable, TF-IDF only: " + e);
            return null;
        }
    }

    /** The embedder for {@code lang}: {@code english} for en, none for fa. */
    static SentenceEmbedder forLanguage(String lang, SentenceEmbedder english) {
        return TextNormalizer.ENGLISH.equals(lang) ? english : null;
    }
}
