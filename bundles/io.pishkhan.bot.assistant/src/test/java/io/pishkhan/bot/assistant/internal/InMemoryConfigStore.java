package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The ConfigStore contract in memory; audit detail is {@code comment: json} so tests can see both. */
final class InMemoryConfigStore implements ConfigStore {
    private final Map<String, TreeMap<String, ConfigEntry>> entries = new ConcurrentHashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

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
        ConfigEntry e = new ConfigEntry(kind, id, json, now, actor);
        ConfigEntry old = entries.computeIfAbsent(kind, k -> new TreeMap<>()).put(id, e);
        audit(actor, kind, id, old == null ? "create" : "update", detail(comment, json));
        return e;
    }

    @Override
    public synchronized boolean delete(String kind, String id, String actor, String comment) {
        ConfigEntry old = entries.getOrDefault(kind, new TreeMap<>()).remove(id);
        if (old != null) {
            audit(actor, kind, id, "delete", detail(comment, old.json()));
        }
        return old != null;
    }

    private static String detail(String comment, String json) {
        return comment == null ? json : comment + ": " + json;
    }

    @Override
    public synchronized void audit(String actor, String kind, String entityId, String action, String detail) {
        audit.add(new AuditRecord(audit.size() + 1, now, actor, kind, entityId, action, detail));
    }

    @Override
    public synchronized List<AuditRecord> auditLog(String kind, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = audit.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (kind == null || kind.equals(audit.get(i).kind())) {
                out.add(audit.get(i));
            }
        }
        return out;
    }

    /** Writes a raw document without any validation (as a hand edit of the database would). */
    synchronized void putRaw(String kind, String id, String json) {
        entries.computeIfAbsent(kind, k -> new TreeMap<>()).put(id, new ConfigEntry(kind, id, json, now, "test"));
    }
}
