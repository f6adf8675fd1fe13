package kg.evpower.sandbox.server.http;

import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.payments.PaymentsService;

/**
 * Production's O!Dengi topup and payment-status endpoints (contract §3.3, §3.4): {@code topup-qr}, the database-only
 * status read with its expiry side effect, the user-triggered status check, the local cancel and the h2h-status read.
 * Business errors are HTTP 200 with {@code success:false}; none of the reads checks ownership, as in production.
 */
public final class PaymentRoutes {

    private static final String[] STATUS_TEXT = {"В процессе обработки", "Платеж зачислен", "Платеж отменен", "Платеж возвращен",
        "Частичный возврат"};

    private final Database db;
    private final PaymentsService payments;
    private final Supplier<Instant> clock;

    public PaymentRoutes(Database db, PaymentsService payments, Supplier<Instant> clock) {
        this.db = db;
        this.payments = payments;
        this.clock = clock;
    }

    public void install(Javalin app) {
        app.post("/api/v1/balance/topup-qr", this::topupQr);
        app.get("/api/v1/payment/status/{invoice_id}", this::status);
        app.post("/api/v1/payment/status-check/{invoice_id}", this::statusCheck);
        app.post("/api/v1/payment/cancel/{invoice_id}", this::cancel);
        app.get("/api/v1/payment/h2h-status/{transaction_id}", this::h2hStatus);
    }

    private void topupQr(Context ctx) {
        JsonNode body = Json.body(ctx);
        JsonNode a = body.path("amount");
        if (a.isMissingNode() || a.isNull()) {
            throw ApiError.validation("amount", "missing", "Field required", null);
        }
        if (!a.isNumber()) {
            throw ApiError.validation("amount", "float_parsing", "Input should be a valid number", a.toString());
        }
        BigDecimal amount = a.decimalValue();
        if (amount.signum() <= 0) {
            throw ApiError.validation("amount", "greater_than", "Input should be greater than 0", a.numberValue());
        }
        if (amount.compareTo(BigDecimal.valueOf(100_000)) > 0) {
            throw ApiError.validation("amount", "less_than_equal", "Input should be less than or equal to 100000", a.numberValue());
        }
        String uid = Security.uid(ctx);
        try {
            PaymentsService.Created t = payments.topupQr(uid, amount, Json.string(body, "description"));
            payments.monitor(t.invoiceId());
            ctx.json(Json.obj("success", true, "invoice_id", t.invoiceId(), "order_id", t.orderId(), "qr_code", t.qr(),
                    "qr_code_url", t.qrUrl(), "app_link", t.appLink(),
                    "amount", t.amount().doubleValue(), "client_id", t.clientId(), "current_balance", Wire.num(t.balanceBefore()),
                    "qr_expires_at", Wire.iso(t.expiresAt()), "invoice_expires_at", Wire.iso(t.expiresAt()),
                    "qr_lifetime_seconds", 300, "invoice_lifetime_seconds", 300, "error", null));
        } catch (ChargingService.Refusal r) {
            ctx.json(Json.obj("success", false, "invoice_id", null, "order_id", null, "qr_code", null, "qr_code_url", null,
                    "app_link", null, "amount", null, "client_id", uid, "current_balance", null, "qr_expires_at", null,
                    "invoice_expires_at", null, "qr_lifetime_seconds", null, "invoice_lifetime_seconds", null, "error", r.code()));
        }
    }

    static int code(String status) {
        return switch (status) {
            case "approved" -> 1;
            case "canceled" -> 2;
            case "refunded" -> 3;
            case "partial_refund" -> 4;
            default -> 0;
        };
    }

    private void status(Context ctx) {
        String invoice = ctx.pathParam("invoice_id");
        var found = payments.status(invoice);
        if (found.isEmpty()) {
            ctx.json(Json.obj("success", false, "status", 0, "status_text", "Платеж не найден", "error", "payment_not_found"));
            return;
        }
        PaymentsService.StatusView v = found.get();
        Instant now = clock.get();
        int code = code(v.status());
        boolean expired = now.isAfter(v.invoiceExpires());
        Map<String, Object> out = Json.obj("success", true, "status", code,
                "status_text", expired && code == 2 && v.paid() == null ? "Платеж отменен - время истекло" : STATUS_TEXT[code],
                "amount", Wire.num(v.paid() != null ? v.paid() : v.requested()), "paid_amount", null, "invoice_id", v.invoiceId(),
                "can_proceed", code == 1, "can_start_charging", false, "qr_expired", now.isAfter(v.qrExpires()),
                "invoice_expired", expired, "qr_expires_at", Wire.iso(v.qrExpires()), "invoice_expires_at", Wire.iso(v.invoiceExpires()),
                "last_status_check_at", v.lastCheck() == null ? null : Wire.iso(v.lastCheck()), "needs_callback_check", v.needsCheck(),
                "error", null);
        ctx.json(out);
    }

    private void statusCheck(Context ctx) {
        String invoice = ctx.pathParam("invoice_id");
        var found = payments.storedStatus(invoice);
        if (found.isEmpty()) {
            ctx.json(Json.obj("success", false, "error", "payment_not_found"));
            return;
        }
        if (!"processing".equals(found.get())) {
            ctx.json(Json.obj("success", false, "error", "payment_not_processing"));
            return;
        }
        // production runs the check in the background; its outcome is read with GET /payment/status
        payments.checkSoon(invoice);
        ctx.json(Json.obj("success", true, "message", "Проверка статуса запущена", "invoice_id", invoice));
    }

    private void cancel(Context ctx) {
        String invoice = ctx.pathParam("invoice_id");
        var st = payments.cancel(invoice);
        if (st.isEmpty()) {
            ctx.json(Json.obj("success", false, "error", "payment_not_found", "invoice_id", invoice));
        } else if (!"canceled".equals(st.get())) {
            ctx.json(Json.obj("success", false, "error", "payment_not_cancellable", "status", st.get(), "invoice_id", invoice));
        } else {
            ctx.json(Json.obj("success", true, "message", "Платеж отменен", "invoice_id", invoice, "status", "canceled"));
        }
    }

    private void h2hStatus(Context ctx) {
        String id = ctx.pathParam("transaction_id");
        Map<String, Object> out = db.queryOne("SELECT invoice_id, status, client_id, requested_amount, paid_amount FROM balance_topups"
                + " WHERE order_id = ? OR invoice_id = ?", rs -> {
                    String st = rs.getString(2);
                    String wire = switch (st) {
                        case "processing" -> "pending";
                        case "approved", "canceled", "refunded" -> st;
                        default -> "unknown";
                    };
                    BigDecimal amount = rs.getBigDecimal(5) != null ? rs.getBigDecimal(5) : rs.getBigDecimal(4);
                    return Json.obj("success", true, "transaction_id", id, "invoice_id", rs.getString(1), "status", wire,
                            "client_id", rs.getString(3), "amount", Wire.num(amount));
                }, id, id).orElse(Json.obj("success", false, "error", "payment_not_found", "transaction_id", id));
        ctx.json(out);
    }
}
