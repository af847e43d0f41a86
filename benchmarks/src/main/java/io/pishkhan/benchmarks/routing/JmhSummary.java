package io.pishkhan.benchmarks.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JSON result of {@link RoutingBenchmark} ({@code -rf json}) into Markdown: latency percentiles of the
 * sample-mode runs, throughput, average time and the allocation per operation when {@code -prof gc} ran.
 *
 * <p>Usage: {@code JmhSummary result.json}
 */
public final class JmhSummary {
    private JmhSummary() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        StringBuilder sample = new StringBuilder("| Benchmark | Strategy | Samples | p50 (µs) | p90 (µs) | p99 (µs) "
                + "| p99.9 (µs) | max (µs) | mean (µs) | alloc (B/op) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder other = new StringBuilder("| Benchmark | Mode | Strategy | Score | Error (99.9 %) | Unit "
                + "| alloc (B/op) |\n|---|---|---|---|---|---|---|\n");
        for (JsonNode run : root) {
            String name = run.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.') + 1);
            String mode = run.path("mode").asText();
            String strategy = run.path("params").path("strategy").asText("-");
            JsonNode m = run.path("primaryMetric");
            String alloc = alloc(run.path("secondaryMetrics"));
            if (mode.equals("sample")) {
                JsonNode p = m.path("scorePercentiles");
                long samples = 0;
                for (JsonNode iteration : m.path("rawDataHistogram")) {
                    for (JsonNode fork : iteration) {
                        for (JsonNode bucket : fork) {
                            samples += bucket.get(1).asLong();
                        }
                    }
                }
                sample.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s | %s | %s | %s |%n", name,
                        strategy, samples, n(p.path("50.0")), n(p.path("90.0")), n(p.path("99.0")),
                        n(p.path("99.9")), n(p.path("100.0")), n(m.path("score")), alloc));
            } else {
                other.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name, mode, strategy,
                        n(m.path("score")), n(m.path("scoreError")), m.path("scoreUnit").asText(), alloc));
            }
        }
        System.out.println(sample);
        System.out.println(other);
    }

    private static String alloc(JsonNode secondary) {
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return n(e.getValue().path("score"));
            }
        }
        return "-";
    }

    private static String n(JsonNode v) {
        if (v.isMissingNode() || !v.isNumber()) {
            return "-";
        }
        double d = v.asDouble();
        return d >= 1000 ? String.format(Locale.ROOT, "%,.0f", d)
                : d >= 10 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
