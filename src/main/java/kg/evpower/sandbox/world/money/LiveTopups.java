package kg.evpower.sandbox.world.money;

import kg.evpower.sandbox.server.payments.PaymentsService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Money moving while the sandbox runs: simulated clients, mostly those running low, ask for a QR topup through the same
 * service {@code POST /balance/topup-qr} uses, the monitor starts as it does for a real request, and the client pays
 * (or not) on a {@link TopupPlan}; production's hourly cleanup runs on the hour. Arrivals are a Poisson stream at
 * {@code perHour} times the simulation's speed. No client comes while the simulation is paused ({@code --no-sim}, or
 * switched off under {@code /_sandbox/simulation}) and the cleanup waits too, so a sandbox started paused only changes on
 * request; a client already in the middle of a topup when it is paused still finishes it.
 */
public final class LiveTopups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTopups.class);
    /** A client with less than this many som is "running low" and tops up more often. */
    private static final int LOW_BALANCE = 200;

    private final Database db;
    private final Supplier<Instant> clock;
    private final PaymentsService payments;
    private final BooleanSupplier running;
    private final Random rnd;
    private final double meanGapMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-live-topups");
        t.setDaemon(true);
        return t;
    });
    private final ArrayDeque<String> low = new ArrayDeque<>();
    private final ArrayDeque<String> anyone = new ArrayDeque<>();
    private volatile int arrivals;
    private volatile int created;
    private volatile int paid;
    private volatile int cleaned;

    /**
     * @param perHour topups asked for per simulated hour; zero or less for none (the hourly cleanup still runs)
     * @param speed   the simulation's speed: arrivals come this many times as often
     */
    public LiveTopups(Database db, Supplier<Instant> clock, PaymentsService payments, BooleanSupplier running, long seed, double perHour,
                      double speed) {
        this.db = db;
        this.clock = clock;
        this.payments = payments;
        this.running = running;
        this.rnd = new Random(seed ^ 0x70B0_0B5EL);
        this.meanGapMs = perHour > 0 && speed > 0 ? 3_600_000.0 / (perHour * speed) : 0;
    }

    /** Schedules the first arrival and the cleanup on the next full hour. */
    public void start() {
        if (meanGapMs > 0) {
            scheduleNext();
        }
        Instant now = clock.get();
        long toHour = Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))).toMillis();
        timer.scheduleAtFixedRate(this::cleanup, toHour, Duration.ofHours(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What has happened so far: clients who came to top up, QRs asked for, invoices paid, topups the hourly cleanup cancelled. */
    public record Counts(int arrivals, int created, int paid, int cleaned) {
    }

    public Counts counts() {
        return new Counts(arrivals, created, paid, cleaned);
    }

    private void scheduleNext() {
        long gap = Math.max(1, Math.round(-Math.log(1 - rnd.nextDouble()) * meanGapMs));
        timer.schedule(() -> {
            try {
                if (running.getAsBoolean()) {
                    arrive();
                }
            } catch (RuntimeException e) {
                LOG.warn("live topup failed: {}", e.toString());
            } finally {
                scheduleNext();
            }
        }, gap, TimeUnit.MILLISECONDS);
    }

    private void arrive() {
        String client = pick();
        if (client == null) {
            return;
        }
        arrivals++;
        TopupPlan plan = TopupPlan.draw(rnd, payments.mode());
        String first = ask(client, plan);
        if (plan.secondQr() != null) {
            later(plan.secondQr(), () -> ask(client, plan));
        }
        if (plan.pay() != null) {
            later(plan.pay(), () -> {
                if (payments.pay(first, null)) {
                    paid++;
                }
            });
        }
    }

    /** A QR as the app asks for it: the invoice, then the monitor the route starts. */
    private String ask(String client, TopupPlan plan) {
        String invoice = payments.topupQr(client, plan.amount(), null).invoiceId();
        payments.monitor(invoice);
        created++;
        return invoice;
    }

    private void later(Duration after, Runnable r) {
        timer.schedule(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("live topup step failed: {}", e.toString());
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Seven in ten arrivals are clients running low; the rest anyone. Pools are shuffled and reloaded when used up. */
    private String pick() {
        boolean lowFirst = rnd.nextDouble() < 0.7;
        String id = lowFirst ? next(low, true) : null;
        return id != null ? id : next(anyone, false);
    }

    private String next(ArrayDeque<String> pool, boolean lowOnly) {
        if (pool.isEmpty()) {
            List<String> ids = new ArrayList<>(db.query("SELECT id FROM clients WHERE status = 'active' AND phone NOT LIKE '+996700%'"
                    + (lowOnly ? " AND balance < " + LOW_BALANCE : "") + " ORDER BY id", rs -> rs.getString(1)));
            Collections.shuffle(ids, rnd);
            pool.addAll(ids);
        }
        return pool.pollFirst();
    }

    private void cleanup() {
        try {
            if (running.getAsBoolean() && payments.mode().production()) {
                int n = payments.cleanup();
                cleaned += n;
                LOG.info("hourly topup cleanup: {} expired processing topups cancelled", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("hourly topup cleanup failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
