package kg.evpower.sandbox.world.stations;

import kg.evpower.sandbox.server.stations.StationEvents;
import kg.evpower.sandbox.world.drivers.ChargingSimulator;
import kg.evpower.sandbox.world.history.NetworkHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated network: stations heartbeat, some drop offline and come back, connectors move through
 * the OCPP statuses (Available → Preparing → Charging → Finishing → Available, sometimes Faulted with an error
 * code or Unavailable) at believable rates. Every change goes through {@link StationEvents}.
 */
public final class NetworkSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkSimulator.class);
    private static final String[] ERROR_CODES = {"GroundFailure", "OverCurrentFailure", "HighTemperature", "ConnectorLockFailure",
        "EVCommunicationError", "PowerMeterFailure", "InternalError", "UnderVoltage", "OverVoltage"};

    /** Mean seconds between events, at speed 1. */
    static final double SESSION_EVERY_S = 45 * 60;     // a connector gets a driver about every 45 min
    static final double FAULT_EVERY_S = 8 * 3600;      // a connector faults about every 8 h
    static final double UNAVAILABLE_EVERY_S = 16 * 3600;
    static final double DROP_EVERY_S = 5 * 3600;       // a station drops offline about every 5 h

    private final class ConnectorSim {
        final int number;
        String status = "Available";
        Instant until = Instant.MAX;
        /** Taken out of service by ChangeAvailability (kept across reboots, as OCPP asks). */
        boolean inoperative;
        /** Inoperative asked while a car charged: applied when it leaves. */
        boolean inoperativeScheduled;

        ConnectorSim(int number) {
            this.number = number;
        }
    }

    private final Database db;

    private final class StationSim {
        final String id;
        final boolean maintenance;
        final long heartbeatEveryS;
        final List<ConnectorSim> connectors = new ArrayList<>();
        boolean online = true;
        /** No driver comes here (a station the written history left dead). */
        boolean shunned;
        Instant nextHeartbeat;
        Instant backAt;
        /** What the station does once it has booted again after a reset (its StopTransactions of a hard reset). */
        Runnable afterBoot;

        StationSim(String id, boolean maintenance, long heartbeatEveryS, Instant firstHeartbeat) {
            this.id = id;
            this.maintenance = maintenance;
            this.heartbeatEveryS = heartbeatEveryS;
            this.nextHeartbeat = firstHeartbeat;
        }
    }

    private final StationEvents events;
    private final Supplier<Instant> clock;
    private final Random rnd;
    private final double speed;
    private final List<StationSim> stations = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-sim");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> task;
    /** Drivers with real sessions and money; null when the simulation has only connector traffic. */
    private ChargingSimulator drivers;
    private Instant nextStaleCheck;
    private volatile boolean running;

    public NetworkSimulator(Database db, StationEvents events, Supplier<Instant> clock, long seed, double speed) {
        this.db = db;
        this.events = events;
        this.clock = clock;
        this.rnd = new Random(seed);
        this.speed = speed;
        Instant now = clock.get();
        this.nextStaleCheck = now.plusSeconds(120);
        // Load the network's stations; inactive ones never connect. Connectors start from their stored state.
        db.query("SELECT s.id, s.status, c.connector_number, c.status FROM stations s JOIN connectors c ON c.station_id = s.id"
                + " WHERE s.status <> 'inactive' ORDER BY s.id, c.connector_number", rs -> {
                    String id = rs.getString(1);
                    StationSim st = stations.isEmpty() ? null : stations.get(stations.size() - 1);
                    if (st == null || !st.id.equals(id)) {
                        long every = 60 + rnd.nextInt(181);
                        st = new StationSim(id, "maintenance".equals(rs.getString(2)), every, now.plusSeconds(rnd.nextInt((int) every)));
                        stations.add(st);
                    }
                    ConnectorSim c = new ConnectorSim(rs.getInt(3));
                    c.status = switch (rs.getString(4)) {
                        case "occupied" -> "Charging";
                        case "faulted" -> "Faulted";
                        case "unavailable" -> "Unavailable";
                        default -> "Available";
                    };
                    c.until = "Available".equals(c.status) ? Instant.MAX : now.plusSeconds(30 + rnd.nextInt(600));
                    st.connectors.add(c);
                    return null;
                });
    }

    /** From now on a driver's arrival starts a real session (v1 start, transaction, meter values, settlement). */
    public synchronized void setDrivers(ChargingSimulator drivers) {
        this.drivers = drivers;
    }

    public int stationCount() {
        return stations.size();
    }

    /** Connects every station (BootNotification) and starts the 1-second tick. */
    public synchronized void start() {
        if (task != null) {
            return;
        }
        running = true;
        String dead = db.meta(NetworkHistory.DEAD_STATIONS);
        Set<String> shunned = dead == null || dead.isBlank() ? Set.of() : Set.of(dead.split(","));
        for (StationSim s : stations) {
            s.shunned = shunned.contains(s.id);
            s.online = true;
            events.heartbeat(s.id);
        }
        task = timer.scheduleAtFixedRate(this::tickSafely, 1, 1, TimeUnit.SECONDS);
        LOG.info("simulation running: {} stations, speed {}", stations.size(), speed);
    }

    /**
     * Brings a network that is all idle (a fresh database) to the mix it settles into after a while: about a third
     * of connectors in a session, a few faulted or unavailable. Each change goes through StatusNotification like any
     * other, so the tables and the WebSocket agree. A network that already has traffic is left as it is.
     */
    public synchronized int warmUp(Instant now) {
        long total = stations.stream().mapToLong(st -> st.connectors.size()).sum();
        long busy = stations.stream().flatMap(st -> st.connectors.stream()).filter(c -> !"Available".equals(c.status)).count();
        if (total == 0 || busy * 20 > total) {
            return 0;
        }
        int changed = 0;
        for (StationSim st : stations) {
            if (st.maintenance) {
                continue;
            }
            for (ConnectorSim c : st.connectors) {
                double r = rnd.nextDouble();
                String next = null;
                String error = null;
                Duration hold = null;
                if (r < 0.30 && st.shunned) {
                    continue;
                } else if (r < 0.30 && drivers != null) {
                    // a real session: reserve, transaction and meter values, like any driver's
                    if (drivers.arrive(st.id, c.number).isPresent()) {
                        c.status = "Car";
                        changed++;
                    }
                    continue;
                } else if (r < 0.30) {
                    next = "Charging";
                    hold = minutes(2, 50);
                } else if (r < 0.33) {
                    next = "Faulted";
                    error = ERROR_CODES[rnd.nextInt(ERROR_CODES.length)];
                    hold = minutes(2, 30);
                } else if (r < 0.35) {
                    next = "Unavailable";
                    hold = minutes(5, 30);
                }
                if (next != null) {
                    c.status = next;
                    c.until = now.plus(hold);
                    events.statusNotification(st.id, c.number, next, error, null);
                    changed++;
                }
            }
        }
        LOG.info("simulation warmed up: {} of {} connectors busy, faulted or unavailable", changed, total);
        return changed;
    }

    /** Runs {@code work} between two ticks, while the simulated network stands still. */
    public synchronized void exclusive(Runnable work) {
        work.run();
    }

    /** Pauses or resumes the random traffic (heartbeats continue so the network stays online). */
    public void setRunning(boolean running) {
        this.running = running;
    }

    public boolean isRunning() {
        return running;
    }

    private void tickSafely() {
        try {
            tick(clock.get());
        } catch (RuntimeException e) {
            LOG.warn("simulation tick failed: {}", e.toString());
        }
    }

    synchronized void tick(Instant now) {
        for (StationSim s : stations) {
            if (!s.online) {
                if (now.isAfter(s.backAt)) {
                    s.online = true;
                    events.boot(s.id);
                    s.nextHeartbeat = now.plusSeconds(s.heartbeatEveryS);
                    if (s.afterBoot != null) {
                        Runnable after = s.afterBoot;
                        s.afterBoot = null;
                        after.run();
                    }
                }
                continue;
            }
            if (now.isAfter(s.nextHeartbeat)) {
                events.heartbeat(s.id);
                s.nextHeartbeat = now.plusSeconds(s.heartbeatEveryS);
            }
            if (!running) {
                // paused: no random traffic, but a connector whose car has gone is free again (and a scheduled
                // Inoperative applied)
                for (ConnectorSim c : s.connectors) {
                    if ("Car".equals(c.status)) {
                        step(s, c, now);
                    }
                }
                continue;
            }
            if (chance(DROP_EVERY_S)) {
                s.online = false;
                s.backAt = now.plus(minutes(3, 25));
                events.disconnect(s.id);
                continue;
            }
            if (s.maintenance) {
                continue;
            }
            for (ConnectorSim c : s.connectors) {
                step(s, c, now);
            }
        }
        if (running && drivers != null) {
            drivers.tick();
        }
        if (now.isAfter(nextStaleCheck)) {
            events.markStale();
            nextStaleCheck = now.plusSeconds(120);
        }
    }

    private void step(StationSim s, ConnectorSim c, Instant now) {
        if (c.inoperative) {
            return; // out of service: no drivers, no random events until it is made operative again
        }
        String next = null;
        String error = null;
        Duration hold = null;
        switch (c.status) {
            case "Car" -> { // a driver's session owns the connector until the car leaves
                if (drivers == null || !drivers.busy(s.id, c.number)) {
                    c.status = "Available";
                    c.until = Instant.MAX;
                    if (c.inoperativeScheduled) { // ChangeAvailability answered Scheduled: applied now the car has left
                        c.inoperativeScheduled = false;
                        c.inoperative = true;
                        c.status = "Unavailable";
                        events.statusNotification(s.id, c.number, "Unavailable", null, null);
                    }
                }
            }
            case "Available" -> {
                if (chance(FAULT_EVERY_S)) {
                    next = "Faulted";
                    error = ERROR_CODES[rnd.nextInt(ERROR_CODES.length)];
                    hold = minutes(2, 30);
                } else if (chance(UNAVAILABLE_EVERY_S)) {
                    next = "Unavailable";
                    hold = minutes(5, 30);
                } else if (!s.shunned && chance(SESSION_EVERY_S)) {
                    if (drivers != null) {
                        if (drivers.arrive(s.id, c.number).isPresent()) {
                            c.status = "Car";
                        }
                        return;
                    }
                    next = "Preparing";
                    hold = seconds(20, 90);
                }
            }
            case "Preparing" -> {
                if (now.isAfter(c.until)) {
                    next = rnd.nextInt(10) == 0 ? "Available" : "Charging"; // some drivers give up
                    hold = "Charging".equals(next) ? minutes(10, 60) : null;
                }
            }
            case "Charging", "SuspendedEV" -> {
                if (now.isAfter(c.until)) {
                    next = "Finishing";
                    hold = seconds(10, 60);
                } else if (chance(4 * 3600)) {
                    next = "Faulted";
                    error = ERROR_CODES[rnd.nextInt(ERROR_CODES.length)];
                    hold = minutes(2, 20);
                }
            }
            default -> { // Finishing, Faulted, Unavailable, Reserved, SuspendedEVSE
                if (now.isAfter(c.until)) {
                    next = "Available";
                }
            }
        }
        if (next != null) {
            c.status = next;
            c.until = hold == null ? Instant.MAX : now.plus(hold);
            events.statusNotification(s.id, c.number, next, error, null);
        }
    }

    private boolean chance(double meanSeconds) {
        return rnd.nextDouble() < speed / meanSeconds;
    }

    private Duration minutes(int min, int max) {
        return Duration.ofSeconds((long) ((min * 60 + rnd.nextInt((max - min) * 60 + 1)) / speed));
    }

    private Duration seconds(int min, int max) {
        return Duration.ofMillis((long) ((min + rnd.nextInt(max - min + 1)) * 1000 / speed));
    }

    /** Keeps the simulator's view in step when a connector is changed from outside (sandbox control API). */
    public synchronized void override(String stationId, int connector, String ocppStatus) {
        for (StationSim s : stations) {
            if (s.id.equals(stationId)) {
                for (ConnectorSim c : s.connectors) {
                    if (c.number == connector) {
                        c.status = ocppStatus;
                        c.until = "Available".equals(ocppStatus) ? Instant.MAX : clock.get().plus(Duration.ofMinutes(30));
                    }
                }
            }
        }
    }

    /** Marks a station offline or online from outside (sandbox control API). */
    public synchronized void setOnline(String stationId, boolean online) {
        for (StationSim s : stations) {
            if (s.id.equals(stationId)) {
                s.online = online;
                s.backAt = online ? Instant.MIN : Instant.MAX;
                s.nextHeartbeat = clock.get().plusSeconds(s.heartbeatEveryS);
            }
        }
    }

    // ---- what a station's own firmware does on a command (ChargePointSimulator) --------------------------------------

    /** Runs {@code work} on the simulation's thread after {@code delay}, between two ticks. */
    void schedule(Duration delay, Runnable work) {
        timer.schedule(() -> {
            try {
                exclusive(work);
            } catch (RuntimeException e) {
                LOG.warn("station work failed: {}", e.toString());
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private StationSim station(String id) {
        return stations.stream().filter(s -> s.id.equals(id)).findFirst().orElse(null);
    }

    private ConnectorSim connector(String stationId, int n) {
        StationSim s = station(stationId);
        return s == null ? null : s.connectors.stream().filter(c -> c.number == n).findFirst().orElse(null);
    }

    /** The station's connector numbers (empty when the simulation does not run it). */
    synchronized List<Integer> connectorNumbers(String stationId) {
        StationSim s = station(stationId);
        return s == null ? List.of() : s.connectors.stream().map(c -> c.number).toList();
    }

    /** A connector's OCPP status as the station knows it ("Car" while a driver's session holds it), or null. */
    synchronized String statusOf(String stationId, int n) {
        ConnectorSim c = connector(stationId, n);
        return c == null ? null : c.status;
    }

    synchronized boolean inoperative(String stationId, int n) {
        ConnectorSim c = connector(stationId, n);
        return c != null && c.inoperative;
    }

    /** The station reports a connector's new status (StatusNotification), and keeps it until something changes it. */
    synchronized void report(String stationId, int n, String ocppStatus) {
        ConnectorSim c = connector(stationId, n);
        if (c != null) {
            c.status = ocppStatus;
            c.until = "Available".equals(ocppStatus) || "Unavailable".equals(ocppStatus) ? Instant.MAX : clock.get().plus(minutes(2, 30));
            events.statusNotification(stationId, n, ocppStatus, null, null);
        }
    }

    /**
     * ChangeAvailability for one connector: Inoperative takes it out of service now (Unavailable), or when the car on it
     * leaves (answered Scheduled); Operative puts it back (Available). Answers Accepted or Scheduled.
     */
    synchronized String availability(String stationId, int n, boolean operative) {
        ConnectorSim c = connector(stationId, n);
        if (c == null) {
            return "Rejected";
        }
        if (operative) {
            c.inoperativeScheduled = false;
            if (c.inoperative) {
                c.inoperative = false;
                report(stationId, n, "Available");
            }
            return "Accepted";
        }
        if (drivers != null && drivers.busy(stationId, n)) {
            c.status = "Car"; // held by the car until it leaves, then taken out of service
            c.inoperativeScheduled = true;
            return "Scheduled";
        }
        c.inoperative = true;
        report(stationId, n, "Unavailable");
        return "Accepted";
    }

    /**
     * The station reboots: its link drops now and it boots again after {@code down} — BootNotification, then a
     * StatusNotification per connector (Unavailable where taken out of service, else Available) — then {@code afterBoot}.
     */
    synchronized void reboot(String stationId, Duration down, Runnable afterBoot) {
        StationSim s = station(stationId);
        if (s == null) {
            return;
        }
        s.online = false;
        s.backAt = clock.get().plus(down);
        s.afterBoot = () -> {
            for (ConnectorSim c : s.connectors) {
                c.inoperativeScheduled = false;
                c.status = c.inoperative ? "Unavailable" : "Available";
                c.until = Instant.MAX;
                events.statusNotification(s.id, c.number, c.status, null, null);
            }
            if (afterBoot != null) {
                afterBoot.run();
            }
        };
        events.disconnect(stationId);
    }

    /** The drivers' cars (the commands that touch a session use them; tests drive them). */
    public ChargingSimulator drivers() {
        return drivers;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
