package io.pishkhan.channel.webchat.internal;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** What the server keeps in memory about one visitor token. Mutable fields are guarded by {@code this}. */
final class Visitor {
    final String token;
    final Set<Conn> conns = new CopyOnWriteArraySet<>();
    TokenBucket bucket;
    /** The open conversation as far as known (from acks, replays, deliveries), or null. */
    volatile String conversationId;
    volatile String customerId;
    /** Pre-chat data given (normalised), or null; applied to each new conversation. */
    Frames.Prechat prechat;
    /** The conversation the pre-chat identities were last given to. */
    String prechatAppliedTo;
    long lastTypingNanos;
    boolean lastTyping;
    volatile long lastSeenNanos;
    /** When the last session of the visitor closed (nanoClock), 0 while one is open. */
    volatile long goneSinceNanos;
    /** The conversation the disconnect timer already handled (abandoned, or found not waiting). */
    volatile String disconnectHandled;

    Visitor(String token) {
        this.token = token;
    }
}
