package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of {@code balance_topups} (contract §6.2): the merchant side of one O!Dengi invoice. {@code paid} and
 * {@code paidAt} are set only when the backend credited it.
 */
public record Topup(long id, String invoiceId, String orderId, String clientId, BigDecimal requested, BigDecimal paid, TopupStatus status,
                    Instant createdAt, Instant paidAt, Instant expiresAt) {

    /** {@code balance_topups.status}; an unknown value is kept as {@link #UNKNOWN}, never guessed. */
    public enum TopupStatus {
        PROCESSING, APPROVED, CANCELED, REFUNDED, PARTIAL_REFUND, UNKNOWN;

        public static TopupStatus parse(String s) {
            return WireEnums.parse(TopupStatus.class, s, UNKNOWN);
        }
    }
}
