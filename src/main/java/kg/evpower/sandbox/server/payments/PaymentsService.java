package kg.evpower.sandbox.server.payments;

import kg.evpower.sandbox.server.charging.Defect;
import kg.evpower.sandbox.server.charging.MoneyMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.charging.ChargingService.Refusal;
import kg.evpower.sandbox.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's side of O!Dengi QR topups (contract §3.3, §3.4, §7.1, §7.6): {@code topup-qr} cancels the client's
 * other open QRs and creates an invoice; the in-process monitor checks it every 15 s, 20 times, and credits through
 * the polling path; {@code GET /payment/status} expires it; the hourly cleanup cancels what is left. "As production",
 * a canceled topup is never checked again, nothing is checked after {@code created_at + 5 min}, overlapping checks can
 * credit twice and abandoned QRs stay {@code processing} until the cleanup. "Fixed", the monitor checks canceled QRs
 * too, makes a last check after the invoice's end, credits once under a guard and closes what was not paid.
 */
public final class PaymentsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsService.class);
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(15);
    public static final int CHECKS = 20;
    /** How late a monitor step runs after its tick (production's task latency). */
    static final Duration MONITOR_LATENCY = Duration.ofMillis(500);
    /** "Fixed": the last check, after the invoice's end. */
    public static final Duration FINAL_CHECK = OdengiEmulator.INVOICE_LIFETIME.plusSeconds(5);
    static final BigDecimal MAX_TOPUP = new BigDecimal("100000");

    private final Database db;
    private final Supplier<Instant> clock;
    private final MoneyMode mode;
    private final OdengiEmulator odengi;
    private final ScheduledExecutorService monitors;

    public PaymentsService(Database db, Supplier<Instant> clock, MoneyMode mode, OdengiEmulator odengi) {
        this.db = db;
        this.clock = clock;
        this.mode = mode;
        this.odengi = odengi;
        this.monitors = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-payment-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    public OdengiEmulator odengi() {
        return odengi;
    }

    public MoneyMode mode() {
        return mode;
    }

    /** What {@code topup-qr} answers with. */
    public record Created(String invoiceId, String orderId, String qr, String qrUrl, String appLink, BigDecimal amount, String clientId,
                          BigDecimal balanceBefore, Instant expiresAt) {
    }

    /** {@code POST /api/v1/balance/topup-qr}, without the monitor (see {@link #monitor}). */
    public Created topupQr(String clientId, BigDecimal amount, String description) {
        Instant now = clock.get();
        return db.tx(c -> {
            List<BigDecimal> bal = Database.query(c, "SELECT balance FROM clients WHERE id = ? FOR UPDATE", rs -> rs.getBigDecimal(1), clientId);
            if (bal.isEmpty()) {
                throw new Refusal("client_not_found", "Клиент не найден");
            }
            // every other open QR of the client is cancelled locally; the provider's invoice stays payable (contract §7.6)
            Database.update(c, "UPDATE balance_topups SET status = 'canceled', odengi_status = 2, completed_at = ? WHERE client_id = ?"
                    + " AND status = 'processing' AND invoice_expires_at > ?", now, clientId, now);
            BigDecimal som = amount.setScale(2, RoundingMode.HALF_UP);
            String orderId = "qr_topup_" + clientId + "_" + now.getEpochSecond();
            int clash = 0;
            while (!Database.query(c, "SELECT 1 FROM balance_topups WHERE order_id = ?", rs -> 1, orderId).isEmpty()) {
                orderId = "qr_topup_" + clientId + "_" + (now.getEpochSecond() + ++clash);
            }
            String desc = description == null || description.isBlank() ? "Пополнение баланса EvPower" : description;
            OdengiEmulator.Invoice inv = odengi.createInvoice(c, orderId, som.movePointRight(2).longValueExact(), desc, now);
            Database.update(c, "INSERT INTO balance_topups (invoice_id, order_id, merchant_id, client_id, requested_amount, currency, status,"
                    + " odengi_status, created_at, qr_expires_at, invoice_expires_at, description, qr_code_url, app_link, needs_status_check,"
                    + " payment_provider) VALUES (?, ?, 'ODENGI', ?, ?, 'KGS', 'processing', 0, ?, ?, ?, ?, ?, ?, TRUE, 'ODENGI')",
                    inv.invoiceId(), orderId, clientId, som, now, inv.expiresAt(), inv.expiresAt(), desc,
                    inv.qrUrl(), inv.appLink());
            return new Created(inv.invoiceId(), orderId, inv.qr(), inv.qrUrl(), inv.appLink(), som, clientId, bal.get(0), inv.expiresAt());
        });
    }

    /** Starts the in-process monitor of a new topup: a check every 15 s, 20 times ("fixed": and one after the end). */
    public void monitor(String invoiceId) {
        for (int i = 1; i <= CHECKS; i++) {
            monitors.schedule(() -> checkQuietly(invoiceId), CHECK_INTERVAL.toMillis() * i, TimeUnit.MILLISECONDS);
        }
        monitors.schedule(() -> {
            if (!mode.production()) {
                checkQuietly(invoiceId);
                closeUnpaid(invoiceId);
            }
        }, FINAL_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the monitor's k-th step (1..{@link #CHECKS}) runs for a topup created at {@code created}. */
    static Instant monitorStep(Instant created, int k) {
        return created.plus(CHECK_INTERVAL.multipliedBy(k)).plus(MONITOR_LATENCY);
    }

    /** The monitor's first step at or after {@code t}, if it has one left. */
    public static Optional<Instant> nextMonitorStep(Instant created, Instant t) {
        for (int k = 1; k <= CHECKS; k++) {
            if (!monitorStep(created, k).isBefore(t)) {
                return Optional.of(monitorStep(created, k));
            }
        }
        return Optional.empty();
    }

    /** "As production", the last step that still checks: later ones fall after {@code created_at + 5 min} and are skipped. */
    static Instant lastEffectiveStep(Instant created) {
        Instant end = created.plus(OdengiEmulator.INVOICE_LIFETIME);
        int k = CHECKS;
        while (k > 1 && monitorStep(created, k).isAfter(end)) {
            k--;
        }
        return monitorStep(created, k);
    }

    /** A topup's status as stored, with no side effect (unlike {@link #status}); empty when there is none. */
    public Optional<String> storedStatus(String invoiceId) {
        return db.queryOne("SELECT status FROM balance_topups WHERE invoice_id = ?", rs -> rs.getString(1), invoiceId);
    }

    /** One check on the monitor's thread, now (the user-triggered check production runs in the background). */
    public void checkSoon(String invoiceId) {
        monitors.execute(() -> checkQuietly(invoiceId));
    }

    private void checkQuietly(String invoiceId) {
        try {
            check(invoiceId);
        } catch (RuntimeException e) {
            LOG.warn("status check of {} failed: {}", invoiceId, e.toString());
        }
    }

    /** The topup row a check works on. */
    private record Row(long id, String clientId, String status, BigDecimal requested, BigDecimal paid, Instant created, Instant expires) {
    }

    private static Optional<Row> row(Connection c, String invoiceId, boolean lock) throws SQLException {
        return Database.query(c, "SELECT id, client_id, status, requested_amount, paid_amount, created_at, invoice_expires_at"
                + " FROM balance_topups WHERE invoice_id = ?" + (lock ? " FOR UPDATE" : ""), rs -> new Row(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5), Database.instant(rs, "created_at"),
                Database.instant(rs, "invoice_expires_at")), invoiceId).stream().findFirst();
    }

    /**
     * One status check (production's {@code perform_status_check}): the monitor's step and
     * {@code POST /payment/status-check}. Credits through the polling path when the provider says approved.
     */
    public void check(String invoiceId) {
        Instant now = clock.get();
        boolean prod = mode.production();
        db.tx(c -> {
            Optional<Row> found = row(c, invoiceId, !prod);
            if (found.isEmpty()) {
                return null;
            }
            Row t = found.get();
            if (t.paid() != null) {
                return null;
            }
            // production's should_status_check: never a canceled topup, never after created_at + 5 min
            if (prod && ("canceled".equals(t.status()) || now.isAfter(t.created().plus(OdengiEmulator.INVOICE_LIFETIME)))) {
                return null;
            }
            if (!prod && !"processing".equals(t.status()) && !"canceled".equals(t.status())) {
                return null;
            }
            OdengiEmulator.Status st = odengi.statusPayment(c, invoiceId, now).orElse(new OdengiEmulator.Status("processing", null, null));
            Database.update(c, "UPDATE balance_topups SET last_status_check_at = ?, status_check_count = status_check_count + 1 WHERE id = ?",
                    now, t.id());
            switch (st.status()) {
                case "approved" -> {
                    BigDecimal som = BigDecimal.valueOf(st.paidTyiyn(), 2);
                    credit(c, t, som, now, "Пополнение баланса через O!Dengi");
                    if (mode.defective(Defect.DOUBLE_CREDIT)) {
                        // the overlapping check read paid_amount IS NULL before this one wrote it, and credits again
                        credit(c, t, som, now, "Пополнение баланса через O!Dengi");
                        MoneyMode.record(c, Defect.DOUBLE_CREDIT, t.clientId(), invoiceId, null, som, now, "two overlapping checks credited");
                    }
                }
                case "canceled" -> {
                    if ("processing".equals(t.status())) {
                        Database.update(c, "UPDATE balance_topups SET status = 'canceled', odengi_status = 2, completed_at = ?,"
                                + " needs_status_check = FALSE WHERE id = ?", now, t.id());
                    }
                }
                default -> {
                    // still processing: only the counters moved
                }
            }
            return null;
        });
    }

    /** Credits a paid topup: the balance, a {@code balance_topup} ledger row, the topup approved (polling path). */
    private static void credit(Connection c, Row t, BigDecimal som, Instant now, String description) throws SQLException {
        BigDecimal before = Database.query(c, "SELECT balance FROM clients WHERE id = ? FOR UPDATE", rs -> rs.getBigDecimal(1),
                t.clientId()).get(0);
        BigDecimal after = before.add(som);
        Database.update(c, "UPDATE clients SET balance = ?, updated_at = ? WHERE id = ?", after, now, t.clientId());
        Database.update(c, "INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, balance_before, balance_after,"
                + " balance_topup_id, description, created_at) VALUES (?, 'balance_topup', ?, ?, ?, ?, ?, ?)", t.clientId(), som, before,
                after, t.id(), description, now);
        Database.update(c, "UPDATE balance_topups SET status = 'approved', paid_amount = ?, paid_at = ?, completed_at = ?, odengi_status = 1,"
                + " needs_status_check = FALSE WHERE id = ?", som, now, now, t.id());
    }

    /**
     * A client pays an invoice in their banking app. "As production", a payment the backend will never look at again is
     * lost — its topup was cancelled by a newer QR, or the monitor's last check has passed — and is written to the truth
     * table as it happens.
     *
     * @return whether the provider accepted the payment
     */
    public boolean pay(String invoiceId, String payerPhone) {
        Instant now = clock.get();
        return db.tx(c -> {
            if (!odengi.pay(c, invoiceId, payerPhone, now)) {
                return false;
            }
            if (mode.production()) {
                Optional<Row> found = row(c, invoiceId, false);
                if (found.isPresent()) {
                    Row t = found.get();
                    Instant lastCheck = lastEffectiveStep(t.created());
                    if ("canceled".equals(t.status())) {
                        MoneyMode.record(c, Defect.PAID_OLD_QR, t.clientId(), invoiceId, null, t.requested(), now,
                                "paid a QR that a newer one had cancelled");
                    } else if ("processing".equals(t.status()) && now.isAfter(lastCheck)) {
                        MoneyMode.record(c, Defect.PAID_LATE, t.clientId(), invoiceId, null, t.requested(), now,
                                "paid after the monitor's last check");
                    }
                }
            }
            return true;
        });
    }

    /** "Fixed": a topup still processing after its last check is closed as canceled, so none is left hanging. */
    public void closeUnpaid(String invoiceId) {
        Instant now = clock.get();
        db.update("UPDATE balance_topups SET status = 'canceled', odengi_status = 2, completed_at = ?, needs_status_check = FALSE"
                + " WHERE invoice_id = ? AND status = 'processing' AND paid_amount IS NULL", now, invoiceId);
    }

    /** Production's hourly cleanup: expired {@code processing} topups that still need a check become canceled. */
    public int cleanup() {
        Instant now = clock.get();
        return db.update("UPDATE balance_topups SET status = 'canceled', odengi_status = 2, completed_at = ?, needs_status_check = FALSE"
                + " WHERE status = 'processing' AND invoice_expires_at < ? AND needs_status_check = TRUE", now, now);
    }

    /** What {@code GET /api/v1/payment/status/{invoice_id}} reads (after its expiry side effect). */
    public record StatusView(String invoiceId, String status, BigDecimal requested, BigDecimal paid, Instant qrExpires,
                             Instant invoiceExpires, Instant lastCheck, boolean needsCheck) {
    }

    /** {@code GET /payment/status}: the database only; an expired {@code processing} topup is set to canceled. */
    public Optional<StatusView> status(String invoiceId) {
        Instant now = clock.get();
        return db.tx(c -> {
            Database.update(c, "UPDATE balance_topups SET status = 'canceled', odengi_status = 2, completed_at = ? WHERE invoice_id = ?"
                    + " AND status = 'processing' AND invoice_expires_at < ?", now, invoiceId, now);
            return Database.query(c, "SELECT invoice_id, status, requested_amount, paid_amount, qr_expires_at, invoice_expires_at,"
                    + " last_status_check_at, needs_status_check FROM balance_topups WHERE invoice_id = ?", rs -> new StatusView(
                    rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), Database.instant(rs, "qr_expires_at"),
                    Database.instant(rs, "invoice_expires_at"), Database.instant(rs, "last_status_check_at"), rs.getBoolean(8)), invoiceId)
                    .stream().findFirst();
        });
    }

    /** {@code POST /payment/cancel}: a local status change only; the provider's invoice stays payable. */
    public Optional<String> cancel(String invoiceId) {
        Instant now = clock.get();
        return db.tx(c -> {
            List<String> st = Database.query(c, "SELECT status FROM balance_topups WHERE invoice_id = ? FOR UPDATE", rs -> rs.getString(1),
                    invoiceId);
            if (st.isEmpty()) {
                return Optional.empty();
            }
            if ("processing".equals(st.get(0))) {
                Database.update(c, "UPDATE balance_topups SET status = 'canceled', odengi_status = 2, completed_at = ? WHERE invoice_id = ?",
                        now, invoiceId);
                return Optional.of("canceled");
            }
            return Optional.of(st.get(0));
        });
    }

    /** What an operator's recheck found and did. */
    public record Recheck(String invoiceId, String statusBefore, String providerStatus, boolean credited, BigDecimal amount,
                          BigDecimal balanceAfter) {
    }

    /**
     * The operator API's recheck (proposed): asks the provider whatever the local status, and credits a paid topup that
     * was never credited, once (the row is locked and its paid amount must still be empty).
     */
    public Optional<Recheck> recheck(String invoiceId) {
        Instant now = clock.get();
        return db.tx(c -> {
            Optional<Row> found = row(c, invoiceId, true);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Row t = found.get();
            OdengiEmulator.Status st = odengi.statusPayment(c, invoiceId, now).orElse(new OdengiEmulator.Status("unknown", null, null));
            Database.update(c, "UPDATE balance_topups SET last_status_check_at = ?, status_check_count = status_check_count + 1 WHERE id = ?",
                    now, t.id());
            if ("approved".equals(st.status()) && t.paid() == null) {
                BigDecimal som = BigDecimal.valueOf(st.paidTyiyn(), 2);
                credit(c, t, som, now, "Зачисление после проверки оператором");
                BigDecimal bal = Database.query(c, "SELECT balance FROM clients WHERE id = ?", rs -> rs.getBigDecimal(1), t.clientId()).get(0);
                return Optional.of(new Recheck(invoiceId, t.status(), st.status(), true, som, bal));
            }
            if ("canceled".equals(st.status()) && "processing".equals(t.status())) {
                Database.update(c, "UPDATE balance_topups SET status = 'canceled', odengi_status = 2, completed_at = ?, needs_status_check = FALSE"
                        + " WHERE id = ?", now, t.id());
            }
            return Optional.of(new Recheck(invoiceId, t.status(), st.status(), false, null, null));
        });
    }

    /** A manual balance adjustment as written. */
    public record Adjustment(long id, long ledgerId, BigDecimal before, BigDecimal after, Instant at) {
    }

    /**
     * The operator API's balance adjustment: the balance moves by {@code signed} som, a ledger row of type
     * {@code admin_adjustment} says so, and the audit table keeps who, why and the ledger row, all in one transaction.
     */
    public Optional<Adjustment> adjust(String clientId, BigDecimal signed, String reason, String reference, String by) {
        Instant now = clock.get();
        return db.tx(c -> {
            List<BigDecimal> bal = Database.query(c, "SELECT balance FROM clients WHERE id = ? FOR UPDATE", rs -> rs.getBigDecimal(1), clientId);
            if (bal.isEmpty()) {
                return Optional.empty();
            }
            BigDecimal before = bal.get(0);
            BigDecimal after = before.add(signed);
            Database.update(c, "UPDATE clients SET balance = ?, updated_at = ? WHERE id = ?", after, now, clientId);
            long ledgerId = Database.insert(c, "INSERT INTO payment_transactions_odengi (client_id, transaction_type,"
                    + " amount, balance_before, balance_after, description, created_at) VALUES (?, 'admin_adjustment', ?, ?, ?, ?, ?)",
                    clientId, signed, before, after, "Корректировка: " + reason, now);
            long id = Database.insert(c, "INSERT INTO admin_balance_adjustments (client_id, direction, amount, reason,"
                    + " reference, ledger_id, balance_before, balance_after, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    clientId, signed.signum() >= 0 ? "credit" : "debit", signed.abs(), reason, reference, ledgerId,
                    before, after, by, now);
            return Optional.of(new Adjustment(id, ledgerId, before, after, now));
        });
    }

    @Override
    public void close() {
        monitors.shutdownNow();
    }
}
