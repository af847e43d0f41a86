package io.pishkhan.api.nlu;

import java.util.List;
import java.util.Optional;

/**
 * Sentiment per message in Persian and English, trained in the appliance from labelled examples (CSV
 * {@code text,label}; labels mapped to negative/positive, e.g. {@code SAD}/{@code HAPPY} or {@code 0}/{@code 1}),
 * versioned like the intent models.
 */
public interface SentimentService {
    /** Scores with the active model of the language ({@code null}: detected from the text's script). */
    SentimentScore score(String text, String language);

    TrainingJob train(String language, String csv, String author, String comment);

    Optional<TrainingJob> job(String id);

    List<IntentModelInfo> models(String language);

    IntentModelInfo activate(String language, int version, String actor);
}
