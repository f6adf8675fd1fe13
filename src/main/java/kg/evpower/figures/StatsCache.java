package kg.evpower.figures;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statistics for a server or a desk that asks again and again: the first question is answered by the database
 * ({@link StatsEngine}) while a {@link StatsIndex} of every row is loaded in the background; from then on each answer
 * comes from the index, refreshed first when its last refresh is older than {@code freshness}. When rows are written
 * into the past (the sandbox's history and replays), {@link #invalidate} drops the index and the next question loads a
 * new one. A load that fails leaves the database answering, and is tried again on a later question.
 */
public final class StatsCache {

    private static final Logger LOG = LoggerFactory.getLogger(StatsCache.class);

    /** A connection to read from: in the snapshot and mode the caller wants; closed (after a rollback) by the cache. */
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections db;
    private final Supplier<Instant> clock;
    private final Duration freshness;
    private final String name;
    private StatsIndex index;
    private Thread loader;
    private long generation;
    private Instant lastFailure;
    private String tooLarge;

    public StatsCache(String name, Connections db, Supplier<Instant> clock, Duration freshness) {
        this.name = name;
        this.db = db;
        this.clock = clock;
        this.freshness = freshness;
    }

    /** The figures of {@code q}, from the index when it is loaded, else from the database (starting the load). */
    public StatsEngine.Data read(StatsQuery q) throws SQLException {
        StatsIndex i = current();
        try (Connection c = db.open()) {
            try {
                if (i == null) {
                    return StatsEngine.read(c, q);
                }
                synchronized (i) {
                    Instant now = clock.get();
                    Instant last = i.refreshed();
                    if (last == null || !now.isBefore(last.plus(freshness))) {
                        StatsIndex.Refresh r = i.refresh(c, now);
                        LOG.debug("{}: statistics refreshed in {} ms ({} sessions, {} transactions, {} reopened, {} nets)", name, r.millis(),
                                r.sessions(), r.transactions(), r.reopened(), r.ledgerNets());
                    }
                    return i.read(c, q);
                }
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
        }
    }

    /** Whether answers come from the index now. */
    public synchronized boolean indexed() {
        return index != null;
    }

    /** Starts loading the index now rather than at the first question. */
    public synchronized void preload() {
        startLoading();
    }

    /** Rows were written into the past: forget the index; the next question loads it again. */
    public synchronized void invalidate() {
        generation++;
        index = null;
    }

    /** Waits for a load under way (tests and benchmarks). */
    public void awaitLoaded(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = loader;
        }
        if (t != null) {
            t.join(timeout.toMillis());
        }
    }

    private synchronized StatsIndex current() {
        if (index == null) {
            startLoading();
        }
        return index;
    }

    private synchronized void startLoading() {
        if (index != null || tooLarge != null || (loader != null && loader.isAlive())) {
            return;
        }
        if (lastFailure != null && clock.get().isBefore(lastFailure.plus(Duration.ofMinutes(1)))) {
            return;
        }
        long started = generation;
        loader = new Thread(() -> load(started), name + "-stats-index");
        loader.setDaemon(true);
        loader.setPriority(Thread.MIN_PRIORITY);
        loader.start();
    }

    private void load(long started) {
        long t0 = System.nanoTime();
        try (Connection c = db.open()) {
            StatsIndex loaded;
            try {
                // a third of the heap at most: the rest is the server's or the console's own
                loaded = StatsIndex.load(c, clock.get(), Runtime.getRuntime().maxMemory() / 3);
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
            synchronized (this) {
                if (generation != started) {
                    loader = null;
                    startLoading(); // rows were written into the past meanwhile: read them again
                    return;
                }
                index = loaded;
                lastFailure = null;
            }
            LOG.info("{}: statistics index of {} sessions and {} transactions loaded in {} ms (~{} MB)", name, loaded.sessions(),
                    loaded.transactions(), (System.nanoTime() - t0) / 1_000_000, loaded.bytes() >> 20);
        } catch (StatsIndex.TooLarge e) {
            synchronized (this) {
                tooLarge = e.getMessage();
            }
            LOG.warn("{}: statistics stay with the database, the rows do not fit in memory: {}", name, e.getMessage());
        } catch (SQLException | RuntimeException | OutOfMemoryError e) {
            synchronized (this) {
                lastFailure = clock.get();
            }
            LOG.warn("{}: statistics index not loaded, the database answers: {}", name, e.toString());
        }
    }
}
