package io.pishkhan.kb.internal;

import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** ConfigStore fake: entries by kind in sorted maps, an audit list, a counter of puts. */
final class InMemoryConfigStore implements ConfigStore {
    private final Map<String, TreeMap<String, ConfigEntry>> entries = new ConcurrentHashMap<>();
    private final List<AuditRecord> audit = Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized List<ConfigEntry> list(String kind) {
        return List.copyOf(entries.getOrDefault(kind, new TreeMap<>()).values());
    }

    @Override
    public synchronized Optional<ConfigEntry> get(String kind, String id) {
        return Optional.ofNullable(entries.getOrDefault(kind, new TreeMap<>()).get(id));
    }

    @Override
    public synchronized ConfigEntry put(String kind, String id, String json, String actor, String comment) {
        ConfigEntry e = new ConfigEntry(kind, id, json, Instant.now(), actor);
        ConfigEntry old = entries.computeIfAbsent(kind, k -> new TreeMap<>()).put(id, e);
        audit(actor, kind, id, old == null ? "create" : "update", json);
        return e;
    }

    @Override
    public synchronized boolean delete(String kind, String id, String actor, String comment) {
        ConfigEntry old = entries.getOrDefault(kind, new TreeMap<>()).remove(id);
        if (old != null) {
            audit(actor, kind, id, "delete", comment);
        }
        return old != null;
    }

    @Override
    public void audit(String actor, String kind, String entityId, String action, String detail) {
        audit.add(new AuditRecord(audit.size() + 1, Instant.now(), actor, kind, entityId, action, detail));
    }

    @Override
    public List<AuditRecord> auditLog(String kind, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        synchronized (audit) {
            for (int i = audit.size() - 1; i >= 0 && out.size() < limit; i--) {
                AuditRecord r = audit.get(i);
                if (kind == null || kind.equals(r.kind())) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
