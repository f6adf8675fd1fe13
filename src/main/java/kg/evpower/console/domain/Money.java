package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money rules of the house: BigDecimal som, compared with the contract's 0.01 som tolerance. */
public final class Money {

    public static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private Money() {
    }

    /** True when the two amounts differ by no more than 0.01 som. */
    public static boolean same(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(TOLERANCE) <= 0;
    }

    /** Rounded to tyiyn for display. */
    public static BigDecimal toTyiyn(BigDecimal som) {
        return som.setScale(2, RoundingMode.HALF_UP);
    }
}
