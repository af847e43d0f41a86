package io.pishkhan.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line flags of {@link WebchatLoad}. */
final class Options {
    URI url = URI.create("ws://localhost:8181/webchat/ws");
    int visitors = 200;
    double rampSeconds = 10;
    double rate = 0; // messages/s over all visitors (open model); 0: use perVisitorIntervalMs
    double perVisitorIntervalMs = 0;
    double durationSeconds = 30;
    double drainSeconds = 15;
    String origin; // null: scheme://host:port of --url
    String lang = "en"; // en, fa or mixed
    Path questionsFile;
    Path jsonFile;
    List<Double> kneeRates; // non-null: knee mode
    double stepSeconds = 20;
    double warmupSeconds = 0;
    int clients = 4; // java.net.http clients (one selector thread each)
    int threads = 4; // listener/callback threads
    int maxConcurrentHandshakes = 100;
    boolean retryRateLimited = true;
    // verification through the REST API
    String apiBase; // null: http(s)://host:port of --url
    String adminUser = "admin";
    String adminPassword = System.getenv("PISHKHAN_ADMIN_PASSWORD");
    int verify = -1; // conversations to check: -1 all, 0 none
    double pingSeconds = 25;

    static Options parse(String[] args) throws IOException {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--url" -> { o.url = URI.create(v); i++; }
                case "--visitors" -> { o.visitors = Integer.parseInt(v); i++; }
                case "--ramp" -> { o.rampSeconds = Double.parseDouble(v); i++; }
                case "--rate" -> { o.rate = Double.parseDouble(v); i++; }
                case "--per-visitor-interval" -> { o.perVisitorIntervalMs = Double.parseDouble(v); i++; }
                case "--duration" -> { o.durationSeconds = Double.parseDouble(v); i++; }
                case "--drain" -> { o.drainSeconds = Double.parseDouble(v); i++; }
                case "--warmup" -> { o.warmupSeconds = Double.parseDouble(v); i++; }
                case "--origin" -> { o.origin = v; i++; }
                case "--lang" -> { o.lang = v; i++; }
                case "--questions" -> { o.questionsFile = Path.of(v); i++; }
                case "--json" -> { o.jsonFile = Path.of(v); i++; }
                case "--knee" -> {
                    o.kneeRates = new ArrayList<>();
                    for (String r : (v == null || v.startsWith("--") ? "500,1000,2000,3000,4000" : v).split(",")) {
                        o.kneeRates.add(Double.parseDouble(r.trim()));
                    }
                    if (v != null && !v.startsWith("--")) {
                        i++;
                    }
                }
                case "--step" -> { o.stepSeconds = Double.parseDouble(v); i++; }
                case "--clients" -> { o.clients = Integer.parseInt(v); i++; }
                case "--threads" -> { o.threads = Integer.parseInt(v); i++; }
                case "--handshakes" -> { o.maxConcurrentHandshakes = Integer.parseInt(v); i++; }
                case "--no-retry" -> o.retryRateLimited = false;
                case "--api" -> { o.apiBase = v; i++; }
                case "--user" -> { o.adminUser = v; i++; }
                case "--password" -> { o.adminPassword = v; i++; }
                case "--verify" -> { o.verify = "all".equals(v) ? -1 : Integer.parseInt(v); i++; }
                case "--ping" -> { o.pingSeconds = Double.parseDouble(v); i++; }
                case "-h", "--help" -> { usage(); System.exit(0); }
                default -> throw new IllegalArgumentException("unknown flag " + a + " (--help)");
            }
        }
        if (o.kneeRates == null && o.rate <= 0 && o.perVisitorIntervalMs <= 0) {
            o.perVisitorIntervalMs = 1000;
        }
        String http = o.url.getScheme().equals("wss") ? "https" : "http";
        String hostPort = o.url.getHost() + (o.url.getPort() > 0 ? ":" + o.url.getPort() : "");
        if (o.origin == null) {
            o.origin = http + "://" + hostPort;
        }
        if (o.apiBase == null) {
            o.apiBase = http + "://" + hostPort + "/api/v1";
        }
        return o;
    }

    /** Offered rate of the single-phase run, messages/s. */
    double singleRate() {
        return rate > 0 ? rate : visitors * 1000.0 / perVisitorIntervalMs;
    }

    List<String> questions() throws IOException {
        if (questionsFile != null) {
            List<String> q = new ArrayList<>();
            for (String l : Files.readAllLines(questionsFile, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    q.add(l.strip());
                }
            }
            if (q.isEmpty()) {
                throw new IllegalArgumentException("no questions in " + questionsFile);
            }
            return q;
        }
        List<String> q = new ArrayList<>();
        if (!lang.equals("fa")) {
            q.addAll(EN);
        }
        if (!lang.equals("en")) {
            q.addAll(FA);
        }
        return q;
    }

    /** Questions the keyword FAQ bot answers (io.pishkhan.bot.keyword.cfg), none with a hand-off phrase. */
    static final List<String> EN = List.of(
            "What are your opening hours?",
            "I lost my card, please block it",
            "What is the daily transfer limit?",
            "I forgot my password",
            "How can I track my request status?",
            "What is your phone number?",
            "Are you open on Fridays?",
            "My card was stolen");
    static final List<String> FA = List.of(
            "ساعات کاری شعبه‌ها چیست؟",
            "کارتم گم شده",
            "سقف انتقال کارت به کارت چقدر است؟",
            "رمز عبورم را فراموش کردم",
            "کد پیگیری درخواستم را دارم، وضعیت چیست؟",
            "شماره تلفن مرکز تماس چند است؟");

    static void usage() {
        System.out.println("""
                WebchatLoad: web chat WebSocket load generator (PROTOCOL.md version 1)
                  --url ws://host:port/webchat/ws   WebSocket address (default ws://localhost:8181/webchat/ws)
                  --visitors N                      concurrent visitors, one WebSocket and one token each (200)
                  --ramp S                          seconds over which the visitors connect (10)
                  --rate R                          offered messages/s over all visitors, open model (scheduler)
                  --per-visitor-interval MS         or: each visitor one message every MS ms (default 1000)
                  --duration S                      seconds of sending (30)
                  --warmup S                        seconds of sending at the same rate before measuring (0)
                  --drain S                         seconds to wait for outstanding acks/replies afterwards (15)
                  --knee [R1,R2,..]                 knee mode: step the rate (default 500,1000,2000,3000,4000)
                  --step S                          seconds per knee step (20)
                  --origin O                        Origin header (default http://host:port of --url)
                  --lang en|fa|mixed                hello language and question set (en)
                  --questions FILE                  questions, one a line (UTF-8), instead of the built-in FAQ set
                  --json FILE                       also write the summary as JSON
                  --verify all|N|0                  conversations to check through the REST API (all)
                  --api URL --user U --password P   REST base (default http://host:port/api/v1), admin
                                                    credentials (password default $PISHKHAN_ADMIN_PASSWORD)
                  --clients N --threads N           HTTP clients (selector threads) and callback threads (4, 4)
                  --handshakes N                    concurrent WebSocket handshakes during the ramp (100)
                  --no-retry                        do not resend rate-limited/unavailable messages
                """);
    }
}
