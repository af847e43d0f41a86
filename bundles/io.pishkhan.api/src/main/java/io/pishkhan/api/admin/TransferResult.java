package io.pishkhan.api.admin;

import java.util.List;
import java.util.Map;

/**
 * What {@link ConfigTransferService#apply} did.
 *
 * @param applied keys applied, in order
 * @param failed  key to reason for each item that could not be applied
 */
public record TransferResult(List<String> applied, Map<String, String> failed) {
    public TransferResult {
        applied = applied == null ? List.of() : List.copyOf(applied);
        failed = failed == null ? Map.of() : Map.copyOf(failed);
    }
}
