package kg.evpower.sandbox.server.http;

import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kg.evpower.sandbox.server.payments.PaymentsService;
import kg.evpower.sandbox.server.store.Database;

/**
 * The operator API for money (contract §9.2, proposed; superadmin only, since topups and the ledger are every client's):
 * topups, ledger rows, sessions' billing facts and clients' balances against their ledger sums, each read in id order
 * with an {@code after_id} cursor so a long period streams page by page; a provider recheck of one topup; and manual
 * balance adjustments written to the ledger and an audit table. Date filters are UTC ({@code from} inclusive,
 * {@code to} exclusive); a timestamp without an offset is read as UTC. Money is a JSON number with two decimals, som.
 */
public final class AdminMoneyRoutes {

    static final int MAX_PAGE = 5000;
    private static final Set<String> TOPUP_STATUSES = Set.of("processing", "approved", "canceled", "refunded", "partial_refund");
    private static final Set<String> LEDGER_TYPES = Set.of("balance_topup", "charge_reserve", "charge_refund", "charge_payment",
            "admin_adjustment");

    /** The four listings a reconciliation reads. */
    public static final List<String> LISTINGS = List.of("/api/v1/admin/topups", "/api/v1/admin/ledger", "/api/v1/admin/billing/sessions",
            "/api/v1/admin/balances");

    public static final String RECHECK = "/api/v1/admin/topups/{invoice_id}/recheck";

    /**
     * Asks the provider about one topup: the sandbox's credits a paid one never credited ({@link PaymentsService#recheck});
     * the operator gateway's only reports. Empty when no topup has that invoice.
     */
    @FunctionalInterface
    public interface Rechecker {
        java.util.Optional<Map<String, Object>> recheck(String invoiceId);
    }

    private final Database db;
    private final PaymentsService payments;
    private final Supplier<Instant> clock;
    private final Roles.Callers callers;

    public AdminMoneyRoutes(Database db, PaymentsService payments, Supplier<Instant> clock) {
        this(db, payments, clock, Roles.Callers.of(db));
    }

    /** {@code callers}: who is asking (the operator gateway asks the backend); {@code payments} null where only the listings are served. */
    public AdminMoneyRoutes(Database db, PaymentsService payments, Supplier<Instant> clock, Roles.Callers callers) {
        this.db = db;
        this.payments = payments;
        this.clock = clock;
        this.callers = callers;
    }

    public void install(Javalin app) {
        installListings(app);
        installRecheck(app, invoice -> payments.recheck(invoice).map(x -> Json.obj("success", true, "invoice_id", invoice,
                "status_before", x.statusBefore(), "provider_status", x.providerStatus(), "credited", x.credited(), "amount", money(x.amount()),
                "new_balance", money(x.balanceAfter()))));
        app.post("/api/v1/admin/balance-adjustments", this::adjust);
    }

    /** The listings alone (the operator gateway reads; it neither rechecks with the provider nor adjusts balances). */
    public void installListings(Javalin app) {
        app.get(LISTINGS.get(0), this::topups);
        app.get(LISTINGS.get(1), this::ledger);
        app.get(LISTINGS.get(2), this::sessions);
        app.get(LISTINGS.get(3), this::balances);
    }

    static BigDecimal money(BigDecimal v) {
        return v == null ? null : v.setScale(2, RoundingMode.HALF_UP);
    }

    private static String iso(Instant t) {
        return t == null ? null : Wire.iso(t);
    }

    private static long afterId(Context ctx) {
        String v = ctx.queryParam("after_id");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.queryValidation("after_id", "int_parsing", "Input should be a valid integer", v);
        }
    }

    private static String oneOf(Context ctx, String name, Set<String> allowed) {
        String v = ctx.queryParam(name);
        if (v != null && !allowed.contains(v)) {
            throw ApiError.queryValidation(name, "enum", "Input should be one of " + new java.util.TreeSet<>(allowed), v);
        }
        return v;
    }

    /**
     * One page of a listing (the caller has checked the role): {@code select} (up to its WHERE 1 = 1) with the filters, ordered by the cursor column,
     * {@code limit} rows; {@code next_after_id} is the cursor of the last row when the page is full.
     */
    private void page(Context ctx, String key, String select, Where filters, String orderBy, String cursorField,
                      Database.RowMapper<Map<String, Object>> row) {
        int limit = Params.intParam(ctx, "limit", 1000, 1, MAX_PAGE);
        List<Object> args = filters.args();
        args.add(limit);
        List<Map<String, Object>> rows = db.query(select + filters.sql() + " ORDER BY " + orderBy + " LIMIT ?", row, args.toArray());
        Object next = rows.size() == limit ? rows.get(rows.size() - 1).get(cursorField) : null;
        ctx.json(Json.obj("success", true, key, rows, "count", rows.size(), "next_after_id", next, "generated_at", Wire.iso(clock.get())));
    }

    /** A text cursor ({@code after_id}), or null for the first page. */
    private static String afterKey(Context ctx) {
        String after = ctx.queryParam("after_id");
        return after == null || after.isBlank() ? null : after;
    }

    private void topups(Context ctx) {
        callers.superadmin(ctx);
        Where w = new Where().and("id > ?", afterId(ctx)).and("created_at >= ?", AdminSessionRoutes.utc(ctx, "from"))
                .and("created_at < ?", AdminSessionRoutes.utc(ctx, "to")).and("client_id = ?", ctx.queryParam("client_id"))
                .and("status = ?", oneOf(ctx, "status", TOPUP_STATUSES)).and("invoice_id = ?", ctx.queryParam("invoice_id"));
        page(ctx, "topups", "SELECT id, invoice_id, order_id, client_id, requested_amount, paid_amount, status,"
                + " odengi_status, created_at, paid_at, completed_at, invoice_expires_at, last_status_check_at, status_check_count,"
                + " payment_provider FROM balance_topups WHERE 1 = 1", w, "id", "id", rs -> Json.obj(
                "id", rs.getLong(1), "invoice_id", rs.getString(2), "order_id", rs.getString(3), "client_id", rs.getString(4),
                "requested_amount", money(rs.getBigDecimal(5)), "paid_amount", money(rs.getBigDecimal(6)), "status", rs.getString(7),
                "odengi_status", rs.getInt(8), "created_at", iso(Database.instant(rs, "created_at")),
                "paid_at", iso(Database.instant(rs, "paid_at")), "completed_at", iso(Database.instant(rs, "completed_at")),
                "invoice_expires_at", iso(Database.instant(rs, "invoice_expires_at")),
                "last_status_check_at", iso(Database.instant(rs, "last_status_check_at")), "status_check_count", rs.getInt(14),
                "payment_provider", rs.getString(15)));
    }

    private void ledger(Context ctx) {
        callers.superadmin(ctx);
        Where w = new Where().and("id > ?", afterId(ctx)).and("created_at >= ?", AdminSessionRoutes.utc(ctx, "from"))
                .and("created_at < ?", AdminSessionRoutes.utc(ctx, "to")).and("client_id = ?", ctx.queryParam("client_id"))
                .and("transaction_type = ?", oneOf(ctx, "type", LEDGER_TYPES)).and("charging_session_id = ?", ctx.queryParam("session_id"));
        page(ctx, "ledger", "SELECT id, client_id, transaction_type, amount, balance_before, balance_after,"
                + " balance_topup_id, charging_session_id, description, created_at FROM payment_transactions_odengi WHERE 1 = 1", w, "id", "id",
                rs -> Json.obj("id", rs.getLong(1), "client_id", rs.getString(2), "transaction_type",
                rs.getString(3), "amount", money(rs.getBigDecimal(4)), "balance_before", money(rs.getBigDecimal(5)),
                "balance_after", money(rs.getBigDecimal(6)), "balance_topup_id", rs.getObject(7) == null ? null : rs.getLong(7),
                "charging_session_id", rs.getString(8), "description", rs.getString(9),
                "created_at", iso(Database.instant(rs, "created_at"))));
    }

    /**
     * Sessions' billing facts, in session id order ({@code after_id} is the last session id of the previous page):
     * every session started or stopped in the period, with its OCPP transaction's status, meter and stop time.
     */
    private void sessions(Context ctx) {
        callers.superadmin(ctx);
        Instant from = AdminSessionRoutes.utc(ctx, "from");
        Instant to = AdminSessionRoutes.utc(ctx, "to");
        Instant f = from == null ? Instant.EPOCH : from;
        Instant t = to == null ? Instant.parse("9999-01-01T00:00:00Z") : to;
        Where w = new Where().and("s.id > ?", afterKey(ctx)).and("((s.start_time >= ? AND s.start_time < ?) OR (s.stop_time >= ?"
                + " AND s.stop_time < ?))", from == null && to == null ? null : f, t, f, t);
        page(ctx, "sessions", "SELECT s.id, s.user_id, s.station_id, s.status, s.start_time, s.stop_time, s.energy,"
                + " s.amount, s.reserved_amount, s.final_amount, s.payment_processed, s.limit_type, st.price_per_kwh,"
                + " t.status, t.meter_start, t.meter_stop, t.stop_timestamp, t.stop_reason FROM charging_sessions s"
                + " LEFT JOIN stations st ON st.id = s.station_id"
                + " LEFT JOIN ocpp_transactions t ON t.id = (SELECT MAX(t2.id) FROM ocpp_transactions t2 WHERE t2.charging_session_id = s.id)"
                + " WHERE 1 = 1", w, "s.id", "id", rs -> Json.obj("id", rs.getString(1), "client_id",
                rs.getString(2), "station_id", rs.getString(3), "status", rs.getString(4), "start_time", iso(Database.instant(rs, "start_time")),
                "stop_time", iso(Database.instant(rs, "stop_time")), "energy_kwh", rs.getBigDecimal(7), "amount", money(rs.getBigDecimal(8)),
                "reserved_amount", money(rs.getBigDecimal(9)), "final_amount", money(rs.getBigDecimal(10)), "payment_processed",
                rs.getBoolean(11), "limit_type", rs.getString(12), "station_rate", rs.getBigDecimal(13), "ocpp_status", rs.getString(14),
                "meter_start_wh", rs.getBigDecimal(15), "meter_stop_wh", rs.getBigDecimal(16),
                "ocpp_stop_time", iso(Database.instant(rs, "stop_timestamp")), "stop_reason", rs.getString(18)));
    }

    /** Every client's balance beside the sum and count of its ledger rows (all time), in client id order. */
    private void balances(Context ctx) {
        callers.superadmin(ctx);
        Where w = new Where().and("c.id > ?", afterKey(ctx)).and("c.id = ?", ctx.queryParam("client_id"));
        page(ctx, "balances", "SELECT c.id, c.balance, COALESCE(l.total, 0), COALESCE(l.n, 0) FROM clients c"
                + " LEFT JOIN (SELECT client_id, SUM(amount) total, COUNT(*) n FROM payment_transactions_odengi GROUP BY client_id) l"
                + " ON l.client_id = c.id WHERE 1 = 1", w, "c.id", "client_id", rs -> Json.obj("client_id", rs.getString(1),
                "balance", money(rs.getBigDecimal(2)), "ledger_sum", money(rs.getBigDecimal(3)), "ledger_rows", rs.getLong(4)));
    }

    /** The recheck, superadmin only, answered by {@code rechecker}. */
    public void installRecheck(Javalin app, Rechecker rechecker) {
        app.post(RECHECK, ctx -> {
            callers.superadmin(ctx);
            String invoice = ctx.pathParam("invoice_id");
            ctx.json(rechecker.recheck(invoice).orElseGet(() -> Json.obj("success", false, "error", "payment_not_found", "invoice_id", invoice)));
        });
    }

    private void adjust(Context ctx) {
        Roles.Caller caller = callers.superadmin(ctx);
        JsonNode body = Json.body(ctx);
        String client = Json.requiredString(body, "client_id");
        String direction = Json.requiredString(body, "direction");
        if (!direction.equals("credit") && !direction.equals("debit")) {
            throw ApiError.validation("direction", "enum", "Input should be 'credit' or 'debit'", direction);
        }
        JsonNode a = body.path("amount");
        if (!a.isNumber() || a.decimalValue().signum() <= 0 || a.decimalValue().compareTo(BigDecimal.valueOf(100_000)) > 0
                || a.decimalValue().stripTrailingZeros().scale() > 2) {
            throw ApiError.validation("amount", "value_error", "A positive amount of at most 100000 som with at most 2 decimals", a.toString());
        }
        String reason = Json.requiredString(body, "reason").trim();
        if (reason.isEmpty() || reason.length() > 500) {
            throw ApiError.validation("reason", "string_length", "A reason of 1 to 500 characters is required", reason);
        }
        String reference = Json.string(body, "reference");
        BigDecimal amount = a.decimalValue().setScale(2, RoundingMode.HALF_UP);
        var result = payments.adjust(client, direction.equals("credit") ? amount : amount.negate(), reason, reference, caller.id());
        if (result.isEmpty()) {
            ctx.json(Json.obj("success", false, "error", "client_not_found", "message", "Клиент не найден"));
            return;
        }
        PaymentsService.Adjustment x = result.get();
        ctx.json(Json.obj("success", true, "adjustment_id", x.id(), "ledger_id", x.ledgerId(), "client_id", client, "direction", direction,
                "amount", amount, "balance_before", money(x.before()), "balance_after", money(x.after()), "reason", reason,
                "reference", reference, "created_by", caller.id(), "created_at", Wire.iso(x.at())));
    }
}
