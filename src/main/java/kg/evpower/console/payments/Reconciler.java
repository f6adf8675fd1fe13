package kg.evpower.console.payments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import kg.evpower.console.domain.BillingSession;
import kg.evpower.console.domain.ClientBalance;
import kg.evpower.console.domain.LedgerEntry;
import kg.evpower.console.domain.Money;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.domain.Topup;

/**
 * The reconciliation engine (pure Java): the per-topup, per-session and per-client checks of contract §7.4 over one
 * {@link MoneyData}, each discrepancy classified with its amount and evidence. A client's drift (balance minus ledger
 * sum) is explained first by the refunds the period shows were never logged, then by the sessions that were settled
 * twice (the exact subset whose hidden refunds make up the rest); what remains is {@link FindingClass#BALANCE_DRIFT}.
 * Deterministic: the same data gives the same findings in the same order. Amounts within 0.01 som are equal.
 */
public final class Reconciler {

    static final Duration LONG_SESSION = Duration.ofHours(12);
    /** How far apart a ws-path ledger row and its StopTransaction may be. */
    static final Duration SAME_EVENT = Duration.ofSeconds(2);
    /** Above this many candidate sessions per client the exact search gives way to "all or nothing". */
    static final int EXACT_SEARCH_LIMIT = 18;

    /** Thrown when a run is cancelled. */
    public static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("reconciliation cancelled", null, false, false);
        }
    }


    private final BooleanSupplier cancelled;

    public Reconciler() {
        this(() -> false);
    }

    /** @param cancelled polled between stages and every few thousand rows; true stops the run with {@link Cancelled} */
    public Reconciler(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    private void checkpoint() {
        if (cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
    }

    private static boolean differs(BigDecimal a, BigDecimal b) {
        return !Money.same(a, b);
    }

    /** Runs every check. */
    public Report run(MoneyData d) {
        List<Finding> out = new ArrayList<>();
        Map<Long, List<LedgerEntry>> byTopup = new HashMap<>();
        Map<String, List<LedgerEntry>> bySession = new HashMap<>();
        Map<String, List<LedgerEntry>> negativeTopups = new HashMap<>();
        Set<String> active = new HashSet<>();
        int n = 0;
        for (LedgerEntry e : d.ledger()) {
            if ((++n & 0xFFFF) == 0) {
                checkpoint();
            }
            if (e.topupId() != null && e.type() == LedgerEntry.Type.BALANCE_TOPUP) {
                byTopup.computeIfAbsent(e.topupId(), k -> new ArrayList<>(1)).add(e);
            }
            if (e.sessionId() != null) {
                bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>(3)).add(e);
            }
            if (e.type() == LedgerEntry.Type.BALANCE_TOPUP && e.amount().signum() < 0) {
                negativeTopups.computeIfAbsent(e.clientId(), k -> new ArrayList<>(2)).add(e);
            }
            if (!e.createdAt().isBefore(d.from()) && e.createdAt().isBefore(d.to())) {
                active.add(e.clientId());
            }
        }
        checkpoint();
        topups(d, byTopup, out);
        checkpoint();
        Map<String, List<Candidate>> candidates = new HashMap<>();
        Map<String, BigDecimal> unloggedByClient = new HashMap<>();
        Set<Long> consumed = new HashSet<>();
        sessions(d, bySession, negativeTopups, consumed, candidates, unloggedByClient, active, out);
        checkpoint();
        // negative "topups" no session accounts for
        for (List<LedgerEntry> rows : negativeTopups.values()) {
            for (LedgerEntry e : rows) {
                if (!consumed.contains(e.id()) && inPeriod(d, e.createdAt())) {
                    out.add(new Finding(FindingClass.EXTRA_CHARGE_AS_TOPUP, e.clientId(), "ledger#" + e.id(), e.amount().negate(),
                            e.createdAt(), List.of(Evidence.of(e), Evidence.note("noSession"))));
                }
            }
        }
        clients(d, candidates, unloggedByClient, active, out);
        out.sort(Comparator.comparing((Finding f) -> f.kind().ordinal()).thenComparing(Finding::subject));
        return new Report(d.from(), d.to(), d.asOf(), d.statement() != null, List.copyOf(out));
    }

    private static boolean inPeriod(MoneyData d, Instant t) {
        return t != null && !t.isBefore(d.from()) && t.isBefore(d.to());
    }

    private void topups(MoneyData d, Map<Long, List<LedgerEntry>> byTopup, List<Finding> out) {
        Map<String, StatementLine> statement = new HashMap<>();
        if (d.statement() != null) {
            for (StatementLine s : d.statement()) {
                statement.put(s.invoiceId(), s);
            }
        }
        // a client's topups by creation, to tell a QR cancelled by a newer one
        Map<String, List<Topup>> byClient = new HashMap<>();
        Set<String> invoices = new HashSet<>();
        for (Topup t : d.topups()) {
            byClient.computeIfAbsent(t.clientId(), k -> new ArrayList<>(2)).add(t);
            invoices.add(t.invoiceId());
        }
        int n = 0;
        for (Topup t : d.topups()) {
            if ((++n & 0x3FFF) == 0) {
                checkpoint();
            }
            List<LedgerEntry> credits = byTopup.getOrDefault(t.id(), List.of());
            StatementLine paid = statement.get(t.invoiceId());
            boolean approved = t.status() == Topup.TopupStatus.APPROVED;
            boolean inPeriod = inPeriod(d, t.createdAt()) || paid != null && inPeriod(d, paid.paidAt());
            if (!inPeriod) {
                continue;
            }
            if (credits.size() > 1) {
                BigDecimal extra = BigDecimal.ZERO;
                List<Evidence> ev = new ArrayList<>();
                ev.add(Evidence.of(t));
                for (int i = 0; i < credits.size(); i++) {
                    ev.add(Evidence.of(credits.get(i)));
                    if (i > 0) {
                        extra = extra.add(credits.get(i).amount());
                    }
                }
                out.add(new Finding(FindingClass.DOUBLE_CREDIT, t.clientId(), "invoice:" + t.invoiceId(), extra, credits.get(1).createdAt(), ev));
            }
            if (approved && credits.isEmpty()) {
                out.add(new Finding(FindingClass.APPROVED_NOT_CREDITED, t.clientId(), "invoice:" + t.invoiceId(),
                        t.paid() != null ? t.paid() : t.requested(), t.paidAt(), List.of(Evidence.of(t), Evidence.note("noCredit"))));
            }
            if (!approved && !credits.isEmpty()) {
                out.add(new Finding(FindingClass.CREDIT_WITHOUT_APPROVAL, t.clientId(), "invoice:" + t.invoiceId(), credits.get(0).amount(),
                        credits.get(0).createdAt(), List.of(Evidence.of(t), Evidence.of(credits.get(0)))));
            }
            if (approved && t.paid() != null && differs(t.paid(), t.requested())) {
                out.add(new Finding(FindingClass.AMOUNT_MISMATCH, t.clientId(), "invoice:" + t.invoiceId(), t.paid().subtract(t.requested()).abs(),
                        t.paidAt(), List.of(Evidence.of(t), Evidence.note("paidNotRequested", t.paid(), t.requested()))));
            } else if (approved && credits.size() == 1 && t.paid() != null && differs(credits.get(0).amount(), t.paid())) {
                out.add(new Finding(FindingClass.AMOUNT_MISMATCH, t.clientId(), "invoice:" + t.invoiceId(),
                        credits.get(0).amount().subtract(t.paid()).abs(), t.paidAt(), List.of(Evidence.of(t), Evidence.of(credits.get(0)))));
            }
            if (paid != null) {
                if (!approved && credits.isEmpty()) {
                    // a QR cancelled by a newer one made while it was still open
                    List<Topup> newer = t.status() != Topup.TopupStatus.CANCELED ? List.of() : byClient.get(t.clientId()).stream()
                            .filter(o -> o.id() != t.id() && o.createdAt().isAfter(t.createdAt()) && !o.createdAt().isAfter(t.expiresAt()))
                            .toList();
                    boolean replaced = !newer.isEmpty();
                    List<Evidence> ev = new ArrayList<>(List.of(Evidence.of(t), Evidence.of(paid)));
                    newer.forEach(o -> ev.add(Evidence.newer(o)));
                    out.add(new Finding(replaced ? FindingClass.PAID_NOT_CREDITED_OLD_QR : FindingClass.PAID_NOT_CREDITED_LATE, t.clientId(),
                            "invoice:" + t.invoiceId(), paid.amount(), paid.paidAt(), ev));
                } else if (approved && t.paid() != null && differs(paid.amount(), t.paid())) {
                    out.add(new Finding(FindingClass.AMOUNT_MISMATCH, t.clientId(), "invoice:" + t.invoiceId(),
                            paid.amount().subtract(t.paid()).abs(), paid.paidAt(), List.of(Evidence.of(t), Evidence.of(paid))));
                }
            } else if (d.statement() != null && approved && inPeriod(d, t.paidAt())) {
                out.add(new Finding(FindingClass.CREDITED_NOT_IN_STATEMENT, t.clientId(), "invoice:" + t.invoiceId(),
                        t.paid() != null ? t.paid() : t.requested(), t.paidAt(), List.of(Evidence.of(t), Evidence.note("noStatementLine"))));
            }
            if (t.status() == Topup.TopupStatus.PROCESSING && paid == null && t.expiresAt() != null && t.expiresAt().isBefore(d.asOf())) {
                out.add(new Finding(FindingClass.STUCK_PROCESSING, t.clientId(), "invoice:" + t.invoiceId(), t.requested(), t.expiresAt(),
                        List.of(Evidence.of(t), Evidence.note(d.statement() == null ? "noStatement" : "notInStatement"))));
            }
        }
        if (d.statement() != null) {
            for (StatementLine s : d.statement()) {
                if (!invoices.contains(s.invoiceId()) && inPeriod(d, s.paidAt())) {
                    out.add(new Finding(FindingClass.STATEMENT_UNMATCHED, null, "invoice:" + s.invoiceId(), s.amount(), s.paidAt(),
                            List.of(Evidence.of(s), Evidence.note("noTopup"))));
                }
            }
        }
    }

    /** A session that may have been settled twice; whether it was is decided by its client's drift. */
    private record Candidate(BillingSession session, BigDecimal amount, List<LedgerEntry> rows) {
    }

    private static LedgerEntry takeNear(List<LedgerEntry> rows, Set<Long> consumed, Instant at, BigDecimal amount) {
        if (rows == null || at == null) {
            return null;
        }
        for (LedgerEntry e : rows) {
            if (!consumed.contains(e.id()) && Duration.between(e.createdAt(), at).abs().compareTo(SAME_EVENT) <= 0
                    && Money.same(e.amount().negate(), amount)) {
                consumed.add(e.id());
                return e;
            }
        }
        return null;
    }

    /** A session, its ledger rows and, when given, the ledger row found for it elsewhere. */
    private static List<Evidence> evidence(BillingSession s, List<LedgerEntry> rows, LedgerEntry extra) {
        List<Evidence> ev = new ArrayList<>(rows.size() + 3);
        ev.add(Evidence.of(s));
        rows.forEach(e -> ev.add(Evidence.of(e)));
        if (extra != null) {
            ev.add(Evidence.of(extra));
        }
        return ev;
    }

    private void sessions(MoneyData d, Map<String, List<LedgerEntry>> bySession, Map<String, List<LedgerEntry>> negativeTopups,
                          Set<Long> consumed, Map<String, List<Candidate>> candidates, Map<String, BigDecimal> unlogged,
                          Set<String> active, List<Finding> out) {
        int n = 0;
        for (BillingSession s : d.sessions()) {
            if ((++n & 0x3FFF) == 0) {
                checkpoint();
            }
            active.add(s.clientId());
            List<LedgerEntry> rows = bySession.getOrDefault(s.id(), List.of());
            if ("started".equals(s.status())) {
                if (s.startTime() != null && s.startTime().plus(LONG_SESSION).isBefore(d.asOf())) {
                    out.add(new Finding(FindingClass.LONG_RUNNING, s.clientId(), "session:" + s.id(), s.reserved(), s.startTime(), List.of(Evidence.of(s))));
                }
                continue;
            }
            if ("error".equals(s.status())) {
                out.add(new Finding(FindingClass.ERROR_SESSION, s.clientId(), "session:" + s.id(), s.reserved() == null ? BigDecimal.ZERO
                        : s.reserved(), s.stopTime() != null ? s.stopTime() : s.startTime(), List.of(Evidence.of(s))));
                continue;
            }
            if (!"stopped".equals(s.status()) || s.reserved() == null || s.amount() == null || !inPeriod(d, s.stopTime())) {
                continue;
            }
            boolean settled = rows.stream().anyMatch(e -> e.type() == LedgerEntry.Type.CHARGE_REFUND || e.type() == LedgerEntry.Type.CHARGE_PAYMENT);
            BigDecimal rest = s.reserved().subtract(s.amount());
            Instant stationStop = s.ocppStopTime() != null ? s.ocppStopTime() : s.stopTime();
            // evidence is written only for the few sessions that have a finding
            if (!settled) {
                if (rest.compareTo(Money.TOLERANCE) > 0) {
                    out.add(new Finding(FindingClass.REFUND_UNLOGGED, s.clientId(), "session:" + s.id(), rest, stationStop, evidence(s, rows, null)));
                    unlogged.merge(s.clientId(), rest, BigDecimal::add);
                } else if (rest.negate().compareTo(Money.TOLERANCE) > 0) {
                    LedgerEntry extra = takeNear(negativeTopups.get(s.clientId()), consumed, stationStop, rest.negate());
                    out.add(new Finding(extra != null ? FindingClass.EXTRA_CHARGE_AS_TOPUP : FindingClass.SETTLEMENT_MISSING, s.clientId(),
                            "session:" + s.id(), rest.negate(), stationStop, evidence(s, rows, extra)));
                }
            } else if ("Stopped".equals(s.ocppStatus())) {
                // settled through the API, and the station's StopTransaction came too: settled again unless marked processed
                if (rest.negate().compareTo(Money.TOLERANCE) > 0) {
                    LedgerEntry extra = takeNear(negativeTopups.get(s.clientId()), consumed, stationStop, rest.negate());
                    if (extra != null) {
                        out.add(new Finding(FindingClass.DOUBLE_CHARGE, s.clientId(), "session:" + s.id(), rest.negate(), stationStop,
                                evidence(s, rows, extra)));
                    }
                } else if (rest.compareTo(Money.TOLERANCE) > 0) {
                    candidates.computeIfAbsent(s.clientId(), k -> new ArrayList<>()).add(new Candidate(s, rest, rows));
                }
            }
        }
    }

    private void clients(MoneyData d, Map<String, List<Candidate>> candidates, Map<String, BigDecimal> unlogged, Set<String> active,
                         List<Finding> out) {
        int n = 0;
        for (ClientBalance b : d.balances()) {
            if ((++n & 0x3FFF) == 0) {
                checkpoint();
            }
            if (!active.contains(b.clientId())) {
                continue;
            }
            BigDecimal drift = b.balance().subtract(b.ledgerSum());
            if (!differs(drift, BigDecimal.ZERO)) {
                continue;
            }
            BigDecimal residual = drift.subtract(unlogged.getOrDefault(b.clientId(), BigDecimal.ZERO));
            List<Candidate> cands = candidates.getOrDefault(b.clientId(), List.of());
            if (residual.compareTo(Money.TOLERANCE) > 0 && !cands.isEmpty()) {
                List<Candidate> sorted = new ArrayList<>(cands);
                sorted.sort(Comparator.comparing((Candidate c) -> c.session().stopTime()).thenComparing(c -> c.session().id()));
                List<Candidate> chosen = subset(sorted, residual);
                for (Candidate c : chosen) {
                    List<Evidence> ev = evidence(c.session(), c.rows(), null);
                    ev.add(Evidence.note("balanceVsLedger", b.balance(), b.ledgerSum()));
                    out.add(new Finding(FindingClass.DOUBLE_REFUND, b.clientId(), "session:" + c.session().id(), c.amount(),
                            c.session().ocppStopTime(), ev));
                    residual = residual.subtract(c.amount());
                }
            }
            if (differs(residual, BigDecimal.ZERO)) {
                out.add(new Finding(FindingClass.BALANCE_DRIFT, b.clientId(), "client:" + b.clientId(), residual.abs(), d.asOf(),
                        List.of(Evidence.note("drift", b.balance(), b.ledgerSum(), drift),
                                Evidence.note("driftExplained", drift.subtract(residual), residual))));
            }
        }
    }

    /**
     * The candidates that explain most of {@code target} without exceeding it (within a tyiyn): an exact match when one
     * exists, else the largest sum below it, the rest being left unexplained. Among equal sums the fewest candidates,
     * then the earliest, win. Exhaustive up to {@link #EXACT_SEARCH_LIMIT} candidates; above that, all of them when they
     * fit, else none.
     */
    static List<Candidate> subset(List<Candidate> cands, BigDecimal target) {
        long want = target.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValue() + 1;
        int n = cands.size();
        long[] cents = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            cents[i] = cands.get(i).amount().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
            total += cents[i];
        }
        if (total <= want) {
            return cands;
        }
        if (n > EXACT_SEARCH_LIMIT) {
            return List.of();
        }
        long bestSum = 0;
        int bestMask = 0;
        for (int mask = 1; mask < 1 << n; mask++) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & 1 << i) != 0) {
                    sum += cents[i];
                }
            }
            if (sum <= want && (sum > bestSum || sum == bestSum && better(mask, bestMask))) {
                bestSum = sum;
                bestMask = mask;
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if ((bestMask & 1 << i) != 0) {
                out.add(cands.get(i));
            }
        }
        return out;
    }

    /** Fewer candidates first, then the earlier ones (lower bits are earlier). */
    private static boolean better(int mask, int than) {
        int a = Integer.bitCount(mask);
        int b = Integer.bitCount(than);
        return a != b ? a < b : Integer.reverse(mask) > Integer.reverse(than);
    }
}
