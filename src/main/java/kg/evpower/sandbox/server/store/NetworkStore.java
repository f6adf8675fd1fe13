package kg.evpower.sandbox.server.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read side of the charging network: loads locations, stations and connectors and computes the statuses
 * exactly as production does (contract §3.1): station status from admin status, heartbeat age and
 * connector states; location status from its stations. The full list is cached like production's
 * Redis cache (30 s), and every station event invalidates it.
 */
public final class NetworkStore {

    /** Heartbeat age after which production computes a station as offline. */
    public static final Duration OFFLINE_AFTER = Duration.ofMinutes(5);
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);

    public record LocationRow(String id, String name, String address, String city, String country, Double latitude,
                              Double longitude, String userId, String adminId, String status) {
    }

    public record StationRow(String id, String serialNumber, String model, String manufacturer, String locationId,
                             BigDecimal powerCapacity, String adminStatus, String userId, int connectorsCount,
                             BigDecimal pricePerKwh, BigDecimal sessionFee, String currency, boolean isAvailable,
                             Instant lastHeartbeatAt) {
    }

    public record ConnectorRow(String stationId, int number, String type, BigDecimal powerKw, String status,
                               String errorCode, Instant lastStatusUpdate) {
    }

    /** Consistent snapshot of the network at one moment. */
    public record Snapshot(Instant takenAt, List<LocationRow> locations, Map<String, List<StationRow>> stationsByLocation,
                           Map<String, List<ConnectorRow>> connectorsByStation) {

        public List<StationRow> stationsOf(String locationId) {
            return stationsByLocation.getOrDefault(locationId, List.of());
        }

        public List<ConnectorRow> connectorsOf(String stationId) {
            return connectorsByStation.getOrDefault(stationId, List.of());
        }
    }

    private final Database db;
    private final Supplier<Instant> clock;
    private volatile Snapshot cached;

    public NetworkStore(Database db, Supplier<Instant> clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Drops the cached list; the next read reloads from the database. */
    public void invalidate() {
        cached = null;
    }

    /** The network as production's 30-second cache would show it. */
    public Snapshot snapshot() {
        Snapshot s = cached;
        Instant now = clock.get();
        if (s == null || Duration.between(s.takenAt(), now).compareTo(CACHE_TTL) > 0) {
            s = load(now);
            cached = s;
        }
        return s;
    }

    /** A fresh snapshot, bypassing the cache (for station status, which production does not cache). */
    public Snapshot fresh() {
        return load(clock.get());
    }

    /** A fresh snapshot holding one location with its stations and connectors (for change broadcasts). */
    public Optional<Snapshot> freshLocation(String locationId) {
        Instant now = clock.get();
        return db.tx(c -> {
            List<LocationRow> locations = Database.query(c, LOCATION_SQL + " WHERE id = ?", NetworkStore::locationRow, locationId);
            if (locations.isEmpty()) {
                return Optional.<Snapshot>empty();
            }
            List<StationRow> stations = Database.query(c, STATION_SQL + " WHERE location_id = ? ORDER BY serial_number",
                    NetworkStore::stationRow, locationId);
            Map<String, List<ConnectorRow>> connectors = new HashMap<>();
            for (ConnectorRow row : Database.query(c, CONNECTOR_SQL
                    + " WHERE station_id IN (SELECT id FROM stations WHERE location_id = ?) ORDER BY station_id, connector_number",
                    NetworkStore::connectorRow, locationId)) {
                connectors.computeIfAbsent(row.stationId(), k -> new ArrayList<>()).add(row);
            }
            return Optional.of(new Snapshot(now, locations, Map.of(locationId, stations), connectors));
        });
    }

    private static final String LOCATION_SQL =
            "SELECT id, name, address, city, country, latitude, longitude, user_id, admin_id, status FROM locations";
    private static final String STATION_SQL =
            "SELECT id, serial_number, model, manufacturer, location_id, power_capacity, status, user_id, connectors_count,"
                    + " price_per_kwh, session_fee, currency, is_available, last_heartbeat_at FROM stations";
    private static final String CONNECTOR_SQL =
            "SELECT station_id, connector_number, connector_type, power_kw, status, error_code, last_status_update FROM connectors";

    private static LocationRow locationRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LocationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                (Double) rs.getObject(6), (Double) rs.getObject(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }

    private static StationRow stationRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getBigDecimal(10),
                rs.getBigDecimal(11), rs.getString(12), rs.getBoolean(13), Database.instant(rs, "last_heartbeat_at"));
    }

    private static ConnectorRow connectorRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ConnectorRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
                rs.getString(6), Database.instant(rs, "last_status_update"));
    }

    private Snapshot load(Instant now) {
        return db.tx(c -> {
            List<LocationRow> locations = Database.query(c, LOCATION_SQL + " ORDER BY name, id", NetworkStore::locationRow);
            Map<String, List<StationRow>> stations = new HashMap<>();
            for (StationRow row : Database.query(c, STATION_SQL + " ORDER BY serial_number", NetworkStore::stationRow)) {
                stations.computeIfAbsent(row.locationId(), k -> new ArrayList<>()).add(row);
            }
            Map<String, List<ConnectorRow>> connectors = new HashMap<>();
            for (ConnectorRow row : Database.query(c, CONNECTOR_SQL + " ORDER BY station_id, connector_number", NetworkStore::connectorRow)) {
                connectors.computeIfAbsent(row.stationId(), k -> new ArrayList<>()).add(row);
            }
            return new Snapshot(now, locations, stations, connectors);
        });
    }

    // ---- production's computed statuses -------------------------------------------------------------

    /** Computed station status: maintenance, offline (heartbeat older than 5 min), available, occupied, offline. */
    public static String stationStatus(StationRow s, List<ConnectorRow> connectors, Instant now) {
        if ("maintenance".equals(s.adminStatus())) {
            return "maintenance";
        }
        if (s.lastHeartbeatAt() == null || s.lastHeartbeatAt().isBefore(now.minus(OFFLINE_AFTER))) {
            return "offline";
        }
        if (connectors.stream().anyMatch(c -> "available".equals(c.status()))) {
            return "available";
        }
        if (connectors.stream().anyMatch(c -> "occupied".equals(c.status()))) {
            return "occupied";
        }
        return "offline";
    }

    /** Location status from its stations' counts, first match wins (contract §3.1). */
    public static String locationStatus(int available, int occupied, int offline, int maintenance) {
        int total = available + occupied + offline + maintenance;
        if (total == 0 || offline > 0) {
            return "offline";
        }
        if (maintenance > 0) {
            return "maintenance";
        }
        if (occupied == total) {
            return "occupied";
        }
        if (available == total) {
            return "available";
        }
        if (available > 0 && occupied > 0) {
            return "partial";
        }
        return "offline";
    }

    // ---- wire views -----------------------------------------------------------------------------------

    /** The {@code Location} object of {@code GET /api/v1/locations}, or null if the location is not shown. */
    public static Map<String, Object> locationView(Snapshot snap, LocationRow l, boolean includeStations) {
        if (!"active".equals(l.status())) {
            return null;
        }
        int available = 0;
        int occupied = 0;
        int offline = 0;
        int maintenance = 0;
        int cTotal = 0;
        int cAvailable = 0;
        int cOccupied = 0;
        int cFaulted = 0;
        List<Map<String, Object>> stationViews = new ArrayList<>();
        for (StationRow s : snap.stationsOf(l.id())) {
            if ("inactive".equals(s.adminStatus())) {
                continue;
            }
            List<ConnectorRow> cons = snap.connectorsOf(s.id());
            String status = stationStatus(s, cons, snap.takenAt());
            switch (status) {
                case "available" -> available++;
                case "occupied" -> occupied++;
                case "maintenance" -> maintenance++;
                default -> offline++;
            }
            int sa = count(cons, "available");
            int so = count(cons, "occupied");
            int sf = count(cons, "faulted");
            cTotal += cons.size();
            cAvailable += sa;
            cOccupied += so;
            cFaulted += sf;
            if (includeStations) {
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("id", s.id());
                st.put("serial_number", s.serialNumber());
                st.put("model", s.model());
                st.put("manufacturer", s.manufacturer());
                st.put("status", status);
                st.put("power_capacity", num(s.powerCapacity()));
                st.put("connectors_count", s.connectorsCount());
                Map<String, Object> tariff = new LinkedHashMap<>();
                tariff.put("price_per_kwh", num(s.pricePerKwh()));
                tariff.put("session_fee", num(s.sessionFee()));
                tariff.put("currency", s.currency() == null ? "KGS" : s.currency());
                st.put("tariff", tariff);
                st.put("connectors_summary", Map.of("available", sa, "occupied", so, "faulted", sf));
                stationViews.add(st);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", l.id());
        out.put("name", l.name());
        out.put("address", l.address());
        out.put("city", l.city());
        out.put("country", l.country());
        Map<String, Object> coords = new LinkedHashMap<>();
        coords.put("latitude", l.latitude());
        coords.put("longitude", l.longitude());
        out.put("coordinates", coords);
        out.put("status", locationStatus(available, occupied, offline, maintenance));
        out.put("stations_summary", ordered("total", available + occupied + offline + maintenance, "available", available,
                "occupied", occupied, "offline", offline, "maintenance", maintenance));
        out.put("connectors_summary", ordered("total", cTotal, "available", cAvailable, "occupied", cOccupied, "faulted", cFaulted));
        out.put("stations", includeStations ? stationViews : null);
        return out;
    }

    public Optional<LocationRow> findLocation(Snapshot snap, String id) {
        return snap.locations().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    public static Optional<StationRow> findStation(Snapshot snap, String id) {
        for (List<StationRow> list : snap.stationsByLocation().values()) {
            for (StationRow s : list) {
                if (s.id().equals(id)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static int count(List<ConnectorRow> cons, String status) {
        int n = 0;
        for (ConnectorRow c : cons) {
            if (status.equals(c.status())) {
                n++;
            }
        }
        return n;
    }

    private static Double num(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
