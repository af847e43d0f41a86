package io.pishkhan.nlu.internal;

import java.util.List;

/** Dense sentence embeddings of raw texts (unit length), one model per instance. Thread-safe. */
interface SentenceEmbedder {
    /** Names the model; stored with an intent model so that it can be matched when the model is loaded. */
    String id();

    int dimension();

    /** One unit-length vector per text, in order. */
    float[][] embed(List<String> texts);
}
