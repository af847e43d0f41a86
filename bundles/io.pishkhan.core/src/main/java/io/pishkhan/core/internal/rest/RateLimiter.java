package io.pishkhan.core.internal.rest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a user, a token, a client address): each holds up to {@code burst} requests and refills at
 * {@code perMinute} a minute. {@link #acquire} takes one request or tells how long to wait. Buckets that are full
 * again are forgotten when the map grows past {@value #MAX_KEYS} keys, so memory stays bounded.
 */
final class RateLimiter {
    static final int MAX_KEYS = 20_000;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final double perNano;
    private final double burst;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perMinute requests a minute; 0 or less: no limit
     * @param burst     requests at once (at least 1)
     * @param nanos     the time source ({@link System#nanoTime} in production)
     */
    RateLimiter(int perMinute, int burst, LongSupplier nanos) {
        this.perNano = perMinute <= 0 ? 0 : perMinute / 60e9;
        this.burst = Math.max(1, burst);
        this.nanos = nanos;
    }

    /** Keys with a bucket (tests). */
    int size() {
        return buckets.size();
    }

    boolean enabled() {
        return perNano > 0;
    }

    /** Takes one request from {@code key}'s bucket: 0 when allowed, else the seconds to wait (at least 1). */
    long acquire(String key) {
        if (!enabled()) {
            return 0;
        }
        long now = nanos.getAsLong();
        if (buckets.size() > MAX_KEYS) {
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    return b.tokens + (now - b.at) * perNano >= burst;
                }
            });
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
        }
    }
}
