package io.pishkhan.benchmarks.routing;

/**
 * Erlang C (M/M/N, infinite patience, first come first served): the reference the routing simulator is checked
 * against.
 *
 * <p>Erlang B is computed with the stable recurrence {@code B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1))}; it never
 * forms {@code A^N/N!}, so it works for hundreds of agents. Erlang C follows as
 * {@code C = N·B / (N - A·(1 - B))}.
 */
public final class ErlangC {
    private ErlangC() {
    }

    /** Blocking probability of an M/M/N/N system with offered load {@code a} Erlangs. */
    public static double erlangB(int n, double a) {
        if (n < 0 || a < 0) {
            throw new IllegalArgumentException("need n >= 0 and a >= 0");
        }
        double b = 1.0;
        for (int k = 1; k <= n; k++) {
            b = a * b / (k + a * b);
        }
        return b;
    }

    /** Probability that an arrival waits: Erlang C. 1 when the system is overloaded ({@code a >= n}). */
    public static double waitProbability(int n, double a) {
        if (a >= n) {
            return 1.0;
        }
        double b = erlangB(n, a);
        return n * b / (n - a * (1 - b));
    }

    /** Average speed of answer over all arrivals (those that do not wait count as 0), in the unit of {@code aht}. */
    public static double averageSpeedOfAnswer(int n, double a, double aht) {
        if (a >= n) {
            return Double.POSITIVE_INFINITY;
        }
        return waitProbability(n, a) * aht / (n - a); // = P(wait) / (N·mu - lambda)
    }

    /** Share of arrivals answered within {@code t}: {@code 1 - P(wait)·exp(-(N - A)·t / AHT)}. */
    public static double serviceLevel(int n, double a, double aht, double t) {
        if (a >= n) {
            return 0.0;
        }
        return 1 - waitProbability(n, a) * Math.exp(-(n - a) * t / aht);
    }
}
