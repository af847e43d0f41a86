package io.pishkhan.store.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database schema to the latest of a list of {@link Migration}s, recording each applied script in the
 * table {@code schema_version} (version, description, script, checksum, applied_at, execution_ms).
 *
 * <ul>
 * <li>Each pending script runs in its own transaction together with the insert of its schema_version row, so it
 * is applied completely or not at all.</li>
 * <li>That transaction first takes an exclusive lock on schema_version ({@code LOCK TABLE}) and then re-reads it,
 * so concurrent starters (two Karaf nodes on one PostgreSQL, a restart racing a refresh) queue up and never apply
 * a script twice.</li>
 * <li>Before anything is applied, every recorded script is checked: a changed checksum, a recorded version this
 * code does not know (database newer than the bundle) or a pending script older than an applied one is an
 * error, and nothing is changed.</li>
 * </ul>
 * Plain JDBC, no OSGi: unit tests drive it directly.
 */
final class MigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    static final String TABLE = "schema_version";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final List<Migration> migrations;

    MigrationRunner(DataSource dataSource, Dialect dialect, List<Migration> migrations) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.migrations = List.copyOf(migrations);
    }

    /** A version recorded in schema_version. */
    record Applied(int version, String description, String script, String checksum, Instant appliedAt) {
    }

    /**
     * Applies the pending migrations.
     *
     * @return the versions this call applied (empty when the schema was already current)
     * @throws MigrationException when the recorded history does not match the scripts or a script fails
     */
    List<Integer> migrate() {
        List<Integer> appliedNow = new ArrayList<>();
        try {
            ensureTable();
            while (true) {
                Integer done = Jdbc.inTransaction(dataSource, this::applyNext);
                if (done == null) {
                    break;
                }
                appliedNow.add(done);
            }
        } catch (SQLException e) {
            throw new MigrationException("schema migration failed: " + e.getMessage(), e);
        }
        if (!appliedNow.isEmpty()) {
            LOG.info("Applied schema migrations {} ({}); schema is at version {}", appliedNow, dialect,
                    appliedNow.get(appliedNow.size() - 1));
        }
        return List.copyOf(appliedNow);
    }

    /** The recorded history, in version order. */
    List<Applied> history() {
        try {
            return Jdbc.inTransaction(dataSource, c -> List.copyOf(readApplied(c).values()));
        } catch (SQLException e) {
            throw new MigrationException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Under the table lock: validates the history and applies the lowest pending script, or returns null. */
    private Integer applyNext(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(dialect.lockSchemaVersionSql());
        }
        Map<Integer, Applied> applied = readApplied(c);
        validate(applied);
        Migration next = migrations.stream().filter(m -> !applied.containsKey(m.version())).findFirst()
                .orElse(null);
        if (next == null) {
            return null;
        }
        long start = System.nanoTime();
        int n = 0;
        try (Statement s = c.createStatement()) {
            for (String sql : next.statements(dialect.placeholders())) {
                n++;
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new SQLException("migration " + next.script() + " failed in statement " + n + ": "
                    + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                + " (version, description, script, checksum, applied_at, execution_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, next.version());
            ps.setString(2, next.description());
            ps.setString(3, next.script());
            ps.setString(4, next.checksum());
            Jdbc.setInstant(ps, 5, Jdbc.truncate(Instant.now()));
            ps.setLong(6, ms);
            ps.executeUpdate();
        }
        LOG.info("Applied migration {} ({} statements, {} ms)", next.script(), n, ms);
        return next.version();
    }

    private void validate(Map<Integer, Applied> applied) {
        Map<Integer, Migration> known = new TreeMap<>();
        migrations.forEach(m -> known.put(m.version(), m));
        int highestApplied = 0;
        for (Applied a : applied.values()) {
            Migration m = known.get(a.version());
            if (m == null) {
                throw new MigrationException("the database has schema version " + a.version() + " ("
                        + a.script() + ", applied " + a.appliedAt() + ") which this bundle does not know; it was"
                        + " written by a newer release. Install that release or restore a matching backup.");
            }
            if (!m.checksum().equals(a.checksum())) {
                throw new MigrationException("migration " + m.script() + " was changed after it was applied on "
                        + a.appliedAt() + ": recorded checksum " + a.checksum() + ", script checksum "
                        + m.checksum() + ". Never edit an applied migration; add a new V"
                        + (known.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1)
                        + "__....sql instead.");
            }
            highestApplied = Math.max(highestApplied, a.version());
        }
        for (Migration m : migrations) {
            if (!applied.containsKey(m.version()) && m.version() < highestApplied) {
                throw new MigrationException("migration " + m.script() + " is pending but version "
                        + highestApplied + " is already applied; out-of-order migrations are not supported");
            }
        }
    }

    private static Map<Integer, Applied> readApplied(Connection c) throws SQLException {
        Map<Integer, Applied> applied = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, description, script, checksum, applied_at"
                + " FROM " + TABLE + " ORDER BY version"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Applied a = new Applied(rs.getInt("version"), rs.getString("description"), rs.getString("script"),
                        rs.getString("checksum"), Jdbc.getInstant(rs, "applied_at"));
                applied.put(a.version(), a);
            }
        }
        return applied;
    }

    /** Creates schema_version unless it exists; tolerates a concurrent starter creating it at the same time. */
    private void ensureTable() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (tableExists(c)) {
                return;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + TABLE + " ("
                        + "version INTEGER NOT NULL PRIMARY KEY, "
                        + "description VARCHAR(200) NOT NULL, "
                        + "script VARCHAR(200) NOT NULL, "
                        + "checksum VARCHAR(64) NOT NULL, "
                        + "applied_at TIMESTAMP NOT NULL, "
                        + "execution_ms BIGINT NOT NULL)");
                LOG.info("Created table {}", TABLE);
            } catch (SQLException e) {
                if (!tableExists(c)) { // someone else may have created it in the meantime
                    throw e;
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static boolean tableExists(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String name = md.storesUpperCaseIdentifiers() ? TABLE.toUpperCase(java.util.Locale.ROOT) : TABLE;
        try (ResultSet rs = md.getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
