package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket and the paging arithmetic on their own. */
class RateLimiterAndPagingTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Test
    void aBucketAllowsItsBurstThenRefillsAtItsRate() {
        RateLimiter limiter = new RateLimiter(30, 5, nanos::get); // one request every 2 s
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.acquire("a"), "burst " + i);
        }
        assertEquals(2, limiter.acquire("a"), "wait for the next token");
        assertEquals(0, limiter.acquire("b"), "other keys have their own bucket");
        nanos.addAndGet(1_000_000_000L);
        assertEquals(1, limiter.acquire("a"), "half a token: one more second");
        nanos.addAndGet(1_000_000_000L);
        assertEquals(0, limiter.acquire("a"));
        assertEquals(2, limiter.acquire("a"));
        nanos.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.acquire("a"), "full again, never more than the burst");
        }
        assertTrue(limiter.acquire("a") > 0);
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter off = new RateLimiter(0, 1, nanos::get);
        assertFalse(off.enabled());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, off.acquire("a"));
        }
    }

    @Test
    void manyKeysDoNotGrowWithoutBound() {
        RateLimiter limiter = new RateLimiter(60_000, 10, nanos::get);
        for (int i = 0; i < RateLimiter.MAX_KEYS * 2; i++) {
            limiter.acquire("k" + i);
            nanos.addAndGet(1_000_000L);
        }
        assertTrue(limiter.size() <= RateLimiter.MAX_KEYS + 1, "keys: " + limiter.size());
        assertEquals(0, limiter.acquire("new"));
    }

    @Test
    void pagesSliceAndKnowWhetherMoreFollow() {
        Paging p = new Paging(2, 2);
        List<Integer> all = List.of(0, 1, 2, 3, 4);
        assertEquals(5, p.fetch());
        assertEquals(List.of(2, 3), p.page(all));
        assertTrue(p.hasNext(all));
        assertFalse(p.hasNext(List.of(0, 1, 2, 3)));
        assertEquals(List.of(), new Paging(2, 10).page(all));
        FakeHttp.Request req = new FakeHttp.Request("GET", "/users").param("limit", "2").param("offset", "2")
                .param("q", "a b&c");
        FakeHttp.Response resp = new FakeHttp.Response();
        assertEquals("/api/v1/users?q=a+b%26c&limit=2&offset=4", p.next(req.servlet(), resp.servlet(), true));
        assertEquals("</api/v1/users?q=a+b%26c&limit=2&offset=4>; rel=\"next\"", resp.headers.get("Link"));
        FakeHttp.Response none = new FakeHttp.Response();
        assertNull(p.next(req.servlet(), none.servlet(), false));
        assertNull(none.headers.get("Link"));
        assertThrows(IllegalArgumentException.class,
                () -> Paging.of(new FakeHttp.Request("GET", "/x").param("offset", "x").servlet(), 10, 100));
        assertThrows(IllegalArgumentException.class,
                () -> Paging.of(new FakeHttp.Request("GET", "/x").param("offset", "100001").servlet(), 10, 100));
        assertEquals(new Paging(100, 0), Paging.of(new FakeHttp.Request("GET", "/x").param("limit", "5000").servlet(),
                10, 100));
    }
}
