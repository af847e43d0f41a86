package io.pishkhan.channel.webchat.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;

/** A WebSocket session: frames are sent one at a time through the async remote, the rest wait in a bounded queue. */
final class WsConn extends Conn {
    static final int MAX_QUEUED = 1000;
    private final Session session;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;

    WsConn(Session session) {
        this.session = session;
    }

    @Override
    void push(String json) {
        synchronized (queue) {
            if (sending) {
                if (queue.size() >= MAX_QUEUED) {
                    queue.clear();
                    closeLater();
                    return;
                }
                queue.addLast(json);
                return;
            }
            sending = true;
        }
        send(json);
    }

    private void send(String json) {
        try {
            session.getAsyncRemote().sendText(json, result -> {
                String next;
                synchronized (queue) {
                    next = result.isOK() ? queue.pollFirst() : null;
                    if (next == null) {
                        sending = false;
                        queue.clear();
                    }
                }
                if (next != null) {
                    send(next);
                }
            });
        } catch (RuntimeException e) {
            synchronized (queue) {
                sending = false;
                queue.clear();
            }
        }
    }

    private void closeLater() {
        // a client that does not read: drop it; it resumes with hello and the replay
        java.util.concurrent.CompletableFuture.runAsync(() -> close(1008, "client too slow"));
    }

    @Override
    void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }
}
