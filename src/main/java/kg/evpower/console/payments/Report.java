package kg.evpower.console.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kg.evpower.console.domain.Money;

/** One reconciliation's findings, ordered by class then subject, and the headline: the som no evidence explains. */
public record Report(Instant from, Instant to, Instant asOf, boolean withStatement, List<Finding> findings) {

    /** The som no evidence accounts for: the headline. */
    public BigDecimal unexplained() {
        return findings.stream().filter(f -> f.kind().unexplained()).map(Finding::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** A class's count and sum. */
    public record ClassTotal(FindingClass kind, int count, BigDecimal sum) {
    }

    /** Count and sum (to the tyiyn) per class, in class order, only the classes found. */
    public List<ClassTotal> byClass() {
        Map<FindingClass, int[]> counts = new EnumMap<>(FindingClass.class);
        Map<FindingClass, BigDecimal> sums = new EnumMap<>(FindingClass.class);
        for (Finding f : findings) {
            counts.computeIfAbsent(f.kind(), k -> new int[1])[0]++;
            sums.merge(f.kind(), f.amount(), BigDecimal::add);
        }
        List<ClassTotal> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new ClassTotal(k, n[0], Money.toTyiyn(sums.get(k)))));
        return out;
    }

    /** Every finding's amount, summed. */
    public BigDecimal total() {
        return findings.stream().map(Finding::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
