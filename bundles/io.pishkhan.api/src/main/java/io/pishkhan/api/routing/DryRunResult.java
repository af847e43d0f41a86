package io.pishkhan.api.routing;

import java.util.List;

/**
 * A dry run: each case with the draft's decision next to what happened.
 *
 * @param changed how many cases the draft would send to another queue
 * @param failed  how many cases a rule failed on
 */
public record DryRunResult(List<Row> rows, int changed, int failed) {
    public record Row(String conversationId, String actualQueue, String draftQueue, int draftPriority,
            String draftRule, String error) {
        public boolean changed() {
            return !java.util.Objects.equals(actualQueue, draftQueue);
        }
    }

    public DryRunResult {
        rows = List.copyOf(rows);
    }
}
