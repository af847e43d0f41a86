package io.pishkhan.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Counters and latency histograms of one measured phase (the whole run, or one knee step). */
final class Stats {
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    final String name;
    final double offeredRate;
    /** Latencies in microseconds from the message's scheduled send time (open model: no coordinated omission). */
    final Histogram ack = new ConcurrentHistogram(MAX_MICROS, 3);
    final Histogram reply = new ConcurrentHistogram(MAX_MICROS, 3);
    /** The same from the moment the frame was handed to the WebSocket (what a closed-loop client would see). */
    final Histogram ackFromWrite = new ConcurrentHistogram(MAX_MICROS, 3);
    final Histogram replyFromWrite = new ConcurrentHistogram(MAX_MICROS, 3);
    final LongAdder scheduled = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder answered = new LongAdder();
    /** Completions that happened inside this phase's time window (whatever phase scheduled them). */
    final LongAdder acksInWindow = new LongAdder();
    final LongAdder repliesInWindow = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    volatile long startNanos;
    volatile long endNanos;

    Stats(String name, double offeredRate) {
        this.name = name;
        this.offeredRate = offeredRate;
    }

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    double windowSeconds() {
        return (endNanos - startNanos) / 1e9;
    }

    static Map<String, Object> percentiles(Histogram live) {
        Histogram h = live.copy(); // ConcurrentHistogram: copy() is safe while other threads record, iterating is not
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", ms(h.getValueAtPercentile(50)));
        m.put("p90", ms(h.getValueAtPercentile(90)));
        m.put("p99", ms(h.getValueAtPercentile(99)));
        m.put("p999", ms(h.getValueAtPercentile(99.9)));
        m.put("max", ms(h.getMaxValue()));
        m.put("mean", Math.round(h.getMean()) / 1000.0);
        return m;
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }

    Map<String, Long> errorCounts() {
        Map<String, Long> m = new TreeMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        double w = windowSeconds();
        m.put("phase", name);
        m.put("offeredRate", offeredRate);
        m.put("windowSeconds", round(w));
        m.put("scheduled", scheduled.sum());
        m.put("sent", sent.sum());
        m.put("acked", acked.sum());
        m.put("duplicates", duplicates.sum());
        m.put("answered", answered.sum());
        m.put("ackThroughputPerSecond", round(acksInWindow.sum() / w));
        m.put("replyThroughputPerSecond", round(repliesInWindow.sum() / w));
        m.put("ackLatencyMs", percentiles(ack));
        m.put("replyLatencyMs", percentiles(reply));
        m.put("ackLatencyFromWriteMs", percentiles(ackFromWrite));
        m.put("replyLatencyFromWriteMs", percentiles(replyFromWrite));
        m.put("errors", errorCounts());
        return m;
    }

    static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
