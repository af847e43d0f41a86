package io.pishkhan.api.store;

import java.util.List;
import java.util.Optional;

/**
 * Storage SPI for admin-managed configuration entities (queues, skills, agent routing profiles, business-hours
 * schedules, blacklist entries): JSON documents by kind and id. Every change is written to an audit log in the same
 * transaction.
 */
public interface ConfigStore {
    /** Entries of a kind, ordered by id. */
    List<ConfigEntry> list(String kind);

    Optional<ConfigEntry> get(String kind, String id);

    /** Creates or replaces an entry and audits it ({@code create} or {@code update}). */
    ConfigEntry put(String kind, String id, String json, String actor, String comment);

    /** Deletes an entry and audits it; false when it did not exist. */
    boolean delete(String kind, String id, String actor, String comment);

    /** Appends an audit record that is not an entry change (e.g. a rule set deploy). */
    void audit(String actor, String kind, String entityId, String action, String detail);

    /** Newest first; {@code kind} null for all kinds. */
    List<AuditRecord> auditLog(String kind, int limit);
}
