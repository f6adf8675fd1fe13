package kg.evpower.console.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kg.evpower.console.domain.BillingSession;
import kg.evpower.console.domain.ClientBalance;
import kg.evpower.console.domain.LedgerEntry;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.domain.Topup;

/**
 * Everything one reconciliation reads, for the period [from, to): topups created from five minutes before it (an
 * invoice lives five minutes, so every payment in the period is covered), ledger rows of the same window widened by a
 * day before (a session's reserve may be that old), sessions started or stopped in it, every client's balance and
 * ledger sum, and the provider's statement when one was loaded (null otherwise). {@code asOf} is when it was read.
 */
public record MoneyData(Instant from, Instant to, Instant asOf, List<Topup> topups, List<LedgerEntry> ledger, List<BillingSession> sessions,
                        List<ClientBalance> balances, List<StatementLine> statement) {

    /** Invoices live five minutes: topups created this much before the period can be paid in it. */
    static final Duration INVOICE_LIFETIME = Duration.ofMinutes(5);
    /** A session's reserve row may be this much older than its settlement. */
    static final Duration LEDGER_LOOKBACK = Duration.ofHours(36);
    /** A settlement of a session stopped at the period's end may be written a little after it. */
    static final Duration LEDGER_LOOKAHEAD = Duration.ofMinutes(10);

    /** Where the topups a period needs begin (they end with the period). */
    static Instant topupsFrom(Instant from) {
        return from.minus(INVOICE_LIFETIME);
    }

    static Instant ledgerFrom(Instant from) {
        return from.minus(LEDGER_LOOKBACK);
    }

    static Instant ledgerTo(Instant to) {
        return to.plus(LEDGER_LOOKAHEAD);
    }
}
