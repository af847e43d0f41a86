package io.pishkhan.analytics.kpi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.TimeZone;
import javax.sql.DataSource;

/** Small JDBC helpers: transactions and UTC timestamps (the same TIMESTAMP convention as the JDBC store). */
final class Sql {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private Sql() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction on its own connection; rollback on any exception. */
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
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                if (autoCommit) {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException ignored) {
                        // the connection is closed next
                    }
                }
            }
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, Timestamp.from(t), Calendar.getInstance(UTC));
        }
    }

    static Instant getInstant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column, Calendar.getInstance(UTC));
        return ts == null ? null : ts.toInstant();
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column, Calendar.getInstance(UTC));
        return ts == null ? null : ts.toInstant();
    }

    static void setLong(PreparedStatement ps, int index, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, v);
        }
    }

    /** {@code ?, ?, ?} with n marks. */
    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static int bind(PreparedStatement ps, int first, Collection<String> values) throws SQLException {
        int i = first;
        for (String v : values) {
            ps.setString(i++, v);
        }
        return i;
    }
}
