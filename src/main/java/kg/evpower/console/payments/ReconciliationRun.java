package kg.evpower.console.payments;

import java.util.List;
import java.util.function.BooleanSupplier;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.i18n.Messages;

/**
 * One reconciliation run, the same for the window and for {@code Launcher reconcile}: read the period (and the
 * provider's statement, when given) from a source, reconcile it, and say what the source was and what to beware of.
 *
 * @param warning about the source (a PostgreSQL connection that does not check the server, a role that can write), or null
 */
public record ReconciliationRun(Report report, String sourceName, String warning) {

    /**
     * Runs over {@code source}. Fails with {@code ApiException} or {@link PostgresMoneySource.Failure} when the data
     * cannot be read; {@code cancelled} is asked between pages and checks.
     */
    public static ReconciliationRun of(MoneySource source, Period period, List<StatementLine> statement, MoneySource.Progress progress,
                                       BooleanSupplier cancelled, Messages m) {
        String warning = source instanceof PostgresMoneySource db ? db.warning(m) : null;
        MoneyData data = source.load(period.from(), period.to(), statement, progress, cancelled);
        return new ReconciliationRun(new Reconciler(cancelled).run(data), source.name(), warning);
    }

    /** The operator API's money reads as a source; refused in the user's language when the server has none. */
    public static MoneySource api(EvPowerClient api, ServerCapabilities caps, Messages m) {
        if (!caps.adminMoney()) {
            throw new IllegalStateException(m.get("recon.noOperatorApi"));
        }
        return new ApiMoneySource(api);
    }
}
