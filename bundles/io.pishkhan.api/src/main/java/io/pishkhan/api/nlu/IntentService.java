package io.pishkhan.api.nlu;

import java.util.List;
import java.util.Optional;

/**
 * Intent classification per language ({@code fa}, {@code en}), trained in the appliance from labelled examples
 * (CSV {@code text,label}; rows labelled {@code oos} are out-of-scope examples). Training runs in the background;
 * each result is a new model version, swapped in live; an earlier version can be made active again.
 */
public interface IntentService {
    /** Classifies with the active model of the language ({@code null}: detected from the text's script). */
    IntentPrediction classify(String text, String language);

    /** Starts training; bad CSV (no header, empty text, not UTF-8) is an {@link IllegalArgumentException}. */
    TrainingJob train(String language, String csv, String author, String comment);

    Optional<TrainingJob> job(String id);

    /** Newest first. */
    List<TrainingJob> jobs();

    /** Newest first. */
    List<IntentModelInfo> models(String language);

    /** Makes an earlier (or newer) model the active one. */
    IntentModelInfo activate(String language, int version, String actor);

    /**
     * The training examples (CSV as given to {@link #train}) of a model version, so that a model can be exported
     * and trained again on another appliance. Empty for an unknown version or one trained before examples were kept.
     */
    default Optional<String> trainingData(String language, int version) {
        return Optional.empty();
    }
}
