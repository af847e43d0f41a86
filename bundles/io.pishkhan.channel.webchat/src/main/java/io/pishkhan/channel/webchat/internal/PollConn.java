package io.pishkhan.channel.webchat.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A long-poll session: server frames wait in a bounded queue until the next {@code GET /webchat/api/poll}. */
final class PollConn extends Conn {
    private final int maxQueued;
    private final Consumer<PollConn> onClose;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private AsyncContext waiting;
    private boolean closed;
    volatile long lastActiveNanos = System.nanoTime();

    PollConn(int maxQueued, Consumer<PollConn> onClose) {
        this.maxQueued = maxQueued;
        this.onClose = onClose;
    }

    @Override
    void push(String json) {
        AsyncContext ctx;
        List<String> frames;
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.addLast(json);
            while (queue.size() > maxQueued) {
                queue.removeFirst(); // the hello replay recovers dropped messages
            }
            if (waiting == null) {
                return;
            }
            ctx = waiting;
            waiting = null;
            frames = drainLocked();
        }
        complete(ctx, frames);
    }

    /** Takes every queued frame (used by the hello response). */
    synchronized List<String> drain() {
        return drainLocked();
    }

    private List<String> drainLocked() {
        List<String> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    boolean isWaiting() {
        synchronized (this) {
            return waiting != null;
        }
    }

    /** Answers at once when frames are queued, else parks the request for up to {@code waitSeconds}. */
    void poll(HttpServletRequest req, HttpServletResponse resp, int waitSeconds) throws IOException {
        lastActiveNanos = System.nanoTime();
        AsyncContext previous = null;
        List<String> now = null;
        AsyncContext ctx = null;
        synchronized (this) {
            if (!queue.isEmpty() || waitSeconds <= 0 || closed) {
                now = drainLocked();
            } else {
                previous = waiting;
                ctx = req.startAsync(req, resp);
                ctx.setTimeout(waitSeconds * 1000L);
                waiting = ctx;
            }
        }
        if (previous != null) {
            complete(previous, List.of());
        }
        if (now != null) {
            write(resp, now);
            return;
        }
        AsyncContext mine = ctx;
        ctx.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                finish();
            }

            @Override
            public void onError(AsyncEvent event) {
                finish();
            }

            private void finish() {
                boolean ours;
                synchronized (PollConn.this) {
                    ours = waiting == mine;
                    if (ours) {
                        waiting = null;
                    }
                }
                if (ours) {
                    complete(mine, List.of());
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }

    @Override
    void close(int code, String reason) {
        AsyncContext ctx;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ctx = waiting;
            waiting = null;
        }
        if (ctx != null) {
            complete(ctx, drain());
        }
        onClose.accept(this);
    }

    private static void complete(AsyncContext ctx, List<String> frames) {
        try {
            write((HttpServletResponse) ctx.getResponse(), frames);
        } catch (IOException | RuntimeException e) {
            // the client went away; the frames are lost for this poll, the hello replay recovers messages
        } finally {
            try {
                ctx.complete();
            } catch (RuntimeException e) {
                // already completed
            }
        }
    }

    static void write(HttpServletResponse resp, List<String> frames) throws IOException {
        StringBuilder b = new StringBuilder("{\"frames\":[");
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(frames.get(i));
        }
        b.append("]}");
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
