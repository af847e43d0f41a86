package io.pishkhan.console.internal.ui;

import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.BackupService;
import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.ConfigValidationException;
import io.pishkhan.api.admin.ConfigurationService;
import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.admin.PluginService;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory administration services for the view tests. */
final class AdminFakes {
    private AdminFakes() {
    }

    static final class Plugins implements PluginService {
        final List<PluginInfo> plugins = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        long next = 100;

        Plugins() {
            plugins.add(new PluginInfo(10, "io.pishkhan.channel.webchat", "Pishkhan web chat", "0.1.0", "Pishkhan",
                    List.of("channel"), "ACTIVE", true, null, "mvn:io.pishkhan/io.pishkhan.channel.webchat"));
            plugins.add(new PluginInfo(11, "io.pishkhan.routing.skills", "Skills routing", "0.1.0", "Pishkhan",
                    List.of("routing"), "RESOLVED", true, null, "mvn:x"));
            plugins.add(new PluginInfo(12, "com.vendor.bot", "Vendor bot", "2.0.0", "Vendor",
                    List.of("bot"), "ACTIVE", false, "component com.vendor.bot.Engine: missing configuration", "file:x"));
            plugins.add(new PluginInfo(13, "io.pishkhan.analytics.kpi", "KPI analytics", "0.1.0", "Pishkhan",
                    List.of("analytics"), "ACTIVE", true, null, "mvn:y"));
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.copyOf(plugins);
        }

        @Override
        public Optional<PluginInfo> plugin(long id) {
            return plugins.stream().filter(p -> p.id() == id).findFirst();
        }

        @Override
        public PluginInfo install(String fileName, InputStream content, String actor) throws PluginException {
            calls.add("install " + fileName);
            byte[] b;
            try {
                b = content.readAllBytes();
            } catch (IOException e) {
                throw new PluginException(e.getMessage(), e);
            }
            if (b.length < 2 || b[0] != 'P' || b[1] != 'K') {
                throw new PluginException(fileName + " is not an OSGi bundle (no manifest)", null);
            }
            PluginInfo p = new PluginInfo(next++, "com.example.new", "New plugin", "1.0.0", "Example",
                    List.of("channel"), "ACTIVE", true, null, "file:" + fileName);
            plugins.add(p);
            return p;
        }

        @Override
        public PluginInfo update(long id, InputStream content, String actor) throws PluginException {
            calls.add("update " + id);
            return plugin(id).orElseThrow(() -> new PluginException("no plugin " + id, null));
        }

        private PluginInfo state(long id, String state) throws PluginException {
            PluginInfo p = plugin(id).orElseThrow(() -> new PluginException("no plugin " + id, null));
            PluginInfo q = new PluginInfo(p.id(), p.symbolicName(), p.name(), p.version(), p.vendor(), p.kinds(),
                    state, p.healthy(), p.problem(), p.location());
            plugins.set(plugins.indexOf(p), q);
            return q;
        }

        @Override
        public PluginInfo start(long id, String actor) throws PluginException {
            calls.add("start " + id);
            return state(id, "ACTIVE");
        }

        @Override
        public PluginInfo stop(long id, String actor) throws PluginException {
            calls.add("stop " + id);
            if (id == 10) {
                throw new PluginException("the core needs a channel: the web chat cannot be stopped now", null);
            }
            return state(id, "RESOLVED");
        }

        @Override
        public void uninstall(long id, String actor) throws PluginException {
            calls.add("uninstall " + id);
            plugins.removeIf(p -> p.id() == id);
        }
    }

    /** One form with a field of every kind; save checks "keep" the way the service does (at most 1000). */
    static final class Configuration implements ConfigurationService {
        final Map<String, ConfigForm> forms = new LinkedHashMap<>();
        final List<Map<String, List<String>>> saved = new ArrayList<>();
        final List<String> actors = new ArrayList<>();

        Configuration() {
            forms.put("io.pishkhan.backup", form(Map.of("keep", List.of("14"), "secret", List.of("********"))));
            forms.put("io.pishkhan.analytics.sentiment", new ConfigForm("io.pishkhan.analytics.sentiment",
                    "Pishkhan sentiment", "Sentiment alerts", "io.pishkhan.analytics.sentiment", false,
                    List.of(new ConfigField("threshold", "Threshold", null, ConfigField.Type.DOUBLE, 0,
                            List.of("-0.5"), true, "-1", "1", Map.of())), Map.of()));
        }

        static ConfigForm form(Map<String, List<String>> values) {
            Map<String, String> modes = new LinkedHashMap<>();
            modes.put("fast", "Fast");
            modes.put("safe", "Safe");
            Map<String, String> days = new LinkedHashMap<>();
            days.put("sat", "Saturday");
            days.put("sun", "Sunday");
            days.put("mon", "Monday");
            List<ConfigField> fields = List.of(
                    new ConfigField("directory", "Folder", "Where backups go", ConfigField.Type.STRING, 0,
                            List.of("backups"), true, null, null, Map.of()),
                    new ConfigField("secret", "Secret", null, ConfigField.Type.PASSWORD, 0, List.of(), false, null,
                            null, Map.of()),
                    new ConfigField("keep", "Keep", "Number of backups kept", ConfigField.Type.INTEGER, 0,
                            List.of("14"), true, "0", "1000", Map.of()),
                    new ConfigField("maxBytes", "Max bytes", null, ConfigField.Type.LONG, 0, List.of("1048576"),
                            false, "1", null, Map.of()),
                    new ConfigField("ratio", "Ratio", null, ConfigField.Type.DOUBLE, 0, List.of("0.25"), false,
                            "0", "1", Map.of()),
                    new ConfigField("enabled", "Enabled", null, ConfigField.Type.BOOLEAN, 0, List.of("true"),
                            false, null, null, Map.of()),
                    new ConfigField("mode", "Mode", null, ConfigField.Type.STRING, 0, List.of("safe"), true, null,
                            null, modes),
                    new ConfigField("days", "Days", null, ConfigField.Type.STRING, -7, List.of("sat", "sun"),
                            false, null, null, days),
                    new ConfigField("etcFiles", "Configuration files", null, ConfigField.Type.STRING, -100,
                            List.of("io.pishkhan.*.cfg", "users.properties"), false, null, null, Map.of()),
                    new ConfigField("ports", "Ports", null, ConfigField.Type.INTEGER, 3, List.of("8181"), false,
                            "1", "65535", Map.of()));
            return new ConfigForm("io.pishkhan.backup", "Pishkhan backup", "Online backups", "io.pishkhan.backup",
                    false, fields, values);
        }

        @Override
        public List<ConfigForm> forms() {
            return List.copyOf(forms.values());
        }

        @Override
        public Optional<ConfigForm> form(String pid) {
            return Optional.ofNullable(forms.get(pid));
        }

        @Override
        public Map<String, String> validate(String pid, Map<String, List<String>> values) {
            Map<String, String> errors = new LinkedHashMap<>();
            List<String> dir = values.get("directory");
            if (dir != null && dir.contains("/etc")) {
                errors.put("directory", "must not be /etc");
            }
            return errors;
        }

        @Override
        public ConfigForm save(String pid, Map<String, List<String>> values, String actor)
                throws ConfigValidationException {
            Map<String, String> errors = validate(pid, values);
            if (!errors.isEmpty()) {
                throw new ConfigValidationException(errors);
            }
            saved.add(values);
            actors.add(actor);
            ConfigForm old = forms.get(pid);
            Map<String, List<String>> merged = new LinkedHashMap<>(old.values());
            merged.putAll(values);
            ConfigForm f = new ConfigForm(old.pid(), old.name(), old.description(), old.bundle(), old.factory(),
                    old.fields(), merged);
            forms.put(pid, f);
            return f;
        }
    }

    static final class Backups implements BackupService {
        final List<Backup> backups = new ArrayList<>();
        String pending;
        int n;

        Backups() {
            backups.add(new Backup("20261120-030000-000", Instant.parse("2026-11-19T23:30:00Z"), "/x/a", 3 * 1024 * 1024
                    + 300 * 1024, List.of("database/pishkhan", "etc/io.pishkhan.core.cfg", "etc/users.properties")));
            backups.add(new Backup("20261122-030000-000", Instant.parse("2026-11-21T23:30:00Z"), "/x/b", 512,
                    List.of("database/pishkhan")));
        }

        @Override
        public Backup backup() throws IOException {
            Backup b = new Backup("20261123-1200" + String.format("%02d", n++) + "-000",
                    Instant.parse("2026-11-23T08:30:00Z").plusSeconds(n), "/x/new", 2048, List.of("database/pishkhan"));
            backups.add(b);
            return b;
        }

        @Override
        public List<Backup> backups() {
            return List.copyOf(backups);
        }

        @Override
        public Optional<Backup> backup(String id) {
            return backups.stream().filter(b -> b.id().equals(id)).findFirst();
        }

        @Override
        public void export(String id, OutputStream out) throws IOException {
            out.write(("zip of " + id).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void scheduleRestore(String id) throws IOException {
            if (backup(id).isEmpty()) {
                throw new IOException("no backup " + id);
            }
            pending = id;
        }

        @Override
        public Optional<String> pendingRestore() {
            return Optional.ofNullable(pending);
        }

        @Override
        public void delete(String id) throws IOException {
            backups.removeIf(b -> b.id().equals(id));
        }
    }

    static final class Store implements ConfigStore {
        final List<AuditRecord> records = new ArrayList<>();

        Store() {
            records.add(new AuditRecord(3, Instant.parse("2026-11-23T08:00:00Z"), "admin", "config",
                    "io.pishkhan.backup", "config.save", "pid=io.pishkhan.backup before={keep=14} after={keep=10}"));
            records.add(new AuditRecord(2, Instant.parse("2026-11-22T10:00:00Z"), "root", "plugin",
                    "com.vendor.bot", "plugin.install", "id=12 version=2.0.0"));
            records.add(new AuditRecord(1, Instant.parse("2026-11-01T10:00:00Z"), "admin", "blacklist", "b1",
                    "create", "{\"pattern\":\"=cmd|' /C calc'!A0\"}"));
        }

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
            return false;
        }

        @Override
        public void audit(String actor, String kind, String entityId, String action, String detail) {
            records.add(0, new AuditRecord(records.size() + 1, Instant.now(), actor, kind, entityId, action, detail));
        }

        @Override
        public List<AuditRecord> auditLog(String kind, int limit) {
            return records.stream().filter(r -> kind == null || kind.equals(r.kind())).limit(limit).toList();
        }
    }

    static final class Users implements io.pishkhan.api.security.UserService {
        final Map<String, io.pishkhan.api.security.User> users = new java.util.TreeMap<>();
        final Map<String, String> passwords = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        Users() {
            users.put("admin2", new io.pishkhan.api.security.User("admin2", "Second admin", java.util.Set.of("admin"),
                    java.util.Set.of(), "fa", false, false, 0, null, Instant.parse("2026-11-20T08:00:00Z"), null));
            users.put("sara", new io.pishkhan.api.security.User("sara", "Sara", java.util.Set.of("supervisor",
                    "agent"), java.util.Set.of("vip"), "en", false, false, 3, Instant.now().plusSeconds(600),
                    Instant.parse("2026-11-21T08:00:00Z"), null));
        }

        @Override
        public List<io.pishkhan.api.security.User> list() {
            return List.copyOf(users.values());
        }

        @Override
        public Optional<io.pishkhan.api.security.User> get(String name) {
            return Optional.ofNullable(users.get(name));
        }

        @Override
        public io.pishkhan.api.security.User create(io.pishkhan.api.security.User user, char[] password, String actor) {
            calls.add("create " + user.name() + " by " + actor);
            if (users.containsKey(user.name())) {
                throw new IllegalStateException("user " + user.name() + " exists");
            }
            io.pishkhan.api.security.User u = new io.pishkhan.api.security.User(user.name(), user.displayName(),
                    user.roles(), user.queues(), user.language(), user.disabled(), user.mustChangePassword(), 0, null,
                    Instant.now(), Instant.now());
            users.put(u.name(), u);
            passwords.put(u.name(), new String(password));
            return u;
        }

        @Override
        public io.pishkhan.api.security.User update(io.pishkhan.api.security.User user, String actor) {
            calls.add("update " + user.name() + " by " + actor);
            if (!users.containsKey(user.name())) {
                throw new java.util.NoSuchElementException("no user " + user.name());
            }
            users.put(user.name(), user);
            return user;
        }

        @Override
        public void setPassword(String name, char[] password, boolean mustChange, String actor) {
            calls.add("password " + name + " " + mustChange);
            passwords.put(name, new String(password));
        }

        @Override
        public void unlock(String name, String actor) {
            calls.add("unlock " + name);
            io.pishkhan.api.security.User u = users.get(name);
            users.put(name, new io.pishkhan.api.security.User(u.name(), u.displayName(), u.roles(), u.queues(),
                    u.language(), u.disabled(), u.mustChangePassword(), 0, null, u.createdAt(), u.updatedAt()));
        }

        @Override
        public boolean delete(String name, String actor) {
            calls.add("delete " + name);
            if ("admin2".equals(name)) {
                throw new IllegalStateException("the last enabled admin cannot be deleted");
            }
            return users.remove(name) != null;
        }

        @Override
        public int minPasswordLength() {
            return 8;
        }
    }

    static final class Tokens implements io.pishkhan.api.security.TokenService {
        final List<io.pishkhan.api.security.ApiToken> tokens = new ArrayList<>();
        final List<Instant> expiries = new ArrayList<>();
        int n;

        Tokens() {
            tokens.add(new io.pishkhan.api.security.ApiToken("t1", "old-sync", "agent", "admin",
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), null, null));
        }

        @Override
        public io.pishkhan.api.security.IssuedToken create(String name, String role, Instant expiresAt, String actor) {
            if (!io.pishkhan.api.security.User.ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role);
            }
            expiries.add(expiresAt);
            io.pishkhan.api.security.ApiToken t = new io.pishkhan.api.security.ApiToken("n" + (++n), name, role,
                    actor, Instant.now(), expiresAt, null, null);
            tokens.add(0, t);
            return new io.pishkhan.api.security.IssuedToken(t, "pk_secret" + n);
        }

        @Override
        public List<io.pishkhan.api.security.ApiToken> list() {
            return List.copyOf(tokens);
        }

        @Override
        public Optional<io.pishkhan.api.security.ApiToken> get(String id) {
            return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
        }

        @Override
        public boolean revoke(String id, String actor) {
            for (int i = 0; i < tokens.size(); i++) {
                io.pishkhan.api.security.ApiToken t = tokens.get(i);
                if (t.id().equals(id) && t.revokedAt() == null) {
                    tokens.set(i, new io.pishkhan.api.security.ApiToken(t.id(), t.name(), t.role(), t.createdBy(),
                            t.createdAt(), t.expiresAt(), Instant.now(), t.lastUsedAt()));
                    return true;
                }
            }
            return false;
        }

        @Override
        public Optional<io.pishkhan.api.security.ApiToken> verify(String secret) {
            return Optional.empty();
        }
    }
}
