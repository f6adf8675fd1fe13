package kg.evpower.console.payments;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import kg.evpower.console.domain.StatementLine;

/** Where a reconciliation reads a period's money from: the operator API or a read-only PostgreSQL. */
public interface MoneySource {

    /** The two kinds of source (the console remembers which one an operator chose). */
    enum Kind { API, POSTGRES }

    /** Where the data comes from, for reports: "operator API https://…", "PostgreSQL user@host:port/db (sslmode=…)". */
    String name();

    /** Progress: a stage name ("topups", "ledger", "sessions", "balances") and rows read so far in it. */
    interface Progress {
        void rows(String stage, long count);
    }

    /** A progress sink that ignores everything. */
    Progress QUIET = (stage, count) -> { };

    /**
     * Reads everything {@link MoneyData} describes for [from, to); {@code statement} (null when none was loaded) is passed
     * through. Throws {@link Reconciler.Cancelled} once {@code cancelled} answers true.
     */
    MoneyData load(Instant from, Instant to, List<StatementLine> statement, Progress progress, BooleanSupplier cancelled);
}
