package kg.evpower.sandbox.server.http;

import kg.evpower.sandbox.server.store.Presence;
import kg.evpower.sandbox.server.store.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
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
 * ({@link AdminStationRoutes}).
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
            new AdminStationRoutes(db, network, ids -> ids.stream().filter(presence::isOnline).collect(java.util.stream.Collectors.toSet()),
                    Roles.Callers.of(db)).install(app);
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
}
