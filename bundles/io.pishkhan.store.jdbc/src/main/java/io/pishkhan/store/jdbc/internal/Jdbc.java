package io.pishkhan.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small JDBC helpers: transactions and UTC timestamps. */
final class Jdbc {
    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private Jdbc() {
    }

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a fresh connection: auto-commit off, commit on success, rollback on
     * any exception (which is rethrown as is), auto-commit restored before the connection is closed (returned to
     * its pool).
     */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                if (autoCommit) {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException e) {
                        LOG.warn("Could not restore auto-commit on {}", c, e);
                    }
                }
            }
        }
    }

    static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Precision kept in the database: microseconds (PostgreSQL's; Derby keeps nanoseconds). */
    static Instant truncate(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Writes an instant into a TIMESTAMP (without time zone) column as its UTC wall-clock time, independent of
     * the JVM's default time zone (no DST gaps or overlaps).
     */
    static void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, Timestamp.from(t), Calendar.getInstance(UTC));
        }
    }

    /** Reads a TIMESTAMP column written by {@link #setInstant}. */
    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column, Calendar.getInstance(UTC));
        return ts == null ? null : ts.toInstant();
    }
}
