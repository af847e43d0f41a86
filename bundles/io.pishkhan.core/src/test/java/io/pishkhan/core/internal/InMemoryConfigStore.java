package io.pishkhan.core.internal;

import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link ConfigStore} in memory for unit tests. */
final class InMemoryConfigStore implements ConfigStore {
    private final Map<String, ConfigEntry> entries = new TreeMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();

    @Override
    public synchronized List<ConfigEntry> list(String kind) {
        return entries.values().stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Override
    public synchronized Optional<ConfigEntry> get(String kind, String id) {
        return Optional.ofNullable(entries.get(kind + "/" + id));
    }

    @Override
    public synchronized ConfigEntry put(String kind, String id, String json, String actor, String comment) {
        ConfigEntry e = new ConfigEntry(kind, id, json, Instant.now(), actor);
        ConfigEntry old = entries.put(kind + "/" + id, e);
        audit(actor, kind, id, old == null ? "create" : "update", json);
        return e;
    }

    @Override
    public synchronized boolean delete(String kind, String id, String actor, String comment) {
        boolean gone = entries.remove(kind + "/" + id) != null;
        if (gone) {
            audit(actor, kind, id, "delete", comment);
        }
        return gone;
    }

    @Override
    public synchronized void audit(String actor, String kind, String entityId, String action, String detail) {
        audit.add(new AuditRecord(audit.size() + 1, Instant.now(), actor, kind, entityId, action, detail));
    }

    @Override
    public synchronized List<AuditRecord> auditLog(String kind, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = audit.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (kind == null || audit.get(i).kind().equals(kind)) {
                out.add(audit.get(i));
            }
        }
        return out;
    }
}
