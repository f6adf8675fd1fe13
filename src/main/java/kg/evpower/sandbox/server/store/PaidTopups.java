package kg.evpower.sandbox.server.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Money written in batches the way the payment paths leave it: topups that went well (the O!Dengi invoice paid with
 * the provider's commission, the topup approved, its {@code balance_topup} ledger row) and sessions' ledger rows. The
 * seed's opening balances and the written network history both use it, so their money reconciles like a healthy
 * production's.
 */
public final class PaidTopups implements AutoCloseable {

    private final PreparedStatement invoice;
    private final PreparedStatement topup;
    private final PreparedStatement ledger;
    private int pending;

    public PaidTopups(Connection c) throws SQLException {
        invoice = c.prepareStatement("INSERT INTO sandbox_odengi_invoices (invoice_id, order_id, amount_tyiyn, description, status,"
                + " created_at, expires_at, paid_at, paid_tyiyn, commission_tyiyn, transaction_id, payer_phone)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
        topup = c.prepareStatement("INSERT INTO balance_topups (invoice_id, order_id, merchant_id, client_id, requested_amount,"
                + " paid_amount, currency, status, odengi_status, created_at, paid_at, completed_at, qr_expires_at, invoice_expires_at,"
                + " needs_status_check, payment_provider) VALUES (?, ?, 'ODENGI', ?, ?, ?, 'KGS', 'approved', 1, ?, ?, ?, ?, ?, FALSE, 'ODENGI')");
        ledger = c.prepareStatement("INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, balance_before,"
                + " balance_after, balance_topup_id, charging_session_id, description, created_at) VALUES (?, ?, ?, ?, ?,"
                + " (SELECT id FROM balance_topups WHERE invoice_id = ?), ?, ?, ?)");
    }

    /**
     * A topup of {@code amount} som asked for at {@code at} (paid 40 s later, credited at 45 s) by a client whose
     * balance was {@code before}.
     */
    public void add(String clientId, String phone, BigDecimal amount, BigDecimal before, Instant at, long invoiceNumber) throws SQLException {
        String inv = Long.toString(invoiceNumber);
        String order = "qr_topup_" + clientId + "_" + at.getEpochSecond();
        long tyiyn = amount.movePointRight(2).longValueExact();
        Database.bind(invoice, inv, order, tyiyn, "Пополнение баланса EvPower", "approved", at, at.plusSeconds(300), at.plusSeconds(40),
                tyiyn, tyiyn * 150 / 10_000, "T" + inv, phone);
        invoice.addBatch();
        Database.bind(topup, inv, order, clientId, amount, amount, at, at.plusSeconds(45), at.plusSeconds(45), at.plusSeconds(300),
                at.plusSeconds(300));
        topup.addBatch();
        Database.bind(ledger, clientId, "balance_topup", amount, before, before.add(amount), inv, null, "Пополнение баланса через O!Dengi",
                at.plusSeconds(45));
        ledger.addBatch();
        added();
    }

    /**
     * Another ledger row (a session's reserve, refund or extra payment), in the same batch as the topups' so rows
     * added in time order get their ids in time order, as the ledger's readers expect.
     */
    public void ledger(String clientId, String type, BigDecimal amount, BigDecimal before, BigDecimal after, String sessionId,
                       String description, Instant at) throws SQLException {
        Database.bind(ledger, clientId, type, amount, before, after, null, sessionId, description, at);
        ledger.addBatch();
        added();
    }

    private void added() throws SQLException {
        if (++pending >= 2000) {
            flush();
        }
    }

    /** Invoices and topups go first: the ledger rows look their topup up. */
    public void flush() throws SQLException {
        invoice.executeBatch();
        topup.executeBatch();
        ledger.executeBatch();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        invoice.close();
        topup.close();
        ledger.close();
    }
}
