package io.pishkhan.channel.webchat.internal;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at {@code capacity} per {@code periodNanos}. Not
 * thread-safe on its own; callers synchronise (one bucket per visitor).
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(int capacity, long periodNanos, long now) {
        this.capacity = capacity;
        this.perNano = capacity / (double) periodNanos;
        this.tokens = capacity;
        this.last = now;
    }

    /** Takes one token: returns 0 when taken, else the nanoseconds until one is available (nothing taken). */
    long tryTake(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }
}
