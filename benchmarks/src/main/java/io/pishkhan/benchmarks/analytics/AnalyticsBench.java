package io.pishkhan.benchmarks.analytics;

import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.store.ConversationStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Analytics store benchmark (on demand, see benchmarks/README.md "Analytics"): seeds N conversations with about 10
 * events each into an embedded Derby database through the JDBC store's schema and insert statements (batched),
 * while the real projector of io.pishkhan.analytics.kpi catches up; then times the dashboard queries.
 *
 * <p>Only JDK and API types at compile time: the store, the analytics service and Derby are loaded from the class
 * path given by run-analytics-bench.sh (they are bundles, not dependencies of this module).
 */
public final class AnalyticsBench {
    static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    static final String[] CHANNELS = {"webchat", "webchat", "telegram", "whatsapp", "email"};
    static final String[] INTENTS = {"billing", "tech", "hours", "returns", "delivery", "account", "refund",
        "complaint"};
    static final int QUEUES = 10;
    static final int AGENTS = 200;

    private AnalyticsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int conversations = Integer.parseInt(o.getOrDefault("conversations", "100000"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "5000"));
        int commitEvery = Integer.parseInt(o.getOrDefault("commit-every", "1000"));
        int repeats = Integer.parseInt(o.getOrDefault("repeats", "5"));
        boolean rebuild = Boolean.parseBoolean(o.getOrDefault("rebuild", "true"));
        Path dir = Path.of(o.getOrDefault("db", "target/analytics-bench-db")).toAbsolutePath();
        Path out = Path.of(o.getOrDefault("out", "target/analytics-bench.md"));
        boolean queriesOnly = Boolean.parseBoolean(o.getOrDefault("queries-only", "false"));
        if (Files.exists(dir) != queriesOnly) {
            throw new IllegalStateException(queriesOnly ? dir + " does not exist: seed it first"
                    : dir + " exists: remove it (the benchmark seeds a fresh database)");
        }
        StringBuilder md = new StringBuilder();
        line(md, "# Analytics benchmark, " + conversations + " conversations");
        line(md, "");
        line(md, "- started " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, java " + System.getProperty("java.version")
                + ", load average " + loadAverage());

        DataSource ds = new DerbyDataSource("jdbc:derby:" + dir + ";create=true");
        ConversationStore store = newStore(ds);
        Directory directory = new Directory();
        AnalyticsService service = newService(ds, store, directory, batch);
        Method catchUp = Class.forName("io.pishkhan.analytics.kpi.internal.KpiAnalyticsService")
                .getMethod("catchUp", AnalyticsService.class);

        if (queriesOnly) {
            invoke(catchUp, service);
            line(md, "- queries only, on the existing database (lag " + service.lag() + ")");
        } else {
            seed(md, ds, service, catchUp, conversations, commitEvery, rebuild, dir);
        }
        line(md, "- database size on disk: " + String.format(Locale.ROOT, "%,.0f MB", size(dir) / 1e6));
        line(md, "");
        queries(md, service, repeats);
        line(md, "- finished " + Instant.now() + ", load average " + loadAverage());
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.print(md);
        }
        System.err.println("written to " + out);
        try {
            DriverManager.getConnection("jdbc:derby:" + dir + ";shutdown=true").close();
        } catch (SQLException expected) {
            // 08006: shut down
        }
    }

    static void seed(StringBuilder md, DataSource ds, AnalyticsService service, Method catchUp, int conversations,
            int commitEvery, boolean rebuild, Path dir) throws Exception {
        // the projector follows the writer, as in the appliance (there it is woken by each event)
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread follower = new Thread(() -> {
            while (writing.get()) {
                invoke(catchUp, service);
                sleep(50);
            }
        }, "follower");
        long t0 = System.nanoTime();
        follower.start();
        long events = new Seeder(ds, conversations, commitEvery).run();
        long stored = System.nanoTime();
        writing.set(false);
        follower.join();
        invoke(catchUp, service);
        // holes in seq (Derby skips identity values now and then) are waited for up to 5 s, then given up
        for (int i = 0; i < 100 && service.lag() != 0; i++) {
            sleep(100);
            invoke(catchUp, service);
        }
        long projected = System.nanoTime();
        if (service.lag() != 0) {
            throw new IllegalStateException("lag " + service.lag() + " after catch-up");
        }
        double storeSec = (stored - t0) / 1e9;
        double allSec = (projected - t0) / 1e9;
        line(md, String.format(Locale.ROOT, "- seeded %,d events of %,d conversations in %.1f s: **%,.0f events/s"
                + " stored**; projection caught up %.1f s later: **%,.0f events/s stored and projected**", events,
                conversations, storeSec, events / storeSec, allSec - storeSec, events / allSec));
        if (rebuild) {
            service.rebuild();
            long r0 = System.nanoTime();
            invoke(catchUp, service); // runs after the rebuild on the projector thread
            for (int i = 0; i < 100 && service.lag() != 0; i++) {
                sleep(100);
                invoke(catchUp, service);
            }
            double rs = (System.nanoTime() - r0) / 1e9;
            line(md, String.format(Locale.ROOT, "- rebuild (projection only, replaying every stored event):"
                    + " %.1f s, **%,.0f events/s projected**", rs, events / rs));
        }
    }

    static void queries(StringBuilder md, AnalyticsService service, int repeats) {
        Instant month = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, TEHRAN).toInstant();
        Instant monthEnd = ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, TEHRAN).toInstant();
        Instant year = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, TEHRAN).toInstant();
        Instant yearEnd = ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, TEHRAN).toInstant();
        List<Object[]> queries = new ArrayList<>();
        queries.add(new Object[] {"KPIs by queue and day, one month", (Query) () -> service.kpis(new KpiQuery(month,
                monthEnd, Bucket.DAY, Dimension.QUEUE, TEHRAN, Map.of())).size()});
        queries.add(new Object[] {"KPIs by agent, one month", (Query) () -> service.kpis(new KpiQuery(month,
                monthEnd, Bucket.MONTH, Dimension.AGENT, TEHRAN, Map.of())).size()});
        queries.add(new Object[] {"KPIs whole year by month", (Query) () -> service.kpis(new KpiQuery(year, yearEnd,
                Bucket.MONTH, Dimension.ALL, TEHRAN, Map.of())).size()});
        queries.add(new Object[] {"KPIs whole year by month and queue", (Query) () -> service.kpis(new KpiQuery(year,
                yearEnd, Bucket.MONTH, Dimension.QUEUE, TEHRAN, Map.of())).size()});
        queries.add(new Object[] {"friction report, one month (5 rows per kind)",
            (Query) () -> service.friction(month, monthEnd, TEHRAN, 5).size()});
        queries.add(new Object[] {"wallboard", (Query) () -> service.wallboard(TEHRAN).queues().size()});
        queries.add(new Object[] {"KPIs by queue and day, one month, in UTC (buckets cut in Java)",
            (Query) () -> service.kpis(new KpiQuery(month, monthEnd, Bucket.DAY, Dimension.QUEUE,
                    ZoneId.of("UTC"), Map.of())).size()});
        line(md, "| query (after 2 warm-up runs) | rows | median ms | max ms |");
        line(md, "|---|---:|---:|---:|");
        for (Object[] q : queries) {
            Query query = (Query) q[1];
            query.run();
            query.run();
            long[] ms = new long[repeats];
            int rows = 0;
            for (int i = 0; i < repeats; i++) {
                long s = System.nanoTime();
                rows = query.run();
                ms[i] = (System.nanoTime() - s) / 1_000_000;
            }
            Arrays.sort(ms);
            line(md, String.format(Locale.ROOT, "| %s | %d | %d | %d |", q[0], rows, ms[repeats / 2],
                    ms[repeats - 1]));
        }
        line(md, "");
    }

    @FunctionalInterface
    interface Query {
        int run();
    }

    static void line(StringBuilder md, String s) {
        md.append(s).append('\n');
        System.out.println(s);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void invoke(Method m, Object arg) {
        try {
            m.invoke(null, arg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConversationStore newStore(DataSource ds) throws ReflectiveOperationException {
        Constructor<?> c = Class.forName("io.pishkhan.store.jdbc.internal.JdbcConversationStore")
                .getDeclaredConstructor(DataSource.class, String.class);
        c.setAccessible(true);
        return (ConversationStore) c.newInstance(ds, "derby");
    }

    static AnalyticsService newService(DataSource ds, ConversationStore store, AgentDirectory dir, int batch)
            throws ReflectiveOperationException {
        Method m = Class.forName("io.pishkhan.analytics.kpi.internal.KpiAnalyticsService").getMethod("standalone",
                DataSource.class, ConversationStore.class, AgentDirectory.class, String.class, int.class);
        return (AnalyticsService) m.invoke(null, ds, store, dir, TEHRAN.getId(), batch);
    }

    /** Writes customers, conversations and their events with the JDBC store's statements, batched. */
    static final class Seeder {
        private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        private final DataSource ds;
        private final int conversations;
        private final int commitEvery;
        private final Random random = new Random(42);
        private final BitSet customers = new BitSet();
        private long eventId;

        Seeder(DataSource ds, int conversations, int commitEvery) {
            this.ds = ds;
            this.conversations = conversations;
            this.commitEvery = commitEvery;
        }

        long run() throws SQLException {
            long start = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, TEHRAN).toInstant().toEpochMilli();
            long span = ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, TEHRAN).toInstant().toEpochMilli() - start;
            long step = span / conversations;
            int customerCount = Math.max(1, conversations * 2 / 5);
            long events = 0;
            try (Connection c = ds.getConnection();
                    PreparedStatement cust = c.prepareStatement(
                            "INSERT INTO customer (id, display_name, attributes, created_at) VALUES (?, ?, ?, ?)");
                    PreparedStatement conv = c.prepareStatement("INSERT INTO conversation (id, customer_id, channel,"
                            + " address, state, queue_id, agent_id, intent, context, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement ev = c.prepareStatement("INSERT INTO conversation_event (id, conversation_id,"
                            + " type, channel, occurred_at, data) VALUES (?, ?, ?, ?, ?, ?)")) {
                c.setAutoCommit(false);
                int pending = 0;
                for (int i = 0; i < conversations; i++) {
                    Instant t = Instant.ofEpochMilli(start + i * step + random.nextInt((int) Math.min(step, 1000)));
                    int customer = random.nextInt(customerCount);
                    String customerId = "cust-" + customer;
                    boolean newCustomer = !customers.get(customer);
                    String id = "conv-" + i;
                    String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                    List<Object[]> list = events(t, channel);
                    if (newCustomer) {
                        customers.set(customer);
                        cust.setString(1, customerId);
                        cust.setString(2, null);
                        cust.setString(3, null);
                        cust.setTimestamp(4, Timestamp.from(t), UTC);
                        cust.addBatch();
                    }
                    Object[] last = list.get(list.size() - 1);
                    conv.setString(1, id);
                    conv.setString(2, customerId);
                    conv.setString(3, channel);
                    conv.setString(4, "addr-" + customer);
                    conv.setString(5, "RESOLVED");
                    conv.setString(6, null);
                    conv.setString(7, null);
                    conv.setString(8, null);
                    conv.setString(9, null);
                    conv.setTimestamp(10, Timestamp.from(t), UTC);
                    conv.setTimestamp(11, Timestamp.from((Instant) last[1]), UTC);
                    conv.addBatch();
                    for (Object[] e : list) {
                        ev.setString(1, "ev-" + (++eventId));
                        ev.setString(2, id);
                        ev.setString(3, (String) e[0]);
                        ev.setString(4, channel);
                        ev.setTimestamp(5, Timestamp.from((Instant) e[1]), UTC);
                        ev.setString(6, (String) e[2]);
                        ev.addBatch();
                        events++;
                    }
                    if (++pending == commitEvery || i == conversations - 1) {
                        cust.executeBatch();
                        conv.executeBatch();
                        ev.executeBatch();
                        c.commit();
                        pending = 0;
                        if ((i + 1) % 100_000 == 0) {
                            System.err.printf(Locale.ROOT, "%s seeded %,d conversations, %,d events%n", Instant.now(),
                                    i + 1, events);
                        }
                    }
                }
            }
            return events;
        }

        /**
         * About 10 events: 70 % handed off to a queue (5 % of them abandon; the others 12-13 events), 30 % answered by
         * the bot (8 events).
         */
        private List<Object[]> events(Instant t0, String channel) {
            List<Object[]> l = new ArrayList<>(12);
            String intent = INTENTS[random.nextInt(INTENTS.length)];
            long s = 0;
            l.add(e("RECEIVED", t0, s, null));
            s += 1 + random.nextInt(3);
            l.add(e("BOT_ANSWERED", t0, s, "intent=" + intent + "\n"));
            if (random.nextInt(10) < 7) {
                String queue = "q" + (Math.abs(intent.hashCode()) % QUEUES);
                String agent = "agent-" + random.nextInt(AGENTS);
                s += 5 + random.nextInt(20);
                l.add(e("HANDED_OFF", t0, s, "intent=" + intent + "\n"));
                l.add(e("QUEUED", t0, s, "queueId=" + queue + "\n"));
                s += random.nextInt(90);
                if (random.nextInt(20) == 0) {
                    l.add(e("ABANDONED", t0, s, null));
                    return l;
                }
                l.add(e("OFFERED", t0, s, "agentId=" + agent + "\nqueueId=" + queue + "\n"));
                s += 1 + random.nextInt(10);
                l.add(e("ASSIGNED", t0, s, "agentId=" + agent + "\nqueueId=" + queue + "\n"));
                s += 10 + random.nextInt(60);
                l.add(e("AGENT_REPLIED", t0, s, "agentId=" + agent + "\n"));
                for (int k = 0; k < 2; k++) {
                    s += 5 + random.nextInt(60);
                    l.add(e("RECEIVED", t0, s, null));
                    s += 5 + random.nextInt(60);
                    l.add(e("AGENT_REPLIED", t0, s, "agentId=" + agent + "\n"));
                }
                s += 30 + random.nextInt(300);
                l.add(e("RESOLVED", t0, s, "agentId=" + agent + "\n"));
                if (random.nextBoolean()) {
                    l.add(e("SURVEY_ANSWERED", t0, s + 60, "score=" + (1 + random.nextInt(5)) + "\n"));
                }
            } else {
                l.add(e("RECEIVED", t0, s + 20, null));
                l.add(e("BOT_ANSWERED", t0, s + 22, "intent=" + intent + "\n"));
                l.add(e("RECEIVED", t0, s + 30, null));
                l.add(e("BOT_ANSWERED", t0, s + 31, "intent=" + intent + "\n"));
                l.add(e("BOT_FEEDBACK", t0, s + 40, "articleId=kb-" + intent + "\nhelpful="
                        + (random.nextInt(4) != 0) + "\nmessageId=m\n"));
                l.add(e("RESOLVED", t0, s + 120, null));
            }
            return l;
        }

        private static Object[] e(String type, Instant t0, long sec, String data) {
            return new Object[] {type, t0.plusSeconds(sec), data};
        }
    }

    /** 10 queues, 200 agents (three quarters available). */
    static final class Directory implements AgentDirectory {
        private final List<Queue> queues = new ArrayList<>();
        private final List<Agent> agents = new ArrayList<>();

        Directory() {
            for (int i = 0; i < QUEUES; i++) {
                queues.add(new Queue("q" + i, "Queue " + i, 10, null, 80, 20 + 10 * (i % 3), null, null));
            }
            for (int i = 0; i < AGENTS; i++) {
                agents.add(new Agent("agent-" + i, "Agent " + i, Map.of(), Set.of(), 3,
                        i % 4 == 0 ? Presence.AWAY : Presence.AVAILABLE));
            }
        }

        @Override
        public List<Agent> agents() {
            return agents;
        }

        @Override
        public Optional<Agent> agent(String agentId) {
            return agents.stream().filter(a -> a.id().equals(agentId)).findFirst();
        }

        @Override
        public List<Queue> queues() {
            return queues;
        }

        @Override
        public Optional<Queue> queue(String queueId) {
            return queues.stream().filter(q -> q.id().equals(queueId)).findFirst();
        }

        @Override
        public Agent setPresence(String agentId, Presence presence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Agent setCapacity(String agentId, int capacity) {
            throw new UnsupportedOperationException();
        }
    }

    /** A DataSource over DriverManager (the embedded Derby driver on the class path). */
    static final class DerbyDataSource implements DataSource {
        private final String url;

        DerbyDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
