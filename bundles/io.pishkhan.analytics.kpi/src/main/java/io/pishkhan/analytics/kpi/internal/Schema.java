package io.pishkhan.analytics.kpi.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analytics tables (derived data only: dropping them loses nothing, {@code rebuild()} refills them). Created
 * when missing, checked through {@link DatabaseMetaData} because Derby has no {@code CREATE TABLE IF NOT EXISTS};
 * plain SQL that Derby and PostgreSQL both accept.
 */
final class Schema {
    static final String FACTS = "analytics_conversation";
    static final String FEEDBACK = "analytics_feedback";
    static final String CURSOR = "analytics_cursor";
    static final String DAILY = "analytics_daily";

    /** Table name → its CREATE statements (table first, then indexes). */
    static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(FACTS, List.of("""
                CREATE TABLE analytics_conversation (
                    conversation_id VARCHAR(64)  NOT NULL,
                    customer_id     VARCHAR(64),
                    channel         VARCHAR(64)  NOT NULL,
                    queue_id        VARCHAR(200),
                    agent_id        VARCHAR(200),
                    intent          VARCHAR(200) NOT NULL,
                    start_at        TIMESTAMP    NOT NULL,
                    hour_start      TIMESTAMP    NOT NULL,
                    day_start       TIMESTAMP    NOT NULL,
                    week_start      TIMESTAMP    NOT NULL,
                    month_start     TIMESTAMP    NOT NULL,
                    queued_at       TIMESTAMP,
                    queued_hour     INTEGER,
                    resolved_at     TIMESTAMP,
                    wait_ms         BIGINT,
                    is_queued       INTEGER NOT NULL,
                    is_answered     INTEGER NOT NULL,
                    is_abandoned    INTEGER NOT NULL,
                    asa_ms          BIGINT  NOT NULL,
                    within_target   INTEGER NOT NULL,
                    frt_count       INTEGER NOT NULL,
                    frt_ms          BIGINT  NOT NULL,
                    bot_frt_count   INTEGER NOT NULL,
                    bot_frt_ms      BIGINT  NOT NULL,
                    aht_count       INTEGER NOT NULL,
                    aht_ms          BIGINT  NOT NULL,
                    is_resolved     INTEGER NOT NULL,
                    resolution_ms   BIGINT  NOT NULL,
                    fcr_eligible    INTEGER NOT NULL,
                    fcr_resolved    INTEGER NOT NULL,
                    handed_off      INTEGER NOT NULL,
                    agent_handled   INTEGER NOT NULL,
                    surveyed        INTEGER NOT NULL,
                    csat_score      INTEGER NOT NULL,
                    csat_satisfied  INTEGER NOT NULL,
                    csat_low        INTEGER NOT NULL,
                    transfers       INTEGER NOT NULL,
                    last_seq        BIGINT  NOT NULL,
                    CONSTRAINT pk_analytics_conversation PRIMARY KEY (conversation_id)
                )""",
                "CREATE INDEX ix_analytics_conversation_start ON analytics_conversation (start_at)",
                "CREATE INDEX ix_analytics_conversation_customer ON analytics_conversation (customer_id, intent)"));
        TABLES.put(FEEDBACK, List.of("""
                CREATE TABLE analytics_feedback (
                    event_id        VARCHAR(64)  NOT NULL,
                    conversation_id VARCHAR(64)  NOT NULL,
                    start_at        TIMESTAMP    NOT NULL,
                    article_key     VARCHAR(200) NOT NULL,
                    helpful         INTEGER      NOT NULL,
                    CONSTRAINT pk_analytics_feedback PRIMARY KEY (event_id)
                )""",
                "CREATE INDEX ix_analytics_feedback_conversation ON analytics_feedback (conversation_id)",
                "CREATE INDEX ix_analytics_feedback_start ON analytics_feedback (start_at)"));
        // per day (projection zone) and dimension value: the sums of the fact rows, kept by the projector
        TABLES.put(DAILY, List.of("""
                CREATE TABLE analytics_daily (
                    dimension       VARCHAR(16)  NOT NULL,
                    dim_key         VARCHAR(200) NOT NULL,
                    day_start       TIMESTAMP    NOT NULL,
                    week_start      TIMESTAMP    NOT NULL,
                    month_start     TIMESTAMP    NOT NULL,
                    conversations   BIGINT       NOT NULL,
                    is_queued       BIGINT       NOT NULL,
                    is_answered     BIGINT       NOT NULL,
                    is_abandoned    BIGINT       NOT NULL,
                    asa_ms          BIGINT       NOT NULL,
                    within_target   BIGINT       NOT NULL,
                    frt_count       BIGINT       NOT NULL,
                    frt_ms          BIGINT       NOT NULL,
                    bot_frt_count   BIGINT       NOT NULL,
                    bot_frt_ms      BIGINT       NOT NULL,
                    aht_count       BIGINT       NOT NULL,
                    aht_ms          BIGINT       NOT NULL,
                    is_resolved     BIGINT       NOT NULL,
                    resolution_ms   BIGINT       NOT NULL,
                    fcr_eligible    BIGINT       NOT NULL,
                    fcr_resolved    BIGINT       NOT NULL,
                    handed_off      BIGINT       NOT NULL,
                    agent_handled   BIGINT       NOT NULL,
                    surveyed        BIGINT       NOT NULL,
                    csat_score      BIGINT       NOT NULL,
                    csat_satisfied  BIGINT       NOT NULL,
                    transfers       BIGINT       NOT NULL,
                    CONSTRAINT pk_analytics_daily PRIMARY KEY (dimension, dim_key, day_start)
                )""",
                "CREATE INDEX ix_analytics_daily_day ON analytics_daily (dimension, day_start)"));
        TABLES.put(CURSOR, List.of("""
                CREATE TABLE analytics_cursor (
                    name       VARCHAR(64) NOT NULL,
                    position   BIGINT      NOT NULL,
                    zone       VARCHAR(64) NOT NULL,
                    updated_at TIMESTAMP   NOT NULL,
                    CONSTRAINT pk_analytics_cursor PRIMARY KEY (name)
                )"""));
    }

    private Schema() {
    }

    /** Creates the missing tables; returns the names of those created. */
    static List<String> ensure(Connection c) throws SQLException {
        List<String> created = new java.util.ArrayList<>();
        for (Map.Entry<String, List<String>> t : TABLES.entrySet()) {
            if (!exists(c, t.getKey())) {
                try (Statement s = c.createStatement()) {
                    for (String sql : t.getValue()) {
                        s.execute(sql);
                    }
                }
                created.add(t.getKey());
            }
        }
        return created;
    }

    static boolean exists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        for (String name : new String[] {table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            for (String sch : schema == null ? new String[] {null}
                    : new String[] {schema, schema.toUpperCase(Locale.ROOT), schema.toLowerCase(Locale.ROOT)}) {
                try (ResultSet rs = md.getTables(null, sch, name, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
