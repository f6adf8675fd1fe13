package kg.evpower.console.payments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.WireMapper;
import kg.evpower.console.domain.BillingSession;
import kg.evpower.console.domain.ClientBalance;
import kg.evpower.console.domain.LedgerEntry;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.domain.Topup;

/**
 * Reads a period's money through the operator API, page by page ({@code after_id} cursors, 5,000 rows a page), mapping
 * each page to domain rows as it arrives. Windows as {@link MoneyData} describes them.
 */
public final class ApiMoneySource implements MoneySource {

    static final int PAGE = 5000;

    private final EvPowerClient api;

    public ApiMoneySource(EvPowerClient api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "operator API " + api.baseUri();
    }

    @Override
    public MoneyData load(Instant from, Instant to, List<StatementLine> statement, Progress progress, BooleanSupplier cancelled) {
        Instant asOf = Instant.now();
        List<Topup> topups = new ArrayList<>();
        pages("topups", progress, cancelled, after -> {
            Dto.TopupsPage p = api.money().adminTopups(MoneyData.topupsFrom(from), to, after, PAGE);
            p.topups().forEach(t -> topups.add(WireMapper.topup(t)));
            return next(p.nextAfterId());
        }, topups::size);
        List<LedgerEntry> ledger = new ArrayList<>();
        pages("ledger", progress, cancelled, after -> {
            Dto.LedgerPage p = api.money().adminLedger(MoneyData.ledgerFrom(from), MoneyData.ledgerTo(to), after, PAGE);
            p.ledger().forEach(e -> ledger.add(WireMapper.ledger(e)));
            return next(p.nextAfterId());
        }, ledger::size);
        List<BillingSession> sessions = new ArrayList<>();
        pages("sessions", progress, cancelled, after -> {
            Dto.BillingPage p = api.money().adminBillingSessions(from, to, after, PAGE);
            p.sessions().forEach(s -> sessions.add(WireMapper.billing(s)));
            return next(p.nextAfterId());
        }, sessions::size);
        List<ClientBalance> balances = new ArrayList<>();
        pages("balances", progress, cancelled, after -> {
            Dto.BalancesPage p = api.money().adminBalances(after, PAGE);
            p.balances().forEach(b -> balances.add(WireMapper.balance(b)));
            return next(p.nextAfterId());
        }, balances::size);
        return new MoneyData(from, to, asOf, topups, ledger, sessions, balances, statement);
    }

    private static String next(Object cursor) {
        return cursor == null ? null : cursor.toString();
    }

    /** Reads page after page: {@code reader} takes a cursor (null first) and answers the next one (null after the last). */
    private static void pages(String stage, Progress progress, BooleanSupplier cancelled, UnaryOperator<String> reader, IntSupplier size) {
        String after = null;
        do {
            if (cancelled.getAsBoolean()) {
                throw new Reconciler.Cancelled();
            }
            after = reader.apply(after);
            progress.rows(stage, size.getAsInt());
        } while (after != null);
    }
}
