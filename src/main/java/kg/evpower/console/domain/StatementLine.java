package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** One payment in the provider's statement, amounts converted to som; {@code line} is its line in the file (1 = header). */
public record StatementLine(int line, String transactionId, String invoiceId, String orderId, Instant paidAt, BigDecimal amount,
                           BigDecimal commission) {
}
