package kg.evpower.sandbox.server.stations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.server.store.Presence;

/**
 * Station commands of the operator API: each is written to {@code station_commands} when asked, sent the way
 * production's own code sends it (its command JSON on the station's channel), and completed with what the station
 * answered — its OCPP status as 1.6J names it, {@code Offline} when the station has no link (nothing is sent), or
 * {@code Timeout} when no answer came within the wait. Never a made-up success.
 */
public final class StationCommands implements CommandDesk {

    public static final String OFFLINE = "Offline";
    public static final String TIMEOUT = "Timeout";

    /** One command as the audit trail keeps it. {@code status} is null while the station's answer is awaited. */
    public record Entry(long id, String stationId, String userId, String userName, String action, Map<String, Object> fields, String reason,
                        String status, Map<String, Object> answer, Instant requestedAt, Instant answeredAt, Long durationMs) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Database db;
    private final Presence presence;
    private final Supplier<Instant> clock;
    private final Duration wait;
    private volatile ChargePoints chargePoints = ChargePoints.NONE;

    public StationCommands(Database db, Presence presence, Supplier<Instant> clock, Duration wait) {
        this.db = db;
        this.presence = presence;
        this.clock = clock;
        this.wait = wait;
    }

    /** Who answers for the stations (the simulated chargers in the sandbox). */
    public void setChargePoints(ChargePoints points) {
        this.chargePoints = points;
    }

    /** How long an answer is awaited before the command is recorded as {@link #TIMEOUT}. */
    public Duration waitFor() {
        return wait;
    }

    /**
     * Sends {@code action} to the station and waits for its answer; {@code fields} are the operator API's (as asked, for
     * the trail), {@code payload} production's command JSON for the station.
     */
    @Override
    public Entry run(String stationId, String userId, String action, Map<String, Object> fields, Map<String, Object> payload, String reason) {
        Instant asked = clock.get();
        long t0 = System.nanoTime();
        long id = db.tx(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO station_commands (station_id, user_id, action, fields, reason,"
                    + " requested_at) VALUES (?,?,?,?,?,?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                Database.bind(ps, stationId, userId, action, write(fields), reason, asked);
                ps.executeUpdate();
                try (java.sql.ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        Map<String, Object> answer;
        String status;
        if (!presence.isOnline(stationId)) {
            answer = Map.of();
            status = OFFLINE;
        } else {
            try {
                answer = chargePoints.send(stationId, action, payload).get(wait.toMillis(), TimeUnit.MILLISECONDS);
                Object s = answer.get("status");
                // GetConfiguration's answer has no status: the station answered with its keys
                status = s != null ? s.toString() : answer.containsKey("configurationKey") || answer.containsKey("unknownKey") ? "Accepted" : "Unknown";
            } catch (TimeoutException e) {
                answer = Map.of();
                status = TIMEOUT;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = Map.of();
                status = TIMEOUT;
            } catch (ExecutionException e) {
                answer = Map.of("error", String.valueOf(e.getCause()));
                status = TIMEOUT;
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Instant answered = clock.get();
        String st = status;
        Map<String, Object> ans = answer;
        db.update("UPDATE station_commands SET status = ?, answer = ?, answered_at = ?, duration_ms = ? WHERE id = ?", st, write(ans), answered,
                ms, id);
        return one(id);
    }

    /** The station's commands, newest first. */
    @Override
    public List<Entry> history(String stationId, int limit) {
        return db.query(SELECT + " WHERE k.station_id = ? ORDER BY k.requested_at DESC, k.id DESC LIMIT ?", StationCommands::entry,
                stationId, limit);
    }

    private Entry one(long id) {
        return db.queryOne(SELECT + " WHERE k.id = ?", StationCommands::entry, id).orElseThrow();
    }

    private static final String SELECT = "SELECT k.id, k.station_id, k.user_id, COALESCE(NULLIF(c.name, ''), u.email, u.phone), k.action,"
            + " k.fields, k.reason, k.status, k.answer, k.requested_at, k.answered_at, k.duration_ms"
            + " FROM station_commands k LEFT JOIN users u ON u.id = k.user_id LEFT JOIN clients c ON c.id = k.user_id";

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        Long ms = rs.getObject(12) == null ? null : rs.getLong(12);
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), read(rs.getString(6)),
                rs.getString(7), rs.getString(8), rs.getString(9) == null ? null : read(rs.getString(9)), Database.instant(rs, "requested_at"),
                Database.instant(rs, "answered_at"), ms);
    }

    /** A command's fields or answer as the trail keeps them (JSON text). */
    public static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trail's JSON text back as a map; what cannot be read is kept as it is under {@code unreadable}. */
    public static Map<String, Object> read(String s) {
        try {
            return s == null ? Map.of() : JSON.readValue(s, MAP);
        } catch (JsonProcessingException e) {
            return new LinkedHashMap<>(Map.of("unreadable", s));
        }
    }
}
