package kg.evpower.sandbox.server.http;

import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Presence;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.store.Database;

/**
 * Production's charging, history and balance-read endpoints (contract §3.2, §3.3, §3.5): start and stop by the
 * client, the public status poll, the caller's own history, and a client's balance. The security middleware has
 * already refused unauthenticated calls to all but the status poll, so a caller id is always there. Business errors are HTTP 200 with {@code success:false}, as in production.
 */
public final class ChargingRoutes {

    private static final Pattern STATION_ID = Pattern.compile("^[A-Z0-9-]{1,50}$");
    private static final Pattern SESSION_ID = Pattern.compile("^[a-zA-Z0-9-]{1,100}$");

    private final Database db;
    private final Presence presence;
    private final ChargingService charging;
    private final Supplier<Instant> clock;

    public ChargingRoutes(Database db, Presence presence, ChargingService charging, Supplier<Instant> clock) {
        this.db = db;
        this.presence = presence;
        this.charging = charging;
        this.clock = clock;
    }

    public void install(Javalin app) {
        app.post("/api/v1/charging/start", this::start);
        app.post("/api/v1/charging/stop", this::stop);
        app.get("/api/v1/charging/status/{id}", this::status);
        app.get("/api/v1/history/charging", this::historyCharging);
        app.get("/api/v1/history/transactions", this::historyTransactions);
        app.get("/api/v1/history/stats", this::historyStats);
        app.get("/api/v1/balance/{client_id}", this::balance);
    }

    /** A client's balance. As in production there is no ownership check: any signed-in user may read any client's. */
    private void balance(Context ctx) {
        String id = ctx.pathParam("client_id");
        Map<String, Object> out = db.queryOne("SELECT c.id, c.balance,"
                + " (SELECT MAX(t.paid_at) FROM balance_topups t WHERE t.client_id = c.id AND t.status = 'approved'),"
                + " (SELECT COALESCE(SUM(CASE WHEN p.transaction_type = 'charge_refund' THEN -ABS(p.amount) ELSE ABS(p.amount) END), 0)"
                + "    FROM payment_transactions_odengi p WHERE p.client_id = c.id"
                + "    AND p.transaction_type IN ('charge_reserve', 'charge_refund', 'charge_payment'))"
                + " FROM clients c WHERE c.id = ?", rs -> {
                    Instant last = instant(rs.getObject(3, OffsetDateTime.class));
                    return Json.obj("client_id", rs.getString(1), "balance", Wire.num(rs.getBigDecimal(2)), "currency", "KGS",
                            "last_topup_at", last == null ? null : Wire.iso(last), "total_spent", Wire.num(rs.getBigDecimal(4)));
                }, id).orElseThrow(() -> ApiError.detail(404, "Клиент не найден"));
        ctx.json(out);
    }

    private static Object refusal(ChargingService.Refusal r) {
        Map<String, Object> body = Json.obj("success", false, "error", r.code(), "message", r.getMessage());
        body.putAll(r.extra());
        return body;
    }

    private static BigDecimal optionalNumber(JsonNode body, String field, BigDecimal max) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw ApiError.validation(field, "float_parsing", "Input should be a valid number", n.toString());
        }
        BigDecimal v = n.decimalValue();
        if (v.signum() <= 0) {
            throw ApiError.validation(field, "greater_than", "Input should be greater than 0", n.numberValue());
        }
        if (v.compareTo(max) > 0) {
            throw ApiError.validation(field, "less_than_equal", "Input should be less than or equal to " + max, n.numberValue());
        }
        return v;
    }

    private void start(Context ctx) {
        JsonNode body = Json.body(ctx);
        String stationId = Json.requiredString(body, "station_id");
        if (!STATION_ID.matcher(stationId).matches()) {
            throw ApiError.validation("station_id", "string_pattern_mismatch", "String should match pattern '^[A-Z0-9-]+$'", stationId);
        }
        JsonNode cn = body.path("connector_id");
        if (!cn.canConvertToInt() || !cn.isIntegralNumber() || cn.asInt() < 1 || cn.asInt() > 10) {
            throw ApiError.validation("connector_id", "int_type", "Input should be a valid integer between 1 and 10", cn.toString());
        }
        BigDecimal energy = optionalNumber(body, "energy_kwh", BigDecimal.valueOf(200));
        BigDecimal amount = optionalNumber(body, "amount_som", BigDecimal.valueOf(100_000));
        String uid = Security.uid(ctx);
        try {
            ChargingService.Started s = charging.start(uid, stationId, cn.asInt(), energy, amount, presence::isOnline);
            Map<String, Object> pricing = Json.obj("rate_per_kwh", s.pricing().ratePerKwh().doubleValue(), "rate_per_minute", 0.0,
                    "session_fee", s.pricing().sessionFee().doubleValue(), "parking_fee_per_minute", 0.0, "currency", "KGS",
                    "active_rule", "Базовый тариф", "rule_details", Json.obj(), "time_based", false, "next_rate_change", null,
                    "tariff_plan_id", null, "rule_id", null);
            ctx.json(Json.obj("success", true, "session_id", s.sessionId(), "station_id", s.stationId(), "client_id", s.clientId(),
                    "connector_id", s.connectorId(), "energy_kwh", s.energyKwh() == null ? null : s.energyKwh().doubleValue(),
                    "pricing", pricing, "estimated_cost", s.estimatedCost() == null ? null : s.estimatedCost().doubleValue(),
                    "reserved_amount", s.reserved().doubleValue(), "new_balance", s.newBalance().doubleValue(),
                    "message", s.stationOnline() ? "Зарядка запущена, средства зарезервированы"
                            : "Сессия создана, средства зарезервированы. Зарядка начнется при подключении станции.",
                    "station_online", s.stationOnline()));
        } catch (ChargingService.Refusal r) {
            ctx.json(refusal(r));
        }
    }

    private void stop(Context ctx) {
        JsonNode body = Json.body(ctx);
        String sessionId = Json.requiredString(body, "session_id");
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw ApiError.validation("session_id", "string_pattern_mismatch", "String should match pattern '^[a-zA-Z0-9-]+$'", sessionId);
        }
        String uid = Security.uid(ctx);
        try {
            ChargingService.Stopped s = charging.stop(uid, sessionId, presence::isOnline);
            ctx.json(Json.obj("success", true, "session_id", s.sessionId(), "station_id", s.stationId(), "client_id", s.clientId(),
                    "start_time", s.startTime() == null ? null : Wire.iso(s.startTime()), "stop_time", Wire.iso(s.stopTime()),
                    "energy_consumed", s.energyKwh().doubleValue(), "rate_per_kwh", s.rate().doubleValue(),
                    "reserved_amount", s.reserved().doubleValue(), "actual_cost", s.actualCost().doubleValue(),
                    "refund_amount", s.refund().doubleValue(), "new_balance", s.newBalance().doubleValue(),
                    "message", "Зарядка остановлена", "station_online", s.stationOnline()));
        } catch (ChargingService.Refusal r) {
            ctx.json(refusal(r));
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** The public poll, with production's quirks: connector always 1, the internal transaction key, no fee in the cost. */
    private void status(Context ctx) {
        String id = ctx.pathParam("id");
        List<Map<String, Object>> rows = db.query("SELECT s.id, s.status, s.station_id, s.energy, s.reserved_amount, s.amount,"
                + " s.limit_type, s.limit_value, s.start_time, s.stop_time, st.price_per_kwh, st.session_fee,"
                + " (SELECT MAX(t.id) FROM ocpp_transactions t WHERE t.charging_session_id = s.id)"
                + " FROM charging_sessions s LEFT JOIN stations st ON st.id = s.station_id WHERE s.id = ?", rs -> {
                    Instant now = clock.get();
                    BigDecimal energy = rs.getBigDecimal(4) == null ? BigDecimal.ZERO : rs.getBigDecimal(4);
                    BigDecimal price = rs.getBigDecimal(11) != null && rs.getBigDecimal(11).signum() > 0 ? rs.getBigDecimal(11)
                            : ChargingService.DEFAULT_RATE;
                    BigDecimal cost = energy.multiply(price).setScale(2, RoundingMode.HALF_UP);
                    Instant start = instant(rs.getObject(9, OffsetDateTime.class));
                    Instant stop = instant(rs.getObject(10, OffsetDateTime.class));
                    long seconds = start == null ? 0 : Math.max(0, Duration.between(start, stop == null ? now : stop).toSeconds());
                    String limitType = rs.getString(7) == null ? "none" : rs.getString(7);
                    BigDecimal limitValue = rs.getBigDecimal(8) == null ? BigDecimal.ZERO : rs.getBigDecimal(8);
                    double progress = 0;
                    if (limitValue.signum() > 0) {
                        BigDecimal done = "energy".equals(limitType) ? energy : cost;
                        progress = Math.min(100.0, done.doubleValue() * 100.0 / limitValue.doubleValue());
                    }
                    Long txKey = rs.getObject(13) == null ? null : rs.getLong(13);
                    Map<String, Object> out = Json.obj("id", rs.getString(1), "session_id", rs.getString(1),
                            "status", rs.getString(2) == null ? "preparing" : rs.getString(2), "station_id", rs.getString(3),
                            "connector_id", 1, "ocpp_transaction_id", txKey,
                            "energy_consumed", energy.setScale(3, RoundingMode.HALF_UP).doubleValue(),
                            "energy_kwh", energy.setScale(3, RoundingMode.HALF_UP).doubleValue(),
                            "current_cost", cost.doubleValue(), "current_amount", cost.doubleValue());
                    out.putAll(meter(txKey));
                    out.putAll(Json.obj("reserved_amount", rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).doubleValue(),
                            "rate_per_kwh", price.doubleValue(),
                            "session_fee", rs.getBigDecimal(12) == null ? 0.0 : rs.getBigDecimal(12).doubleValue(),
                            "charging_duration_minutes", seconds / 60, "duration_seconds", seconds, "limit_type", limitType,
                            "limit_value", limitValue.doubleValue(), "limit_reached", progress >= 100.0,
                            "limit_percentage", progress, "progress_percent", progress,
                            "station_online", presence.isOnline(rs.getString(3)),
                            "start_time", start == null ? null : Wire.iso(start), "stop_time", stop == null ? null : Wire.iso(stop)));
                    return out;
                }, id);
        if (rows.isEmpty()) {
            throw ApiError.detail(404, Json.obj("error", "session_not_found", "message", "Сессия зарядки не найдена", "success", false));
        }
        ctx.json(Json.obj("success", true, "session", rows.get(0)));
    }

    /** power, meter start/current and SoC from the session's transaction and its latest meter value. */
    private Map<String, Object> meter(Long txKey) {
        Map<String, Object> out = Json.obj("power_kw", 0.0, "meter_start", null, "meter_current", null, "ev_battery_soc", null);
        if (txKey == null) {
            return out;
        }
        db.queryOne("SELECT meter_start FROM ocpp_transactions WHERE id = ?", rs -> rs.getBigDecimal(1), txKey)
                .ifPresent(m -> {
                    out.put("meter_start", m.doubleValue());
                    out.put("meter_current", m.doubleValue());
                });
        db.queryOne("SELECT energy_active_import_register, power_active_import, soc FROM ocpp_meter_values"
                + " WHERE ocpp_transaction_id = ? ORDER BY timestamp DESC, id DESC LIMIT 1", rs -> new BigDecimal[] {rs.getBigDecimal(1),
                    rs.getBigDecimal(2), rs.getBigDecimal(3)}, txKey).ifPresent(m -> {
                        if (m[0] != null) {
                            out.put("meter_current", m[0].doubleValue());
                        }
                        if (m[1] != null) {
                            out.put("power_kw", m[1].divide(BigDecimal.valueOf(1000), 1, RoundingMode.HALF_UP).doubleValue());
                        }
                        out.put("ev_battery_soc", m[2] == null ? null : m[2].intValue());
                    });
        return out;
    }

    /** One page of the caller's rows: {@code {success, data, total, limit, offset}}; the list query ends with LIMIT ? OFFSET ?. */
    private void page(Context ctx, String listSql, String countSql, Database.RowMapper<Map<String, Object>> row) {
        int limit = Params.intParam(ctx, "limit", 20, 1, 100);
        int offset = Params.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        String uid = Security.uid(ctx);
        List<Map<String, Object>> data = db.query(listSql, row, uid, limit, offset);
        long total = db.queryOne(countSql, rs -> rs.getLong(1), uid).orElse(0L);
        ctx.json(Json.obj("success", true, "data", data, "total", total, "limit", limit, "offset", offset));
    }

    private void historyCharging(Context ctx) {
        page(ctx, "SELECT s.id, s.station_id, s.status, s.energy, s.amount, s.start_time, s.stop_time,"
                + " s.limit_type, s.limit_value, st.model, l.name, l.address FROM charging_sessions s"
                + " LEFT JOIN stations st ON st.id = s.station_id LEFT JOIN locations l ON l.id = st.location_id"
                + " WHERE s.user_id = ? ORDER BY s.start_time DESC LIMIT ? OFFSET ?",
                "SELECT COUNT(*) FROM charging_sessions WHERE user_id = ?", rs -> {
                    Instant a = instant(rs.getObject(6, OffsetDateTime.class));
                    Instant b = instant(rs.getObject(7, OffsetDateTime.class));
                    BigDecimal lv = rs.getBigDecimal(9);
                    return Json.obj("id", rs.getString(1), "station_id", rs.getString(2), "connector_id", 1, "status", rs.getString(3),
                            "energy_kwh", Wire.num(rs.getBigDecimal(4)), "amount", Wire.num(rs.getBigDecimal(5)),
                            "started_at", a == null ? null : Wire.iso(a), "ended_at", b == null ? null : Wire.iso(b),
                            "duration_minutes", a == null || b == null ? null : Duration.between(a, b).toMinutes(),
                            "limit_type", rs.getString(8), "limit_value", lv == null || lv.signum() == 0 ? null : lv.doubleValue(),
                            "station", rs.getString(2) == null ? null : Json.obj("model", rs.getString(10), "location",
                                    rs.getString(11) == null ? null : Json.obj("name", rs.getString(11), "address", rs.getString(12))));
                });
    }

    private void historyTransactions(Context ctx) {
        page(ctx, "SELECT p.id, p.transaction_type, p.amount, t.requested_amount, p.balance_before,"
                + " p.balance_after, p.created_at, t.status, t.payment_provider, t.invoice_id FROM payment_transactions_odengi p"
                + " LEFT JOIN balance_topups t ON t.id = p.balance_topup_id WHERE p.client_id = ?"
                + " ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?",
                "SELECT COUNT(*) FROM payment_transactions_odengi WHERE client_id = ?", rs -> {
                    Instant at = instant(rs.getObject(7, OffsetDateTime.class));
                    return Json.obj("id", String.valueOf(rs.getLong(1)), "transaction_type", rs.getString(2),
                            "amount", Wire.num(rs.getBigDecimal(3)), "requested_amount", Wire.num(rs.getBigDecimal(4)),
                            "balance_before", Wire.num(rs.getBigDecimal(5)), "balance_after", Wire.num(rs.getBigDecimal(6)),
                            "created_at", at == null ? null : Wire.iso(at), "completed_at", at == null ? null : Wire.iso(at),
                            "status", rs.getString(8) == null ? "completed" : rs.getString(8), "payment_method", rs.getString(9),
                            "invoice_id", rs.getString(10));
                });
    }

    private void historyStats(Context ctx) {
        Map<String, Object> stats = db.queryOne("SELECT COUNT(*), COALESCE(SUM(energy), 0), COALESCE(SUM(amount), 0),"
                + " COALESCE(AVG(EXTRACT(EPOCH FROM stop_time) - EXTRACT(EPOCH FROM start_time)), 0) FROM charging_sessions"
                + " WHERE user_id = ? AND start_time IS NOT NULL AND stop_time IS NOT NULL", rs -> Json.obj("total_sessions", rs.getLong(1),
                        "total_energy_kwh", rs.getBigDecimal(2).setScale(3, RoundingMode.HALF_UP).doubleValue(),
                        "total_amount", rs.getBigDecimal(3).setScale(2, RoundingMode.HALF_UP).doubleValue(),
                        "average_session_minutes", Math.round(rs.getDouble(4) / 60.0 * 10) / 10.0), Security.uid(ctx)).orElseThrow();
        ctx.json(Json.obj("success", true, "stats", stats));
    }
}
