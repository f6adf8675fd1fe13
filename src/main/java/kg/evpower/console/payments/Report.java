package kg.evpower.console.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One reconciliation's findings, ordered by class then subject, and the headline: the som no evidence explains. */
public record Report(Instant from, Instant to, Instant asOf, boolean withStatement, List<Finding> findings) {

    /** The som no evidence accounts for: the headline. */
    public BigDecimal unexplained() {
        return findings.stream().filter(f -> f.kind().unexplained()).map(Finding::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
