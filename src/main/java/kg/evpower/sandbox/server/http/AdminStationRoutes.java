package kg.evpower.sandbox.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.server.store.NetworkStore;
import kg.evpower.sandbox.server.store.NetworkStore.ConnectorRow;
import kg.evpower.sandbox.server.store.NetworkStore.LocationRow;
import kg.evpower.sandbox.server.store.NetworkStore.Snapshot;
import kg.evpower.sandbox.server.store.NetworkStore.StationRow;

/**
 * The operator API's flat station listing {@code GET /api/v1/admin/stations} (contract §9.2 item 2), owner-scoped by
 * role: one implementation for the sandbox (online = its stations' flags) and the operator gateway (online = production's
 * Redis keys, read for all stations at once).
 */
public final class AdminStationRoutes {

    public static final String PATH = "/api/v1/admin/stations";

    private final Database db;
    private final NetworkStore network;
    private final Function<Collection<String>, Set<String>> online;
    private final Roles.Callers callers;

    /** {@code online}: which of the given stations are online now. */
    public AdminStationRoutes(Database db, NetworkStore network, Function<Collection<String>, Set<String>> online, Roles.Callers callers) {
        this.db = db;
        this.network = network;
        this.online = online;
        this.callers = callers;
    }

    public void install(Javalin app) {
        app.get(PATH, this::adminStations);
    }

    /** Operator API: every station visible to the caller, flat, with owner, admin status and raw OCPP status. */
    private void adminStations(Context ctx) {
        Roles.Caller caller = callers.staff(ctx);
        String ownerFilter = ctx.queryParam("owner_id");
        String statusFilter = ctx.queryParam("status");
        if (statusFilter != null && !List.of("available", "occupied", "offline", "maintenance").contains(statusFilter)) {
            throw ApiError.queryValidation("status", "enum", "Input should be 'available', 'occupied', 'offline' or 'maintenance'",
                    statusFilter);
        }
        String locationFilter = ctx.queryParam("location_id");
        boolean includeInactive = Optional.ofNullable(NetworkRoutes.boolParam(ctx, "include_inactive")).orElse(false);
        String scope = caller.superadmin() ? ownerFilter : caller.scopeOwner();
        if (!caller.superadmin() && ownerFilter != null && !ownerFilter.equals(scope)) {
            throw ApiError.detail(403, "Нет доступа к станциям другого владельца");
        }
        Snapshot snap = network.fresh();
        Set<String> online = this.online.apply(snap.stationsByLocation().values().stream().flatMap(List::stream).map(StationRow::id).toList());
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
                        "status", computed, "is_available", s.isAvailable(), "online", online.contains(s.id()),
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
