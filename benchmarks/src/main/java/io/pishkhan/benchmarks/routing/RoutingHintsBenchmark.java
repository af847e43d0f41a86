package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.routing.RoutingHints;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the cost of {@code priority()} goes: every call reads the conversation's routing hints from its context
 * ({@link RoutingHints#of}), which parses the required skills and the waiting-since instant each time.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingHintsBenchmark {
    private List<Conversation> waiting;
    private int cursor;

    @Setup
    public void setUp() {
        waiting = RoutingModel.standard().waiting;
    }

    private Conversation next() {
        Conversation c = waiting.get(cursor);
        cursor = cursor + 1 == waiting.size() ? 0 : cursor + 1;
        return c;
    }

    /** All hints of one conversation, as strategies and {@code RoutingStrategy.waited} read them. */
    @Benchmark
    public RoutingHints hintsOf() {
        return RoutingHints.of(next());
    }

    /** Only the waiting-since instant ({@code Instant.parse} of ISO-8601 text). */
    @Benchmark
    public Instant waitingSinceParse() {
        return Instant.parse(next().context().get(RoutingHints.WAITING_SINCE));
    }

    /** Only the required skills ({@code cards:5,loans:3}). */
    @Benchmark
    public Map<String, Integer> skillsParse() {
        return RoutingHints.parseSkills(next().context().get(RoutingHints.SKILLS));
    }
}
