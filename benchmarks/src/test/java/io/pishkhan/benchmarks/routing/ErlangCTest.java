package io.pishkhan.benchmarks.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErlangCTest {
    @Test
    void erlangBMatchesTables() {
        assertEquals(0.01838, ErlangC.erlangB(10, 5), 1e-5);
        assertEquals(0.12166, ErlangC.erlangB(10, 8), 1e-5);
        assertEquals(1.0 / 3, ErlangC.erlangB(1, 0.5), 1e-12); // B(1, A) = A / (1 + A)
        assertEquals(1.0, ErlangC.erlangB(0, 3), 0);
    }

    @Test
    void waitProbabilityOfTenAgentsAtEightErlangsIs409Permille() {
        assertEquals(0.409, ErlangC.waitProbability(10, 8), 0.0005);
        assertEquals(0.2217, ErlangC.waitProbability(10, 7), 0.0001);
        assertEquals(0.6687, ErlangC.waitProbability(10, 9), 0.0001);
    }

    @Test
    void oneAgentIsMM1() {
        // M/M/1: P(wait) = rho, ASA = rho / (mu - lambda), P(W <= t) = 1 - rho e^{-(mu - lambda) t}
        double aht = 180;
        double rho = 0.5;
        assertEquals(rho, ErlangC.waitProbability(1, rho), 1e-12);
        assertEquals(rho / (1 / aht - rho / aht), ErlangC.averageSpeedOfAnswer(1, rho, aht), 1e-9);
        assertEquals(1 - rho * Math.exp(-(1 - rho) * 20 / aht), ErlangC.serviceLevel(1, rho, aht, 20), 1e-12);
    }

    @Test
    void asaAndServiceLevelOfTenAgents() {
        // ASA = P(wait) / (N mu - lambda) = 0.40918 * 180 / 2
        assertEquals(36.826, ErlangC.averageSpeedOfAnswer(10, 8, 180), 0.001);
        assertEquals(0.67235, ErlangC.serviceLevel(10, 8, 180, 20), 0.00001);
        assertEquals(1 - ErlangC.waitProbability(10, 8), ErlangC.serviceLevel(10, 8, 180, 0), 1e-12);
    }

    @Test
    void largeTeamsStayFinite() {
        // A^N / N! would overflow a double long before N = 500
        double pw = ErlangC.waitProbability(500, 480);
        assertEquals(0.26651, pw, 0.00001);
        assertTrue(ErlangC.averageSpeedOfAnswer(500, 480, 180) > 0);
    }

    @Test
    void overloadWaitsForEver() {
        assertEquals(1.0, ErlangC.waitProbability(10, 10), 0);
        assertEquals(Double.POSITIVE_INFINITY, ErlangC.averageSpeedOfAnswer(10, 12, 180));
        assertEquals(0.0, ErlangC.serviceLevel(10, 12, 180, 20), 0);
    }
}
