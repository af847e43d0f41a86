package io.pishkhan.api.nlu;

/**
 * How a text sounds.
 *
 * @param score        -1 (very negative) .. +1 (very positive)
 * @param label        the model's label for it (e.g. {@code negative}, {@code positive})
 * @param confidence   0..1 of that label
 * @param modelVersion the model that scored it ({@code 0}: no model for the language)
 */
public record SentimentScore(double score, String label, double confidence, int modelVersion) {
    public boolean negative(double threshold) {
        return score <= threshold;
    }
}
