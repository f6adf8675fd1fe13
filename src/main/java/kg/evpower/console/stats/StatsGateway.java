package kg.evpower.console.stats;

import java.util.List;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;

/**
 * Where the statistics screen reads its figures: the operator API's {@code GET /api/v1/admin/stats}, or production's
 * read-only PostgreSQL (the one set up for reconciliation) through the same definitions. Every method blocks (call it
 * off the FX thread) and fails with text the operator can read.
 */
public interface StatsGateway {

    /** Where the figures come from, in words ("operator API https://…", "PostgreSQL role@host/db"), for the screen and exports. */
    String source();

    /** Whether a database password is needed before {@link #read} can work (the PostgreSQL source, once per sign-in). */
    boolean needsPassword();

    /** The statistics of {@code q}; {@code password} for the PostgreSQL source (ignored by the API). */
    Statistics read(StatsQuery q, StatsReport.Grouping grouping, StatsReport.Bucket bucket, char[] password);

    /** The owners support staff may filter by: id and name, sorted by name. */
    List<Owner> owners();

    /** An owner to filter by. */
    record Owner(String id, String name) {
    }
}
