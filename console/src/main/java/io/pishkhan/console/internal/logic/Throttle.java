package io.pishkhan.console.internal.logic;

import java.util.function.LongSupplier;

/** Lets an action through at most once per interval (the typing signal while the agent types). */
public final class Throttle {
    private final long intervalMillis;
    private final LongSupplier clock;
    private long last = Long.MIN_VALUE;

    public Throttle(long intervalMillis, LongSupplier clock) {
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** True when the action may run now (and records it). */
    public synchronized boolean tryAcquire() {
        long now = clock.getAsLong();
        if (last != Long.MIN_VALUE && now - last < intervalMillis) {
            return false;
        }
        last = now;
        return true;
    }

    /** Forget the last run (e.g. after the message was sent, the next keystroke signals again). */
    public synchronized void reset() {
        last = Long.MIN_VALUE;
    }
}
