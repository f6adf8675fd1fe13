package kg.evpower.sandbox.server.stations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.server.store.NetworkStore;
import kg.evpower.sandbox.server.store.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every station event takes, mirroring production's OCPP handler (contract §5.2): it updates
 * {@code connectors}, {@code stations}, {@code ocpp_station_status} and presence, invalidates the location
 * cache and publishes a flat {@code location_status_update} for BootNotification, StatusNotification and
 * disconnect (never for Heartbeat, as in production).
 */
public final class StationEvents {

    private static final Logger LOG = LoggerFactory.getLogger(StationEvents.class);

    /** Raw OCPP 1.6 connector statuses. */
    public static final Set<String> OCPP_STATUSES = Set.of("Available", "Preparing", "Charging", "SuspendedEVSE",
            "SuspendedEV", "Finishing", "Reserved", "Unavailable", "Faulted");

    private final Database db;
    private final NetworkStore store;
    private final Presence presence;
    private final LocationUpdates updates;
    private final Supplier<Instant> clock;
    private final ObjectMapper json = new ObjectMapper();

    public StationEvents(Database db, NetworkStore store, Presence presence, LocationUpdates updates, Supplier<Instant> clock) {
        this.db = db;
        this.store = store;
        this.presence = presence;
        this.updates = updates;
        this.clock = clock;
    }

    /** Production's mapping of a raw OCPP status to {@code connectors.status}. */
    /** Hears every StatusNotification after it is stored: station, connector, raw OCPP status, error code. */
    public interface ConnectorListener {
        void connectorStatus(String stationId, int connectorId, String ocppStatus, String errorCode);
    }

    private volatile ConnectorListener connectorListener = (s, c, st, e) -> { };

    public void setConnectorListener(ConnectorListener l) {
        connectorListener = l;
    }

    public static String connectorStatusFor(String ocppStatus) {
        return switch (ocppStatus) {
            case "Available" -> "available";
            case "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing", "Reserved" -> "occupied";
            case "Unavailable" -> "unavailable";
            case "Faulted" -> "faulted";
            default -> throw new IllegalArgumentException("unknown OCPP status " + ocppStatus);
        };
    }

    /** Station connects and sends BootNotification (a heartbeat is implied by the connection). */
    public void boot(String stationId) {
        Instant now = clock.get();
        presence.touch(stationId);
        String locationId = db.tx(c -> {
            Database.update(c, "UPDATE stations SET is_available = TRUE, last_heartbeat_at = ?, updated_at = ? WHERE id = ?",
                    now, now, stationId);
            Database.update(c, "UPDATE ocpp_station_status SET status = 'Available', boot_notification_sent = TRUE,"
                    + " last_heartbeat = ?, updated_at = ? WHERE station_id = ?", now, now, stationId);
            return locationOf(c, stationId);
        });
        bootListener.accept(stationId);
        publish(locationId);
    }

    /** What else production does at a BootNotification (its cleanup of sessions without a transaction). */
    private volatile java.util.function.Consumer<String> bootListener = id -> { };

    public void setBootListener(java.util.function.Consumer<String> l) {
        bootListener = l;
    }

    /** Heartbeat: refreshes presence and the heartbeat columns; no broadcast (as in production). */
    public void heartbeat(String stationId) {
        Instant now = clock.get();
        presence.touch(stationId);
        db.tx(c -> {
            Database.update(c, "UPDATE stations SET is_available = TRUE, last_heartbeat_at = ? WHERE id = ?", now, stationId);
            Database.update(c, "UPDATE ocpp_station_status SET last_heartbeat = ?, updated_at = ? WHERE station_id = ?",
                    now, now, stationId);
            return null;
        });
        store.invalidate();
    }

    /**
     * StatusNotification for one connector: stores the raw status, maps it into {@code connectors.status},
     * and broadcasts the location.
     */
    public void statusNotification(String stationId, int connectorId, String ocppStatus, String errorCode, String info) {
        if (!OCPP_STATUSES.contains(ocppStatus)) {
            throw new IllegalArgumentException("unknown OCPP status " + ocppStatus);
        }
        String error = errorCode == null || errorCode.isBlank() ? "NoError" : errorCode;
        Instant now = clock.get();
        presence.touch(stationId);
        String locationId = db.tx(c -> {
            int n = Database.update(c, "UPDATE connectors SET status = ?, error_code = ?, last_status_update = ?"
                    + " WHERE station_id = ? AND connector_number = ?", connectorStatusFor(ocppStatus), error, now, stationId, connectorId);
            if (n == 0) {
                throw new IllegalArgumentException("station " + stationId + " has no connector " + connectorId);
            }
            String existing = Database.query(c, "SELECT connector_status FROM ocpp_station_status WHERE station_id = ?",
                    rs -> rs.getString(1), stationId).stream().findFirst().orElse(null);
            Database.update(c, "UPDATE ocpp_station_status SET status = ?, error_code = ?, info = ?, connector_status = ?,"
                    + " updated_at = ? WHERE station_id = ?", ocppStatus, error, info,
                    mergeConnectorStatus(existing, connectorId, ocppStatus, error, info, now), now, stationId);
            return locationOf(c, stationId);
        });
        publish(locationId);
        connectorListener.connectorStatus(stationId, connectorId, ocppStatus, error);
    }

    /** The station's WebSocket closes: presence removed, location broadcast. */
    public void disconnect(String stationId) {
        presence.remove(stationId);
        String locationId = db.tx(c -> locationOf(c, stationId));
        publish(locationId);
    }

    /**
     * Production's 2-minute {@code update_station_statuses}: {@code is_available} false after 5 min without a
     * heartbeat. It publishes nothing (contract §5.1).
     */
    public int markStale() {
        Instant cutoff = clock.get().minus(NetworkStore.OFFLINE_AFTER);
        List<Offline> flipped = db.tx(c -> {
            List<Offline> stale = Database.query(c, "SELECT id, serial_number, last_heartbeat_at FROM stations WHERE is_available = TRUE"
                    + " AND (last_heartbeat_at IS NULL OR last_heartbeat_at < ?) FOR UPDATE", rs -> new Offline(rs.getString(1),
                    rs.getString(2), Database.instant(rs, "last_heartbeat_at")), cutoff);
            for (Offline o : stale) {
                Database.update(c, "UPDATE stations SET is_available = FALSE WHERE id = ?", o.stationId());
            }
            return stale;
        });
        if (!flipped.isEmpty()) {
            store.invalidate();
            flipped.forEach(offlineListener);
        }
        return flipped.size();
    }

    /** A station the 2-minute job has just marked unavailable (production pushes {@code station_offline} to its owner). */
    public record Offline(String stationId, String serial, Instant since) {
    }

    private volatile java.util.function.Consumer<Offline> offlineListener = o -> { };

    public void setOfflineListener(java.util.function.Consumer<Offline> l) {
        this.offlineListener = l;
    }

    private String mergeConnectorStatus(String existing, int connectorId, String status, String error, String info, Instant now) {
        try {
            ArrayNode arr = existing == null ? json.createArrayNode() : (ArrayNode) json.readTree(existing);
            ObjectNode entry = null;
            for (var node : arr) {
                if (node.path("connector_id").asInt() == connectorId) {
                    entry = (ObjectNode) node;
                }
            }
            if (entry == null) {
                entry = arr.addObject();
                entry.put("connector_id", connectorId);
            }
            entry.put("status", status);
            entry.put("error_code", error);
            entry.put("info", info);
            entry.put("timestamp", LocalDateTime.ofInstant(now, ZoneOffset.UTC).toString());
            return json.writeValueAsString(arr);
        } catch (Exception e) {
            LOG.warn("connector_status of station could not be merged: {}", e.toString());
            return existing;
        }
    }

    private static String locationOf(java.sql.Connection c, String stationId) throws java.sql.SQLException {
        return Database.query(c, "SELECT location_id FROM stations WHERE id = ?", rs -> rs.getString(1), stationId)
                .stream().findFirst().orElseThrow(() -> new IllegalArgumentException("unknown station " + stationId));
    }

    /** Builds and publishes the flat {@code location_status_update} (contract §5.1), naive UTC timestamp. */
    private void publish(String locationId) {
        store.invalidate();
        Optional<NetworkStore.Snapshot> snap = store.freshLocation(locationId);
        if (snap.isEmpty()) {
            return;
        }
        NetworkStore.LocationRow row = snap.get().locations().get(0);
        Map<String, Object> view = NetworkStore.locationView(snap.get(), row, false);
        if (view == null) {
            return; // not an active location: production's service finds nothing to broadcast
        }
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("type", "location_status_update");
        msg.put("location_id", row.id());
        msg.put("location_name", row.name());
        msg.put("status", view.get("status"));
        msg.put("stations_summary", view.get("stations_summary"));
        msg.put("connectors_summary", view.get("connectors_summary"));
        msg.put("timestamp", LocalDateTime.ofInstant(clock.get(), ZoneOffset.UTC).toString());
        updates.publish(msg);
    }
}
