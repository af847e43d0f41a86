package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing decision cost with the {@linkplain RoutingModel#standard() standard model}: 1,000 candidate agents,
 * 10,000 waiting conversations, 50 skills. Run through {@code benchmarks/run-routing-jmh.sh}.
 *
 * <ul>
 * <li>{@link #decision}: one {@code strategy.route(request)} for the next waiting conversation (cycling through all
 * 10,000), the request built as the core builds it; sample mode gives the latency percentiles.</li>
 * <li>{@link #decisionThroughput}: the same, as decisions per second on one thread.</li>
 * <li>{@link #dispatchOrder}: the ordering cost of one dispatch round, {@code priority()} of all 10,000 waiting
 * conversations and picking the first (highest, ties oldest).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 3)
public class RoutingBenchmark {
    @Param({Strategies.LEAST_BUSY, Strategies.ROUND_ROBIN, Strategies.SKILLS})
    public String strategy;

    private RoutingModel model;
    private RoutingStrategy routing;
    private List<Conversation> waiting;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        model = RoutingModel.standard();
        routing = Strategies.create(strategy);
        waiting = model.waiting;
    }

    private Conversation next() {
        Conversation c = waiting.get(cursor);
        cursor = cursor + 1 == waiting.size() ? 0 : cursor + 1;
        return c;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RoutingDecision decision() {
        return routing.route(new RoutingRequest(next(), model.queue, model.candidates, model.now, null, null));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RoutingDecision decisionThroughput() {
        return routing.route(new RoutingRequest(next(), model.queue, model.candidates, model.now, null, null));
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Conversation dispatchOrder() {
        Conversation best = null;
        double bestPriority = Double.NEGATIVE_INFINITY;
        for (int i = 0, n = waiting.size(); i < n; i++) {
            Conversation c = waiting.get(i);
            double p = routing.priority(c, model.queue, model.now);
            if (p > bestPriority || p == bestPriority && c.updatedAt().isBefore(best.updatedAt())) {
                best = c;
                bestPriority = p;
            }
        }
        return best;
    }
}
