package kg.evpower.console.stats;

import java.util.List;
import java.util.function.Supplier;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;

/** A {@link StatsGateway} made of its parts: where the figures come from, how they are read, and the owners. */
final class StatsSource implements StatsGateway {

    /** Reads one question's figures (blocking). */
    @FunctionalInterface
    interface Reader {
        Statistics read(StatsQuery q, StatsReport.Grouping grouping, StatsReport.Bucket bucket, char[] password);
    }

    private final String source;
    private final boolean needsPassword;
    private final Reader reader;
    private final Supplier<List<Owner>> owners;

    StatsSource(String source, boolean needsPassword, Reader reader, Supplier<List<Owner>> owners) {
        this.source = source;
        this.needsPassword = needsPassword;
        this.reader = reader;
        this.owners = owners;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean needsPassword() {
        return needsPassword;
    }

    @Override
    public Statistics read(StatsQuery q, StatsReport.Grouping grouping, StatsReport.Bucket bucket, char[] password) {
        return reader.read(q, grouping, bucket, password);
    }

    @Override
    public List<Owner> owners() {
        return owners.get();
    }
}
