package io.pishkhan.console.internal.logic;

import io.pishkhan.api.analytics.KpiRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The team leaderboard of the scorecards: agents' KPI rows ({@code Dimension.AGENT}, one TOTAL bucket) ranked by
 * {@link #COMPOSITE} or by one KPI.
 *
 * <p><b>Composite score</b> (0-100): the weighted mean of the parts the agent has data for, weights re-normalised
 * over those parts:
 * <ul>
 * <li>CSAT, weight 0.4: {@code (csatAverage - 1) / 4} (1 → 0, 5 → 1);</li>
 * <li>FCR, weight 0.3: {@code fcrRate};</li>
 * <li>speed, weight 0.3: {@code min(1, team median AHT / agent's AHT)} (at or faster than the team's median = 1).</li>
 * </ul>
 * An agent with none of the three has no score and is ranked last. Ties (and equal KPI values) go to the agent who
 * answered more conversations, then by agent id. With one KPI: higher first, except the KPIs where lower is better
 * ({@link KpiText#lowerIsBetter}); agents without a value come last.
 */
public final class Leaderboard {
    public static final String COMPOSITE = "composite";
    static final double W_CSAT = 0.4;
    static final double W_FCR = 0.3;
    static final double W_SPEED = 0.3;

    /** One ranked agent; {@code score} is the composite (null without data). */
    public record Entry(int rank, KpiRow row, Double score) {
        public String agentId() {
            return row.key();
        }
    }

    private Leaderboard() {
    }

    public static List<Entry> rank(List<KpiRow> agentRows, String by) {
        Double median = median(agentRows.stream().map(r -> r.number("ahtSeconds")).filter(v -> v != null && v > 0)
                .sorted().toList());
        List<Entry> scored = new ArrayList<>();
        for (KpiRow r : agentRows) {
            scored.add(new Entry(0, r, composite(r, median)));
        }
        String key = by == null || by.isBlank() ? COMPOSITE : by;
        Comparator<Entry> primary;
        if (COMPOSITE.equals(key)) {
            primary = nullsLast(Entry::score, false);
        } else {
            primary = nullsLast(e -> e.row().number(key), KpiText.lowerIsBetter(key));
        }
        Comparator<Entry> order = primary
                .thenComparing(e -> -nz(e.row().number("answered")))
                .thenComparing(Entry::agentId);
        scored.sort(order);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Entry e = scored.get(i);
            out.add(new Entry(i + 1, e.row(), e.score()));
        }
        return out;
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    private static Comparator<Entry> nullsLast(java.util.function.Function<Entry, Double> value, boolean ascending) {
        return (a, b) -> {
            Double x = value.apply(a);
            Double y = value.apply(b);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            return ascending ? Double.compare(x, y) : Double.compare(y, x);
        };
    }

    /** The composite score 0-100 of a row against the team's median AHT (null: no data at all). */
    public static Double composite(KpiRow r, Double teamMedianAht) {
        double sum = 0;
        double weights = 0;
        Double csat = r.number("csatAverage");
        if (csat != null) {
            sum += W_CSAT * clamp((csat - 1) / 4);
            weights += W_CSAT;
        }
        Double fcr = r.number("fcrRate");
        if (fcr != null) {
            sum += W_FCR * clamp(fcr);
            weights += W_FCR;
        }
        Double aht = r.number("ahtSeconds");
        if (aht != null && aht > 0 && teamMedianAht != null && teamMedianAht > 0) {
            sum += W_SPEED * Math.min(1, teamMedianAht / aht);
            weights += W_SPEED;
        }
        return weights == 0 ? null : Math.round(sum / weights * 1000) / 10.0;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
