package kg.evpower.gateway;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.charging.SessionListener;
import kg.evpower.sandbox.server.stations.StationEvents;
import kg.evpower.sandbox.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production publishes no session or meter events, so the gateway watches its tables: one round every {@code every}
 * for all connected consoles (not one per console), each query incremental and indexed — sessions started since the
 * last round (by {@code start_time}), meter samples after the last one seen (by {@code id}), sessions ended since
 * (by {@code stop_time}; every {@link #BY_KEY_EVERY} rounds also the running ones by key, for the ends production
 * writes without a stop time) — and tells {@code listener} (the session stream) what changed: started, each new sample
 * with the session's energy, stopped. Times are the database's own ({@code now()}), so the gateway's clock does not
 * matter. A failed round is logged and the next one picks up from the same marks: nothing is skipped, nothing told
 * twice.
 */
public final class SessionWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionWatcher.class);
    /** A session row may be committed this long after its start time and still be found. */
    static final Duration START_MARGIN = Duration.ofMinutes(2);
    private static final int CHUNK = 500;
    /** Every how many rounds the running sessions are read back by key. */
    static final int BY_KEY_EVERY = 10;
    private static final int METER_PAGE = 20_000;

    /** A meter row with its transaction's session and that session's energy so far. */
    private record Reading(long id, String session, String station, int connector, ChargingService.Sample sample, BigDecimal sessionEnergy) {
    }

    /** What one round did, for the log and the benchmark. */
    public record Round(long millis, int queries, int rows, int started, int samples, int stopped) {
    }

    private final Database db;
    private final SessionListener listener;
    private final StationEvents.ConnectorListener connectors;
    /** Connectors whose status was seen lately: "station#n" → what was seen (status, error, time of the status). */
    private final Map<String, Seen> connectorSeen = new java.util.HashMap<>();
    private Instant connectorMark;

    private record Seen(String signature, Instant at) {
    }
    private final Map<String, String> running = new ConcurrentHashMap<>(); // session id → station id
    /** Sessions found by start time lately (rounds overlap by the margin): told once. */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-session-watch");
        t.setDaemon(true);
        return t;
    });
    private long meterMark = -1;
    private long rounds;
    private Instant startMark;
    private volatile Round last;

    public SessionWatcher(Database db, SessionListener listener, StationEvents.ConnectorListener connectors) {
        this.db = db;
        this.listener = listener;
        this.connectors = connectors;
    }

    /** Takes the marks now and watches every {@code every} from then on. */
    public void start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                round();
            } catch (RuntimeException e) {
                LOG.warn("session watch round failed, the next one starts from the same marks: {}", e.toString());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last round's figures, or null before the first. */
    public Round lastRound() {
        return last;
    }

    /** One round; the first only takes the marks (what runs now is the snapshot's to show). */
    synchronized Round round() {
        long t0 = System.nanoTime();
        int[] queries = {0};
        int[] rows = {0};
        Instant now = db.queryOne("SELECT now()", rs -> rs.getObject(1, OffsetDateTime.class).toInstant()).orElseThrow();
        queries[0]++;
        if (startMark == null) {
            db.query("SELECT id, station_id FROM charging_sessions WHERE status = 'started'", rs -> running.put(rs.getString(1), rs.getString(2)));
            db.query("SELECT id FROM charging_sessions WHERE start_time >= ?", rs -> seen.put(rs.getString(1), now), now.minus(START_MARGIN));
            meterMark = db.queryOne("SELECT COALESCE(MAX(id), 0) FROM ocpp_meter_values", rs -> rs.getLong(1)).orElse(0L);
            startMark = now.minus(START_MARGIN);
            connectorMark = startMark;
            connectorChanges(now, false);
            last = new Round((System.nanoTime() - t0) / 1_000_000, 5, running.size(), 0, 0, 0);
            return last;
        }
        int started = 0;
        // sessions started lately, whatever they are now: one that began and ended between two rounds is told both
        List<String[]> fresh = db.query("SELECT id, station_id, status FROM charging_sessions WHERE start_time >= ?",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, startMark);
        queries[0]++;
        rows[0] += fresh.size();
        List<String[]> endedAtOnce = new ArrayList<>();
        for (String[] s : fresh) {
            if (running.containsKey(s[0]) || seen.putIfAbsent(s[0], now) != null) {
                continue;
            }
            listener.sessionStarted(s[0], s[1]);
            started++;
            if ("started".equals(s[2])) {
                running.put(s[0], s[1]);
            } else {
                endedAtOnce.add(s);
            }
        }
        seen.values().removeIf(t -> t.isBefore(now.minus(START_MARGIN.multipliedBy(3))));
        int samples = 0;
        List<Reading> meters = db.query("SELECT m.id, t.charging_session_id, m.station_id, m.connector_id, m.timestamp,"
                + " m.energy_active_import_register, m.power_active_import, m.current_import, m.voltage, m.soc, s.energy"
                + " FROM ocpp_meter_values m JOIN ocpp_transactions t ON t.id = m.ocpp_transaction_id"
                + " LEFT JOIN charging_sessions s ON s.id = t.charging_session_id WHERE m.id > ? ORDER BY m.id LIMIT " + METER_PAGE,
                rs -> new Reading(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4) == null ? 0 : rs.getInt(4),
                        new ChargingService.Sample(Database.instant(rs, "timestamp"), rs.getBigDecimal(6), rs.getBigDecimal(7),
                                rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10)),
                        rs.getBigDecimal(11) == null ? BigDecimal.ZERO : rs.getBigDecimal(11)), meterMark);
        queries[0]++;
        rows[0] += meters.size();
        for (Reading m : meters) {
            meterMark = Math.max(meterMark, m.id());
            if (m.session() != null && running.containsKey(m.session())) {
                listener.meterUpdate(m.session(), m.station(), m.connector(), m.sample(), m.sessionEnergy());
                samples++;
            }
        }
        int stopped = 0;
        for (String[] s : endedAtOnce) {
            listener.sessionStopped(s[0], s[1]);
            stopped++;
        }
        // ended lately: by stop time (indexed) every round; every running session by key now and then, for the ends
        // production writes without a stop time (the boot cleanup's error sessions)
        List<String> ended = new ArrayList<>(db.query("SELECT id FROM charging_sessions WHERE stop_time >= ? AND status <> 'started'",
                rs -> rs.getString(1), startMark));
        queries[0]++;
        rows[0] += ended.size();
        if (++rounds % BY_KEY_EVERY == 0) {
            List<String> ids = new ArrayList<>(running.keySet());
            for (int i = 0; i < ids.size(); i += CHUNK) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
                List<String> found = db.query("SELECT id FROM charging_sessions WHERE status <> 'started' AND id IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", rs -> rs.getString(1), chunk.toArray());
                queries[0]++;
                rows[0] += found.size();
                ended.addAll(found);
            }
        }
        for (String id : ended) {
            String station = running.remove(id);
            if (station != null) {
                listener.sessionStopped(id, station);
                stopped++;
            }
        }
        rows[0] += connectorChanges(now, true);
        queries[0]++;
        startMark = now.minus(START_MARGIN);
        last = new Round((System.nanoTime() - t0) / 1_000_000, queries[0], rows[0], started, samples, stopped);
        if (started + samples + stopped > 0) {
            LOG.debug("session watch: {}", last);
        }
        return last;
    }

    /**
     * Connectors whose status changed since the mark (by {@code last_status_update}, which production's
     * StatusNotification handler sets with the status), told as the stream's {@code station_status} with the station's
     * raw OCPP status from {@code ocpp_station_status.connector_status}; answers the rows read.
     */
    private int connectorChanges(Instant now, boolean tell) {
        List<Object[]> rows = db.query("SELECT c.station_id, c.connector_number, c.status, c.error_code, c.last_status_update, o.connector_status"
                + " FROM connectors c LEFT JOIN ocpp_station_status o ON o.station_id = c.station_id WHERE c.last_status_update >= ?",
                rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), Database.instant(rs, "last_status_update"),
                        rs.getString(6)}, connectorMark);
        for (Object[] r : rows) {
            String key = r[0] + "#" + r[1];
            Instant at = (Instant) r[4];
            Seen was = connectorSeen.put(key, new Seen(r[2] + "|" + r[3] + "|" + at, at));
            if (!tell || was != null && was.signature().equals(r[2] + "|" + r[3] + "|" + at)) {
                continue;
            }
            String ocpp = rawStatus((String) r[5], (int) r[1]);
            if (ocpp != null) {
                connectors.connectorStatus((String) r[0], (int) r[1], ocpp, (String) r[3]);
            }
        }
        connectorMark = now.minus(START_MARGIN);
        connectorSeen.values().removeIf(x -> x.at().isBefore(connectorMark));
        return rows.size();
    }

    /** The connector's OCPP status word in production's {@code connector_status} JSON array, or null when it is not there. */
    static String rawStatus(String json, int connector) {
        if (json == null) {
            return null;
        }
        try {
            for (com.fasterxml.jackson.databind.JsonNode n : kg.evpower.sandbox.server.http.Json.MAPPER.readTree(json)) {
                if (n.path("connector_id").asInt(-1) == connector && n.hasNonNull("status")) {
                    String s = n.path("status").asText();
                    StationEvents.connectorStatusFor(s); // a word OCPP 1.6J knows, or not told
                    return s;
                }
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
