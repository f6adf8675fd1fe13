package kg.evpower.sandbox.server.http;

import kg.evpower.sandbox.server.store.Presence;
import kg.evpower.sandbox.server.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kg.evpower.sandbox.server.store.NetworkStore;
import kg.evpower.sandbox.server.store.NetworkStore.ConnectorRow;
import kg.evpower.sandbox.server.store.NetworkStore.LocationRow;
import kg.evpower.sandbox.server.store.NetworkStore.Snapshot;
import kg.evpower.sandbox.server.store.NetworkStore.StationRow;

/**
 * The map endpoints of production (contract §3.1) plus the operator API's flat station listing
 * {@code GET /api/v1/admin/stations} (contract §9.2 item 2), owner-scoped by role.
 */
public final class NetworkRoutes {

    private final Database db;
    private final NetworkStore network;
    private final Presence presence;
    private final boolean operatorApi;

    public NetworkRoutes(Database db, NetworkStore network, Presence presence, boolean operatorApi) {
        this.db = db;
        this.network = network;
        this.presence = presence;
        this.operatorApi = operatorApi;
    }

    public void install(Javalin app) {
        app.get("/api/v1/locations", this::locations);
        app.get("/api/v1/locations/{id}", this::location);
        app.post("/api/v1/locations/{id}/refresh-status", this::refreshLocation);
        app.get("/api/v1/station/status/{id}", this::stationStatus);
        if (operatorApi) {
            app.get("/api/v1/admin/stations", this::adminStations);
        }
    }

    static Boolean boolParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase()) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> throw ApiError.queryValidation(name, "bool_parsing", "Input should be a valid boolean, unable to interpret input", v);
        };
    }

    private void locations(Context ctx) {
        boolean include = Optional.ofNullable(boolParam(ctx, "include_stations")).orElse(false);
        Snapshot snap = network.snapshot();
        List<Map<String, Object>> out = new ArrayList<>();
        for (LocationRow l : snap.locations()) {
            Map<String, Object> v = NetworkStore.locationView(snap, l, include);
            if (v != null) {
                out.add(v);
            }
        }
        ctx.json(Json.obj("success", true, "locations", out, "total", out.size()));
    }

    private Map<String, Object> locationOr404(String id, Snapshot snap) {
        Map<String, Object> v = network.findLocation(snap, id).map(l -> NetworkStore.locationView(snap, l, true)).orElse(null);
        if (v == null) {
            throw ApiError.detail(404, "Локация " + id + " не найдена");
        }
        return v;
    }

    private void location(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(locationOr404(id, network.freshLocation(id).orElseGet(() -> network.snapshot())));
    }

    private void refreshLocation(Context ctx) {
        String id = ctx.pathParam("id");
        network.invalidate();
        Map<String, Object> v = locationOr404(id, network.freshLocation(id).orElseGet(() -> network.snapshot()));
        ctx.json(Json.obj("success", true, "message", "Статус локации обновлен", "location", v));
    }

    private void stationStatus(Context ctx) {
        String id = ctx.pathParam("id");
        Snapshot snap = network.fresh();
        Optional<StationRow> found = NetworkStore.findStation(snap, id);
        if (found.isEmpty()) {
            ctx.json(Json.obj("success", false, "error", "station_not_found", "message", "Станция не найдена"));
            return;
        }
        StationRow s = found.get();
        LocationRow loc = network.findLocation(snap, s.locationId()).orElse(null);
        boolean online = presence.isOnline(id);
        Instant hb = db.queryOne("SELECT last_heartbeat FROM ocpp_station_status WHERE station_id = ?",
                rs -> kg.evpower.sandbox.server.store.Database.instant(rs, "last_heartbeat"), id).orElse(null);
        List<Map<String, Object>> connectors = new ArrayList<>();
        int available = 0;
        int occupied = 0;
        int faulted = 0;
        for (ConnectorRow c : snap.connectorsOf(id)) {
            String text;
            boolean avail = false;
            switch (c.status()) {
                case "available" -> {
                    avail = online;
                    available++;
                    text = "Свободен";
                }
                case "occupied" -> {
                    occupied++;
                    text = "Занят";
                }
                case "faulted" -> {
                    faulted++;
                    text = "Неисправен";
                }
                default -> {
                    faulted++;
                    text = "Неизвестно";
                }
            }
            connectors.add(Json.obj("id", c.number(), "type", c.type(), "status", text, "available", avail,
                    "power_kw", Wire.num(c.powerKw()),
                    "error", c.errorCode() != null && !"NoError".equals(c.errorCode()) ? c.errorCode() : null));
        }
        boolean active = "active".equals(s.adminStatus());
        ctx.json(Json.obj("success", true, "station_id", id, "serial_number", s.serialNumber(), "model", s.model(),
                "manufacturer", s.manufacturer(), "online", online, "station_status", s.adminStatus(),
                "location_status", loc == null ? null : loc.status(),
                "available_for_charging", online && active && available > 0,
                "last_heartbeat_at", Wire.iso(hb), "location_id", s.locationId(),
                "location_name", loc == null ? null : loc.name(), "location_address", loc == null ? null : loc.address(),
                "connectors", connectors, "total_connectors", s.connectorsCount(), "available_connectors", available,
                "occupied_connectors", occupied, "faulted_connectors", faulted,
                "tariff_rub_kwh", s.pricePerKwh() != null && s.pricePerKwh().signum() != 0 ? s.pricePerKwh().doubleValue() : 13.5,
                "session_fee", s.sessionFee() != null && s.sessionFee().signum() != 0 ? s.sessionFee().doubleValue() : 0.0,
                "currency", s.currency() == null ? "KGS" : s.currency(), "working_hours", "Круглосуточно",
                "message", online && active ? "Станция работает" : "maintenance".equals(s.adminStatus())
                        ? "Станция на обслуживании" : "Станция недоступна"));
    }

    /** Operator API: every station visible to the caller, flat, with owner, admin status and raw OCPP status. */
    private void adminStations(Context ctx) {
        Roles.Caller caller = Roles.anyStaff(db, ctx);
        String ownerFilter = ctx.queryParam("owner_id");
        String statusFilter = ctx.queryParam("status");
        if (statusFilter != null && !List.of("available", "occupied", "offline", "maintenance").contains(statusFilter)) {
            throw ApiError.queryValidation("status", "enum", "Input should be 'available', 'occupied', 'offline' or 'maintenance'",
                    statusFilter);
        }
        String locationFilter = ctx.queryParam("location_id");
        boolean includeInactive = Optional.ofNullable(boolParam(ctx, "include_inactive")).orElse(false);
        String scope = caller.superadmin() ? ownerFilter : caller.scopeOwner();
        if (!caller.superadmin() && ownerFilter != null && !ownerFilter.equals(scope)) {
            throw ApiError.detail(403, "Нет доступа к станциям другого владельца");
        }
        Snapshot snap = network.fresh();
        Map<String, Map<Integer, String[]>> raw = rawConnectorStatus();
        Map<String, String> ownerNames = new HashMap<>();
        db.query("SELECT u.id, COALESCE(c.name, u.email) FROM users u LEFT JOIN clients c ON c.id = u.id",
                rs -> ownerNames.put(rs.getString(1), rs.getString(2)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (LocationRow l : snap.locations()) {
            if (locationFilter != null && !locationFilter.equals(l.id())) {
                continue;
            }
            for (StationRow s : snap.stationsOf(l.id())) {
                String owner = s.userId() != null ? s.userId() : l.userId();
                if (scope != null && !scope.equals(owner)) {
                    continue;
                }
                if (!includeInactive && ("inactive".equals(s.adminStatus()) || !"active".equals(l.status()))) {
                    continue;
                }
                List<ConnectorRow> cons = snap.connectorsOf(s.id());
                String computed = NetworkStore.stationStatus(s, cons, snap.takenAt());
                if (statusFilter != null && !statusFilter.equals(computed)) {
                    continue;
                }
                List<Map<String, Object>> cv = new ArrayList<>();
                Map<Integer, String[]> rawOf = raw.getOrDefault(s.id(), Map.of());
                for (ConnectorRow c : cons) {
                    String[] r = rawOf.get(c.number());
                    cv.add(Json.obj("connector_number", c.number(), "type", c.type(), "power_kw", Wire.num(c.powerKw()),
                            "status", c.status(), "error_code", c.errorCode(), "last_status_update", Wire.iso(c.lastStatusUpdate()),
                            "ocpp_status", r == null ? null : r[0]));
                }
                out.add(Json.obj("id", s.id(), "serial_number", s.serialNumber(), "model", s.model(),
                        "manufacturer", s.manufacturer(), "location_id", l.id(), "location_name", l.name(),
                        "address", l.address(), "city", l.city(), "lat", l.latitude(), "lng", l.longitude(),
                        "owner_user_id", owner, "owner_name", ownerNames.get(owner), "admin_status", s.adminStatus(), "location_status", l.status(),
                        "status", computed, "is_available", s.isAvailable(), "online", presence.isOnline(s.id()),
                        "last_heartbeat_at", Wire.iso(s.lastHeartbeatAt()), "power_capacity", Wire.num(s.powerCapacity()),
                        "tariff", Json.obj("price_per_kwh", Wire.num(s.pricePerKwh()), "session_fee", Wire.num(s.sessionFee()),
                                "currency", s.currency() == null ? "KGS" : s.currency()),
                        "connectors", cv));
            }
        }
        ctx.json(Json.obj("success", true, "stations", out, "total", out.size(), "generated_at", Wire.iso(snap.takenAt())));
    }

    private Map<String, Map<Integer, String[]>> rawConnectorStatus() {
        Map<String, Map<Integer, String[]>> out = new HashMap<>();
        for (String[] row : db.query("SELECT station_id, connector_status FROM ocpp_station_status",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            if (row[1] == null) {
                continue;
            }
            try {
                Map<Integer, String[]> m = new HashMap<>();
                for (JsonNode n : Json.MAPPER.readTree(row[1])) {
                    m.put(n.path("connector_id").asInt(), new String[] {n.path("status").asText(null), n.path("error_code").asText(null)});
                }
                out.put(row[0], m);
            } catch (java.io.IOException e) {
                // a malformed JSON column is reported as unknown raw status
            }
        }
        return out;
    }
}
