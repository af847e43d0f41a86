package io.pishkhan.api.nlu;

import java.time.Instant;

/**
 * A background training run.
 *
 * @param progress     0..1
 * @param modelVersion the model it produced, 0 until it succeeded
 */
public record TrainingJob(String id, String language, State state, double progress, String message,
        int modelVersion, Instant startedAt, Instant finishedAt) {
    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED
    }
}
