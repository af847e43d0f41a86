package io.pishkhan.security.internal;

import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.Login;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** A real embedded Derby database, an audit log in memory, a clock the test moves, and a configuration. */
final class TestSupport {
    private TestSupport() {
    }

    static DataSource derby() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(Path.of("target", "derby", "s-" + UUID.randomUUID()).toAbsolutePath().toString());
        ds.setCreateDatabase("create");
        return ds;
    }

    /** A clock that stands still until moved. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-23T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The audit part of a ConfigStore. */
    static final class Audit implements ConfigStore {
        final List<AuditRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void audit(String actor, String kind, String entityId, String action, String detail) {
            records.add(new AuditRecord(records.size() + 1, Instant.now(), actor, kind, entityId, action, detail));
        }

        List<AuditRecord> of(String kind, String entityId) {
            return records.stream().filter(r -> r.kind().equals(kind) && r.entityId().equals(entityId)).toList();
        }

        @Override
        public List<AuditRecord> auditLog(String kind, int limit) {
            return new ArrayList<>(records);
        }

        @Override
        public List<ConfigEntry> list(String kind) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ConfigEntry> get(String kind, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConfigEntry put(String kind, String id, String json, String actor, String comment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String kind, String id, String actor, String comment) {
            throw new UnsupportedOperationException();
        }
    }

    /** A JAAS stand-in: fixed users and passwords, counting calls. */
    static final class FakeRealm implements Authenticator {
        final Map<String, String> passwords = new HashMap<>();
        final Map<String, Set<String>> roles = new HashMap<>();
        int calls;

        FakeRealm user(String name, String password, String... r) {
            passwords.put(name, password);
            roles.put(name, Set.of(r));
            return this;
        }

        @Override
        public Optional<Login> login(String user, char[] password) {
            calls++;
            return new String(password).equals(passwords.get(user)) ? Optional.of(new Login(user, roles.get(user)))
                    : Optional.empty();
        }
    }

    /** Configuration with fast hashing for tests. */
    static SecurityConfig config(int maxFailures, int lockMinutes, int cacheSeconds) {
        return new SecurityConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SecurityConfig.class;
            }

            @Override
            public int lockout_maxFailures() {
                return maxFailures;
            }

            @Override
            public int lockout_minutes() {
                return lockMinutes;
            }

            @Override
            public int password_minLength() {
                return 10;
            }

            @Override
            public int password_iterations() {
                return 1000;
            }

            @Override
            public int cache_seconds() {
                return cacheSeconds;
            }

            @Override
            public String firstAdmin_name() {
                return "admin";
            }
        };
    }

    static SecurityConfig config() {
        return config(5, 15, 60);
    }
}
