package kg.evpower.sandbox.server.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Production's sliding-window limiter keyed by client address (contract §1.4): a request is refused once the window
 * already holds {@code limit} requests. A limit of 0 turns it off. Unlike production's Redis sets, the windows are
 * bounded: past {@link #MAX_KEYS} addresses, windows that have emptied are dropped, and while that leaves no room new
 * addresses share one window, so a flood of addresses can neither grow memory nor escape the limit.
 */
public final class RateLimiter {

    /** Addresses with a window of their own at most. */
    public static final int MAX_KEYS = 10_000;
    static final String OVERFLOW = "(more addresses than the limiter keeps)";

    private final int limit;
    private final long windowNanos;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();
    /** When the windows were last swept: at most one sweep a second, however many new addresses arrive. */
    private volatile long swept = Long.MIN_VALUE;

    public RateLimiter(int limit, Duration window) {
        this(limit, window, MAX_KEYS, System::nanoTime);
    }

    RateLimiter(int limit, Duration window, int maxKeys, LongSupplier nanoTime) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    public int limit() {
        return limit;
    }

    /** Addresses with a window now (for tests and the figures). */
    public int keys() {
        return windows.size();
    }

    /** Records the request and answers whether it is allowed. Refused requests are not counted. */
    public boolean tryAcquire(String key) {
        return acquire(key) == 0;
    }

    /**
     * Records the request when allowed: 0, else the nanoseconds until the oldest request in the full window leaves it
     * (when a retry can succeed). Refused requests are not counted.
     */
    public long acquire(String key) {
        if (limit <= 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        Deque<Long> q = window(key, now);
        synchronized (q) {
            while (!q.isEmpty() && now - q.peekFirst() >= windowNanos) {
                q.pollFirst();
            }
            if (q.size() >= limit) {
                return Math.max(1, q.peekFirst() + windowNanos - now);
            }
            q.addLast(now);
            return 0;
        }
    }

    private Deque<Long> window(String key, long now) {
        Deque<Long> q = windows.get(key);
        if (q != null) {
            return q;
        }
        if (windows.size() >= maxKeys) {
            sweep(now);
        }
        if (windows.size() >= maxKeys) {
            return windows.computeIfAbsent(OVERFLOW, k -> new ArrayDeque<>());
        }
        return windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    }

    /** Drops the windows whose every request has left them. */
    private synchronized void sweep(long now) {
        if (swept != Long.MIN_VALUE && now - swept < 1_000_000_000L) {
            return;
        }
        swept = now;
        for (Iterator<Map.Entry<String, Deque<Long>>> it = windows.entrySet().iterator(); it.hasNext();) {
            Deque<Long> q = it.next().getValue();
            synchronized (q) {
                Long last = q.peekLast();
                if (last == null || now - last >= windowNanos) {
                    it.remove();
                }
            }
        }
    }
}
