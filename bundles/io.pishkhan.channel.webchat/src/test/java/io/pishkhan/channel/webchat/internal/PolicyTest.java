package io.pishkhan.channel.webchat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rate limiter and origin check. */
class PolicyTest {
    static final long SEC = TimeUnit.SECONDS.toNanos(1);

    @Test
    void tokenBucketAllowsABurstThenRefillsSteadily() {
        TokenBucket b = new TokenBucket(20, 10 * SEC, 0);
        for (int i = 0; i < 20; i++) {
            assertEquals(0, b.tryTake(0), "burst of 20");
        }
        long wait = b.tryTake(0);
        assertEquals(SEC / 2, wait, 1000, "one token every 0.5 s");
        assertEquals(0, b.tryTake(SEC / 2));
        assertTrue(b.tryTake(SEC / 2) > 0);
        assertEquals(0, b.tryTake(100 * SEC));
        for (int i = 0; i < 19; i++) {
            assertEquals(0, b.tryTake(100 * SEC), "refill is capped at the capacity");
        }
        assertTrue(b.tryTake(100 * SEC) > 0);
    }

    @Test
    void defaultOriginIsTheAppliancesOwn() {
        OriginPolicy p = new OriginPolicy("");
        assertTrue(p.allows("http://pishkhan.local:8181", "http", "pishkhan.local:8181"));
        assertTrue(p.allows("https://PISHKHAN.local", "https", "pishkhan.local:443"));
        assertFalse(p.allows("http://evil.example", "http", "pishkhan.local:8181"));
        assertFalse(p.allows("http://pishkhan.local:8182", "http", "pishkhan.local:8181"));
        assertFalse(p.allows("null", "http", "pishkhan.local:8181"));
        assertTrue(p.allows(null, "http", "pishkhan.local:8181"), "no Origin: not a browser page");
    }

    @Test
    void listedOriginsOnly() {
        OriginPolicy p = new OriginPolicy(" https://shop.example.ir , http://localhost:3000/ ");
        assertTrue(p.allows("https://shop.example.ir", "http", "appliance:8181"));
        assertTrue(p.allows("https://shop.example.ir:443", "http", "appliance:8181"));
        assertTrue(p.allows("http://localhost:3000", "http", "appliance:8181"));
        assertFalse(p.allows("http://shop.example.ir", "http", "appliance:8181"), "scheme matters");
        assertFalse(p.allows("https://shop.example.ir.evil.example", "http", "appliance:8181"));
        assertFalse(p.allows("http://appliance:8181", "http", "appliance:8181"), "a list replaces the default");
        assertTrue(new OriginPolicy("*").allows("https://any.example", "http", "appliance"));
        assertThrows(IllegalArgumentException.class, () -> new OriginPolicy("shop.example.ir"));
    }
}
