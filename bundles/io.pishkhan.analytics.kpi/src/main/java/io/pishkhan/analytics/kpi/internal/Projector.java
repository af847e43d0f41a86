package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code analytics_conversation} (one fact row per conversation) and {@code analytics_feedback} in step with
 * {@code conversation_event}, the single source of truth. Plain JDBC, no OSGi; not thread-safe (one projector
 * thread calls it).
 *
 * <p>{@link #runBatch()} reads the next {@code batchSize} events after the saved cursor in {@code seq} order,
 * reloads <em>all</em> events of the conversations they touch, derives each one's {@link ConversationFacts}, and in
 * one transaction replaces their fact rows, recomputes first contact resolution for their customers and moves the
 * cursor. Recomputing whole conversations makes a batch idempotent: processing an event twice changes nothing.
 *
 * <p>Sequence gaps: {@code seq} is assigned at insert but a row becomes visible at commit, so a hole in the
 * sequence may be an event still being committed (or a rolled-back insert, or an identity jump). The projector
 * goes on past holes, remembers the missing values for {@code gapGrace} and projects the conversation of any that
 * shows up; the saved cursor stays just before the oldest hole still waited for, so a restart re-reads from there
 * (harmless: batches are idempotent).
 */
final class Projector {
    static final String CURSOR_NAME = "projector";
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
    private static final int IN_CHUNK = 100;

    /** What the projection needs besides the database. */
    record Settings(ZoneId zone, Duration fcrWindow, long defaultTargetSeconds,
            Supplier<Map<String, Long>> targets, int batchSize, Duration gapGrace, Clock clock) {
        long targetSeconds(Map<String, Long> t, String queueId) {
            return queueId == null ? defaultTargetSeconds : t.getOrDefault(queueId, defaultTargetSeconds);
        }
    }

    private final DataSource dataSource;
    private final Settings settings;
    /** Largest gap (in seq values) waited for; a larger jump is an identity/sequence jump, skipped at once. */
    static final int MAX_GAP = 10_000;
    /** seq values missing below the high-water mark → when first seen missing. */
    private final java.util.TreeMap<Long, Instant> missing = new java.util.TreeMap<>();
    /** Largest seq read and projected in this run (-1: not known yet, start from the saved cursor). */
    private volatile long highWater = -1;
    private volatile int missingCount;
    private long skippedConversations;

    Projector(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Creates the tables when missing, and resets the projection when it was built in another zone. */
    void init() throws SQLException {
        Sql.inTransaction(dataSource, c -> {
            List<String> created = Schema.ensure(c);
            if (!created.isEmpty()) {
                LOG.info("Created analytics tables {}", created);
            }
            boolean partial = !created.isEmpty() && created.size() < Schema.TABLES.size();
            String zone = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT zone FROM analytics_cursor WHERE name = ?")) {
                ps.setString(1, CURSOR_NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    zone = rs.next() ? rs.getString(1) : null;
                }
            }
            if (zone == null) {
                insertCursor(c);
            } else if (partial) {
                LOG.info("New analytics tables {}: rebuilding the projection", created);
                reset(c);
            } else if (!zone.equals(settings.zone().getId())) {
                LOG.info("Analytics zone changed from {} to {}: rebuilding the projection", zone, settings.zone());
                reset(c);
            }
            return null;
        });
    }

    /** Empties the derived tables and sets the cursor to 0 (the projector then replays every event). */
    void rebuild() throws SQLException {
        Sql.inTransaction(dataSource, c -> {
            reset(c);
            return null;
        });
        highWater = -1;
        missing.clear();
        missingCount = 0;
    }

    private void reset(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM analytics_conversation");
            s.executeUpdate("DELETE FROM analytics_feedback");
            s.executeUpdate("DELETE FROM analytics_daily");
            s.executeUpdate("DELETE FROM analytics_cursor");
        }
        insertCursor(c);
    }

    private void insertCursor(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO analytics_cursor (name, position, zone, updated_at) VALUES (?, 0, ?, ?)")) {
            ps.setString(1, CURSOR_NAME);
            ps.setString(2, settings.zone().getId());
            Sql.setInstant(ps, 3, settings.clock().instant());
            ps.executeUpdate();
        }
    }

    long cursor() throws SQLException {
        return Sql.inTransaction(dataSource, Projector::readCursor);
    }

    private static long readCursor(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT position FROM analytics_cursor WHERE name = ?")) {
            ps.setString(1, CURSOR_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Events not yet projected: max(seq) − the largest seq projected, plus the gaps still waited for (max(seq) −
     * the saved cursor before the first batch of this run).
     */
    long lag() throws SQLException {
        return Sql.inTransaction(dataSource, c -> {
            long max;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM conversation_event")) {
                max = rs.next() ? rs.getLong(1) : 0;
            }
            long high = highWater;
            return high < 0 ? Math.max(0, max - readCursor(c)) : Math.max(0, max - high) + missingCount;
        });
    }

    long skippedConversations() {
        return skippedConversations;
    }

    /** Projects until caught up; returns the number of events read. */
    long catchUp() throws SQLException {
        long total = 0;
        while (true) {
            int n = runBatch();
            total += n;
            if (n == 0) {
                return total;
            }
        }
    }

    /** One batch in one transaction; returns how many events it projected (0: nothing to do). */
    int runBatch() throws SQLException {
        try {
            return Sql.inTransaction(dataSource, this::batch);
        } catch (SQLException | RuntimeException e) {
            highWater = -1; // re-read from the saved cursor next time
            missing.clear();
            throw e;
        }
    }

    private int batch(Connection c) throws SQLException {
        long cursor = readCursor(c);
        if (highWater < cursor) {
            highWater = cursor;
            missing.clear();
        }
        Instant now = settings.clock().instant();
        Set<String> touched = new LinkedHashSet<>();
        int read = 0;
        // 1. gaps seen before: filled by now (a late commit)? give up on those older than the grace time
        if (!missing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT conversation_id FROM conversation_event WHERE seq = ?")) {
                for (Long seq : new ArrayList<>(missing.keySet())) {
                    ps.setLong(1, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            missing.remove(seq);
                            read++;
                            if (rs.getString(1) != null) {
                                touched.add(rs.getString(1));
                            }
                        }
                    }
                }
            }
            missing.values().removeIf(seen -> Duration.between(seen, now).compareTo(settings.gapGrace()) >= 0);
        }
        // 2. the next events after the high-water mark; holes in seq become "missing" for a while
        long prev = highWater;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, conversation_id FROM conversation_event"
                + " WHERE seq > ? ORDER BY seq FETCH FIRST " + settings.batchSize() + " ROWS ONLY")) {
            ps.setLong(1, highWater);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq - prev > 1 && seq - prev <= MAX_GAP && prev > 0) {
                        for (long m = prev + 1; m < seq; m++) {
                            missing.put(m, now);
                        }
                    }
                    prev = seq;
                    read++;
                    if (rs.getString(2) != null) {
                        touched.add(rs.getString(2));
                    }
                }
            }
        }
        if (read > 0) {
            project(c, touched);
            highWater = prev;
        }
        long newCursor = missing.isEmpty() ? highWater : missing.firstKey() - 1;
        if (newCursor != cursor) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE analytics_cursor SET position = ?, updated_at = ? WHERE name = ?")) {
                ps.setLong(1, newCursor);
                Sql.setInstant(ps, 2, now);
                ps.setString(3, CURSOR_NAME);
                ps.executeUpdate();
            }
        }
        missingCount = missing.size();
        return read;
    }

    /** Recomputes the fact rows of {@code conversations} (and FCR of their customers) on connection {@code c}. */
    void project(Connection c, Set<String> conversations) throws SQLException {
        if (conversations.isEmpty()) {
            return;
        }
        // one statement per id (prepared once per batch): an index probe each, which Derby plans reliably,
        // where a long IN list may end up as a scan
        Map<String, List<ConversationEvent>> events = new LinkedHashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        Map<String, String> customers = new HashMap<>();
        Set<String> affectedCustomers = new HashSet<>();
        DailyRollup rollup = new DailyRollup();
        try (PreparedStatement ev = c.prepareStatement("SELECT id, conversation_id, type, channel, occurred_at,"
                + " data, seq FROM conversation_event WHERE conversation_id = ? ORDER BY occurred_at, seq");
                PreparedStatement cust = c.prepareStatement("SELECT customer_id FROM conversation WHERE id = ?");
                PreparedStatement old = c.prepareStatement("SELECT customer_id, day_start, week_start,"
                        + " month_start, queue_id, agent_id, channel, intent, " + String.join(", ", KpiSums.COLUMNS)
                        + " FROM analytics_conversation WHERE conversation_id = ?");
                PreparedStatement delFacts = c.prepareStatement(
                        "DELETE FROM analytics_conversation WHERE conversation_id = ?");
                PreparedStatement delFeedback = c.prepareStatement(
                        "DELETE FROM analytics_feedback WHERE conversation_id = ?")) {
            for (String conv : conversations) {
                ev.setString(1, conv);
                try (ResultSet rs = ev.executeQuery()) {
                    while (rs.next()) {
                        lastSeq.merge(conv, rs.getLong(7), Math::max);
                        EventType type = type(rs.getString(3));
                        if (type == null) {
                            continue; // a type this bundle does not know: no KPI depends on it
                        }
                        events.computeIfAbsent(conv, k -> new ArrayList<>()).add(new ConversationEvent(
                                rs.getString(1), type, conv, rs.getString(4), Sql.getInstant(rs, 5),
                                EventData.decode(rs.getString(6))));
                    }
                }
                cust.setString(1, conv);
                try (ResultSet rs = cust.executeQuery()) {
                    if (rs.next()) {
                        customers.put(conv, rs.getString(1));
                    }
                }
                // the customer the row had before: a conversation that moved to another profile changes both
                old.setString(1, conv);
                boolean hadRow = false;
                try (ResultSet rs = old.executeQuery()) {
                    if (rs.next()) {
                        hadRow = true;
                        if (rs.getString(1) != null) {
                            affectedCustomers.add(rs.getString(1));
                        }
                        KpiSums was = new KpiSums();
                        was.read(rs, 9);
                        rollup.add(Sql.getInstant(rs, 2), Sql.getInstant(rs, 3), Sql.getInstant(rs, 4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), was, true);
                    }
                }
                if (hadRow) {
                    delFacts.setString(1, conv);
                    delFacts.executeUpdate();
                    delFeedback.setString(1, conv);
                    delFeedback.executeUpdate();
                }
            }
        }
        Map<String, Long> targets = settings.targets().get();
        List<ConversationFacts> facts = new ArrayList<>();
        for (Map.Entry<String, List<ConversationEvent>> e : events.entrySet()) {
            try {
                facts.add(ConversationFacts.of(e.getKey(), e.getValue(), customers.get(e.getKey())));
            } catch (RuntimeException ex) {
                skippedConversations++;
                LOG.warn("Skipping conversation {} in analytics: {}", e.getKey(), ex.toString());
            }
        }
        insertFacts(c, facts, targets, lastSeq, rollup);
        for (ConversationFacts f : facts) {
            if (f.customerId() != null) {
                affectedCustomers.add(f.customerId());
            }
        }
        updateFcr(c, affectedCustomers, rollup);
        rollup.apply(c);
    }

    private void insertFacts(Connection c, List<ConversationFacts> facts, Map<String, Long> targets,
            Map<String, Long> lastSeq, DailyRollup rollup) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        ZoneId zone = settings.zone();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO analytics_conversation (conversation_id,"
                + " customer_id, channel, queue_id, agent_id, intent, start_at, hour_start, day_start, week_start,"
                + " month_start, queued_at, queued_hour, resolved_at, wait_ms, is_queued, is_answered, is_abandoned,"
                + " asa_ms, within_target, frt_count, frt_ms, bot_frt_count, bot_frt_ms, aht_count, aht_ms,"
                + " is_resolved, resolution_ms, fcr_eligible, fcr_resolved, handed_off, agent_handled, surveyed,"
                + " csat_score, csat_satisfied, csat_low, transfers, last_seq) VALUES (" + Sql.marks(38) + ")");
                PreparedStatement fb = c.prepareStatement("INSERT INTO analytics_feedback (event_id,"
                        + " conversation_id, start_at, article_key, helpful) VALUES (?, ?, ?, ?, ?)")) {
            int feedback = 0;
            for (ConversationFacts f : facts) {
                int i = 1;
                ps.setString(i++, f.id());
                ps.setString(i++, cut(f.customerId(), 64));
                ps.setString(i++, cut(f.channel(), 64));
                ps.setString(i++, cut(f.queueId(), 200));
                ps.setString(i++, cut(f.agentId(), 200));
                ps.setString(i++, cut(f.intent(), 200));
                Sql.setInstant(ps, i++, f.start());
                Instant[] buckets = new Instant[4];
                int bi = 0;
                for (Bucket b : new Bucket[] {Bucket.HOUR, Bucket.DAY, Bucket.WEEK, Bucket.MONTH}) {
                    buckets[bi] = Buckets.startOf(b, f.start(), zone).toInstant();
                    Sql.setInstant(ps, i++, buckets[bi++]);
                }
                long target = settings.targetSeconds(targets, f.queueId());
                KpiSums sums = new KpiSums();
                sums.add(f, target, false); // FCR is counted by updateFcr
                rollup.add(buckets[1], buckets[2], buckets[3], cut(f.queueId(), 200), cut(f.agentId(), 200),
                        cut(f.channel(), 64), cut(f.intent(), 200), sums, false);
                Sql.setInstant(ps, i++, f.firstQueued());
                if (f.firstQueued() == null) {
                    ps.setNull(i++, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(i++, f.firstQueued().atZone(zone).getHour());
                }
                Sql.setInstant(ps, i++, f.resolvedAt());
                Sql.setLong(ps, i++, f.waitMillis());
                ps.setInt(i++, flag(f.queued()));
                ps.setInt(i++, flag(f.answered()));
                ps.setInt(i++, flag(f.abandonedInQueue()));
                ps.setLong(i++, nz(f.answerWaitMillis()));
                ps.setInt(i++, flag(f.withinTarget(target)));
                ps.setInt(i++, flag(f.firstResponseMillis() != null));
                ps.setLong(i++, nz(f.firstResponseMillis()));
                ps.setInt(i++, flag(f.botFirstResponseMillis() != null));
                ps.setLong(i++, nz(f.botFirstResponseMillis()));
                ps.setInt(i++, flag(f.handlingMillis() != null));
                ps.setLong(i++, nz(f.handlingMillis()));
                ps.setInt(i++, flag(f.resolved()));
                ps.setLong(i++, nz(f.resolutionMillis()));
                ps.setInt(i++, flag(f.fcrEligible()));
                ps.setInt(i++, 0); // fcr_resolved: set by updateFcr with the customer's other conversations
                ps.setInt(i++, flag(f.handedOff()));
                ps.setInt(i++, flag(f.agentHandled()));
                Integer score = f.surveyScore();
                ps.setInt(i++, flag(score != null));
                ps.setInt(i++, score == null ? 0 : score);
                ps.setInt(i++, flag(score != null && score >= 4));
                ps.setInt(i++, flag(score != null && score <= 2));
                ps.setInt(i++, f.transfers());
                ps.setLong(i, lastSeq.getOrDefault(f.id(), 0L));
                ps.addBatch();
                for (ConversationFacts.Feedback x : f.feedback()) {
                    fb.setString(1, cut(x.eventId(), 64));
                    fb.setString(2, f.id());
                    Sql.setInstant(fb, 3, f.start());
                    fb.setString(4, cut(x.key(), 200));
                    fb.setInt(5, flag(x.helpful()));
                    fb.addBatch();
                    feedback++;
                }
            }
            ps.executeBatch();
            if (feedback > 0) {
                fb.executeBatch();
            }
        }
    }

    /** A stored row, as FCR sees it. */
    private record Row(String id, String intent, Instant start, Instant resolvedAt, boolean eligible,
            boolean fcr, Instant day, Instant week, Instant month, String queue, String agent, String channel)
            implements ConversationFacts.FcrCandidate {
    }

    private void updateFcr(Connection c, Set<String> customerIds, DailyRollup rollup) throws SQLException {
        if (customerIds.isEmpty()) {
            return;
        }
        Map<String, List<Row>> byCustomer = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT conversation_id, intent, start_at, resolved_at,"
                + " fcr_eligible, fcr_resolved, day_start, week_start, month_start, queue_id, agent_id, channel"
                + " FROM analytics_conversation WHERE customer_id = ?")) {
            for (String customer : customerIds) {
                ps.setString(1, customer);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byCustomer.computeIfAbsent(customer, k -> new ArrayList<>()).add(new Row(rs.getString(1),
                                rs.getString(2), Sql.getInstant(rs, 3), Sql.getInstant(rs, 4), rs.getInt(5) == 1,
                                rs.getInt(6) == 1, Sql.getInstant(rs, 7), Sql.getInstant(rs, 8),
                                Sql.getInstant(rs, 9), rs.getString(10), rs.getString(11), rs.getString(12)));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE analytics_conversation SET fcr_resolved = ? WHERE conversation_id = ?")) {
            int n = 0;
            for (List<Row> rows : byCustomer.values()) {
                for (Row r : rows) {
                    boolean fcr = r.eligible() && r.resolvedAt() != null
                            && ConversationFacts.firstContactResolved(r, r.resolvedAt(), rows, settings.fcrWindow());
                    if (fcr != r.fcr()) {
                        KpiSums d = new KpiSums();
                        d.fcr = fcr ? 1 : -1;
                        rollup.add(r.day(), r.week(), r.month(), r.queue(), r.agent(), r.channel(), r.intent(), d,
                                false);
                        ps.setInt(1, flag(fcr));
                        ps.setString(2, r.id());
                        ps.addBatch();
                        n++;
                    }
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    private static EventType type(String name) {
        try {
            return name == null ? null : EventType.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int flag(boolean b) {
        return b ? 1 : 0;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
