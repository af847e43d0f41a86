package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The CPU time of one routing decision, per decision, on the calling thread (thread CPU clock): the same work as
 * {@link RoutingBenchmark#decision}, but a decision the scheduler preempts, or that waits for a GC pause, is not
 * charged the time it was off the CPU. On a shared machine this separates the cost of the strategy from the
 * machine's load; JMH's sample mode gives the wall-clock latency.
 *
 * <p>Arguments: {@code [decisions [strategies]]}, default 200000 and all three. Prints one Markdown table.
 */
public final class DecisionCpuTime {
    private DecisionCpuTime() {
    }

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<String> strategies = args.length > 1 ? List.of(args[1].split(",")) : List.of(Strategies.LEAST_BUSY,
                Strategies.ROUND_ROBIN, Strategies.SKILLS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RoutingModel model = RoutingModel.standard();
        List<Conversation> waiting = model.waiting;
        System.out.println("| Strategy | Decisions | CPU p50 (µs) | p90 | p99 | p99.9 | max | mean |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String id : strategies) {
            RoutingStrategy strategy = Strategies.create(id);
            long sink = 0;
            for (int i = 0; i < decisions; i++) { // warm-up: as many decisions as measured
                sink += decide(strategy, model, waiting.get(i % waiting.size())).hashCode();
            }
            Histogram h = new Histogram(3_600_000_000L, 3);
            for (int i = 0; i < decisions; i++) {
                Conversation c = waiting.get(i % waiting.size());
                long t0 = threads.getCurrentThreadCpuTime();
                RoutingDecision d = decide(strategy, model, c);
                long t1 = threads.getCurrentThreadCpuTime();
                sink += d.hashCode();
                h.recordValue(Math.max(0, t1 - t0));
            }
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", id, decisions,
                    us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)),
                    us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()), h.getMean() / 1000);
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static RoutingDecision decide(RoutingStrategy strategy, RoutingModel model, Conversation c) {
        return strategy.route(new RoutingRequest(c, model.queue, model.candidates, model.now, null, null));
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
