package kg.evpower.console.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import kg.evpower.console.domain.BillingSession;
import kg.evpower.console.domain.LedgerEntry;
import kg.evpower.console.domain.Money;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.domain.Topup;
import kg.evpower.console.i18n.Messages;

/**
 * One line of a finding's evidence, kept as a message key and its values so that the engine stays free of any language
 * and the console, the report and the command line each say it in the operator's: money is held in tyiyn precision
 * (so two sources reading the same row give equal evidence), times as instants shown in Bishkek time, ids and the
 * database's own status words as they are stored.
 */
public record Evidence(String key, List<Object> args) {

    public Evidence {
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    private static Evidence of(String key, Object... args) {
        Object[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] instanceof BigDecimal v) {
                a[i] = Money.toTyiyn(v);
            }
        }
        return new Evidence("recon.ev." + key, Arrays.asList(a));
    }

    /** A note with no row: "no ledger row for it", "no statement loaded" and the like. */
    static Evidence note(String key, Object... args) {
        return of(key, args);
    }

    static Evidence of(LedgerEntry e) {
        String type = e.type().name().toLowerCase(Locale.ROOT);
        if (e.sessionId() != null) {
            return of("ledger.session", e.id(), type, e.amount(), e.createdAt(), e.sessionId());
        }
        if (e.topupId() != null) {
            return of("ledger.topup", e.id(), type, e.amount(), e.createdAt(), e.topupId());
        }
        return of("ledger", e.id(), type, e.amount(), e.createdAt());
    }

    static Evidence of(Topup t) {
        return topup("topup", t);
    }

    /** A later QR of the same client, made while this one was still open. */
    static Evidence newer(Topup t) {
        return topup("topup.newer", t);
    }

    private static Evidence topup(String key, Topup t) {
        return of(key, t.id(), t.invoiceId(), t.status().name().toLowerCase(Locale.ROOT), t.requested(), t.paid(), t.createdAt(),
                t.expiresAt());
    }

    static Evidence of(StatementLine s) {
        return of("statement", s.line(), s.invoiceId(), s.amount(), s.paidAt(), s.transactionId());
    }

    static Evidence of(BillingSession s) {
        return of(s.paymentProcessed() ? "session.processed" : "session", s.id(), s.status(), s.reserved(), s.amount(),
                s.energyKwh() == null ? null : s.energyKwh().stripTrailingZeros().toPlainString(), s.stopTime(), s.ocppStatus(),
                s.ocppStopTime());
    }

    /** Whether this line is a row of the provider's statement. */
    public boolean statementRow() {
        return key.equals("recon.ev.statement");
    }

    /** The line in the messages' language: som to the tyiyn, times in Bishkek, "—" for what is unknown. */
    public String text(Messages m) {
        return text(m, BigDecimal::toPlainString);
    }

    /** The line with its numbers written by {@code number} (on screen: the language's grouping and decimal mark). */
    public String text(Messages m, java.util.function.Function<BigDecimal, String> number) {
        Object[] shown = new Object[args.size()];
        for (int i = 0; i < shown.length; i++) {
            Object v = args.get(i);
            shown[i] = v == null ? "—" : v instanceof BigDecimal b ? number.apply(b) : v instanceof Instant t ? ReportExport.TIME.format(t)
                    : v.toString();
        }
        return m.format(key, shown);
    }
}
