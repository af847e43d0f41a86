package io.pishkhan.store.jdbc.internal;

import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigChangeListener;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import io.pishkhan.api.store.RuleSetStore;
import io.pishkhan.api.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConfigStore} and {@link RuleSetStore} on the same database as the conversation store. Every change of an
 * entry writes its audit record in the same transaction. Migrates the schema itself (the migration runner locks,
 * so it may race the conversation store safely).
 */
@Component(service = {ConfigStore.class, RuleSetStore.class}, immediate = true,
        configurationPid = JdbcConversationStore.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class JdbcConfigStore implements ConfigStore, RuleSetStore {
    static final int MAX_KIND = 32;
    static final int MAX_ID = 200;
    static final int MAX_JSON = 1_000_000;
    private static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConfigStore.class);
    private final DataSource dataSource;
    /** Where the whiteboard {@link ConfigChangeListener}s are looked up; null in tests. */
    private volatile org.osgi.framework.BundleContext context;
    private final java.util.concurrent.ExecutorService notifier = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "pishkhan-config-listeners");
                t.setDaemon(true);
                return t;
            });
    /** Change listeners with the kinds they want (empty set: all kinds). */
    private final java.util.Map<ConfigChangeListener, java.util.Set<String>> listeners =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Dialect dialect;
    private final Clock clock;

    @Activate
    public JdbcConfigStore(@Reference(name = "dataSource", target = "(dataSourceName=pishkhan)") DataSource dataSource,
            JdbcStoreConfig config, org.osgi.framework.BundleContext context) {
        this(dataSource, config.dialect(), Clock.systemUTC());
        this.context = context;
    }

    JdbcConfigStore(DataSource dataSource, String dialectName, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            this.dialect = Dialect.forName(dialectName, c);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the database: " + e.getMessage(), e);
        }
        this.clock = clock;
        new MigrationRunner(dataSource, dialect,
                Migration.load(JdbcConfigStore.class.getClassLoader(), Migration.DEFAULT_LOCATION)).migrate();
    }

    // ---------------------------------------------------------------- config entries

    @Override
    public List<ConfigEntry> list(String kind) {
        check(kind, MAX_KIND, "kind");
        return call("list " + kind, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, id, json, updated_at, updated_by FROM config_entry WHERE kind = ? ORDER BY id")) {
                ps.setString(1, kind);
                return entries(ps);
            }
        });
    }

    @Override
    public Optional<ConfigEntry> get(String kind, String id) {
        check(kind, MAX_KIND, "kind");
        check(id, MAX_ID, "id");
        return call("read " + kind + " " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, id, json, updated_at, updated_by FROM config_entry WHERE kind = ? AND id = ?")) {
                ps.setString(1, kind);
                ps.setString(2, id);
                return entries(ps).stream().findFirst();
            }
        });
    }

    @Override
    public ConfigEntry put(String kind, String id, String json, String actor, String comment) {
        check(kind, MAX_KIND, "kind");
        check(id, MAX_ID, "id");
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_JSON) {
            throw new IllegalArgumentException(kind + " " + id + " is larger than " + MAX_JSON + " characters");
        }
        Instant now = Jdbc.truncate(clock.instant());
        ConfigEntry saved = callRetrying("save " + kind + " " + id, c -> {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE config_entry SET json = ?, updated_at = ?, updated_by = ? WHERE kind = ? AND id = ?")) {
                ps.setString(1, json);
                Jdbc.setInstant(ps, 2, now);
                ps.setString(3, actor);
                ps.setString(4, kind);
                ps.setString(5, id);
                exists = ps.executeUpdate() > 0;
            }
            if (!exists) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO config_entry (kind, id, json, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, kind);
                    ps.setString(2, id);
                    ps.setString(3, json);
                    Jdbc.setInstant(ps, 4, now);
                    ps.setString(5, actor);
                    ps.executeUpdate();
                }
            }
            insertAudit(c, now, actor, kind, id, exists ? "update" : "create",
                    comment == null || comment.isBlank() ? json : comment + "\n" + json);
            return new ConfigEntry(kind, id, json, now, actor);
        });
        changed(kind, id);
        return saved;
    }

    @Override
    public boolean delete(String kind, String id, String actor, String comment) {
        check(kind, MAX_KIND, "kind");
        check(id, MAX_ID, "id");
        Instant now = Jdbc.truncate(clock.instant());
        boolean deleted = call("delete " + kind + " " + id, c -> {
            String old = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT json FROM config_entry WHERE kind = ? AND id = ?")) {
                ps.setString(1, kind);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        old = rs.getString(1);
                    }
                }
            }
            if (old == null) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM config_entry WHERE kind = ? AND id = ?")) {
                ps.setString(1, kind);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            insertAudit(c, now, actor, kind, id, "delete",
                    (comment == null || comment.isBlank() ? "" : comment + "\n") + "was: " + old);
            return true;
        });
        if (deleted) {
            changed(kind, id);
        }
        return deleted;
    }

    /**
     * A listener called besides the whiteboard ones (tests). Whiteboard listeners are looked up at each change, not
     * bound by DS: they all reference this store, and binding them while the store activates is a ServiceFactory
     * cycle in Felix SCR (seen at boot: the blacklist and business-hours services failed to start).
     */
    void addListener(ConfigChangeListener listener, java.util.Map<String, Object> properties) {
        listeners.put(listener, kinds(properties.get(ConfigChangeListener.PROP_KINDS)));
    }

    private static java.util.Set<String> kinds(Object kinds) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        if (kinds instanceof String[] a) {
            wanted.addAll(List.of(a));
        } else if (kinds instanceof java.util.Collection<?> col) {
            col.forEach(k -> wanted.add(String.valueOf(k)));
        } else if (kinds != null) {
            for (String k : String.valueOf(kinds).split(",")) {
                if (!k.isBlank()) {
                    wanted.add(k.strip());
                }
            }
        }
        return wanted;
    }

    void removeListener(ConfigChangeListener listener) {
        listeners.remove(listener);
    }

    /**
     * Tells the listeners of this kind, after the commit; a failing listener is logged and skipped. Whiteboard
     * listeners are told on the store's own thread, in commit order: a listener that saves while it is being
     * constructed (e.g. seeding a sample) would otherwise be asked for itself (a cycle).
     */
    private void changed(String kind, String id) {
        listeners.forEach((l, kinds) -> tell(l, kinds, kind, id));
        org.osgi.framework.BundleContext ctx = context;
        if (ctx == null) {
            return;
        }
        try {
            notifier.execute(() -> tellWhiteboard(ctx, kind, id));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("the store is stopping; {} {} changed", kind, id);
        }
    }

    /** Stops the listener thread. */
    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        context = null;
        notifier.shutdown();
    }

    private void tellWhiteboard(org.osgi.framework.BundleContext ctx, String kind, String id) {
        java.util.Collection<org.osgi.framework.ServiceReference<ConfigChangeListener>> refs;
        try {
            refs = ctx.getServiceReferences(ConfigChangeListener.class, null);
        } catch (org.osgi.framework.InvalidSyntaxException | IllegalStateException e) {
            return; // no filter given; IllegalStateException: this bundle is stopping
        }
        for (org.osgi.framework.ServiceReference<ConfigChangeListener> ref : refs) {
            java.util.Set<String> kinds = kinds(ref.getProperty(ConfigChangeListener.PROP_KINDS));
            if (!kinds.isEmpty() && !kinds.contains(kind)) {
                continue;
            }
            ConfigChangeListener l;
            try {
                l = ctx.getService(ref);
            } catch (RuntimeException e) {
                LOG.warn("configuration listener {} is not available: {}", ref, e.toString());
                continue;
            }
            if (l == null) {
                continue;
            }
            try {
                tell(l, kinds, kind, id);
            } finally {
                try {
                    ctx.ungetService(ref);
                } catch (IllegalStateException ignored) {
                    // stopping
                }
            }
        }
    }

    private static void tell(ConfigChangeListener l, java.util.Set<String> kinds, String kind, String id) {
        if (kinds.isEmpty() || kinds.contains(kind)) {
            try {
                l.configChanged(kind, id);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("a configuration listener failed on {} {}; it may serve stale data until it reloads",
                        kind, id, e);
            }
        }
    }

    @Override
    public void audit(String actor, String kind, String entityId, String action, String detail) {
        check(kind, MAX_KIND, "kind");
        check(action, 32, "action");
        Instant now = Jdbc.truncate(clock.instant());
        call("audit " + action + " of " + kind, c -> {
            insertAudit(c, now, actor, kind, entityId, action, detail);
            return null;
        });
    }

    @Override
    public List<AuditRecord> auditLog(String kind, int limit) {
        int max = Math.max(1, Math.min(limit, 10_000));
        return call("read the audit log", c -> {
            String sql = "SELECT seq, occurred_at, actor, kind, entity_id, action, detail FROM audit_log"
                    + (kind == null ? "" : " WHERE kind = ?") + " ORDER BY seq DESC";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (kind != null) {
                    ps.setString(1, kind);
                }
                ps.setMaxRows(max);
                List<AuditRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditRecord(rs.getLong("seq"), Jdbc.getInstant(rs, "occurred_at"),
                                rs.getString("actor"), rs.getString("kind"), rs.getString("entity_id"),
                                rs.getString("action"), rs.getString("detail")));
                    }
                }
                return out;
            }
        });
    }

    private static void insertAudit(Connection c, Instant at, String actor, String kind, String entityId,
            String action, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (occurred_at, actor, kind, entity_id,"
                + " action, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, actor == null ? null : truncate(actor, 200));
            ps.setString(3, kind);
            ps.setString(4, entityId == null ? null : truncate(entityId, MAX_ID));
            ps.setString(5, action);
            ps.setString(6, detail);
            ps.executeUpdate();
        }
    }

    private static List<ConfigEntry> entries(PreparedStatement ps) throws SQLException {
        List<ConfigEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ConfigEntry(rs.getString("kind"), rs.getString("id"), rs.getString("json"),
                        Jdbc.getInstant(rs, "updated_at"), rs.getString("updated_by")));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- rule sets

    @Override
    public RuleSetVersion saveVersion(String source, String author, String comment, Instant at) {
        Objects.requireNonNull(source, "source");
        if (source.length() > MAX_JSON) {
            throw new IllegalArgumentException("rule set is larger than " + MAX_JSON + " characters");
        }
        Instant when = Jdbc.truncate(at == null ? clock.instant() : at);
        String note = comment == null ? null : truncate(comment, 2000);
        return callRetrying("save a rule set version", c -> {
            int next;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM rule_set_version");
                    ResultSet rs = ps.executeQuery()) {
                next = rs.next() ? rs.getInt(1) + 1 : 1;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_set_version (version, source, author,"
                    + " created_at, comment) VALUES (?, ?, ?, ?, ?)")) {
                ps.setInt(1, next);
                ps.setString(2, source);
                ps.setString(3, author);
                Jdbc.setInstant(ps, 4, when);
                ps.setString(5, note);
                ps.executeUpdate();
            }
            insertAudit(c, when, author, "ruleset", String.valueOf(next), "save", note);
            return new RuleSetVersion(next, source, author, when, note);
        });
    }

    @Override
    public List<RuleSetVersion> versions() {
        return call("list rule set versions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, source, author, created_at, comment"
                    + " FROM rule_set_version ORDER BY version DESC")) {
                return versions(ps);
            }
        });
    }

    @Override
    public Optional<RuleSetVersion> version(int version) {
        return call("read rule set version " + version, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, source, author, created_at, comment"
                    + " FROM rule_set_version WHERE version = ?")) {
                ps.setInt(1, version);
                return versions(ps).stream().findFirst();
            }
        });
    }

    private static List<RuleSetVersion> versions(PreparedStatement ps) throws SQLException {
        List<RuleSetVersion> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new RuleSetVersion(rs.getInt("version"), rs.getString("source"), rs.getString("author"),
                        Jdbc.getInstant(rs, "created_at"), rs.getString("comment")));
            }
        }
        return out;
    }

    @Override
    public void saveDeployment(RuleDeployment d) {
        Objects.requireNonNull(d, "deployment");
        Instant when = Jdbc.truncate(d.at() == null ? clock.instant() : d.at());
        callRetrying("save the rule deployment", c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE rule_deployment SET active_version = ?,"
                    + " canary_version = ?, canary_percent = ?, author = ?, deployed_at = ? WHERE id = 1")) {
                bindDeployment(ps, d, when);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_deployment (active_version,"
                        + " canary_version, canary_percent, author, deployed_at, id) VALUES (?, ?, ?, ?, ?, 1)")) {
                    bindDeployment(ps, d, when);
                    ps.executeUpdate();
                }
            }
            insertAudit(c, when, d.author(), "ruleset", String.valueOf(d.activeVersion()), "deploy",
                    "active " + d.activeVersion() + (d.canaryVersion() > 0
                            ? ", canary " + d.canaryVersion() + " on " + d.canaryPercent() + "%" : ""));
            return null;
        });
    }

    private static void bindDeployment(PreparedStatement ps, RuleDeployment d, Instant when) throws SQLException {
        ps.setInt(1, d.activeVersion());
        ps.setInt(2, d.canaryVersion());
        ps.setInt(3, d.canaryPercent());
        ps.setString(4, d.author());
        Jdbc.setInstant(ps, 5, when);
    }

    @Override
    public RuleDeployment deployment() {
        return call("read the rule deployment", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT active_version, canary_version, canary_percent,"
                    + " author, deployed_at FROM rule_deployment WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new RuleDeployment(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
                        Jdbc.getInstant(rs, "deployed_at")) : RuleDeployment.NONE;
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private <T> T call(String what, Jdbc.Work<T> work) {
        try {
            return Jdbc.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new StoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T callRetrying(String what, Jdbc.Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return Jdbc.inTransaction(dataSource, work);
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && dialect.isRetryable(e)) {
                    continue;
                }
                throw new StoreException("could not " + what + ": " + e.getMessage(), e);
            }
        }
    }

    private static void check(String value, int max, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
