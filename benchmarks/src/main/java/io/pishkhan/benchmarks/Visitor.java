package io.pishkhan.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One simulated web chat visitor: one token, one WebSocket. Questions are answered by the bot in order (one seda
 * lane per conversation), so a bot {@code message} answers the oldest acknowledged, not yet answered question.
 */
final class Visitor implements WebSocket.Listener {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One question in flight. */
    static final class Pending {
        final String clientId;
        final long clientSeq;
        final String text;
        final long scheduledNanos;
        final Stats stats;
        long writtenNanos;
        boolean acked;
        boolean answered;
        int attempts;

        Pending(String clientId, long clientSeq, String text, long scheduledNanos, Stats stats) {
            this.clientId = clientId;
            this.clientSeq = clientSeq;
            this.text = text;
            this.scheduledNanos = scheduledNanos;
            this.stats = stats;
        }
    }

    final int index;
    final String token;
    final WebchatLoad run;
    private final StringBuilder partial = new StringBuilder();
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>(); // sent, not yet answered, in send order
    private final Map<String, Pending> byClientId = new HashMap<>();
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    volatile WebSocket ws;
    volatile boolean ready; // welcome received
    volatile boolean closed;
    volatile String conversationId;
    volatile long lastWriteNanos;
    long seq;
    // per visitor totals (for the REST cross-check)
    long sentUnique;
    long ackedUnique;
    long answered;
    final List<String> conversationIds = new ArrayList<>(1);

    Visitor(int index, WebchatLoad run) {
        this.index = index;
        this.run = run;
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(b); // 43 characters
    }

    CompletableFuture<WebSocket> connect(HttpClient client, URI url, String origin) {
        return client.newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(30))
                .buildAsync(url, this);
    }

    // ------------------------------------------------------------------ sending

    /** Sends a new question scheduled for {@code scheduledNanos}; false when the visitor is not usable. */
    boolean ask(String text, long scheduledNanos, Stats stats) {
        if (!ready || closed) {
            return false;
        }
        Pending p;
        synchronized (this) {
            seq++;
            p = new Pending(token.substring(0, 8) + "-" + seq, seq, text, scheduledNanos, stats);
            inFlight.addLast(p);
            byClientId.put(p.clientId, p);
            sentUnique++;
        }
        write(p);
        return true;
    }

    private void write(Pending p) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "message");
        f.put("clientId", p.clientId);
        f.put("clientSeq", p.clientSeq);
        f.put("text", p.text);
        String json = f.toString();
        sendRaw(json, () -> {
            synchronized (this) {
                if (p.attempts++ == 0) {
                    p.writtenNanos = System.nanoTime();
                    p.stats.sent.increment();
                    run.totals.sent.increment();
                }
            }
        });
    }

    void ping() {
        sendRaw("{\"type\":\"ping\",\"t\":" + System.currentTimeMillis() + "}", null);
    }

    private void sendRaw(String json, Runnable beforeWrite) {
        WebSocket w = ws;
        if (w == null || closed) {
            return;
        }
        synchronized (this) {
            // java.net.http allows one outstanding send per WebSocket: chain them
            sendChain = sendChain.handle((x, e) -> null).thenCompose(x -> {
                if (beforeWrite != null) {
                    beforeWrite.run();
                }
                lastWriteNanos = System.nanoTime();
                return w.sendText(json, true);
            }).exceptionally(e -> {
                run.totals.error("send-failed");
                return null;
            });
        }
    }

    void hello(String lang) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "hello");
        f.put("protocol", 1);
        f.put("token", token);
        f.put("lang", lang);
        f.putNull("conversationId");
        f.put("lastSeq", 0);
        sendRaw(f.toString(), null);
    }

    void close() {
        WebSocket w = ws;
        if (w != null && !closed) {
            w.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        }
    }

    synchronized int outstanding() {
        return inFlight.size();
    }

    synchronized long unacked() {
        return inFlight.stream().filter(p -> !p.acked).count();
    }

    // ------------------------------------------------------------------ receiving

    @Override
    public void onOpen(WebSocket webSocket) {
        this.ws = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        if (!last) {
            partial.append(data);
            webSocket.request(1);
            return null;
        }
        String text;
        if (partial.length() > 0) {
            partial.append(data);
            text = partial.toString();
            partial.setLength(0);
        } else {
            text = data.toString();
        }
        try {
            onFrame(JSON.readTree(text), now);
        } catch (Exception e) {
            run.totals.error("client-bad-frame");
        }
        webSocket.request(1);
        return null;
    }

    private void onFrame(JsonNode f, long now) {
        String type = f.path("type").asText();
        switch (type) {
            case "welcome" -> {
                ready = true;
                run.welcomed(this);
            }
            case "ack" -> onAck(f, now);
            case "message" -> onMessage(f, now);
            case "error" -> onError(f);
            case "pong", "typing", "read", "prechat-ack" -> { }
            default -> run.totals.error("client-unknown-frame:" + type);
        }
    }

    private void onAck(JsonNode f, long now) {
        Pending p;
        synchronized (this) {
            p = byClientId.get(f.path("clientId").asText());
            if (p == null || p.acked) {
                run.totals.error(p == null ? "client-unknown-ack" : "client-second-ack");
                return;
            }
            p.acked = true;
            ackedUnique++;
            if (p.answered) {
                byClientId.remove(p.clientId);
            }
            String conv = f.path("conversationId").asText(null);
            if (conv != null && !conv.equals(conversationId)) {
                conversationId = conv;
                conversationIds.add(conv);
            }
        }
        run.recordAck(p, now, f.path("duplicate").asBoolean(false));
    }

    private void onMessage(JsonNode f, long now) {
        if (!"bot".equals(f.path("from").asText())) {
            run.totals.error("client-non-bot-message:" + f.path("from").asText());
            return;
        }
        Pending match = null;
        boolean beforeAck = false;
        synchronized (this) {
            // the oldest acknowledged question not yet answered
            for (Iterator<Pending> it = inFlight.iterator(); it.hasNext();) {
                Pending p = it.next();
                if (p.acked) {
                    match = p;
                    it.remove();
                    break;
                }
            }
            if (match == null && !inFlight.isEmpty()) {
                // the reply overtook its ack on the wire (both are pushed by different threads)
                match = inFlight.pollFirst();
                beforeAck = true;
            }
            if (match != null) {
                match.answered = true;
                if (match.acked) {
                    byClientId.remove(match.clientId);
                } // else: keep it so that the late ack still finds it
                answered++;
            }
        }
        if (match == null) {
            run.totals.error("client-unmatched-reply");
            return;
        }
        if (beforeAck) {
            run.totals.error("client-reply-before-ack");
        }
        run.recordReply(match, now);
    }

    private void onError(JsonNode f) {
        String code = f.path("code").asText("?");
        run.countError(code);
        String ref = f.path("ref").asText(null);
        if (ref == null) {
            return;
        }
        Pending p;
        synchronized (this) {
            p = byClientId.get(ref);
        }
        if (p == null) {
            return;
        }
        if (run.options.retryRateLimited && (code.equals("rate-limited") || code.equals("unavailable"))) {
            long after = Math.max(1, f.path("retryAfter").asLong(1));
            run.totals.error("client-retries");
            ScheduledExecutorService timer = run.timer;
            timer.schedule(() -> write(p), after, TimeUnit.SECONDS); // same clientId: idempotent
        } else {
            synchronized (this) { // given up: neither acked nor answered
                inFlight.remove(p);
                byClientId.remove(p.clientId);
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closed) {
            closed = true;
            run.disconnected(this, "close-" + statusCode);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closed) {
            closed = true;
            run.disconnected(this, "error-" + error.getClass().getSimpleName());
        }
    }
}
