package io.pishkhan.security.internal;

import io.pishkhan.api.security.User;
import io.pishkhan.api.security.UserService;
import io.pishkhan.api.store.ConfigStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The own user store in table {@code security_user}: PBKDF2 passwords ({@link PasswordHasher}), roles, supervised
 * queues, console language, disabled flag, failed-login counter and lockout. Also keeps the lockouts of names that
 * are not in the store ({@link Lockouts}), so that {@link StoreAuthenticator} applies one lockout rule to every
 * source. Creates the first admin at activation when there is no enabled admin. Mutations are serialised.
 */
@Component(service = {UserService.class, UserServiceImpl.class}, immediate = true,
        configurationPid = UserServiceImpl.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SecurityConfig.class)
public final class UserServiceImpl implements UserService {
    public static final String PID = "io.pishkhan.security";
    static final String ENV_ADMIN_PASSWORD = "PISHKHAN_ADMIN_PASSWORD";
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Logger LOG = LoggerFactory.getLogger(UserServiceImpl.class);
    private static final String COLUMNS = "name, display_name, roles, queues, language, disabled, must_change,"
            + " password_hash, failed_logins, locked_until, created_at, updated_at";

    /** A stored user with his password hash, for the authenticator only. */
    record Credentials(User user, String passwordHash) {
    }

    private final DataSource dataSource;
    private final ConfigStore audit;
    private final Clock clock;
    private final Lockouts lockouts = new Lockouts();
    private volatile SecurityConfig config;
    private volatile PasswordHasher hasher;

    @Activate
    public UserServiceImpl(@Reference(name = "dataSource", target = "(dataSourceName=pishkhan)") DataSource dataSource,
            @Reference(name = "audit") ConfigStore audit, SecurityConfig config) {
        this(dataSource, audit, config, Clock.systemUTC(), System::getenv);
    }

    UserServiceImpl(DataSource dataSource, ConfigStore audit, SecurityConfig config, Clock clock,
            UnaryOperator<String> env) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
        modified(config);
        Schema.ensure(dataSource, "security_user", Schema.USERS);
        ensureFirstAdmin(env);
    }

    @Modified
    void modified(SecurityConfig c) {
        this.config = c;
        this.hasher = new PasswordHasher(c.password_iterations());
    }

    SecurityConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- UserService

    @Override
    public List<User> list() {
        List<User> out = new ArrayList<>();
        query("SELECT " + COLUMNS + " FROM security_user ORDER BY name", null, rs -> {
            while (rs.next()) {
                out.add(read(rs).user());
            }
            return null;
        });
        return out;
    }

    @Override
    public Optional<User> get(String name) {
        return credentials(name).map(Credentials::user);
    }

    @Override
    public synchronized User create(User user, char[] password, String actor) {
        validate(user);
        checkPolicy(password);
        if (credentials(user.name()).isPresent()) {
            throw new IllegalStateException("user " + user.name() + " exists");
        }
        insert(user, hasher.hash(password), user.mustChangePassword());
        audit(actor, user.name(), "create", describe(user));
        return get(user.name()).orElseThrow();
    }

    @Override
    public synchronized User update(User user, String actor) {
        validate(user);
        User old = get(user.name()).orElseThrow(() -> new NoSuchElementException("no user " + user.name()));
        boolean staysAdmin = user.hasRole("admin") && !user.disabled();
        if (isEnabledAdmin(old) && !staysAdmin && enabledAdmins() <= 1) {
            throw new IllegalStateException("user " + user.name() + " is the last enabled admin");
        }
        update("UPDATE security_user SET display_name = ?, roles = ?, queues = ?, language = ?, disabled = ?,"
                + " updated_at = ? WHERE name = ?", user.displayName(), join(user.roles()), join(user.queues()),
                user.language(), user.disabled(), now().toEpochMilli(), user.name());
        audit(actor, user.name(), "update", describe(user));
        return get(user.name()).orElseThrow();
    }

    @Override
    public synchronized void setPassword(String name, char[] password, boolean mustChange, String actor) {
        String n = normalise(name);
        get(n).orElseThrow(() -> new NoSuchElementException("no user " + n));
        checkPolicy(password);
        update("UPDATE security_user SET password_hash = ?, must_change = ?, failed_logins = 0, locked_until = NULL,"
                + " updated_at = ? WHERE name = ?", hasher.hash(password), mustChange, now().toEpochMilli(), n);
        audit(actor, n, "password", mustChange ? "password set, must change at next login" : "password changed");
        LOG.info("Password of user '{}' changed by '{}'", n, actor);
    }

    @Override
    public synchronized void unlock(String name, String actor) {
        String n = normalise(name);
        lockouts.reset(name == null ? "" : name.strip());
        lockouts.reset(n);
        update("UPDATE security_user SET failed_logins = 0, locked_until = NULL WHERE name = ?", n);
        audit(actor, n, "unlock", "lockout ended");
        LOG.info("Lockout of user '{}' ended by '{}'", n, actor);
    }

    @Override
    public synchronized boolean delete(String name, String actor) {
        String n = normalise(name);
        Optional<User> old = get(n);
        if (old.isEmpty()) {
            return false;
        }
        if (isEnabledAdmin(old.get()) && enabledAdmins() <= 1) {
            throw new IllegalStateException("user " + n + " is the last enabled admin");
        }
        update("DELETE FROM security_user WHERE name = ?", n);
        audit(actor, n, "delete", "deleted");
        return true;
    }

    @Override
    public int minPasswordLength() {
        return config.password_minLength();
    }

    // ---------------------------------------------------------------- for the authenticator

    /** The stored user and hash; empty for a name that is not in the store (or not a valid name). */
    Optional<Credentials> credentials(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(query("SELECT " + COLUMNS + " FROM security_user WHERE name = ?", n,
                rs -> rs.next() ? read(rs) : null));
    }

    /** The end of the lockout of a name (own user or not), null when it is not locked out. */
    Instant lockedUntil(String name, Instant now) {
        Optional<Credentials> c = credentials(name);
        if (c.isPresent()) {
            User u = c.get().user();
            return u.lockedAt(now) ? u.lockedUntil() : null;
        }
        return lockouts.lockedUntil(name.strip(), now);
    }

    /**
     * Counts a wrong password of {@code name}; locks the name after {@code lockout.maxFailures} in a row.
     *
     * @return the end of the lockout when this failure locked the name, else null
     */
    synchronized Instant loginFailed(String name, boolean ownUser) {
        SecurityConfig c = config;
        Instant now = now();
        Duration lock = Duration.ofMinutes(c.lockout_minutes());
        Instant lockedUntil;
        if (ownUser) {
            String n = normalise(name);
            User u = get(n).orElse(null);
            if (u == null) {
                return null;
            }
            int failures = u.failedLogins() + 1;
            lockedUntil = failures >= c.lockout_maxFailures() ? now.plus(lock) : null;
            update("UPDATE security_user SET failed_logins = ?, locked_until = ? WHERE name = ?",
                    lockedUntil == null ? failures : 0, lockedUntil == null ? null : lockedUntil.toEpochMilli(), n);
        } else {
            lockedUntil = lockouts.failed(name.strip(), now, c.lockout_maxFailures(), lock);
        }
        if (lockedUntil != null) {
            LOG.warn("User '{}' locked out until {} ({} minutes) after {} failed logins", clean(name), lockedUntil,
                    c.lockout_minutes(), c.lockout_maxFailures());
            try {
                audit.audit("system", AUDIT_KIND, clean(name), "lockout", "locked until " + lockedUntil);
            } catch (RuntimeException e) {
                LOG.warn("Could not audit the lockout of '{}': {}", clean(name), e.toString());
            }
        }
        return lockedUntil;
    }

    /** Resets the failure counter after a successful login. */
    void loginSucceeded(String name, boolean ownUser) {
        if (ownUser) {
            update("UPDATE security_user SET failed_logins = 0, locked_until = NULL WHERE name = ?"
                    + " AND (failed_logins <> 0 OR locked_until IS NOT NULL)", normalise(name));
        } else {
            lockouts.reset(name.strip());
        }
    }

    // ---------------------------------------------------------------- first admin

    private void ensureFirstAdmin(UnaryOperator<String> env) {
        if (enabledAdmins() > 0) {
            return;
        }
        String name = normalise(config.firstAdmin_name());
        String fromEnv = env.apply(ENV_ADMIN_PASSWORD);
        boolean generated = fromEnv == null || fromEnv.isEmpty();
        char[] password = generated ? PasswordHasher.generate(20) : fromEnv.toCharArray();
        try {
            if (!generated && password.length < config.password_minLength()) {
                LOG.warn("{} is shorter than the password policy's {} characters; change the password of '{}'",
                        ENV_ADMIN_PASSWORD, config.password_minLength(), name);
            }
            String hash = hasher.hash(password);
            Optional<User> existing = get(name);
            if (existing.isPresent()) { // there, but disabled or without role admin
                User u = existing.get();
                Set<String> roles = new TreeSet<>(u.roles());
                roles.add("admin");
                update("UPDATE security_user SET roles = ?, disabled = ?, password_hash = ?, must_change = ?,"
                        + " failed_logins = 0, locked_until = NULL, updated_at = ? WHERE name = ?", join(roles), false,
                        hash, generated, now().toEpochMilli(), name);
            } else {
                insert(User.of(name, "Administrator", Set.of("admin"), Set.of(), "fa"), hash, generated);
            }
            audit("system", name, "create", generated ? "first admin, generated one-time password"
                    : "first admin, password from " + ENV_ADMIN_PASSWORD);
            if (generated) {
                LOG.warn("No enabled admin in the user store: created user '{}' with the one-time password {}"
                        + " (shown only now; change it at the first login)", name, new String(password));
            } else {
                LOG.info("No enabled admin in the user store: created user '{}' with the password from {}", name,
                        ENV_ADMIN_PASSWORD);
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    // ---------------------------------------------------------------- helpers

    private void validate(User u) {
        if (!NAME.matcher(u.name()).matches()) {
            throw new IllegalArgumentException("name must be 1-64 of a-z 0-9 . _ @ - (starting with a letter or"
                    + " digit): " + clean(u.name()));
        }
        if (u.roles().isEmpty()) {
            throw new IllegalArgumentException("at least one role of " + new TreeSet<>(User.ROLES) + " is required");
        }
        for (String r : u.roles()) {
            if (!User.ROLES.contains(r)) {
                throw new IllegalArgumentException("unknown role " + clean(r) + "; roles are "
                        + new TreeSet<>(User.ROLES));
            }
        }
        for (String q : u.queues()) {
            if (!QUEUE.matcher(q).matches()) {
                throw new IllegalArgumentException("bad queue id " + clean(q));
            }
        }
        if (!User.LANGUAGES.contains(u.language())) {
            throw new IllegalArgumentException("language must be one of " + new TreeSet<>(User.LANGUAGES));
        }
        if (u.displayName().length() > 200) {
            throw new IllegalArgumentException("displayName is longer than 200 characters");
        }
    }

    private void checkPolicy(char[] password) {
        int min = config.password_minLength();
        if (password == null || password.length < min) {
            throw new IllegalArgumentException("the password must have at least " + min + " characters");
        }
        if (password.length > 1024) {
            throw new IllegalArgumentException("the password is longer than 1024 characters");
        }
        if (new String(password).isBlank()) {
            throw new IllegalArgumentException("the password must not be blank");
        }
    }

    private static boolean isEnabledAdmin(User u) {
        return u.hasRole("admin") && !u.disabled();
    }

    private int enabledAdmins() {
        return (int) list().stream().filter(UserServiceImpl::isEnabledAdmin).count();
    }

    private void insert(User u, String hash, boolean mustChange) {
        long now = now().toEpochMilli();
        update("INSERT INTO security_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?)", u.name(),
                u.displayName(), join(u.roles()), join(u.queues()), u.language(), u.disabled(), mustChange, hash, now,
                now);
    }

    private void audit(String actor, String name, String action, String detail) {
        audit.audit(actor == null ? "system" : actor, AUDIT_KIND, name, action, detail);
    }

    /** The audited description: everything but password material. */
    static String describe(User u) {
        return "{\"displayName\":" + quote(u.displayName()) + ",\"roles\":" + array(u.roles()) + ",\"queues\":"
                + array(u.queues()) + ",\"language\":" + quote(u.language()) + ",\"disabled\":" + u.disabled() + "}";
    }

    private static String array(Set<String> s) {
        return new TreeSet<>(s).stream().map(UserServiceImpl::quote).collect(Collectors.joining(",", "[", "]"));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String join(Set<String> s) {
        return String.join(",", new TreeSet<>(s));
    }

    private static Set<String> split(String s) {
        return s == null || s.isBlank() ? Set.of() : Set.of(s.split(","));
    }

    static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /** A user name fit for a log line. */
    static String clean(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "_");
    }

    private Instant now() {
        return clock.instant();
    }

    private static Credentials read(ResultSet rs) throws SQLException {
        long locked = rs.getLong("locked_until");
        Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(locked);
        User u = new User(rs.getString("name"), rs.getString("display_name"), split(rs.getString("roles")),
                split(rs.getString("queues")), rs.getString("language"), rs.getBoolean("disabled"),
                rs.getBoolean("must_change"), rs.getInt("failed_logins"), lockedUntil,
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
        return new Credentials(u, rs.getString("password_hash"));
    }

    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, String arg, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new io.pishkhan.api.store.StoreException("user store: " + e.getMessage(), e);
        }
    }

    static int update(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    ps.setNull(i + 1, Types.BIGINT);
                } else if (a instanceof Boolean b) {
                    ps.setBoolean(i + 1, b);
                } else if (a instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (a instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, a.toString());
                }
            }
            int n = ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw new io.pishkhan.api.store.StoreException("security store: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        return update(dataSource, sql, args);
    }
}
