package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.IntentPrediction;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.nlu.TrainingJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Classifies by the first configured keyword the text contains; everything else is out of scope. */
class FakeIntentService implements IntentService {
    private final Map<String, String> keywordToIntent = new LinkedHashMap<>();
    private double confidence = 0.9;
    final List<String> asked = new ArrayList<>();

    FakeIntentService on(String keyword, String intent) {
        keywordToIntent.put(keyword, intent);
        return this;
    }

    FakeIntentService confidence(double c) {
        this.confidence = c;
        return this;
    }

    @Override
    public IntentPrediction classify(String text, String language) {
        asked.add(text);
        for (Map.Entry<String, String> e : keywordToIntent.entrySet()) {
            if (text.toLowerCase().contains(e.getKey())) {
                return new IntentPrediction(e.getValue(), confidence, false,
                        List.of(new IntentPrediction.Scored(e.getValue(), confidence)), 1);
            }
        }
        return new IntentPrediction(null, 0.2, true, List.of(), 1);
    }

    @Override
    public TrainingJob train(String language, String csv, String author, String comment) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TrainingJob> job(String id) {
        return Optional.empty();
    }

    @Override
    public List<TrainingJob> jobs() {
        return List.of();
    }

    @Override
    public List<IntentModelInfo> models(String language) {
        return List.of();
    }

    @Override
    public IntentModelInfo activate(String language, int version, String actor) {
        throw new UnsupportedOperationException();
    }
}
