package io.pishkhan.admin.internal;

import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Only the audit log is used by the admin services. */
final class InMemoryConfigStore implements ConfigStore {
    final List<AuditRecord> audit = new ArrayList<>();

    @Override
    public List<ConfigEntry> list(String kind) {
        return List.of();
    }

    @Override
    public Optional<ConfigEntry> get(String kind, String id) {
        return Optional.empty();
    }

    @Override
    public ConfigEntry put(String kind, String id, String json, String actor, String comment) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(String kind, String id, String actor, String comment) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void audit(String actor, String kind, String entityId, String action, String detail) {
        audit.add(new AuditRecord(audit.size() + 1, Instant.now(), actor, kind, entityId, action, detail));
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

    List<String> actions() {
        return audit.stream().map(AuditRecord::action).toList();
    }
}
