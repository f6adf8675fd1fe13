package kg.evpower.sandbox.server.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Production's sliding-window limiter keyed by client IP (contract §1.4): a request is refused once the
 * window already holds {@code limit} requests. A limit of 0 turns it off.
 */
public final class RateLimiter {

    private final int limit;
    private final long windowNanos;
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    public int limit() {
        return limit;
    }

    /** Records the request and answers whether it is allowed. Refused requests are not counted. */
    public boolean tryAcquire(String key) {
        if (limit <= 0) {
            return true;
        }
        long now = System.nanoTime();
        Deque<Long> q = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && now - q.peekFirst() >= windowNanos) {
                q.pollFirst();
            }
            if (q.size() >= limit) {
                return false;
            }
            q.addLast(now);
            return true;
        }
    }
}
