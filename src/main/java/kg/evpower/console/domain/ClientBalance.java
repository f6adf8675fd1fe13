package kg.evpower.console.domain;

import java.math.BigDecimal;

/** A client's balance beside the sum of all its ledger rows (contract §7.4, per client). */
public record ClientBalance(String clientId, BigDecimal balance, BigDecimal ledgerSum) {
}
