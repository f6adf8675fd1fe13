package kg.evpower.console.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One reconciliation's findings, ordered by class then subject, with the summary the view and the CLI show. */
public record Report(Instant from, Instant to, Instant asOf, boolean withStatement, List<Finding> findings) {

    /** Count and som of one class. */
    public record Total(int count, BigDecimal amount) {
    }

    public Map<FindingClass, Total> byClass() {
        Map<FindingClass, Total> m = new EnumMap<>(FindingClass.class);
        for (Finding f : findings) {
            m.merge(f.kind(), new Total(1, f.amount()), (a, b) -> new Total(a.count() + b.count(), a.amount().add(b.amount())));
        }
        return m;
    }

    /** The som no evidence accounts for: the headline. */
    public BigDecimal unexplained() {
        return findings.stream().filter(f -> f.kind().unexplained()).map(Finding::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
