package kg.evpower.sandbox.world;

import kg.evpower.sandbox.world.stations.NetworkSimulator;
import kg.evpower.sandbox.server.store.Presence;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.server.http.ApiError;
import kg.evpower.sandbox.server.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import kg.evpower.sandbox.server.auth.OtpService;
import kg.evpower.sandbox.server.stations.StationEvents;
import kg.evpower.sandbox.server.store.NetworkStore;
import kg.evpower.sandbox.server.ws.LocationsHub;
import kg.evpower.sandbox.server.ws.SessionsHub;

/**
 * Sandbox-only endpoints under {@code /_sandbox/}: the OTP code that production would send by WhatsApp, the demo
 * accounts, and controls over the simulated network. Production has none of these.
 */
public final class SandboxRoutes {

    private final Database db;
    private final NetworkStore network;
    private final Presence presence;
    private final OtpService otp;
    private final StationEvents events;
    private final NetworkSimulator simulator;
    private final LocationsHub hub;
    private final SessionsHub sessions;

    public SandboxRoutes(Database db, NetworkStore network, Presence presence, OtpService otp, StationEvents events, NetworkSimulator simulator, LocationsHub hub, SessionsHub sessions) {
        this.db = db;
        this.network = network;
        this.presence = presence;
        this.otp = otp;
        this.events = events;
        this.simulator = simulator;
        this.hub = hub;
        this.sessions = sessions;
    }

    public void install(Javalin app) {
        app.get("/_sandbox/otp", this::otp);
        app.get("/_sandbox/accounts", this::accounts);
        app.get("/_sandbox/simulation", this::simulation);
        app.post("/_sandbox/simulation", this::setSimulation);
        app.post("/_sandbox/stations/{id}/status", this::setStatus);
        app.post("/_sandbox/stations/{id}/online", this::setOnline);
        app.post("/_sandbox/ws/drop", ctx -> {
            int n = hub.connectionCount();
            int s = sessions.connectionCount();
            hub.dropAll();
            sessions.dropAll();
            ctx.json(Json.obj("success", true, "dropped", n + s, "locations", n, "sessions", s));
        });
    }

    private void otp(Context ctx) {
        String phone = ctx.queryParam("phone");
        if (phone == null) {
            throw ApiError.queryValidation("phone", "missing", "Field required", null);
        }
        String normalized = OtpService.normalize(phone);
        var code = otp.latestCode(normalized);
        if (code.isEmpty()) {
            ctx.status(404).json(Json.obj("success", false, "error", "no_code", "phone", normalized,
                    "message", "Нет действующего кода: сначала запросите код"));
            return;
        }
        ctx.json(Json.obj("success", true, "phone", normalized, "code", code.get()));
    }

    private void accounts(Context ctx) {
        List<Map<String, Object>> staff = db.query(
                "SELECT u.phone, u.role, COALESCE(c.name, u.email), u.email, u.is_active, o.phone, COALESCE(oc.name, o.email),"
                        + " (SELECT COUNT(*) FROM stations s WHERE s.user_id = COALESCE(u.admin_id, u.id))"
                        + " FROM users u LEFT JOIN clients c ON c.id = u.id LEFT JOIN users o ON o.id = u.admin_id"
                        + " LEFT JOIN clients oc ON oc.id = o.id"
                        + " ORDER BY CASE u.role WHEN 'superadmin' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, u.phone",
                rs -> Json.obj("phone", rs.getString(1), "role", rs.getString(2), "name", rs.getString(3), "email", rs.getString(4),
                        "is_active", rs.getBoolean(5), "owner_phone", rs.getString(6), "owner_name", rs.getString(7),
                        "stations", rs.getInt(8)));
        List<Map<String, Object>> clients = db.query(
                "SELECT phone, name, balance, status FROM clients WHERE id NOT IN (SELECT id FROM users) ORDER BY phone LIMIT 5",
                rs -> Json.obj("phone", rs.getString(1), "role", "client", "name", rs.getString(2),
                        "balance", rs.getBigDecimal(3).doubleValue(), "status", rs.getString(4)));
        ctx.json(Json.obj("success", true, "staff", staff, "clients_sample", clients,
                "note", "Log in with any phone: POST /api/v1/auth/otp/send, then read the code at GET /_sandbox/otp?phone=…"));
    }

    private void simulation(Context ctx) {
        ctx.json(Json.obj("success", true, "running", simulator != null && simulator.isRunning(),
                "stations", simulator == null ? 0 : simulator.stationCount(),
                "online", presence.onlineCount(), "ws_connections", hub.connectionCount()));
    }

    private void setSimulation(Context ctx) {
        JsonNode body = Json.body(ctx);
        if (!body.path("running").isBoolean()) {
            throw ApiError.validation("running", "bool_type", "Input should be a valid boolean", body.path("running").toString());
        }
        if (simulator != null) {
            simulator.setRunning(body.path("running").asBoolean());
        }
        simulation(ctx);
    }

    /** Sends a StatusNotification for one connector through the production path. */
    private void setStatus(Context ctx) {
        String id = ctx.pathParam("id");
        JsonNode body = Json.body(ctx);
        int connector = body.path("connector_id").asInt(1);
        String status = Json.requiredString(body, "status");
        if (!StationEvents.OCPP_STATUSES.contains(status)) {
            throw ApiError.validation("status", "enum", "Input should be one of " + StationEvents.OCPP_STATUSES, status);
        }
        if (NetworkStore.findStation(network.fresh(), id).isEmpty()) {
            throw ApiError.detail(404, "Станция " + id + " не найдена");
        }
        try {
            events.statusNotification(id, connector, status, Json.string(body, "error_code"), Json.string(body, "info"));
        } catch (IllegalArgumentException e) {
            throw ApiError.detail(400, e.getMessage());
        }
        if (simulator != null) {
            simulator.override(id, connector, status);
        }
        ctx.json(Json.obj("success", true, "station_id", id, "connector_id", connector, "status", status));
    }

    /** Disconnects a station (it stops heartbeating) or connects it again with a BootNotification. */
    private void setOnline(Context ctx) {
        String id = ctx.pathParam("id");
        JsonNode body = Json.body(ctx);
        if (!body.path("online").isBoolean()) {
            throw ApiError.validation("online", "bool_type", "Input should be a valid boolean", body.path("online").toString());
        }
        boolean online = body.path("online").asBoolean();
        if (NetworkStore.findStation(network.fresh(), id).isEmpty()) {
            throw ApiError.detail(404, "Станция " + id + " не найдена");
        }
        if (simulator != null) {
            simulator.setOnline(id, online);
        }
        if (online) {
            events.boot(id);
        } else {
            events.disconnect(id);
        }
        ctx.json(Json.obj("success", true, "station_id", id, "online", online));
    }
}
