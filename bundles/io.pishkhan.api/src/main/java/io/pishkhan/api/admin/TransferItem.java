package io.pishkhan.api.admin;

import java.util.Objects;

/**
 * One difference between an archive and this appliance.
 *
 * @param before the item here as text ({@code null} when ADDED); passwords are never shown in clear
 * @param after  the item in the archive as text ({@code null} when REMOVED)
 * @param diff   a short line diff ({@code -} before, {@code +} after), empty when UNCHANGED
 */
public record TransferItem(String kind, String id, Change change, String before, String after, String diff) {
    public enum Change {
        ADDED, CHANGED, REMOVED, UNCHANGED
    }

    public TransferItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
    }

    public String key() {
        return kind + "/" + id;
    }
}
