package kg.evpower.sandbox.world.drivers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drivers and their cars. A driver arriving at a free connector starts a session through production's v1 start
 * (the same {@link ChargingService} the HTTP route uses), with no limit, an energy limit or an amount limit. The
 * station, if connected, answers RemoteStartTransaction a few seconds later: Preparing, StartTransaction, Charging,
 * then MeterValues every 10–60 s on a power curve of the car (AC flat with a taper near full; DC ramping up, flat to
 * about 55 % SoC, then falling). A session ends the ways production's do:
 * <ul>
 *   <li>the driver stops it in the app (v1 stop; the station's StopTransaction then settles a second time, as in
 *       production);</li>
 *   <li>the server's limit monitor stops it at 95 % of an energy or amount limit, or 90 % of the reserve of an
 *       unlimited session (RemoteStopTransaction → StopTransaction);</li>
 *   <li>the car is full and the driver unplugs (StopTransaction, EVDisconnected);</li>
 *   <li>production's auto-stop job: 12 h, or 10 min with no transaction (a station that was offline at start).</li>
 * </ul>
 * Simulated time runs {@code speed} times faster than the clock for the car's progress and the meter interval.
 * Not thread-safe: driven from the network simulator's single thread.
 */
public final class ChargingSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(ChargingSimulator.class);
    static final Duration NO_TRANSACTION_LIMIT = Duration.ofMinutes(10);
    static final Duration LONGEST_SESSION = Duration.ofHours(12);

    /** What the station sends, so the connector's status follows the car (StatusNotification). */
    public interface Station {
        void status(String stationId, int connector, String ocppStatus);
    }

    private final class Car {
        final String sessionId;
        final String clientId;
        final String stationId;
        final int connector;
        final boolean dc;
        final double maxKw;
        final double batteryKwh;
        final double targetSoc;
        final String limitType;
        final BigDecimal limitValue;
        final BigDecimal reserve;
        final BigDecimal rate;
        final Instant startedAt;
        final Instant answerAt;
        final Instant driverStopAt;
        double soc;
        double meterWh;
        double energyKwh;
        Integer tx;
        Instant lastMeter;
        Instant nextMeter;

        Car(ChargingService.Started s, boolean dc, double connectorKw, Instant now) {
            this.sessionId = s.sessionId();
            this.clientId = s.clientId();
            this.stationId = s.stationId();
            this.connector = s.connectorId();
            this.dc = dc;
            double carMax = dc ? 50 + rnd.nextInt(101) : new double[] {7.4, 11, 22}[rnd.nextInt(3)];
            this.maxKw = Math.max(3.7, Math.min(connectorKw, carMax));
            this.batteryKwh = 40 + rnd.nextInt(51);
            this.soc = 10 + rnd.nextInt(71); // some arrive nearly full and leave when the car is
            this.targetSoc = 80 + rnd.nextInt(21);
            this.limitType = s.limitType();
            this.limitValue = s.energyKwh() != null ? s.energyKwh() : "amount".equals(s.limitType()) ? s.reserved() : BigDecimal.ZERO;
            this.reserve = s.reserved();
            this.rate = s.pricing().ratePerKwh();
            this.startedAt = now;
            this.answerAt = now.plus(simSeconds(5 + rnd.nextInt(26)));
            // a third of drivers stop from the app after 20–120 simulated minutes
            this.driverStopAt = rnd.nextInt(3) == 0 ? now.plus(simSeconds(60L * (20 + rnd.nextInt(101)))) : Instant.MAX;
            this.meterWh = registers.getOrDefault(plug(stationId, connector), 1_000_000.0 + rnd.nextInt(5_000_000));
        }
    }

    private final Database db;
    private final ChargingService money;
    private final Station station;
    private final Predicate<String> online;
    private final Supplier<Instant> clock;
    private final Random rnd;
    private final double speed;
    /** A fixed real-time interval between samples (benchmark load), or null. */
    private final Duration fixedMeterInterval;
    private final Map<String, Car> cars = new LinkedHashMap<>();
    private final java.util.ArrayDeque<String> clientPool = new java.util.ArrayDeque<>();
    /** Clients with a car of ours on charge. */
    private final java.util.Set<String> charging = new java.util.HashSet<>();
    /** Sessions stopped by anyone (told by the money paths, from any thread); a car seeing its own leaves. */
    private final java.util.Set<String> stoppedElsewhere = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Connectors ("station#n") a car of ours is plugged into; asked every tick for every such connector. */
    private final java.util.Set<String> plugged = new java.util.HashSet<>();
    /** Each connector's energy register (Wh), which only grows. */
    private final Map<String, Double> registers = new HashMap<>();
    private int started;
    private int refused;

    public ChargingSimulator(Database db, ChargingService money, Station station, Predicate<String> online, Supplier<Instant> clock,
                             long seed, double speed, Duration fixedMeterInterval) {
        this.db = db;
        this.money = money;
        this.station = station;
        this.online = online;
        this.clock = clock;
        this.rnd = new Random(seed ^ 0x5EED);
        this.speed = speed;
        this.fixedMeterInterval = fixedMeterInterval;
        // a stop made elsewhere (an operator, the API) reaches the car through the money paths' own notice
        money.addListener(new kg.evpower.sandbox.server.charging.SessionListener() {
            @Override
            public void sessionStopped(String sessionId, String stationId) {
                stoppedElsewhere.add(sessionId);
            }
        });
    }

    private Duration simSeconds(long s) {
        return Duration.ofMillis((long) (s * 1000 / speed));
    }

    public int activeCars() {
        return cars.size();
    }

    public int started() {
        return started;
    }

    public int refused() {
        return refused;
    }

    /** Whether a car of ours is at this connector (the network simulator then leaves the connector alone). */
    public boolean busy(String stationId, int connector) {
        return plugged.contains(plug(stationId, connector));
    }

    /**
     * A driver arrives: picks a client who can pay, a limit, and starts through the v1 start. Refusals (a station gone
     * offline, the connector taken meanwhile) are what production would answer; the driver then leaves.
     *
     * @return the session id, if one started
     */
    public Optional<String> arrive(String stationId, int connector) {
        Instant now = clock.get();
        Optional<String> client = pickClient();
        if (client.isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> conn = db.query("SELECT connector_type, power_kw FROM connectors WHERE station_id = ? AND connector_number = ?",
                rs -> new Object[] {rs.getString(1), rs.getBigDecimal(2)}, stationId, connector);
        if (conn.isEmpty()) {
            return Optional.empty();
        }
        String type = conn.get(0)[0] == null ? "Type2" : (String) conn.get(0)[0];
        boolean dc = type.contains("CCS") || type.contains("CHAdeMO") || type.contains("GB/T DC");
        double kw = conn.get(0)[1] == null ? (dc ? 60 : 22) : ((BigDecimal) conn.get(0)[1]).doubleValue();
        BigDecimal energy = null;
        BigDecimal amount = null;
        int kind = rnd.nextInt(10);
        if (kind < 2) {
            energy = BigDecimal.valueOf(5 + rnd.nextInt(36));
        } else if (kind < 5) {
            amount = BigDecimal.valueOf(100 + rnd.nextInt(9) * 50L);
        }
        try {
            ChargingService.Started s = money.start(client.get(), stationId, connector, energy, amount, online);
            cars.put(s.sessionId(), new Car(s, dc, kw, now));
            charging.add(s.clientId());
            plugged.add(plug(stationId, connector));
            started++;
            return Optional.of(s.sessionId());
        } catch (ChargingService.Refusal r) {
            refused++;
            LOG.debug("driver at {}#{} refused: {}", stationId, connector, r.code());
            return Optional.empty();
        }
    }

    /**
     * A client who can pay and is not charging: drawn from a shuffled pool of the clients with at least 50 som,
     * reloaded when used up (the start itself still checks the balance and the one-session rule).
     */
    private Optional<String> pickClient() {
        for (int attempt = 0; attempt < 2; attempt++) {
            while (!clientPool.isEmpty()) {
                String id = clientPool.pollFirst();
                if (!charging.contains(id)) {
                    return Optional.of(id);
                }
            }
            List<String> ids = new ArrayList<>(db.query("SELECT id FROM clients WHERE status = 'active' AND balance >= 50"
                    + " AND id NOT IN (SELECT user_id FROM charging_sessions WHERE status = 'started') ORDER BY id", rs -> rs.getString(1)));
            java.util.Collections.shuffle(ids, rnd);
            clientPool.addAll(ids);
        }
        return Optional.empty();
    }

    /** One step of every car; call about once a second. */
    public void tick() {
        Instant now = clock.get();
        for (Car car : new ArrayList<>(cars.values())) {
            try {
                step(car, now);
            } catch (RuntimeException e) {
                LOG.warn("car {} at {}: {}", car.sessionId, car.stationId, e.toString());
                forget(car);
            }
        }
    }

    private void step(Car car, Instant now) {
        if (car.tx == null && stoppedElsewhere.contains(car.sessionId)) {
            forget(car); // ended before its transaction began (production's BootNotification cleanup): the driver leaves
            station.status(car.stationId, car.connector, "Available");
            return;
        }
        if (car.tx == null) {
            if (Duration.between(car.startedAt, now).compareTo(simDuration(NO_TRANSACTION_LIMIT)) > 0) {
                autoStop(car, "no transaction after 10 min");
                return;
            }
            if (now.isBefore(car.answerAt) || !online.test(car.stationId)) {
                return; // production never re-sends the start to a station that was offline
            }
            station.status(car.stationId, car.connector, "Preparing");
            car.tx = money.startTransaction(car.stationId, car.connector, idTag(car), BigDecimal.valueOf(Math.round(car.meterWh)))
                    .orElse(null);
            if (car.tx == null) {
                forget(car);
                return;
            }
            station.status(car.stationId, car.connector, "Charging");
            // the transaction's first sample (Transaction.Begin): the register at start, no power yet
            money.meterValues(car.stationId, car.connector, car.tx, new ChargingService.Sample(now, wh(car.meterWh), BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.valueOf(car.dc ? 350 : 230), BigDecimal.valueOf(Math.round(car.soc))));
            car.lastMeter = now;
            car.nextMeter = now.plus(meterInterval());
            return;
        }
        if (Duration.between(car.startedAt, now).compareTo(simDuration(LONGEST_SESSION)) > 0) {
            autoStop(car, "longer than 12 h");
            return;
        }
        if (now.isAfter(car.driverStopAt)) {
            money.stop(car.clientId, car.sessionId, online);          // the driver, in the app
            stationStops(car, "Remote");                               // the station answers RemoteStopTransaction
            return;
        }
        if (now.isBefore(car.nextMeter) || !online.test(car.stationId)) {
            return;
        }
        if (stoppedElsewhere.contains(car.sessionId)) {
            stationStops(car, "Remote"); // stopped elsewhere (an operator, the API): RemoteStopTransaction
            return;
        }
        double hours = Duration.between(car.lastMeter, now).toMillis() / 3_600_000.0 * speed;
        double kw = power(car);
        double kwh = kw * hours;
        car.energyKwh += kwh;
        car.meterWh += kwh * 1000;
        car.soc = Math.min(100, car.soc + kwh / car.batteryKwh * 100);
        car.lastMeter = now;
        car.nextMeter = now.plus(meterInterval());
        double volts = car.dc ? 350 + car.soc * 0.7 : 220 + rnd.nextInt(16);
        double amps = car.dc ? kw * 1000 / volts : kw * 1000 / volts / (kw > 7.4 ? 3 : 1);
        money.meterValues(car.stationId, car.connector, car.tx, new ChargingService.Sample(now, wh(car.meterWh), scaled(kw * 1000, 1),
                scaled(amps, 1), scaled(volts, 1), BigDecimal.valueOf(Math.round(car.soc))));
        BigDecimal cost = BigDecimal.valueOf(car.energyKwh).multiply(car.rate);
        boolean limitReached = switch (car.limitType) {
            case "energy" -> car.limitValue.signum() > 0 && car.energyKwh >= 0.95 * car.limitValue.doubleValue();
            case "amount" -> cost.compareTo(car.limitValue.multiply(new BigDecimal("0.95"))) >= 0;
            default -> cost.compareTo(car.reserve.multiply(new BigDecimal("0.90"))) >= 0;
        };
        if (limitReached) {
            stationStops(car, "Remote");                               // the limit monitor's RemoteStopTransaction
        } else if (car.soc >= car.targetSoc) {
            stationStops(car, "EVDisconnected");                       // full: the driver unplugs
        }
    }

    // ---- what a station command does to a car (the station's side, ChargePointSimulator) ---------------------------

    private Car carAt(String stationId, int connector) {
        return cars.values().stream().filter(c -> c.stationId.equals(stationId) && c.connector == connector).findFirst().orElse(null);
    }

    /**
     * The station ends the transaction on this connector itself (a soft reset, an unlock): StopTransaction with
     * {@code reason}, which settles the money as production settles a station's stop. False when no transaction runs.
     */
    public boolean stopByStation(String stationId, int connector, String reason) {
        Car car = carAt(stationId, connector);
        if (car == null || car.tx == null) {
            return false;
        }
        stationStops(car, reason);
        return true;
    }

    /**
     * RemoteStopTransaction as a station takes it: the transaction with that id on this station ends with
     * StopTransaction (reason Remote), which settles the money; false (Rejected) when the station runs no such
     * transaction.
     */
    public boolean stopRemotely(String stationId, int transactionId) {
        for (Car car : new ArrayList<>(cars.values())) {
            if (car.stationId.equals(stationId) && car.tx != null && car.tx == transactionId) {
                stationStops(car, "Remote");
                return true;
            }
        }
        return false;
    }

    /**
     * A hard reset: the station drops every car's transaction without a clean stop. Answers what the station sends once
     * it has booted again — a StopTransaction (reason HardReset) for each transaction it had, at its last register;
     * sessions that had no transaction yet are left to production's BootNotification cleanup.
     */
    public Runnable loseForHardReset(String stationId) {
        List<Runnable> after = new ArrayList<>();
        for (Car car : new ArrayList<>(cars.values())) {
            if (!car.stationId.equals(stationId)) {
                continue;
            }
            if (car.tx != null) {
                int tx = car.tx;
                BigDecimal meter = wh(car.meterWh);
                after.add(() -> money.stopTransaction(stationId, tx, meter, "HardReset"));
            }
            registers.put(plug(car.stationId, car.connector), car.meterWh);
            forget(car);
        }
        return () -> after.forEach(Runnable::run);
    }

    /** Whether a transaction runs on this connector. */
    public boolean charging(String stationId, int connector) {
        Car car = carAt(stationId, connector);
        return car != null && car.tx != null;
    }

    /** TriggerMessage MeterValues: a sample of the transaction on this connector now; false when none runs. */
    public boolean sampleNow(String stationId, int connector) {
        Car car = carAt(stationId, connector);
        if (car == null || car.tx == null) {
            return false;
        }
        double kw = power(car);
        double volts = car.dc ? 350 + car.soc * 0.7 : 230;
        money.meterValues(stationId, connector, car.tx, new ChargingService.Sample(clock.get(), wh(car.meterWh), scaled(kw * 1000, 1),
                scaled(kw * 1000 / volts, 1), scaled(volts, 1), BigDecimal.valueOf(Math.round(car.soc))));
        return true;
    }

    private static String plug(String stationId, int connector) {
        return stationId + "#" + connector;
    }

    private void forget(Car car) {
        cars.remove(car.sessionId);
        charging.remove(car.clientId);
        plugged.remove(plug(car.stationId, car.connector));
        stoppedElsewhere.remove(car.sessionId);
    }

    /** The car's power now: AC flat with a taper above 95 %; DC ramping, flat to ~55 % SoC, then falling. */
    private double power(Car car) {
        double p;
        if (car.dc) {
            double f = car.soc < 20 ? 0.7 + car.soc / 100 * 1.5 : car.soc <= 55 ? 1.0 : Math.max(0.15, 1 - (car.soc - 55) / 50);
            p = car.maxKw * f;
        } else {
            p = car.soc > 95 ? car.maxKw * Math.max(0.1, (100 - car.soc) / 5) : car.maxKw;
        }
        return p * (0.97 + rnd.nextDouble() * 0.06);
    }

    private void stationStops(Car car, String reason) {
        if (car.tx != null) {
            money.stopTransaction(car.stationId, car.tx, wh(car.meterWh), reason);
        }
        registers.put(plug(car.stationId, car.connector), car.meterWh);
        forget(car);
        station.status(car.stationId, car.connector, "Finishing");
        station.status(car.stationId, car.connector, "Available");
    }

    /** Production's hanging-session job: settles through the API stop's code path and frees the connectors. */
    private void autoStop(Car car, String why) {
        LOG.debug("auto-stop {}: {}", car.sessionId, why);
        money.stopBySystem(car.sessionId);
        if (car.tx != null) {
            stationStops(car, "Remote");
        } else {
            forget(car);
            station.status(car.stationId, car.connector, "Available");
        }
    }

    private Duration simDuration(Duration real) {
        return Duration.ofMillis((long) (real.toMillis() / speed));
    }

    private Duration meterInterval() {
        if (fixedMeterInterval != null) {
            return fixedMeterInterval;
        }
        return simSeconds(10 + rnd.nextInt(51));
    }

    /** Production's id tag: the client's phone digits, or E + 8 + 4 hex digits when there is no phone. */
    private String idTag(Car car) {
        String phone = db.queryOne("SELECT phone FROM clients WHERE id = ?", rs -> rs.getString(1), car.clientId).orElse(null);
        return phone == null || phone.isBlank() ? "E" + car.clientId.replace("-", "").substring(0, 12).toUpperCase()
                : phone.replaceAll("[^0-9]", "");
    }

    private static BigDecimal wh(double v) {
        return BigDecimal.valueOf(Math.round(v));
    }

    private static BigDecimal scaled(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
    }
}
