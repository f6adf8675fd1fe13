package kg.evpower.sandbox.world.money;

import java.util.function.Supplier;
import kg.evpower.sandbox.server.payments.PaymentsService;
import kg.evpower.sandbox.server.http.AdminSessionRoutes;
import kg.evpower.sandbox.server.http.ApiError;
import kg.evpower.sandbox.server.http.Json;
import kg.evpower.sandbox.server.http.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.sandbox.server.charging.Defect;
import kg.evpower.sandbox.server.charging.MoneyMode;
import kg.evpower.sandbox.server.store.Database;

/**
 * Sandbox-only money controls under {@code /_sandbox/}: the mode and defect rates (with what the live clients have done so
 * far), a replay of past traffic, the truth
 * table of every defect produced, and the O!Dengi side (the merchant statement download, a payer paying an invoice).
 */
public final class MoneyRoutes {

    private final Database db;
    private final PaymentsService payments;
    private final Supplier<Instant> clock;
    private final long seed;
    private final MoneyTraffic traffic;
    private final LiveTopups live;

    public MoneyRoutes(Database db, PaymentsService payments, Supplier<Instant> clock, long seed, MoneyTraffic traffic, LiveTopups live) {
        this.db = db;
        this.payments = payments;
        this.clock = clock;
        this.seed = seed;
        this.traffic = traffic;
        this.live = live;
    }

    public void install(Javalin app) {
        app.get("/_sandbox/money", ctx -> ctx.json(mode()));
        app.post("/_sandbox/money", this::setMode);
        app.post("/_sandbox/money/replay", this::replay);
        app.get("/_sandbox/money/truth", this::truth);
        app.get("/_sandbox/odengi/statement", this::statement);
        app.post("/_sandbox/odengi/pay/{invoice_id}", this::pay);
    }

    private Map<String, Object> mode() {
        MoneyMode m = payments.mode();
        Map<String, Object> rates = new LinkedHashMap<>();
        m.rates().forEach((d, r) -> rates.put(d.wire(), r));
        LiveTopups.Counts c = live.counts();
        return Json.obj("success", true, "mode", m.production() ? "production" : "fixed", "rates", rates,
                "live", Json.obj("arrivals", c.arrivals(), "topups", c.created(), "paid", c.paid(), "cleaned_up", c.cleaned()));
    }

    private void setMode(Context ctx) {
        JsonNode body = Json.body(ctx);
        MoneyMode m = payments.mode();
        String mode = Json.string(body, "mode");
        if (mode != null && !mode.equals("production") && !mode.equals("fixed")) {
            throw ApiError.validation("mode", "enum", "Input should be 'production' or 'fixed'", mode);
        }
        JsonNode rates = body.path("rates");
        if (rates.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = rates.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    m.setRate(Defect.fromWire(e.getKey()), e.getValue().asDouble(Double.NaN));
                } catch (IllegalArgumentException ex) {
                    throw ApiError.validation("rates." + e.getKey(), "value_error", ex.getMessage(), e.getValue().toString());
                }
            }
        }
        if (mode != null) {
            m.setProduction(mode.equals("production"));
        }
        ctx.json(mode());
    }

    private void replay(Context ctx) {
        JsonNode body = Json.body(ctx);
        double hours = body.path("hours").asDouble(24);
        int topups = body.path("topups").asInt(200);
        int sessions = body.path("sessions").asInt(200);
        if (hours <= 0 || hours > 24 * 90 || topups < 0 || sessions < 0 || topups + sessions > 50_000) {
            throw ApiError.validation("hours", "value_error", "hours within (0, 2160], at most 50,000 topups and sessions", hours);
        }
        MoneyTraffic.Summary s = traffic.replay(Duration.ofMinutes(Math.round(hours * 60)), topups, sessions,
                body.path("seed").asLong(seed), body.path("hourly_cleanup").asBoolean(true));
        ctx.json(Json.obj("success", true, "topups", s.topups(), "paid", s.paid(), "sessions", s.sessions(), "skipped", s.skipped(),
                "from", Wire.iso(s.from()), "to", Wire.iso(s.to())));
    }

    /**
     * Every defect produced, plus the topups that are stuck in {@code processing} right now (a state, not an event: the
     * hourly cleanup ends it). Amounts in som.
     */
    private void truth(Context ctx) {
        List<Map<String, Object>> rows = new ArrayList<>(db.query("SELECT defect, client_id, invoice_id, session_id, amount,"
                + " occurred_at, note FROM sandbox_money_truth ORDER BY id", rs -> Json.obj("defect", rs.getString(1), "client_id",
                rs.getString(2), "invoice_id", rs.getString(3), "session_id", rs.getString(4), "amount", rs.getBigDecimal(5),
                "occurred_at", Wire.iso(Database.instant(rs, "occurred_at")), "note", rs.getString(7))));
        Instant now = clock.get();
        rows.addAll(db.query("SELECT t.client_id, t.invoice_id, t.requested_amount, t.invoice_expires_at FROM balance_topups t"
                + " JOIN sandbox_odengi_invoices o ON o.invoice_id = t.invoice_id WHERE t.status = 'processing' AND t.invoice_expires_at < ?"
                + " AND o.status <> 'approved' ORDER BY t.id", rs -> Json.obj("defect", Defect.STUCK_PROCESSING.wire(), "client_id",
                rs.getString(1), "invoice_id", rs.getString(2), "session_id", null, "amount", rs.getBigDecimal(3).setScale(2),
                "occurred_at", Wire.iso(Database.instant(rs, "invoice_expires_at")), "note", "processing past its expiry"), now));
        Map<String, Object> out = mode();
        out.put("defects", rows);
        ctx.json(out);
    }

    private void statement(Context ctx) {
        Instant from = AdminSessionRoutes.utc(ctx, "from");
        Instant to = AdminSessionRoutes.utc(ctx, "to");
        List<Statement.Line> lines = Statement.lines(db, from == null ? Instant.EPOCH : from, to == null ? clock.get() : to);
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format.equals("xlsx")) {
                Statement.xlsx(lines, out);
                ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                ctx.header("Content-Disposition", "attachment; filename=\"odengi-statement.xlsx\"");
            } else if (format.equals("csv")) {
                Statement.csv(lines, out);
                ctx.contentType("text/csv; charset=utf-8");
                ctx.header("Content-Disposition", "attachment; filename=\"odengi-statement.csv\"");
            } else {
                throw ApiError.queryValidation("format", "enum", "Input should be 'csv' or 'xlsx'", format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.result(out.toByteArray());
    }

    private void pay(Context ctx) {
        String invoice = ctx.pathParam("invoice_id");
        boolean ok = payments.pay(invoice, ctx.queryParam("payer"));
        ctx.json(ok ? Json.obj("success", true, "invoice_id", invoice, "status", "approved")
                : Json.obj("success", false, "invoice_id", invoice, "error", "invoice_not_payable", "message", "Счёт не найден, оплачен или истёк"));
    }
}
