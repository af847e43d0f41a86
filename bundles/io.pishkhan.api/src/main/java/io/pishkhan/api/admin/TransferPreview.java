package io.pishkhan.api.admin;

import java.time.Instant;
import java.util.List;

/**
 * What importing an archive would change.
 *
 * @param sourceVersion appliance version that wrote the archive
 * @param notIncluded   parts the archive or this appliance lacks, each with the reason
 */
public record TransferPreview(String previewId, String sourceVersion, Instant createdAt, List<TransferItem> items,
        List<String> notIncluded) {
    public TransferPreview {
        items = items == null ? List.of() : List.copyOf(items);
        notIncluded = notIncluded == null ? List.of() : List.copyOf(notIncluded);
    }
}
