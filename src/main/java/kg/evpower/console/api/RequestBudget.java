package kg.evpower.console.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Keeps the console's own traffic within the server's limit (contract §1.4: 60 requests/min per IP, no
 * Retry-After). Callers wait for a slot in a sliding window — requests are queued, never dropped — and a 429
 * pushes every caller back with exponential back-off. Background work can ask for a slot only while the
 * window is less than {@code backgroundShare} full, so interactive calls keep room.
 *
 * <p>The limit is shared by everyone behind the same address (three support desks behind one NAT), so the
 * console's own allowance adapts: a 429 halves it (not below a sixth of the ceiling), and every quiet window
 * (no 429 for a whole window) raises it by a tenth of the ceiling until it is back at the ceiling.
 */
public final class RequestBudget {

    private final int perWindow;
    private final long windowNanos;
    private final double backgroundShare;
    private final LongSupplier nanoClock;
    private final Deque<Long> sent = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private long blockedUntil;
    private int consecutive429;
    /** The allowance per window now: the ceiling, or less while the address's limit is shared. */
    private int limit;
    private long lastChange;

    public RequestBudget(int perWindow, Duration window, double backgroundShare) {
        this(perWindow, window, backgroundShare, System::nanoTime);
    }

    RequestBudget(int perWindow, Duration window, double backgroundShare, LongSupplier nanoClock) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.backgroundShare = backgroundShare;
        this.nanoClock = nanoClock;
        this.blockedUntil = nanoClock.getAsLong();
        this.limit = perWindow;
        this.lastChange = blockedUntil;
    }

    /** Production's default: 60 per minute, with some headroom for other consoles behind the same NAT. */
    public static RequestBudget production() {
        return new RequestBudget(55, Duration.ofSeconds(60), 0.6);
    }

    /** Waits for a slot and takes it. */
    public void acquire() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long now = nanoClock.getAsLong();
                prune(now);
                long waitBlocked = blockedUntil - now;
                if (waitBlocked <= 0 && sent.size() < limit) {
                    sent.addLast(now);
                    return;
                }
                long waitWindow = sent.size() < limit || sent.isEmpty() ? 0 : sent.peekFirst() + windowNanos - now;
                long wait = Math.max(Math.max(waitBlocked, waitWindow), 1_000_000L);
                changed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes a slot only if the window is less than the background share full; never waits. */
    public boolean tryAcquireBackground() {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            prune(now);
            if (blockedUntil - now > 0 || sent.size() >= limit * backgroundShare) {
                return false;
            }
            sent.addLast(now);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * True when background work may send now: the window is less than the background share full and no back-off
     * runs. Takes nothing; the request itself then takes its slot.
     */
    public boolean hasBackgroundRoom() {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            prune(now);
            return blockedUntil - now <= 0 && sent.size() < limit * backgroundShare;
        } finally {
            lock.unlock();
        }
    }

    /** The server answered 429: everybody waits 2, 4, 8 … up to 60 s before the next request. */
    public Duration onRateLimited() {
        lock.lock();
        try {
            consecutive429 = Math.min(consecutive429 + 1, 6);
            long backoff = Math.min(TimeUnit.SECONDS.toNanos(1L << consecutive429), TimeUnit.SECONDS.toNanos(60));
            long now = nanoClock.getAsLong();
            blockedUntil = Math.max(blockedUntil, now + backoff);
            // someone else behind this address sends too: take half of what this console allowed itself
            limit = Math.max(floor(), limit / 2);
            lastChange = now;
            changed.signalAll();
            return Duration.ofNanos(backoff);
        } finally {
            lock.unlock();
        }
    }

    /** A request went through: the back-off starts again from its shortest step. */
    public void onSuccess() {
        lock.lock();
        try {
            consecutive429 = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Requests sent in the current window. */
    public int inWindow() {
        lock.lock();
        try {
            prune(nanoClock.getAsLong());
            return sent.size();
        } finally {
            lock.unlock();
        }
    }

    /** The console's allowance per window now (the ceiling, or less after 429s). */
    public int perWindow() {
        lock.lock();
        try {
            prune(nanoClock.getAsLong());
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** The allowance with the address to itself. */
    public int ceiling() {
        return perWindow;
    }

    /** Whether the allowance is lowered because others behind this address use the server's limit too. */
    public boolean shared() {
        return perWindow() < perWindow;
    }

    private int floor() {
        return Math.max(1, perWindow / 6);
    }

    private void prune(long now) {
        // a whole quiet window since the last change: a tenth of the ceiling back
        while (limit < perWindow && now - lastChange >= windowNanos) {
            limit = Math.min(perWindow, limit + Math.max(1, perWindow / 10));
            lastChange += windowNanos;
            changed.signalAll();
        }
        while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
            sent.pollFirst();
        }
    }
}
