package kg.evpower.sandbox.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kg.evpower.sandbox.server.stations.CommandDesk;
import kg.evpower.sandbox.server.stations.StationCommands;
import kg.evpower.sandbox.server.store.Database;

/**
 * The operator API's station commands: {@code POST /api/v1/admin/stations/{id}/commands} sends one of OCPP 1.6J's
 * Reset, UnlockConnector, ChangeAvailability, TriggerMessage, GetConfiguration, ChangeConfiguration and ClearCache with a
 * required reason and answers with what the station said; {@code GET} is the station's audit trail. Scoped as the rest
 * of the operator API: support staff any station, an owner their own, an operator their owner's — and an operator
 * neither a hard reset nor a configuration change nor clearing the cache (a wrong one takes a station down or changes
 * how it bills; those stay with the owner and support staff).
 */
public final class StationCommandRoutes {

    public static final String PATH = "/api/v1/admin/stations/{id}/commands";
    static final List<String> ACTIONS = List.of("Reset", "UnlockConnector", "ChangeAvailability", "TriggerMessage", "GetConfiguration",
            "ChangeConfiguration", "ClearCache");
    static final List<String> TRIGGERS = List.of("BootNotification", "Heartbeat", "MeterValues", "StatusNotification",
            "DiagnosticsStatusNotification", "FirmwareStatusNotification");
    /** What an operator may not send: a hard reset, a configuration change, clearing the authorization cache. */
    static final Set<String> NOT_FOR_OPERATORS = Set.of("Reset:Hard", "ChangeConfiguration", "ClearCache");

    private final Database db;
    private final CommandDesk commands;
    private final Roles.Callers callers;

    public StationCommandRoutes(Database db, CommandDesk commands) {
        this(db, commands, Roles.Callers.of(db));
    }

    /** {@code db}: where stations and their owners are read; {@code callers}: who is asking (the gateway asks the backend). */
    public StationCommandRoutes(Database db, CommandDesk commands, Roles.Callers callers) {
        this.db = db;
        this.commands = commands;
        this.callers = callers;
    }

    public void install(Javalin app) {
        app.post(PATH, this::send);
        app.get(PATH, this::history);
    }

    /** The station, if the caller may command it: 404 when there is none, 403 when it is another owner's. */
    private Roles.Caller scoped(Context ctx, String stationId) {
        Roles.Caller caller = callers.staff(ctx);
        // the station's owner, else its location's (production leaves stations.user_id empty on some stations)
        String owner = db.queryOne("SELECT COALESCE(s.user_id, l.user_id) FROM stations s LEFT JOIN locations l ON l.id = s.location_id"
                + " WHERE s.id = ?", rs -> rs.getString(1) == null ? "" : rs.getString(1), stationId)
                .orElseThrow(() -> ApiError.detail(404, "Станция не найдена"));
        if (!caller.superadmin() && !owner.equals(caller.scopeOwner())) {
            throw ApiError.detail(403, "Нет доступа к этой станции");
        }
        return caller;
    }

    private void send(Context ctx) {
        String stationId = ctx.pathParam("id");
        Roles.Caller caller = scoped(ctx, stationId);
        JsonNode body = Json.body(ctx);
        String action = Json.requiredString(body, "action");
        if (!ACTIONS.contains(action)) {
            throw ApiError.validation("action", "enum", "Input should be " + String.join(", ", ACTIONS), action);
        }
        String reason = Json.string(body, "reason");
        if (reason == null || reason.strip().length() < 3) {
            throw ApiError.validation("reason", "string_too_short", "A reason of at least 3 characters is required", reason);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> payload = new LinkedHashMap<>();
        switch (action) {
            case "Reset" -> {
                String type = oneOf(body, "type", List.of("Soft", "Hard"), true);
                fields.put("type", type);
                payload.put("type", type);
            }
            case "UnlockConnector" -> {
                int n = connector(body, stationId, false, true);
                fields.put("connector_id", n);
                payload.put("connectorId", n);
            }
            case "ChangeAvailability" -> {
                int n = connector(body, stationId, true, true);
                String type = oneOf(body, "type", List.of("Operative", "Inoperative"), true);
                fields.put("connector_id", n);
                fields.put("type", type);
                payload.put("connectorId", n);
                payload.put("type", type);
            }
            case "TriggerMessage" -> {
                String message = oneOf(body, "requested_message", TRIGGERS, true);
                fields.put("requested_message", message);
                payload.put("requestedMessage", message);
                if (body.hasNonNull("connector_id")) {
                    int n = connector(body, stationId, false, true);
                    fields.put("connector_id", n);
                    payload.put("connectorId", n);
                }
            }
            case "GetConfiguration" -> {
                List<String> keys = new ArrayList<>();
                JsonNode k = body.path("keys");
                if (!k.isMissingNode() && !k.isNull()) {
                    if (!k.isArray()) {
                        throw ApiError.validation("keys", "list_type", "Input should be a valid list", k.toString());
                    }
                    k.forEach(x -> keys.add(x.asText()));
                }
                fields.put("keys", keys);
                payload.put("keys", keys);
            }
            case "ChangeConfiguration" -> {
                String key = Json.requiredString(body, "key");
                if (key.isBlank()) {
                    throw ApiError.validation("key", "string_too_short", "String should have at least 1 character", key);
                }
                JsonNode v = body.path("value");
                if (v.isMissingNode() || v.isNull() || v.isContainerNode()) {
                    throw ApiError.validation("value", "missing", "Field required", null);
                }
                fields.put("key", key);
                fields.put("value", v.asText());
                payload.put("key", key);
                payload.put("value", v.asText());
            }
            default -> { // ClearCache: no fields
            }
        }
        if ("operator".equals(caller.role()) && (NOT_FOR_OPERATORS.contains(action) || NOT_FOR_OPERATORS.contains(action + ":" + fields.get("type")))) {
            throw ApiError.detail(403, "Оператору недоступна эта команда");
        }
        StationCommands.Entry e = commands.run(stationId, caller.id(), action, fields, payload, reason.strip());
        ctx.json(Json.obj("success", true, "command", view(e)));
    }

    private void history(Context ctx) {
        String stationId = ctx.pathParam("id");
        scoped(ctx, stationId);
        int limit = Params.intParam(ctx, "limit", 50, 1, 500);
        ctx.json(Json.obj("success", true, "commands", commands.history(stationId, limit).stream().map(StationCommandRoutes::view).toList()));
    }

    private static String oneOf(JsonNode body, String field, List<String> allowed, boolean required) {
        String v = required ? Json.requiredString(body, field) : Json.string(body, field);
        if (v != null && !allowed.contains(v)) {
            throw ApiError.validation(field, "enum", "Input should be " + String.join(", ", allowed), v);
        }
        return v;
    }

    /** The connector_id field: a connector of this station, or 0 (the whole station) where {@code zero} allows it. */
    private int connector(JsonNode body, String stationId, boolean zero, boolean required) {
        JsonNode n = body.path("connector_id");
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw ApiError.validation("connector_id", "missing", "Field required", null);
            }
            return 0;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw ApiError.validation("connector_id", "int_type", "Input should be a valid integer", n.toString());
        }
        int v = n.asInt();
        if (v == 0 && zero) {
            return 0;
        }
        boolean exists = db.queryOne("SELECT 1 FROM connectors WHERE station_id = ? AND connector_number = ?", rs -> 1, stationId, v).isPresent();
        if (!exists) {
            throw ApiError.validation("connector_id", "value_error", "The station has no connector " + v, v);
        }
        return v;
    }

    static Map<String, Object> view(StationCommands.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("station_id", e.stationId());
        m.put("user_id", e.userId());
        m.put("user_name", e.userName());
        m.put("action", e.action());
        m.put("fields", e.fields());
        m.put("reason", e.reason());
        m.put("status", e.status());
        m.put("answer", e.answer());
        m.put("requested_at", Wire.zulu(e.requestedAt()));
        m.put("answered_at", Wire.zulu(e.answeredAt()));
        m.put("duration_ms", e.durationMs());
        return m;
    }
}
