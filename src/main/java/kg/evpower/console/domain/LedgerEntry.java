package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** A row of the balance ledger {@code payment_transactions_odengi} (contract §6.2): signed som, topup or session link. */
public record LedgerEntry(long id, String clientId, Type type, BigDecimal amount, Long topupId, String sessionId, Instant createdAt) {

    /** {@code transaction_type}; {@code admin_adjustment} comes from the operator API's balance adjustments. */
    public enum Type {
        BALANCE_TOPUP, CHARGE_RESERVE, CHARGE_REFUND, CHARGE_PAYMENT, ADMIN_ADJUSTMENT, UNKNOWN;

        public static Type parse(String s) {
            return WireEnums.parse(Type.class, s, UNKNOWN);
        }
    }
}
