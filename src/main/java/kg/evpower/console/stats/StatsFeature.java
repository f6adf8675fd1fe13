package kg.evpower.console.stats;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import kg.evpower.console.domain.Role;
import kg.evpower.console.payments.PostgresMoneySource;
import kg.evpower.console.shell.Feature;
import kg.evpower.console.shell.MainView;
import kg.evpower.console.shell.Workspace;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsCache;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;

/**
 * Statistics for owners and support: revenue, energy, sessions and utilisation over any period. The figures come from
 * the operator API where the server has it, else from production's read-only PostgreSQL set up for reconciliation
 * (the same definitions, computed by the console), else the screen says what it needs. An owner and their operators
 * see the owner's stations only; support staff any owner or all.
 */
public final class StatsFeature implements Feature {

    /** Where the PostgreSQL source's settings are kept: the reconciliation's. */
    static final String POSTGRES = "reconPostgres";

    private final Workspace ws;
    private final Consumer<String> openOnMap;
    private final Runnable openPayments;
    private StatsViewModel vm;
    private PostgresMoneySource pgSource;
    private PostgresMoneySource.Settings pgSettings;
    private char[] pgPassword;
    private StatsCache pgStats;

    /**
     * @param openOnMap    shows a station on the map (its screen comes forward)
     * @param openPayments brings the reconciliation forward, where the ledger's disagreement is explained
     */
    public StatsFeature(Workspace ws, Consumer<String> openOnMap, Runnable openPayments) {
        this.ws = ws;
        this.openOnMap = openOnMap;
        this.openPayments = openPayments;
    }

    private StatsGateway gateway() {
        if (ws.caps().adminStats()) {
            return new StatsSource(ws.messages().format("stats.source.api", ws.api().baseUri()), false,
                    (q, g, b, pw) -> ws.api().stats().stats(q, g, b), this::owners);
        }
        PostgresMoneySource.Settings pg = ws.remembered().get(POSTGRES, PostgresMoneySource.Settings.class);
        if (pg != null) {
            return new StatsSource(ws.messages().format("stats.source.postgres", pg), true, (q, g, b, pw) -> {
                try {
                    return postgresStatistics(pg, pw, q, g, b);
                } catch (PostgresMoneySource.Failure e) {
                    throw new IllegalStateException(e.explain(ws.messages()), e);
                }
            }, this::owners);
        }
        return new StatsSource(ws.messages().get("stats.source.none"), false, (q, g, b, pw) -> {
            throw new IllegalStateException(ws.messages().get("stats.source.none.why"));
        }, List::of);
    }

    /**
     * The PostgreSQL source for these settings and password, with its statistics cache: kept for the sign-in so that
     * the rows, once held in memory, answer every later question; a changed password or server starts afresh.
     */
    private Statistics postgresStatistics(PostgresMoneySource.Settings pg, char[] pw, StatsQuery q, StatsReport.Grouping g, StatsReport.Bucket b) {
        PostgresMoneySource source;
        StatsCache cache;
        synchronized (this) {
            if (pgSource == null || !pg.equals(pgSettings) || !java.util.Arrays.equals(pw, pgPassword)) {
                pgSource = new PostgresMoneySource(pg, pw);
                pgSettings = pg;
                pgPassword = pw == null ? null : pw.clone();
                pgStats = pgSource.statisticsCache();
            }
            source = pgSource;
            cache = pgStats;
        }
        return source.statistics(cache, q, g, b);
    }

    /** The owners, as the people screen reads them (support staff only ask). */
    private List<StatsGateway.Owner> owners() {
        return ws.api().people().visibleTo(ws.account(), ws.caps()).people().stream()
                .filter(p -> p.role() == Role.ADMIN)
                .map(p -> new StatsGateway.Owner(p.id(), p.displayName()))
                .sorted(Comparator.comparing(StatsGateway.Owner::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private StatsViewModel vm() {
        if (vm == null) {
            vm = new StatsViewModel(ws.messages(), ws.formats(), gateway(), ws.tasks(), ws.account(), Instant::now);
        }
        return vm;
    }

    @Override
    public List<MainView.NavItem> screens() {
        return List.of(new MainView.NavItem("stats", ws.messages().get("nav.stats"), "mdi2c-chart-bar",
                () -> new StatsView(vm(), ws.messages(), ws.formats(), openOnMap, openPayments, ws.files()), () -> vm().reload()));
    }
}
