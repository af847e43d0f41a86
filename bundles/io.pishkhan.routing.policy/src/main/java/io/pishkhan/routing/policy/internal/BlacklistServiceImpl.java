package io.pishkhan.routing.policy.internal;

import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.PolicyValidationException;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blacklist kept in the {@link ConfigStore} (kind {@value #KIND}, one JSON document per entry). Entries are
 * compiled into a {@link BlacklistMatcher} at start and after every change; {@link #match} only reads it.
 */
@Component(service = {BlacklistService.class, io.pishkhan.api.store.ConfigChangeListener.class},
        property = "pishkhan.config.kinds=" + BlacklistServiceImpl.KIND)
public class BlacklistServiceImpl implements BlacklistService, io.pishkhan.api.store.ConfigChangeListener {
    static final String KIND = "blacklist";
    private static final Logger LOG = LoggerFactory.getLogger(BlacklistServiceImpl.class);

    private final ConfigStore store;
    private final Clock clock;
    /** Valid stored entries by id, and the same in match order; guarded by {@code this}. */
    private final Map<String, BlacklistMatcher.Compiled> byId = new HashMap<>();
    private final TreeSet<BlacklistMatcher.Compiled> ordered = new TreeSet<>(BlacklistMatcher.COMPILED_ORDER);
    private volatile BlacklistMatcher matcher = new BlacklistMatcher(List.of());

    @Activate
    public BlacklistServiceImpl(@Reference ConfigStore store) {
        this(store, Clock.systemUTC());
    }

    BlacklistServiceImpl(ConfigStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        reload();
    }

    /** An entry changed in the store (e.g. by a configuration import): read them again. */
    @Override
    public void configChanged(String kind, String id) {
        reload();
    }

    /** Reads every stored entry; one that is unreadable or no longer valid is logged and left out. */
    synchronized void reload() {
        byId.clear();
        ordered.clear();
        for (ConfigEntry c : store.list(KIND)) {
            try {
                BlacklistEntry e = Json.readEntry(c.json());
                List<String> problems = BlacklistMatcher.validate(e);
                if (problems.isEmpty() && c.id().equals(e.id())) {
                    put(BlacklistMatcher.Compiled.of(e));
                } else {
                    LOG.warn("Blacklist entry {} ignored: {}", c.id(), problems.isEmpty() ? "id differs" : problems);
                }
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Blacklist entry {} cannot be read and is ignored: {}", c.id(), ex.getMessage());
            }
        }
        matcher = new BlacklistMatcher(ordered);
    }

    private void put(BlacklistMatcher.Compiled c) {
        BlacklistMatcher.Compiled old = byId.put(c.entry().id(), c);
        if (old != null) {
            ordered.remove(old);
        }
        ordered.add(c);
    }

    @Override
    public Optional<BlacklistEntry> match(String channel, String address, Map<String, String> attributes) {
        return matcher.match(channel, address, attributes);
    }

    @Override
    public List<BlacklistEntry> entries() {
        return matcher.entries();
    }

    @Override
    public List<String> validate(BlacklistEntry entry) {
        return List.copyOf(BlacklistMatcher.validate(entry));
    }

    @Override
    public synchronized BlacklistEntry add(BlacklistEntry entry, String actor, String comment) {
        List<String> problems = new ArrayList<>(BlacklistMatcher.validate(entry));
        String id = entry.id() == null || entry.id().isBlank() ? newId() : entry.id().strip();
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("id " + id + ": 1-64 letters, digits, '.', '_' or '-'");
        }
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        BlacklistEntry stored = new BlacklistEntry(id, BlacklistMatcher.kind(entry), entry.pattern().strip(),
                entry.action(), blankToNull(entry.message()), blankToNull(entry.queueId()), actor, clock.instant(),
                comment);
        store.put(KIND, id, Json.write(Json.EntryDocument.of(stored)), actor, comment);
        put(BlacklistMatcher.Compiled.of(stored));
        matcher = new BlacklistMatcher(ordered);
        return stored;
    }

    @Override
    public synchronized boolean remove(String id, String actor, String comment) {
        if (id == null) {
            return false;
        }
        boolean deleted = store.delete(KIND, id.strip(), actor, comment);
        BlacklistMatcher.Compiled old = byId.remove(id.strip());
        if (old != null) {
            ordered.remove(old);
            matcher = new BlacklistMatcher(ordered);
        }
        return deleted;
    }

    @Override
    public List<AuditRecord> audit(int limit) {
        return store.auditLog(KIND, limit);
    }

    private String newId() {
        String id;
        do {
            id = "bl-" + UUID.randomUUID().toString().substring(0, 8);
        } while (byId.containsKey(id));
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
