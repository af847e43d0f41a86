package io.pishkhan.console.internal.logic;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coalesces bursts of events into one recomputation: the first event after a quiet moment asks for one run after a
 * short delay (the wallboard's ~250 ms), the events until that run starts ask for nothing more. The run calls
 * {@link #started()} before it reads the state, so an event arriving during the run schedules the next one.
 */
public final class Coalescer {
    private final AtomicBoolean pending = new AtomicBoolean();

    /** True when the caller must schedule a run (none is pending). */
    public boolean request() {
        return pending.compareAndSet(false, true);
    }

    /** The scheduled run starts: later events schedule a new one. */
    public void started() {
        pending.set(false);
    }

    public boolean isPending() {
        return pending.get();
    }
}
