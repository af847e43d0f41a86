package io.pishkhan.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Web chat load generator: N visitors over the WebSocket transport (PROTOCOL.md version 1), an open-model
 * message scheduler, ack and bot-reply latency histograms, a REST cross-check of what was stored.
 * Run {@code java -jar target/pishkhan-benchmarks.jar --help}.
 */
public final class WebchatLoad {
    final Options options;
    final Stats totals = new Stats("total", 0);
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "timer"));
    private final List<Visitor> visitors = new ArrayList<>();
    private final List<Stats> phases = new ArrayList<>();
    private final List<String> questions;
    private final Map<String, LongAdder> disconnects = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> connectFailures = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger welcomed = new AtomicInteger();
    private volatile Stats current = totals;
    private int cursor;

    WebchatLoad(Options options) throws Exception {
        this.options = options;
        this.questions = options.questions();
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Map<String, Object> summary = new WebchatLoad(o).run();
        if (o.jsonFile != null) {
            Files.writeString(o.jsonFile, Visitor.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(summary) + "\n", StandardCharsets.UTF_8);
            System.out.println("JSON summary: " + o.jsonFile.toAbsolutePath());
        }
        System.exit(0);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "load-" + name);
        t.setDaemon(true);
        return t;
    }

    // ------------------------------------------------------------------ run

    Map<String, Object> run() throws Exception {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("startedAt", Instant.now().toString());
        summary.put("loadAverageAtStart", loadAverage());
        summary.put("options", optionsMap());
        long cpu0 = cpuNanos();
        AtomicInteger tn = new AtomicInteger();
        ExecutorService callbacks = Executors.newFixedThreadPool(options.threads, r -> daemon(r, "cb-" + tn.incrementAndGet()));
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < options.clients; i++) {
            clients.add(HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(30)).build());
        }
        System.out.printf("connecting %d visitors to %s over %.0f s (origin %s)%n", options.visitors, options.url,
                options.rampSeconds, options.origin);

        // 1. ramp: open the WebSockets evenly over the ramp, at most N handshakes at a time
        long t0 = System.nanoTime();
        Semaphore handshakes = new Semaphore(options.maxConcurrentHandshakes);
        CountDownLatch attempted = new CountDownLatch(options.visitors);
        for (int i = 0; i < options.visitors; i++) {
            long due = t0 + (long) (i * options.rampSeconds * 1e9 / options.visitors);
            sleepUntil(due);
            handshakes.acquire();
            Visitor v = new Visitor(i, this);
            visitors.add(v);
            v.connect(clients.get(i % clients.size()), options.url, options.origin).whenComplete((ws, e) -> {
                handshakes.release();
                attempted.countDown();
                if (e != null) {
                    Throwable c = e.getCause() != null ? e.getCause() : e;
                    connectFailures.computeIfAbsent(c.getClass().getSimpleName() + ": " + c.getMessage(),
                            k -> new LongAdder()).increment();
                    v.closed = true;
                } else {
                    connected.incrementAndGet();
                    v.hello(options.lang.equals("mixed") ? (v.index % 2 == 0 ? "fa" : "en") : options.lang);
                }
            });
        }
        attempted.await(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (welcomed.get() < connected.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double rampActual = (System.nanoTime() - t0) / 1e9;
        System.out.printf("connected %d, welcomed %d of %d in %.1f s; connect failures %s%n", connected.get(),
                welcomed.get(), options.visitors, rampActual, counts(connectFailures));
        if (welcomed.get() == 0) {
            throw new IllegalStateException("no visitor was welcomed; is the webchat channel installed at " + options.url + "?");
        }
        timer.scheduleAtFixedRate(this::pingIdle, 5, 5, TimeUnit.SECONDS);

        // 2. phases
        if (options.kneeRates != null) {
            for (double r : options.kneeRates) {
                runPhase(new Stats("rate-" + (long) r, r), options.stepSeconds);
                printPhase(phases.get(phases.size() - 1));
            }
        } else {
            double r = options.singleRate();
            if (options.warmupSeconds > 0) {
                runPhase(new Stats("warmup", r), options.warmupSeconds);
            }
            runPhase(new Stats("main", r), options.durationSeconds);
        }
        int heldAtEnd = (int) visitors.stream().filter(v -> v.ready && !v.closed).count();
        Stats drain = new Stats("drain", 0); // completions after the last phase do not count in its window
        current = drain;

        // 3. drain: outstanding acks and replies
        long drainStart = System.nanoTime();
        long drainEnd = drainStart + (long) (options.drainSeconds * 1e9);
        while (System.nanoTime() < drainEnd && outstanding() > 0) {
            Thread.sleep(100);
        }
        double drainTook = (System.nanoTime() - drainStart) / 1e9;
        totals.endNanos = System.nanoTime();
        long cpu1 = cpuNanos();

        Map<String, Object> conn = new LinkedHashMap<>();
        conn.put("target", options.visitors);
        conn.put("connected", connected.get());
        conn.put("welcomed", welcomed.get());
        conn.put("heldAtEnd", heldAtEnd);
        conn.put("rampSeconds", Stats.round(rampActual));
        conn.put("connectFailures", counts(connectFailures));
        conn.put("disconnects", counts(disconnects));
        summary.put("connections", conn);
        List<Map<String, Object>> ph = new ArrayList<>();
        phases.forEach(p -> ph.add(p.toMap()));
        summary.put("phases", ph);
        Map<String, Object> tot = totals.toMap();
        tot.remove("ackThroughputPerSecond");
        tot.remove("replyThroughputPerSecond");
        tot.put("outstandingAfterDrain", outstanding());
        tot.put("unackedAfterDrain", visitors.stream().mapToLong(Visitor::unacked).sum());
        tot.put("drainSeconds", Stats.round(drainTook));
        tot.put("acksDuringDrain", drain.acksInWindow.sum());
        tot.put("repliesDuringDrain", drain.repliesInWindow.sum());
        summary.put("totals", tot);

        // 4. nothing lost? compare with what the appliance stored
        summary.put("verification", verify());
        summary.put("generatorCpuSeconds", Stats.round((cpu1 - cpu0) / 1e9));
        summary.put("loadAverageAtEnd", loadAverage());
        for (Visitor v : visitors) {
            v.close();
        }
        Thread.sleep(300);
        printSummary(summary);
        return summary;
    }

    private void runPhase(Stats phase, double seconds) {
        phases.add(phase);
        System.out.printf("phase %s: %.0f msg/s for %.0f s%n", phase.name, phase.offeredRate, seconds);
        long start = System.nanoTime();
        if (totals.startNanos == 0) {
            totals.startNanos = start;
        }
        phase.startNanos = start;
        current = phase;
        double interval = 1e9 / phase.offeredRate;
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = (long) ((now - start) / interval) + 1;
            while (n < due) {
                dispatch(start + (long) (n * interval), phase);
                n++;
            }
            LockSupport.parkNanos(100_000);
        }
        phase.endNanos = end;
    }

    /** Gives one scheduled message to the next usable visitor (round robin). */
    private void dispatch(long scheduledNanos, Stats phase) {
        phase.scheduled.increment();
        totals.scheduled.increment();
        int n = visitors.size();
        for (int tries = 0; tries < n; tries++) {
            Visitor v = visitors.get(cursor);
            cursor = (cursor + 1) % n;
            String q = questions.get((int) ((v.index + v.seq) % questions.size()));
            if (v.ask(q, scheduledNanos, phase)) {
                return;
            }
        }
        phase.error("client-no-visitor");
        totals.error("client-no-visitor");
    }

    private long outstanding() {
        long o = 0;
        for (Visitor v : visitors) {
            if (!v.closed) {
                o += v.outstanding();
            }
        }
        return o;
    }

    private void pingIdle() {
        long idle = (long) (options.pingSeconds * 1e9);
        long now = System.nanoTime();
        for (Visitor v : visitors) {
            if (v.ready && !v.closed && now - v.lastWriteNanos > idle) {
                v.ping();
            }
        }
    }

    // ------------------------------------------------------------------ callbacks from visitors

    void welcomed(Visitor v) {
        welcomed.incrementAndGet();
    }

    void disconnected(Visitor v, String why) {
        disconnects.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    void recordAck(Visitor.Pending p, long now, boolean duplicate) {
        Stats s = p.stats;
        record(s.ack, now - p.scheduledNanos);
        record(totals.ack, now - p.scheduledNanos);
        if (p.writtenNanos > 0) {
            record(s.ackFromWrite, now - p.writtenNanos);
            record(totals.ackFromWrite, now - p.writtenNanos);
        }
        s.acked.increment();
        totals.acked.increment();
        if (duplicate) {
            s.duplicates.increment();
            totals.duplicates.increment();
        }
        current.acksInWindow.increment();
    }

    void recordReply(Visitor.Pending p, long now) {
        Stats s = p.stats;
        record(s.reply, now - p.scheduledNanos);
        record(totals.reply, now - p.scheduledNanos);
        if (p.writtenNanos > 0) {
            record(s.replyFromWrite, now - p.writtenNanos);
            record(totals.replyFromWrite, now - p.writtenNanos);
        }
        s.answered.increment();
        totals.answered.increment();
        current.repliesInWindow.increment();
    }

    void countError(String code) {
        current.error(code); // by the phase in which the error arrived
        totals.error(code);
    }

    private static void record(org.HdrHistogram.Histogram h, long nanos) {
        h.recordValue(Math.min(Stats.MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    // ------------------------------------------------------------------ verification through the REST API

    private Map<String, Object> verify() throws InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        long sent = visitors.stream().mapToLong(v -> v.sentUnique).sum();
        long acked = visitors.stream().mapToLong(v -> v.ackedUnique).sum();
        long answered = visitors.stream().mapToLong(v -> v.answered).sum();
        out.put("sentUnique", sent);
        out.put("ackedUnique", acked);
        out.put("answered", answered);
        out.put("lostBeforeAck", sent - acked);
        out.put("unanswered", acked - answered);
        if (options.verify == 0 || options.adminPassword == null) {
            out.put("stored", "not checked (" + (options.verify == 0 ? "--verify 0" : "no PISHKHAN_ADMIN_PASSWORD / --password") + ")");
            return out;
        }
        List<Visitor> sample = new ArrayList<>(visitors.stream().filter(v -> !v.conversationIds.isEmpty()).toList());
        Collections.shuffle(sample);
        if (options.verify > 0 && sample.size() > options.verify) {
            sample = sample.subList(0, options.verify);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((options.adminUser + ":" + options.adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        Semaphore parallel = new Semaphore(4);
        LongAdder sSent = new LongAdder(), sAcked = new LongAdder(), sAnswered = new LongAdder();
        LongAdder storedInbound = new LongAdder(), storedBot = new LongAdder(), storedOther = new LongAdder();
        LongAdder mismatches = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        List<String> examples = Collections.synchronizedList(new ArrayList<>());
        long t = System.nanoTime();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Visitor v : sample) {
            parallel.acquire();
            List<CompletableFuture<long[]>> convs = new ArrayList<>();
            for (String id : v.conversationIds) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(options.apiBase + "/conversations/" + id))
                        .header("Authorization", auth).timeout(Duration.ofSeconds(60)).GET().build();
                convs.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(r -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode());
                    }
                    try {
                        long in = 0, bot = 0, other = 0;
                        for (JsonNode m : Visitor.JSON.readTree(r.body()).path("messages")) {
                            String dir = m.path("direction").asText();
                            if (dir.equals("INBOUND") && m.path("clientMessageId").asText("").startsWith(v.token + ":")) {
                                in++;
                            } else if (dir.equals("OUTBOUND") && m.path("senderType").asText().equals("BOT")) {
                                bot++;
                            } else {
                                other++;
                            }
                        }
                        return new long[] {in, bot, other};
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            all.add(CompletableFuture.allOf(convs.toArray(CompletableFuture[]::new)).whenComplete((x, e) -> {
                parallel.release();
                if (e != null) {
                    Throwable c = e.getCause() != null ? e.getCause() : e;
                    failures.computeIfAbsent(String.valueOf(c.getMessage()), k -> new LongAdder()).increment();
                    return;
                }
                long in = 0, bot = 0, other = 0;
                for (CompletableFuture<long[]> f : convs) {
                    long[] c = f.join();
                    in += c[0];
                    bot += c[1];
                    other += c[2];
                }
                long vs, va, vn;
                synchronized (v) {
                    vs = v.sentUnique;
                    va = v.ackedUnique;
                    vn = v.answered;
                }
                sSent.add(vs);
                sAcked.add(va);
                sAnswered.add(vn);
                storedInbound.add(in);
                storedBot.add(bot);
                storedOther.add(other);
                if (in != va || bot != vn) {
                    mismatches.increment();
                    if (examples.size() < 5) {
                        examples.add(String.format("visitor %d conv %s: sent %d acked %d stored %d, answered %d stored bot %d",
                                v.index, v.conversationIds, vs, va, in, vn, bot));
                    }
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        out.put("conversationsChecked", sample.stream().mapToInt(v -> v.conversationIds.size()).sum());
        out.put("visitorsChecked", sample.size());
        out.put("sampleSent", sSent.sum());
        out.put("sampleAcked", sAcked.sum());
        out.put("sampleStoredInbound", storedInbound.sum());
        out.put("sampleAnswered", sAnswered.sum());
        out.put("sampleStoredBotReplies", storedBot.sum());
        out.put("sampleStoredOtherMessages", storedOther.sum());
        out.put("visitorsWithMismatch", mismatches.sum());
        out.put("mismatchExamples", examples);
        out.put("restFailures", counts(failures));
        out.put("nothingLost", sent == acked && acked == answered && mismatches.sum() == 0 && failures.isEmpty()
                && sAcked.sum() == storedInbound.sum() && sAnswered.sum() == storedBot.sum());
        out.put("verifySeconds", Stats.round((System.nanoTime() - t) / 1e9));
        return out;
    }

    // ------------------------------------------------------------------ output

    private void printPhase(Stats p) {
        Map<String, Object> m = p.toMap();
        System.out.printf("  %-10s offered %6.0f/s  acks %7.1f/s  replies %7.1f/s  ack p99 %8.1f ms  reply p99 %8.1f ms  errors %s%n",
                p.name, p.offeredRate, m.get("ackThroughputPerSecond"), m.get("replyThroughputPerSecond"),
                Stats.ms(p.ack.copy().getValueAtPercentile(99)), Stats.ms(p.reply.copy().getValueAtPercentile(99)), p.errorCounts());
    }

    @SuppressWarnings("unchecked")
    private void printSummary(Map<String, Object> s) {
        StringBuilder b = new StringBuilder();
        b.append("\n==================== webchat load summary ====================\n");
        Map<String, Object> c = (Map<String, Object>) s.get("connections");
        b.append(String.format("connections: target %s, connected %s, welcomed %s, held at end %s (ramp %.1f s); failures %s; disconnects %s%n",
                c.get("target"), c.get("connected"), c.get("welcomed"), c.get("heldAtEnd"), c.get("rampSeconds"),
                c.get("connectFailures"), c.get("disconnects")));
        b.append(String.format("%-10s %8s %8s %8s %8s %9s %9s | %-38s | %-38s%n", "phase", "offered", "sent", "acked",
                "answered", "acks/s", "replies/s", "ack ms p50/p90/p99/p99.9/max", "reply ms p50/p90/p99/p99.9/max"));
        for (Map<String, Object> p : (List<Map<String, Object>>) s.get("phases")) {
            b.append(String.format("%-10s %8.0f %8d %8d %8d %9.1f %9.1f | %-38s | %-38s%n", p.get("phase"), p.get("offeredRate"),
                    p.get("sent"), p.get("acked"), p.get("answered"), p.get("ackThroughputPerSecond"),
                    p.get("replyThroughputPerSecond"), pct((Map<String, Object>) p.get("ackLatencyMs")),
                    pct((Map<String, Object>) p.get("replyLatencyMs"))));
            b.append(String.format("%-10s %55s | %-38s | %-38s  errors %s%n", "", "(from write)",
                    pct((Map<String, Object>) p.get("ackLatencyFromWriteMs")),
                    pct((Map<String, Object>) p.get("replyLatencyFromWriteMs")), p.get("errors")));
        }
        Map<String, Object> t = (Map<String, Object>) s.get("totals");
        b.append(String.format("totals: scheduled %s sent %s acked %s (duplicates %s) answered %s; drain %.1f s (acks %s, replies %s in it), then outstanding %s, unacked %s; errors %s%n",
                t.get("scheduled"), t.get("sent"), t.get("acked"), t.get("duplicates"), t.get("answered"),
                t.get("drainSeconds"), t.get("acksDuringDrain"), t.get("repliesDuringDrain"), t.get("outstandingAfterDrain"),
                t.get("unackedAfterDrain"), t.get("errors")));
        b.append("verification: ").append(s.get("verification")).append('\n');
        b.append(String.format("generator CPU %.1f s; load average start %s, end %s%n", s.get("generatorCpuSeconds"),
                s.get("loadAverageAtStart"), s.get("loadAverageAtEnd")));
        System.out.print(b);
    }

    private static String pct(Map<String, Object> m) {
        return String.format("%.1f/%.1f/%.1f/%.1f/%.1f", m.get("p50"), m.get("p90"), m.get("p99"), m.get("p999"), m.get("max"));
    }

    private Map<String, Object> optionsMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", options.url.toString());
        m.put("visitors", options.visitors);
        m.put("rampSeconds", options.rampSeconds);
        m.put("rate", options.kneeRates == null ? options.singleRate() : null);
        m.put("perVisitorIntervalMs", options.perVisitorIntervalMs > 0 && options.rate <= 0 ? options.perVisitorIntervalMs : null);
        m.put("durationSeconds", options.durationSeconds);
        m.put("warmupSeconds", options.warmupSeconds);
        m.put("knee", options.kneeRates);
        m.put("stepSeconds", options.kneeRates == null ? null : options.stepSeconds);
        m.put("origin", options.origin);
        m.put("lang", options.lang);
        m.put("questions", questions.size());
        return m;
    }

    private static Map<String, Long> counts(Map<String, LongAdder> m) {
        Map<String, Long> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long d;
        while ((d = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(d, 50_000_000));
        }
    }
}
