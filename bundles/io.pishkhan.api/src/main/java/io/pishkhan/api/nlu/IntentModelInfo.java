package io.pishkhan.api.nlu;

import java.time.Instant;
import java.util.Map;

/**
 * One trained intent model.
 *
 * @param metrics e.g. cross-validated {@code accuracy}, the chosen {@code oosThreshold}
 */
public record IntentModelInfo(String language, int version, int examples, int labels, Instant trainedAt,
        String author, String comment, boolean active, Map<String, Double> metrics) {
    public IntentModelInfo {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
