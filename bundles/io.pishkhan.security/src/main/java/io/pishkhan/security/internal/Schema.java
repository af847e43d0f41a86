package io.pishkhan.security.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security bundle's own tables, created when missing (SQL that Derby and PostgreSQL both accept; times are
 * epoch milliseconds, so no time zone is involved).
 */
final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    static final String USERS = """
            CREATE TABLE security_user (
              name VARCHAR(64) NOT NULL PRIMARY KEY,
              display_name VARCHAR(200) NOT NULL,
              roles VARCHAR(200) NOT NULL,
              queues VARCHAR(4000) NOT NULL,
              language VARCHAR(8) NOT NULL,
              disabled BOOLEAN NOT NULL,
              must_change BOOLEAN NOT NULL,
              password_hash VARCHAR(200) NOT NULL,
              failed_logins INTEGER NOT NULL,
              locked_until BIGINT,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL)""";

    static final String TOKENS = """
            CREATE TABLE security_token (
              id VARCHAR(32) NOT NULL PRIMARY KEY,
              name VARCHAR(200) NOT NULL,
              role VARCHAR(32) NOT NULL,
              secret_sha256 CHAR(64) NOT NULL UNIQUE,
              created_by VARCHAR(200) NOT NULL,
              created_at BIGINT NOT NULL,
              expires_at BIGINT,
              revoked_at BIGINT,
              last_used_at BIGINT)""";

    private Schema() {
    }

    /** Creates {@code table} with {@code ddl} unless it exists. */
    static void ensure(DataSource ds, String table, String ddl) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0").close();
                return;
            } catch (SQLException missing) {
                // fall through: create it
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate(ddl);
                LOG.info("Created table {}", table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create table " + table + ": " + e.getMessage(), e);
        }
    }
}
