package kg.evpower.sandbox.server.payments;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import kg.evpower.sandbox.server.store.Database;

/**
 * The O!Dengi side of a QR topup, as the backend sees it through the JSON API (contract §7.1): {@code createInvoice}
 * with an amount in tyiyn gives an invoice id, an EMV QR payload and an app link, payable for 5 minutes;
 * {@code statusPayment} answers {@code processing}, {@code approved} or {@code canceled}. The payer side
 * ({@link #pay}) is what a client's banking app does. The provider's record of each invoice is the sandbox-only table
 * {@code sandbox_odengi_invoices}, which is also where the provider statement comes from.
 */
public final class OdengiEmulator {

    /** How long an O!Dengi invoice can be paid. */
    public static final Duration INVOICE_LIFETIME = Duration.ofMinutes(5);
    /** The provider's fee, kept back from the merchant, in basis points of the paid amount (shown in the statement). */
    static final long COMMISSION_BP = 150;

    private final AtomicLong nextInvoice;

    public OdengiEmulator(Database db) {
        long max = db.queryOne("SELECT COALESCE(MAX(CAST(invoice_id AS BIGINT)), 0) FROM sandbox_odengi_invoices",
                rs -> rs.getLong(1)).orElse(0L);
        this.nextInvoice = new AtomicLong(Math.max(max, 7_100_000_000L));
    }

    /** What {@code createInvoice} answers with. */
    public record Invoice(String invoiceId, String qr, String qrUrl, String appLink, Instant expiresAt) {
    }

    /** The provider's view of a payment: status text, and the paid amount in tyiyn once approved. */
    public record Status(String status, Long paidTyiyn, Instant paidAt) {
    }

    /** {@code createInvoice}: amount in tyiyn, in the caller's transaction. */
    public Invoice createInvoice(Connection c, String orderId, long amountTyiyn, String description, Instant now) throws SQLException {
        String id = Long.toString(nextInvoice.incrementAndGet());
        Instant expires = now.plus(INVOICE_LIFETIME);
        Database.update(c, "INSERT INTO sandbox_odengi_invoices (invoice_id, order_id, amount_tyiyn, description, status, created_at,"
                + " expires_at) VALUES (?, ?, ?, ?, 'processing', ?, ?)", id, orderId, amountTyiyn, description, now, expires);
        return new Invoice(id, qrPayload(id, amountTyiyn), "https://api.dengi.kg/qr/" + id + ".png", "https://app.dengi.kg/pay?invoice=" + id,
                expires);
    }

    /**
     * An EMV-style merchant QR payload (tag-length-value, CRC16 at the end) carrying the invoice and the amount, as
     * O!Dengi's {@code data.qr} does.
     */
    static String qrPayload(String invoiceId, long tyiyn) {
        StringBuilder b = new StringBuilder();
        tlv(b, "00", "01");
        tlv(b, "01", "12");
        tlv(b, "32", tlvString("00", "dengi.kg") + tlvString("01", invoiceId));
        tlv(b, "52", "4900");
        tlv(b, "53", "417");
        tlv(b, "54", Long.toString(tyiyn));
        tlv(b, "58", "KG");
        tlv(b, "59", "EVPOWER");
        b.append("6304");
        return b + String.format("%04X", crc16(b.toString()));
    }

    private static void tlv(StringBuilder b, String tag, String value) {
        b.append(tlvString(tag, value));
    }

    private static String tlvString(String tag, String value) {
        return tag + String.format("%02d", value.length()) + value;
    }

    /** CRC-16/CCITT-FALSE, as EMV QR codes use. */
    static int crc16(String s) {
        int crc = 0xFFFF;
        for (byte x : s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
            crc ^= (x & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    /** The sandbox's merchant at O!Dengi: what production's {@code ODENGI_MERCHANT_ID} and {@code ODENGI_PASSWORD} are there. */
    public static final String MERCHANT_ID = "evpower-sandbox";
    public static final String MERCHANT_PASSWORD = "sandbox-merchant-password";
    /** The JSON API's version production sends ({@code ocpp_service.py}). */
    public static final int API_VERSION = 1005;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * A JSON API request's {@code hash}, as production computes it ({@code generate_hash}): HMAC-MD5, keyed with the
     * merchant's password, of the compact JSON of cmd, version, sid, mktime, lang and data in that order (non-ASCII as
     * it is), in lowercase hex.
     */
    public static String hash(com.fasterxml.jackson.databind.JsonNode request, String password) {
        com.fasterxml.jackson.databind.node.ObjectNode ordered = JSON.createObjectNode();
        for (String k : new String[] {"cmd", "version", "sid", "mktime", "lang", "data"}) {
            ordered.set(k, request.get(k));
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
            mac.init(new javax.crypto.spec.SecretKeySpec(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacMD5"));
            byte[] h = mac.doFinal(JSON.writeValueAsString(ordered).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code statusPayment}, in the caller's transaction; empty for an invoice the provider does not know. */
    public Optional<Status> statusPayment(Connection c, String invoiceId, Instant now) throws SQLException {
        List<Status> rows = Database.query(c, "SELECT status, paid_tyiyn, paid_at, expires_at FROM sandbox_odengi_invoices WHERE invoice_id = ?",
                rs -> {
                    String st = rs.getString(1);
                    Instant expires = Database.instant(rs, "expires_at");
                    if ("processing".equals(st) && now.isAfter(expires)) {
                        st = "canceled";
                    }
                    return new Status(st, rs.getObject(2) == null ? null : rs.getLong(2), Database.instant(rs, "paid_at"));
                }, invoiceId);
        return rows.stream().findFirst();
    }

    /**
     * The client pays the invoice in their banking app. The provider accepts it while the invoice is open, whatever the
     * merchant's database says about it.
     *
     * @return whether the payment went through
     */
    public boolean pay(Connection c, String invoiceId, String payerPhone, Instant at) throws SQLException {
        List<Long> open = Database.query(c, "SELECT amount_tyiyn FROM sandbox_odengi_invoices WHERE invoice_id = ? AND status = 'processing'"
                + " AND expires_at >= ? FOR UPDATE", rs -> rs.getLong(1), invoiceId, at);
        if (open.isEmpty()) {
            return false;
        }
        long paid = open.get(0);
        Database.update(c, "UPDATE sandbox_odengi_invoices SET status = 'approved', paid_at = ?, paid_tyiyn = ?, commission_tyiyn = ?,"
                + " transaction_id = ?, payer_phone = ? WHERE invoice_id = ?", at, paid, paid * COMMISSION_BP / 10_000,
                "T" + invoiceId, payerPhone, invoiceId);
        return true;
    }
}
