package io.pishkhan.channel.webchat.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * One visitor session on one transport (a WebSocket, or a long-poll session). The engine pushes server frames
 * through {@link #push}; {@link #lock} orders replayed and live messages.
 */
abstract class Conn {
    private static final SecureRandom RANDOM = new SecureRandom();

    final String id = randomId();
    /** Guards {@link #lastSent} and the order of pushed messages. */
    final Object lock = new Object();
    /** Per conversation: the highest message seq pushed on this session. Guarded by {@link #lock}. */
    final Map<String, Long> lastSent = new HashMap<>();
    /** Set by hello. */
    volatile Visitor visitor;
    volatile String lang = "fa";

    /** Queues a JSON frame for the client; never blocks long. */
    abstract void push(String json);

    /** Ends the session (WebSocket close code, or forgetting a long-poll session). */
    abstract void close(int code, String reason);

    static String randomId() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
