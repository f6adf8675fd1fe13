package kg.evpower.sandbox.world.money;

import kg.evpower.sandbox.server.payments.PaymentsService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import kg.evpower.sandbox.server.store.SandboxClock;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a stretch of past money traffic through the real services with the clock set to each event's time:
 * clients top up by QR and pay (on time, late, an older QR, or never), the monitor's checks run when production's
 * would, the hourly cleanup runs on the hour; clients charge and stop in the app (the station's StopTransaction
 * following) or at the station, sometimes past their reserve. Client behaviour is drawn from this generator's own
 * seed at the mode's rates, so "as production" and "fixed" get the same traffic; what the backend does with it is
 * the services' business.
 */
public final class MoneyTraffic {

    private static final Logger LOG = LoggerFactory.getLogger(MoneyTraffic.class);

    private final Database db;
    private final SandboxClock clock;
    private final PaymentsService payments;
    private final ChargingService charging;
    private final Predicate<String> online;
    private final Consumer<Runnable> exclusive;
    private volatile Runnable pastWritten = () -> { };

    /**
     * @param exclusive runs one event while the live simulation stands still (so both do not fight over a connector)
     */
    public MoneyTraffic(Database db, SandboxClock clock, PaymentsService payments, ChargingService charging, Predicate<String> online,
                        Consumer<Runnable> exclusive) {
        this.db = db;
        this.clock = clock;
        this.payments = payments;
        this.charging = charging;
        this.online = online;
        this.exclusive = exclusive;
    }

    /** What a replay did. */
    public record Summary(int topups, int paid, int sessions, int skipped, Instant from, Instant to) {
    }

    private record Event(Instant at, long order, Runnable action) {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
            ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));
    private long order;
    private int topups;
    private int paid;
    private int sessions;
    private int skipped;

    private void at(Instant t, Runnable r) {
        queue.add(new Event(t, order++, r));
    }

    /**
     * Replays {@code topupCount} topups and {@code sessionCount} sessions spread over the {@code span} that ends six
     * minutes before now (so every invoice has run its course), then returns. Without {@code hourlyCleanup} every
     * abandoned QR is left {@code processing}, as between two of production's cleanups (a replay that ends just after
     * the hour would otherwise leave none).
     */
    /** Told after each replay: rows were written into the past (statistics kept in memory must be read again). */
    public void onPastWritten(Runnable listener) {
        this.pastWritten = listener;
    }

    public synchronized Summary replay(Duration span, int topupCount, int sessionCount, long seed, boolean hourlyCleanup) {
        Random rnd = new Random(seed);
        Instant end = Instant.now().minus(Duration.ofMinutes(6)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant start = end.minus(span);
        topups = paid = sessions = skipped = 0;
        List<String> clients = db.query("SELECT id FROM clients WHERE status = 'active' AND phone NOT LIKE '+996700%' ORDER BY id",
                rs -> rs.getString(1));
        List<String[]> connectors = db.query("SELECT c.station_id, c.connector_number FROM connectors c JOIN stations s ON s.id = c.station_id"
                + " WHERE s.status = 'active' AND s.is_available = TRUE ORDER BY c.station_id, c.connector_number",
                rs -> new String[] {rs.getString(1), Integer.toString(rs.getInt(2))});
        if (clients.isEmpty()) {
            return new Summary(0, 0, 0, 0, start, end);
        }
        long spanMs = Math.max(1, span.toMillis() - Duration.ofMinutes(12).toMillis());
        for (int i = 0; i < topupCount; i++) {
            Instant t = start.plusMillis((long) (rnd.nextDouble() * spanMs)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            planTopup(rnd, t, clients.get(rnd.nextInt(clients.size())));
        }
        for (int i = 0; i < sessionCount && !connectors.isEmpty(); i++) {
            Duration length = Duration.ofMinutes(15 + rnd.nextInt(90));
            // every session ends before the replay does: nothing is written in the future
            long room = Math.max(1, spanMs - length.toMillis());
            Instant t = start.plusMillis((long) (rnd.nextDouble() * room)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String[] conn = connectors.get(rnd.nextInt(connectors.size()));
            planSession(rnd, t, length, clients.get(rnd.nextInt(clients.size())), conn[0], Integer.parseInt(conn[1]));
        }
        // production's hourly cleanup, on the hour
        for (Instant h = start.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1)); hourlyCleanup && h.isBefore(end);
             h = h.plus(Duration.ofHours(1))) {
            at(h, () -> {
                if (payments.mode().production()) {
                    payments.cleanup();
                }
            });
        }
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            exclusive.accept(() -> {
                clock.at(e.at());
                try {
                    e.action().run();
                } catch (ChargingService.Refusal r) {
                    skipped++;
                } catch (RuntimeException ex) {
                    skipped++;
                    LOG.debug("replayed event failed: {}", ex.toString());
                } finally {
                    clock.live();
                }
            });
        }
        LOG.info("money history replayed: {} topups ({} paid), {} sessions, {} skipped, {} .. {}", topups, paid, sessions, skipped, start, end);
        pastWritten.run();
        return new Summary(topups, paid, sessions, skipped, start, end);
    }

    private void planTopup(Random rnd, Instant t, String client) {
        TopupPlan plan = TopupPlan.draw(rnd, payments.mode());
        String[] first = new String[1];
        at(t, () -> {
            first[0] = payments.topupQr(client, plan.amount(), null).invoiceId();
            topups++;
        });
        if (plan.secondQr() != null) {
            Instant second = t.plus(plan.secondQr());
            String[] next = new String[1];
            at(second, () -> {
                next[0] = payments.topupQr(client, plan.amount(), null).invoiceId();
                topups++;
            });
            finish(second, next);
        }
        if (plan.pay() != null) {
            payAndCheck(t, t.plus(plan.pay()), first, client);
        }
        finish(t, first);
    }

    private void payAndCheck(Instant created, Instant pay, String[] invoice, String client) {
        at(pay, () -> {
            if (payments.pay(invoice[0], null)) {
                paid++;
            }
        });
        PaymentsService.nextMonitorStep(created, pay).ifPresent(check -> at(check, () -> payments.check(invoice[0])));
    }

    /** "Fixed": a last check after the invoice's end, then what is still unpaid is closed. */
    private void finish(Instant created, String[] invoice) {
        at(created.plus(PaymentsService.FINAL_CHECK), () -> {
            if (!payments.mode().production() && invoice[0] != null) {
                payments.check(invoice[0]);
                payments.closeUnpaid(invoice[0]);
            }
        });
    }

    private final Set<String> busyStations = new HashSet<>();

    private void planSession(Random rnd, Instant t, Duration length, String client, String station, int connector) {
        boolean amountLimit = rnd.nextBoolean();
        BigDecimal limit = amountLimit ? BigDecimal.valueOf(100 + rnd.nextInt(300)) : null;
        boolean appStop = rnd.nextDouble() < 0.6;
        boolean overshoot = !appStop && rnd.nextDouble() < 0.2;
        double fraction = overshoot ? 1.05 + rnd.nextDouble() * 0.15 : 0.2 + rnd.nextDouble() * 0.7;
        long meterStart = 100_000 + rnd.nextInt(9_000_000);
        int tail = rnd.nextInt(200);
        Object[] state = new Object[3]; // session id, tx id, energy Wh
        at(t, () -> {
            if (busyStations.contains(station)) {
                skipped++;
                return;
            }
            ChargingService.Started s = charging.start(client, station, connector, null, limit, online);
            busyStations.add(station);
            sessions++;
            state[0] = s.sessionId();
            BigDecimal rate = s.pricing().ratePerKwh();
            long wh = s.reserved().multiply(BigDecimal.valueOf(fraction)).divide(rate, 3, RoundingMode.HALF_UP)
                    .multiply(BigDecimal.valueOf(1000)).longValue();
            state[2] = wh;
        });
        at(t.plusSeconds(8), () -> {
            if (state[0] != null) {
                state[1] = charging.startTransaction(station, connector, "EVP" + client.substring(0, 8), BigDecimal.valueOf(meterStart))
                        .orElse(null);
            }
        });
        Instant last = t.plus(length).minusSeconds(40);
        at(last, () -> {
            if (state[1] != null) {
                long wh = (Long) state[2];
                charging.meterValues(station, connector, (Integer) state[1], new ChargingService.Sample(last,
                        BigDecimal.valueOf(meterStart + wh), BigDecimal.valueOf(7000), BigDecimal.valueOf(30), BigDecimal.valueOf(230), null));
            }
        });
        Instant stop = t.plus(length);
        at(stop, () -> {
            if (state[0] == null) {
                return;
            }
            if (appStop) {
                charging.stop(client, (String) state[0], online);
            }
            if (!appStop || state[1] != null) {
                Instant ocppStop = appStop ? stop.plusSeconds(4) : stop;
                Runnable stationStop = () -> {
                    if (state[1] != null) {
                        long wh = (Long) state[2] + tail;
                        charging.stopTransaction(station, (Integer) state[1], BigDecimal.valueOf(meterStart + wh),
                                appStop ? "Remote" : "EVDisconnected");
                    } else {
                        charging.stopBySystem((String) state[0]);
                    }
                    busyStations.remove(station);
                };
                if (appStop) {
                    at(ocppStop, stationStop);
                } else {
                    stationStop.run();
                }
            } else {
                busyStations.remove(station);
            }
        });
    }

}
