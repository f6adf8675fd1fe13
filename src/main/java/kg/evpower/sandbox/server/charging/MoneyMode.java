package kg.evpower.sandbox.server.charging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import kg.evpower.sandbox.server.store.Database;

/**
 * How the sandbox's money paths behave: "as production" (the default; each defect of {@link Defect} happens at its rate)
 * or "fixed" (the same traffic, every path correct). Every defect produced is written to {@code sandbox_money_truth} in
 * the transaction that produced it. Thread-safe.
 */
public final class MoneyMode {

    private volatile boolean production;
    private final Map<Defect, Double> rates = new EnumMap<>(Defect.class);
    private final Random rnd;

    public MoneyMode(boolean production, Map<Defect, Double> overrides, long seed) {
        this.production = production;
        for (Defect d : Defect.values()) {
            rates.put(d, d.defaultRate());
        }
        rates.putAll(overrides);
        this.rnd = new Random(seed ^ 0x5EED_0DE6L);
    }

    public boolean production() {
        return production;
    }

    public void setProduction(boolean on) {
        this.production = on;
    }

    public synchronized double rate(Defect d) {
        return rates.get(d);
    }

    public synchronized void setRate(Defect d, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate of " + d.wire() + " must be within 0..1: " + rate);
        }
        rates.put(d, rate);
    }

    public synchronized Map<Defect, Double> rates() {
        return new EnumMap<>(rates);
    }

    /**
     * Whether this opportunity takes the defect's path. The draw is made in both modes (so both run the same random
     * sequence), but only "as production" answers yes.
     */
    public boolean defective(Defect d) {
        boolean hit = draw(d);
        return production && hit;
    }

    private synchronized boolean draw(Defect d) {
        return rnd.nextDouble() < rates.get(d);
    }

    /** A random amount of whole tyiyn within [min, max] som, from the mode's own sequence. */
    public synchronized BigDecimal amount(int minSom, int maxSom) {
        return BigDecimal.valueOf(minSom * 100L + rnd.nextInt((maxSom - minSom) * 100 + 1), 2);
    }

    /** Writes one produced defect to the truth table. */
    public static void record(Connection c, Defect d, String clientId, String invoiceId, String sessionId, BigDecimal amount,
                              Instant at, String note) throws SQLException {
        Database.update(c, "INSERT INTO sandbox_money_truth (defect, client_id, invoice_id, session_id, amount, occurred_at, note)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", d.wire(), clientId, invoiceId, sessionId, amount.setScale(2, RoundingMode.HALF_UP),
                at, note);
    }
}
