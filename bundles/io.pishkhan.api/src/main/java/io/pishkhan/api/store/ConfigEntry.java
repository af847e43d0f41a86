package io.pishkhan.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One admin-managed entity kept as a JSON document (a queue, skill, schedule, blacklist entry...).
 *
 * @param kind the entity type, e.g. {@code queue}, {@code skill}, {@code schedule}, {@code blacklist}
 */
public record ConfigEntry(String kind, String id, String json, Instant updatedAt, String updatedBy) {
    public ConfigEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
    }
}
