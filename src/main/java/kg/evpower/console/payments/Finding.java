package kg.evpower.console.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One discrepancy: its class, the client, what it is about ({@code subject}: an invoice, a session, a ledger row or
 * the client), the som involved (always positive), when it happened and the rows that show it.
 */
public record Finding(FindingClass kind, String clientId, String subject, BigDecimal amount, Instant at, List<Evidence> evidence) {
}
