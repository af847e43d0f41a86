package io.pishkhan.security.internal;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed-login counters and lockouts of user names that are not in the own store (users of the Karaf JAAS realm,
 * and names nobody has): kept in memory, so a restart ends them. Bounded: when full, entries that neither lock nor
 * count recent failures are dropped first, then all.
 */
final class Lockouts {
    static final int MAX_ENTRIES = 10_000;

    private record State(int failures, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    Instant lockedUntil(String name, Instant now) {
        State s = states.get(name);
        return s != null && s.lockedUntil() != null && s.lockedUntil().isAfter(now) ? s.lockedUntil() : null;
    }

    /** Counts a failure; returns the lock end when this failure locked the name. */
    Instant failed(String name, Instant now, int maxFailures, java.time.Duration lock) {
        if (states.size() >= MAX_ENTRIES && !states.containsKey(name)) {
            states.values().removeIf(s -> s.lockedUntil() == null || !s.lockedUntil().isAfter(now));
            if (states.size() >= MAX_ENTRIES) {
                states.clear();
            }
        }
        State s = states.compute(name, (k, old) -> {
            int failures = (old == null ? 0 : old.failures()) + 1;
            return failures >= maxFailures ? new State(0, now.plus(lock)) : new State(failures, null);
        });
        return s.lockedUntil();
    }

    void reset(String name) {
        states.remove(name);
    }
}
