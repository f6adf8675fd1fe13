package kg.evpower.sandbox.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter's memory is bounded whatever the addresses, and a flood of addresses does not escape the limit. */
class RateLimiterTest {

    @Test
    void aMillionAddressesKeepAtMostTheBoundAndShareOneWindowBeyondIt() {
        AtomicLong now = new AtomicLong();
        RateLimiter r = new RateLimiter(60, Duration.ofSeconds(60), 1000, now::get);
        int allowed = 0;
        for (int i = 0; i < 1_000_000; i++) {
            allowed += r.tryAcquire("spoofed-" + i) ? 1 : 0;
            now.addAndGet(1_000); // a microsecond apart: all within one window
        }
        assertTrue(r.keys() <= 1001, "windows kept: " + r.keys());
        assertEquals(1000 + 60, allowed, "1000 addresses with a window each, then one shared window of 60");
        // once the windows have emptied, new addresses get their own again
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertTrue(r.tryAcquire("fresh"));
        assertTrue(r.keys() <= 1001, "swept: " + r.keys());
    }

    @Test
    void aFullWindowSaysWhenItsOldestRequestLeaves() {
        AtomicLong now = new AtomicLong();
        RateLimiter r = new RateLimiter(2, Duration.ofSeconds(10), 10, now::get);
        assertEquals(0, r.acquire("a"));
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(0, r.acquire("a"));
        assertEquals(Duration.ofSeconds(7).toNanos(), r.acquire("a"));
        now.addAndGet(Duration.ofSeconds(7).toNanos());
        assertEquals(0, r.acquire("a"), "the first request has left the window");
        assertFalse(r.tryAcquire("a"));
    }
}
