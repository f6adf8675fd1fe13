package kg.evpower.sandbox.server.charging;

import java.util.Locale;

/**
 * The money defects of contract §7.4–7.6 the sandbox reproduces in "as production" mode, each with the rate it happens
 * at by default: the chance, per opportunity, that the traffic takes the path that causes it. Behaviours of clients
 * (paying an older QR, paying late, abandoning a QR) happen at the same rate in both modes, so the two modes run the
 * same traffic; only the backend's answer differs.
 */
public enum Defect {
    /** A client made a new QR, which cancelled the older one locally, then paid the older one: never credited. */
    PAID_OLD_QR(0.04),
    /** A client paid in the last seconds, after the poll window: never credited. */
    PAID_LATE(0.04),
    /** Two overlapping status checks both credited one payment. */
    DOUBLE_CREDIT(0.03),
    /** An abandoned QR left {@code processing} past its expiry (until the hourly cleanup). */
    STUCK_PROCESSING(0.10),
    /** A stop through the API, then the station's StopTransaction settled the session again: a refund with no ledger row. */
    DOUBLE_REFUND(1.0),
    /**
     * The same second settlement, when the station's cost is above the reserve: charged twice, logged as a negative
     * topup. Not drawn on its own: it is the outcome of {@link #DOUBLE_REFUND}'s path when the cost is higher.
     */
    DOUBLE_CHARGE(0.0),
    /** A station-initiated stop refunded the unused reserve with no ledger row. */
    REFUND_UNLOGGED(1.0),
    /** A station-initiated stop took the extra charge logged as a negative {@code balance_topup} without a session. */
    EXTRA_CHARGE_AS_TOPUP(1.0),
    /** A lost update moved a client's balance with nothing in the ledger. */
    BALANCE_DRIFT(0.01);

    private final double defaultRate;

    Defect(double defaultRate) {
        this.defaultRate = defaultRate;
    }

    public double defaultRate() {
        return defaultRate;
    }

    /** The wire name: lower case with underscores. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Defect fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
