package kg.evpower.sandbox.server.http;

import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import kg.evpower.sandbox.server.charging.ChargingService;

/**
 * The operator API for sessions (contract §9.2 items 3 and 7, proposed): a cross-user listing with the connector
 * (from the OCPP transaction), the client, the money and the latest meter sample, owner-scoped by role; and an admin
 * stop with a required reason, written to an audit table. Date filters are UTC; a timestamp without an offset is
 * read as UTC.
 */
public final class AdminSessionRoutes {

    private static final Set<String> STATUSES = Set.of("started", "stopped", "error");

    public static final String LIST = "/api/v1/admin/sessions";

    public static final String STOP = "/api/v1/admin/sessions/{id}/stop";

    /**
     * How a running session is stopped once the caller may stop it: the sandbox settles it at once
     * ({@link ChargingService#stopByAdmin}); the operator gateway asks the station over production's Redis and answers
     * what it sees. Answers the route's JSON; a {@link ChargingService.Refusal} is answered in production's words.
     */
    @FunctionalInterface
    public interface Stopper {
        Map<String, Object> stop(String sessionId, Roles.Caller caller, String reason);
    }

    private final Database db;
    private final Stopper stopper;
    private final Supplier<Instant> clock;
    private final Roles.Callers callers;

    public AdminSessionRoutes(Database db, ChargingService charging, Supplier<Instant> clock) {
        this(db, charging == null ? null : settling(charging), clock, Roles.Callers.of(db));
    }

    /** {@code callers}: who is asking (the operator gateway asks the backend); {@code stopper} null where only listing is served. */
    public AdminSessionRoutes(Database db, Stopper stopper, Supplier<Instant> clock, Roles.Callers callers) {
        this.db = db;
        this.stopper = stopper;
        this.clock = clock;
        this.callers = callers;
    }

    /** The sandbox's stop: settled at once, as the operator API proposes. */
    private static Stopper settling(ChargingService charging) {
        return (id, caller, reason) -> {
            ChargingService.Stopped s = charging.stopByAdmin(id, caller.id(), reason);
            return Json.obj("success", true, "session_id", s.sessionId(), "station_id", s.stationId(), "client_id", s.clientId(),
                    "stop_time", Wire.iso(s.stopTime()), "energy_kwh", s.energyKwh().setScale(3, RoundingMode.HALF_UP).doubleValue(),
                    "actual_cost", s.actualCost().doubleValue(), "refund_amount", s.refund().doubleValue(),
                    "new_balance", s.newBalance().doubleValue(), "stopped_by", caller.id(), "reason", reason);
        };
    }

    public void install(Javalin app) {
        installListing(app);
        if (stopper != null) {
            app.post(STOP, this::stop);
        }
    }

    /** The listing alone. */
    public void installListing(Javalin app) {
        app.get(LIST, this::list);
    }

    public static Instant utc(Context ctx, String name) {
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

    private void list(Context ctx) {
        Roles.Caller caller = callers.staff(ctx);
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
        Instant stoppedFrom = utc(ctx, "stopped_from");
        Instant stoppedTo = utc(ctx, "stopped_to");
        int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
        int offset = Params.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);

        SessionViews.Page page = new SessionViews(db).page(scope, status, station, from, to, stoppedFrom, stoppedTo,
                limit, offset);
        ctx.json(Json.obj("success", true, "sessions", page.sessions(), "total", page.total(), "limit", limit, "offset", offset,
                "summary", Json.obj("count", page.total(), "energy_kwh", Wire.num(page.energyKwh()), "amount", Wire.num(page.amount())),
                "generated_at", Wire.iso(clock.get())));
    }

    private void stop(Context ctx) {
        Roles.Caller caller = callers.staff(ctx);
        String id = ctx.pathParam("id");
        JsonNode body = Json.body(ctx);
        String reason = Json.requiredString(body, "reason").trim();
        if (reason.isEmpty() || reason.length() > 500) {
            throw ApiError.validation("reason", "string_length", "A reason of 1 to 500 characters is required", reason);
        }
        Map<String, Object> session = db.queryOne("SELECT s.status, COALESCE(st.user_id, l.user_id) FROM charging_sessions s"
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
            ctx.json(stopper.stop(id, caller, reason));
        } catch (ChargingService.Refusal r) {
            ctx.json(Json.obj("success", false, "error", r.code(), "message", r.getMessage()));
        }
    }
}
