package kg.evpower.console.sessions;

import java.math.BigDecimal;
import java.time.Instant;
import kg.evpower.console.domain.MeterSample;

/**
 * The meter samples of one session received so far, for its charts (power, the session's energy, voltage, current,
 * SoC): kept in primitive arrays (about 30 bytes a
 * sample rather than a record of boxed decimals), the newest {@link #CAPACITY} of them. Thousands of sessions with
 * hours of samples each then fit in the console's heap. Missing measurands are stored as NaN. Thread-safe: the feed
 * appends, the FX thread copies out.
 */
public final class MeterHistory {

    /** Twelve hours at one sample a minute; a faster station keeps its most recent samples. */
    public static final int CAPACITY = 720;

    /** A copy of the history, oldest first; values are NaN where the station did not send them. */
    public record Points(long[] epochMillis, double[] powerKw, double[] energyKwh, double[] voltageV, double[] currentA,
                         double[] socPercent) {

        public int size() {
            return epochMillis.length;
        }
    }

    private long[] at = new long[8];
    private float[] power = new float[8];
    private double[] energy = new double[8];
    private float[] volts = new float[8];
    private float[] amps = new float[8];
    private byte[] soc = new byte[8];
    /** Index of the oldest sample once the ring is full; 0 while it grows. */
    private int head;
    private int size;

    /**
     * Adds a sample with the session's energy so far (kWh, not the connector's register); {@code receivedAt} stands in
     * for a sample without its own timestamp.
     */
    public synchronized void add(MeterSample s, BigDecimal sessionEnergyKwh, Instant receivedAt) {
        if (s == null) {
            return;
        }
        Instant when = s.at() != null ? s.at() : receivedAt;
        int i;
        if (size < CAPACITY) {
            if (size == at.length) {
                grow(Math.min(CAPACITY, at.length * 2));
            }
            i = size++;
        } else {
            i = head;
            head = (head + 1) % CAPACITY;
        }
        at[i] = when.toEpochMilli();
        power[i] = s.powerW() == null ? Float.NaN : s.powerW().floatValue() / 1000f;
        energy[i] = sessionEnergyKwh == null ? Double.NaN : sessionEnergyKwh.doubleValue();
        volts[i] = floatOf(s.voltageV());
        amps[i] = floatOf(s.currentA());
        soc[i] = s.soc() == null ? -1 : (byte) Math.max(0, Math.min(100, s.soc()));
    }

    public synchronized Points points() {
        int n = size;
        long[] t = new long[n];
        double[] p = new double[n];
        double[] e = new double[n];
        double[] v = new double[n];
        double[] a = new double[n];
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            int i = size < CAPACITY ? k : (head + k) % CAPACITY;
            t[k] = at[i];
            p[k] = power[i];
            e[k] = energy[i];
            v[k] = volts[i];
            a[k] = amps[i];
            s[k] = soc[i] < 0 ? Double.NaN : soc[i];
        }
        return new Points(t, p, e, v, a, s);
    }

    private void grow(int capacity) {
        at = java.util.Arrays.copyOf(at, capacity);
        power = java.util.Arrays.copyOf(power, capacity);
        energy = java.util.Arrays.copyOf(energy, capacity);
        volts = java.util.Arrays.copyOf(volts, capacity);
        amps = java.util.Arrays.copyOf(amps, capacity);
        soc = java.util.Arrays.copyOf(soc, capacity);
    }

    private static float floatOf(BigDecimal v) {
        return v == null ? Float.NaN : v.floatValue();
    }
}
