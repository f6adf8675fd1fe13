package kg.evpower.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kg.evpower.sandbox.SandboxContext;
import kg.evpower.sandbox.charging.ChargingService;

/**
 * The operator API for sessions (contract §9.2 items 3 and 7, proposed): a cross-user listing with the connector
 * (from the OCPP transaction), the client, the money and the latest meter sample, owner-scoped by role; and an admin
 * stop with a required reason, written to an audit table. Date filters are UTC; a timestamp without an offset is
 * read as UTC.
 */
public final class AdminSessionRoutes {

    private static final Set<String> STATUSES = Set.of("started", "stopped", "error");

    private final SandboxContext sb;

    public AdminSessionRoutes(SandboxContext sb) {
        this.sb = sb;
    }

    public void install(Javalin app) {
        app.get("/api/v1/admin/sessions", this::list);
        app.post("/api/v1/admin/sessions/{id}/stop", this::stop);
    }

    static Instant utc(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ApiError.queryValidation(name, "datetime_parsing", "Input should be a valid datetime (ISO 8601, UTC)", v);
            }
        }
    }

    private static Double num(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : Wire.iso(t.toInstant());
    }

    private void list(Context ctx) {
        Roles.Caller caller = Roles.anyStaff(sb, ctx);
        String status = ctx.queryParam("status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiError.queryValidation("status", "enum", "Input should be 'started', 'stopped' or 'error'", status);
        }
        String ownerFilter = ctx.queryParam("owner_id");
        String scope = caller.superadmin() ? ownerFilter : caller.scopeOwner();
        if (!caller.superadmin() && ownerFilter != null && !ownerFilter.equals(scope)) {
            throw ApiError.detail(403, "Нет доступа к сессиям другого владельца");
        }
        String station = ctx.queryParam("station_id");
        Instant from = utc(ctx, "from");
        Instant to = utc(ctx, "to");
        int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
        int offset = Params.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);

        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            where.append(" AND s.status = ?");
            args.add(status);
        }
        if (scope != null) {
            where.append(" AND COALESCE(st.user_id, l.user_id) = ?");
            args.add(scope);
        }
        if (station != null) {
            where.append(" AND s.station_id = ?");
            args.add(station);
        }
        if (from != null) {
            where.append(" AND s.start_time >= ?");
            args.add(from);
        }
        if (to != null) {
            where.append(" AND s.start_time < ?");
            args.add(to);
        }
        String joins = " FROM charging_sessions s LEFT JOIN stations st ON st.id = s.station_id"
                + " LEFT JOIN locations l ON l.id = st.location_id LEFT JOIN clients c ON c.id = s.user_id"
                + " LEFT JOIN ocpp_transactions t ON t.id = (SELECT MAX(t2.id) FROM ocpp_transactions t2 WHERE t2.charging_session_id = s.id)";
        long total = sb.db().queryOne("SELECT COUNT(*)" + joins + where, rs -> rs.getLong(1), args.toArray()).orElse(0L);
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<Long> txKeys = new ArrayList<>();
        sb.db().query("SELECT s.id, s.status, s.station_id, l.id, l.name, COALESCE(st.user_id, l.user_id), t.connector_id, s.user_id, c.phone,"
                + " s.start_time, s.stop_time, s.limit_type, s.limit_value, s.reserved_amount, s.amount, s.energy, s.payment_processed,"
                + " t.id, t.transaction_id, st.price_per_kwh" + joins + where + " ORDER BY s.start_time DESC, s.id LIMIT ? OFFSET ?", rs -> {
                    Long txKey = rs.getObject(18) == null ? null : rs.getLong(18);
                    if (txKey != null) {
                        txKeys.add(txKey);
                    }
                    BigDecimal price = rs.getBigDecimal(20) != null && rs.getBigDecimal(20).signum() > 0 ? rs.getBigDecimal(20)
                            : ChargingService.DEFAULT_RATE;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString(1));
                    m.put("status", rs.getString(2));
                    m.put("station_id", rs.getString(3));
                    m.put("location_id", rs.getString(4));
                    m.put("location_name", rs.getString(5));
                    m.put("owner_user_id", rs.getString(6));
                    m.put("connector_id", rs.getObject(7) == null ? null : rs.getInt(7));
                    m.put("client_id", rs.getString(8));
                    m.put("client_phone", rs.getString(9));
                    m.put("start_time", iso(rs.getObject(10, OffsetDateTime.class)));
                    m.put("stop_time", iso(rs.getObject(11, OffsetDateTime.class)));
                    m.put("limit_type", rs.getString(12));
                    m.put("limit_value", num(rs.getBigDecimal(13)));
                    m.put("reserved_amount", num(rs.getBigDecimal(14)));
                    m.put("amount", num(rs.getBigDecimal(15)));
                    m.put("energy_kwh", num(rs.getBigDecimal(16)));
                    m.put("payment_processed", rs.getBoolean(17));
                    m.put("ocpp_transaction_id", txKey);
                    m.put("transaction_id", rs.getObject(19) == null ? null : rs.getInt(19));
                    m.put("rate_per_kwh", price.doubleValue());
                    m.put("meter", null);
                    sessions.add(m);
                    return null;
                }, pageArgs.toArray());
        Map<Long, Map<String, Object>> meters = latestMeters(txKeys);
        for (Map<String, Object> m : sessions) {
            Object key = m.get("ocpp_transaction_id");
            if (key != null) {
                m.put("meter", meters.get((Long) key));
            }
        }
        ctx.json(Json.obj("success", true, "sessions", sessions, "total", total, "limit", limit, "offset", offset,
                "generated_at", Wire.iso(sb.clock().get())));
    }

    /** The newest meter sample of each transaction. */
    private Map<Long, Map<String, Object>> latestMeters(List<Long> txKeys) {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        if (txKeys.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(txKeys.size(), "?"));
        sb.db().query("SELECT m.ocpp_transaction_id, m.timestamp, m.energy_active_import_register, m.power_active_import, m.current_import,"
                + " m.voltage, m.soc FROM ocpp_meter_values m WHERE m.id IN (SELECT MAX(id) FROM ocpp_meter_values"
                + " WHERE ocpp_transaction_id IN (" + marks + ") GROUP BY ocpp_transaction_id)", rs -> {
                    out.put(rs.getLong(1), Json.obj("timestamp", iso(rs.getObject(2, OffsetDateTime.class)),
                            "energy_wh", num(rs.getBigDecimal(3)), "power_w", num(rs.getBigDecimal(4)), "current_a", num(rs.getBigDecimal(5)),
                            "voltage_v", num(rs.getBigDecimal(6)), "soc", rs.getBigDecimal(7) == null ? null : rs.getBigDecimal(7).intValue()));
                    return null;
                }, txKeys.toArray());
        return out;
    }

    private void stop(Context ctx) {
        Roles.Caller caller = Roles.anyStaff(sb, ctx);
        String id = ctx.pathParam("id");
        JsonNode body = Json.body(ctx);
        String reason = Json.requiredString(body, "reason").trim();
        if (reason.isEmpty() || reason.length() > 500) {
            throw ApiError.validation("reason", "string_length", "A reason of 1 to 500 characters is required", reason);
        }
        Map<String, Object> session = sb.db().queryOne("SELECT s.status, COALESCE(st.user_id, l.user_id) FROM charging_sessions s"
                + " LEFT JOIN stations st ON st.id = s.station_id LEFT JOIN locations l ON l.id = st.location_id WHERE s.id = ?",
                rs -> Json.obj("status", rs.getString(1), "owner", rs.getString(2)), id).orElse(null);
        if (session == null || !caller.superadmin() && !caller.scopeOwner().equals(session.get("owner"))) {
            ctx.json(Json.obj("success", false, "error", "session_not_found", "message", "Сессия не найдена"));
            return;
        }
        if (!"started".equals(session.get("status"))) {
            ctx.json(Json.obj("success", false, "error", "session_not_active", "message", "Сессия уже завершена"));
            return;
        }
        try {
            ChargingService.Stopped s = sb.charging().stopByAdmin(id, caller.id(), reason);
            ctx.json(Json.obj("success", true, "session_id", s.sessionId(), "station_id", s.stationId(), "client_id", s.clientId(),
                    "stop_time", Wire.iso(s.stopTime()), "energy_kwh", s.energyKwh().setScale(3, RoundingMode.HALF_UP).doubleValue(),
                    "actual_cost", s.actualCost().doubleValue(), "refund_amount", s.refund().doubleValue(),
                    "new_balance", s.newBalance().doubleValue(), "stopped_by", caller.id(), "reason", reason));
        } catch (ChargingService.Refusal r) {
            ctx.json(Json.obj("success", false, "error", r.code(), "message", r.getMessage()));
        }
    }
}
