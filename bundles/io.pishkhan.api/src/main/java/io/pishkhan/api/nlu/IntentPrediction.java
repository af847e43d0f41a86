package io.pishkhan.api.nlu;

import java.util.List;

/**
 * What the intent engine thinks a text means.
 *
 * @param label        the best intent, {@code null} when out of scope
 * @param confidence   0..1 of the best intent
 * @param outOfScope   true when the confidence is below the model's threshold: the engine does not know
 * @param alternatives the best few intents with their scores, best first
 * @param modelVersion the model that classified it ({@code 0}: no model for the language)
 */
public record IntentPrediction(String label, double confidence, boolean outOfScope, List<Scored> alternatives,
        int modelVersion) {
    public record Scored(String label, double score) {
    }

    public IntentPrediction {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    public static IntentPrediction unknown() {
        return new IntentPrediction(null, 0, true, List.of(), 0);
    }
}
