package io.pishkhan.store.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * The few things that differ between the databases the store runs on. Everything else (queries, DML, most DDL)
 * is plain SQL:2008 that Derby and PostgreSQL both accept ({@code GENERATED ALWAYS AS IDENTITY},
 * {@code FETCH FIRST n ROWS ONLY}, {@code LOCK TABLE ... IN EXCLUSIVE MODE}, SQLSTATE 23505).
 */
interface Dialect {
    /** SQLSTATE of a unique or primary key violation (standard, used by Derby and PostgreSQL). */
    String UNIQUE_VIOLATION = "23505";

    String name();

    /**
     * Values for {@code ${name}} placeholders in migration scripts, e.g. {@code ${clob}} for an unbounded text
     * column type.
     */
    Map<String, String> placeholders();

    /** Whether the exception (or one chained to it) is a unique or primary key violation. */
    default boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(n.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether a transaction that failed this way should simply be run again: a unique violation caused by a
     * concurrent insert of the same key, or SQLSTATE class 40 (transaction rollback: deadlock victim,
     * serialization failure, Derby lock timeout).
     */
    default boolean isRetryable(SQLException e) {
        if (isUniqueViolation(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes an exclusive lock on one customer row until the end of the transaction, so that concurrent inbound
     * messages of one customer are serialised (and cannot both open a conversation), and a merge of customers
     * ({@code identify}) waits for them. The default is a no-op update, which every database locks.
     *
     * @return false when the row does not exist (any more): a concurrent merge deleted it while this transaction
     *         waited for the lock, so the caller must start over
     */
    default boolean lockCustomer(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE customer SET display_name = display_name WHERE id = ?")) {
            ps.setString(1, customerId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Statement that locks the schema_version table until the end of the transaction. */
    default String lockSchemaVersionSql() {
        return "LOCK TABLE schema_version IN EXCLUSIVE MODE";
    }

    /** The dialect for a configured name: {@code derby}, {@code postgresql} or {@code auto} (detect). */
    static Dialect forName(String name, Connection c) throws SQLException {
        String n = name == null ? "auto" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "", "auto" -> detect(c.getMetaData());
            case "derby" -> new DerbyDialect();
            case "postgresql", "postgres" -> new PostgresDialect();
            default -> throw new IllegalArgumentException("unknown SQL dialect '" + name
                    + "' (expected auto, derby or postgresql)");
        };
    }

    static Dialect detect(DatabaseMetaData md) throws SQLException {
        String product = md.getDatabaseProductName();
        if (product != null && product.toLowerCase(Locale.ROOT).contains("postgres")) {
            return new PostgresDialect();
        }
        if (product != null && product.toLowerCase(Locale.ROOT).contains("derby")) {
            return new DerbyDialect();
        }
        throw new IllegalArgumentException("unsupported database '" + product
                + "': set dialect to derby or postgresql explicitly if it is compatible");
    }

    /** Embedded Apache Derby 10.16. */
    final class DerbyDialect implements Dialect {
        @Override
        public String name() {
            return "derby";
        }

        @Override
        public Map<String, String> placeholders() {
            return Map.of("clob", "CLOB", "blob", "BLOB");
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** PostgreSQL 12+. Not exercised by the unit tests yet. */
    final class PostgresDialect implements Dialect {
        @Override
        public String name() {
            return "postgresql";
        }

        @Override
        public Map<String, String> placeholders() {
            return Map.of("clob", "TEXT", "blob", "BYTEA");
        }

        @Override
        public boolean lockCustomer(Connection c, String customerId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customer WHERE id = ? FOR UPDATE")) {
                ps.setString(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
