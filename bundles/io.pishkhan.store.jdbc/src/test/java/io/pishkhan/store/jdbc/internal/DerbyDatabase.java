package io.pishkhan.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** A real embedded Derby database for one test: in memory (dropped afterwards) or in a folder. */
final class DerbyDatabase implements AutoCloseable {
    private final String databaseName;
    private final EmbeddedDataSource dataSource;

    private DerbyDatabase(String databaseName) {
        this.databaseName = databaseName;
        this.dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(databaseName);
        dataSource.setCreateDatabase("create");
    }

    static DerbyDatabase inMemory() {
        return new DerbyDatabase("memory:test-" + UUID.randomUUID());
    }

    static DerbyDatabase inFolder(Path folder) {
        return new DerbyDatabase(folder.toAbsolutePath().toString());
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Shuts the database down (Derby answers a successful shutdown with SQLState 08006). */
    void shutdown() {
        control("shutdown=true");
    }

    @Override
    public void close() {
        control(databaseName.startsWith("memory:") ? "drop=true" : "shutdown=true");
    }

    private void control(String attribute) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(databaseName);
        ds.setConnectionAttributes(attribute);
        try (Connection c = ds.getConnection()) {
            throw new IllegalStateException(attribute + " of " + databaseName + " did not report success");
        } catch (SQLException e) {
            if (!"XJ004".equals(e.getSQLState())) { // XJ004: never created (the test did not connect)
                assertEquals("08006", e.getSQLState(), () -> attribute + " failed: " + e);
            }
        }
    }

    int count(String table) {
        return queryInt("SELECT COUNT(*) FROM " + table);
    }

    int queryInt(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String queryString(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean tableExists(String table) {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, table.toUpperCase(), null)) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
