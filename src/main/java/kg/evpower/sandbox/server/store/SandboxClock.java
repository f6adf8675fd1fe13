package kg.evpower.sandbox.server.store;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The sandbox's clock: the wall clock, except on a thread that is replaying history (the money traffic generator),
 * where it reads the simulated instant that thread set. Everything the services write then carries the simulated
 * time, through the same code paths as live traffic.
 */
public final class SandboxClock implements Supplier<Instant> {

    private final ThreadLocal<Instant> replay = new ThreadLocal<>();

    @Override
    public Instant get() {
        Instant t = replay.get();
        return t != null ? t : Instant.now();
    }

    /** Makes this thread's clock read {@code t} until {@link #live()}. */
    public void at(Instant t) {
        replay.set(t);
    }

    /** Back to the wall clock on this thread. */
    public void live() {
        replay.remove();
    }
}
