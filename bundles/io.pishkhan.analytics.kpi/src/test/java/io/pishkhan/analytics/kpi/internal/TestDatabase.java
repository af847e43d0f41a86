package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.store.ConversationStore;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * A real embedded Derby database in {@code target/derby/}, with the schema of the real JDBC store (its
 * {@code JdbcConversationStore} runs its own migration scripts) and events written through its insert path.
 */
final class TestDatabase implements AutoCloseable {
    private final String path;
    private EmbeddedDataSource dataSource;
    private ConversationStore store;

    TestDatabase() {
        this.path = Path.of("target", "derby", "t-" + UUID.randomUUID()).toAbsolutePath().toString();
        open();
    }

    /** Boots (or re-boots after {@link #restart()}) the database and the store. */
    private void open() {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(path);
        dataSource.setCreateDatabase("create");
        store = jdbcStore(dataSource);
    }

    /** The real store; its constructor is package-private, so it is made through reflection. */
    static ConversationStore jdbcStore(DataSource ds) {
        try {
            Class<?> type = Class.forName("io.pishkhan.store.jdbc.internal.JdbcConversationStore");
            Constructor<?> c = type.getDeclaredConstructor(DataSource.class, String.class);
            c.setAccessible(true);
            return (ConversationStore) c.newInstance(ds, "derby");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the JDBC store", e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    ConversationStore store() {
        return store;
    }

    /** Shuts Derby down cleanly and boots it again (an appliance restart). */
    void restart() {
        shutdown();
        open();
    }

    private void shutdown() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(path);
        ds.setShutdownDatabase("shutdown");
        try (Connection c = ds.getConnection()) {
            throw new IllegalStateException("shutdown did not report success");
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Shuts the database down and deletes its folder. */
    @Override
    public void close() {
        shutdown();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(Path.of(path))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // left for mvn clean
        }
    }

    /** A customer row (once) and a conversation row, as the store writes them. */
    void conversation(String id, String customerId, String channel, String state, String queueId, String agentId,
            String context, Instant createdAt, Instant updatedAt) {
        update("INSERT INTO customer (id, display_name, attributes, created_at) SELECT ?, ?, CAST(NULL AS CLOB), ?"
                + " FROM SYSIBM.SYSDUMMY1 WHERE NOT EXISTS (SELECT 1 FROM customer WHERE id = ?)",
                customerId, customerId, createdAt, customerId);
        update("INSERT INTO conversation (id, customer_id, channel, address, state, queue_id, agent_id, intent,"
                + " context, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                id, customerId, channel, "addr-" + id, state, queueId, agentId, context, createdAt, updatedAt);
    }

    void events(List<ConversationEvent> events) {
        store.appendEvents(events);
    }

    void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    long queryLong(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, ps.getParameterMetaData().getParameterType(i + 1));
            } else if (args[i] instanceof Instant t) {
                ps.setTimestamp(i + 1, Timestamp.from(t), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
