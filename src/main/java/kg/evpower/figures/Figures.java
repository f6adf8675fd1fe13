package kg.evpower.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures of a set of charging sessions, as {@link StatsEngine} defines them (one definition for every source):
 * <ul>
 *   <li>{@code sessions}: sessions that <b>started</b> in the period (Bishkek time), whatever became of them;
 *       {@code ended} of them stopped normally, {@code failed} ended in {@code error} (production's failed starts and
 *       reboot cleanups), {@code running} still {@code started}.</li>
 *   <li>{@code energyKwh}, {@code revenue} (som), {@code durationSeconds}: of the ended sessions only — a running
 *       session's {@code amount} is still its reserve, an error session's is refunded.</li>
 *   <li>{@code ledgerRevenue}: what the balance ledger says the same ended sessions cost, the negated sum of their
 *       {@code charge_reserve}, {@code charge_refund} and {@code charge_payment} rows; {@code ledgerDisagreements}
 *       counts the ended sessions whose ledger net differs from their {@code amount} by a tyiyn or more (production
 *       refunds a station-initiated stop without a ledger row, contract §7.4).</li>
 *   <li>{@code occupiedSeconds}: the part of the period connectors spent in a session (start to stop, or to now);
 *       {@code chargingSeconds}: the part spent in an OCPP transaction; {@code capacitySeconds}: connector-seconds
 *       the period offered (each connector from its station's creation, up to now).</li>
 * </ul>
 */
public record Figures(long sessions, long ended, long failed, long running, BigDecimal energyKwh, BigDecimal revenue, long durationSeconds,
                      BigDecimal ledgerRevenue, long ledgerDisagreements, double occupiedSeconds, double chargingSeconds, double capacitySeconds) {

    public static final Figures ZERO = new Figures(0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, 0, 0, 0);

    public Figures plus(Figures o) {
        return new Figures(sessions + o.sessions, ended + o.ended, failed + o.failed, running + o.running, energyKwh.add(o.energyKwh),
                revenue.add(o.revenue), durationSeconds + o.durationSeconds, ledgerRevenue.add(o.ledgerRevenue),
                ledgerDisagreements + o.ledgerDisagreements, occupiedSeconds + o.occupiedSeconds, chargingSeconds + o.chargingSeconds,
                capacitySeconds + o.capacitySeconds);
    }

    /** The same figures with the connector-seconds the period offered set. */
    public Figures withCapacity(double seconds) {
        return new Figures(sessions, ended, failed, running, energyKwh, revenue, durationSeconds, ledgerRevenue, ledgerDisagreements,
                occupiedSeconds, chargingSeconds, seconds);
    }

    /** Energy of an average ended session, kWh (3 decimals); null without ended sessions. */
    public BigDecimal averageKwh() {
        return ended == 0 ? null : energyKwh.divide(BigDecimal.valueOf(ended), 3, RoundingMode.HALF_UP);
    }

    /** Money of an average ended session, som to the tyiyn; null without ended sessions. */
    public BigDecimal averageRevenue() {
        return ended == 0 ? null : revenue.divide(BigDecimal.valueOf(ended), 2, RoundingMode.HALF_UP);
    }

    /** Minutes of an average ended session; null without ended sessions. */
    public Double averageMinutes() {
        return ended == 0 ? null : durationSeconds / 60.0 / ended;
    }

    /** Share of the connector time offered that was in a session, 0..1; null when the period offered none. */
    public Double occupiedShare() {
        return capacitySeconds <= 0 ? null : Math.min(1.0, occupiedSeconds / capacitySeconds);
    }

    /** Share of the connector time offered that was in an OCPP transaction, 0..1; null when the period offered none. */
    public Double chargingShare() {
        return capacitySeconds <= 0 ? null : Math.min(1.0, chargingSeconds / capacitySeconds);
    }

    /** Whether the ledger says the ended sessions cost what the sessions say, to the tyiyn. */
    public boolean ledgerAgrees() {
        return ledgerDisagreements == 0 && revenue.setScale(2, RoundingMode.HALF_UP).compareTo(ledgerRevenue.setScale(2, RoundingMode.HALF_UP)) == 0;
    }
}
