package kg.evpower.console.sessions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import kg.evpower.console.domain.ChargingSession;

/** The dashboard's rules for one session: its problems, its running cost, how much of its limit it used. */
final class SessionRules {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private SessionRules() {
    }

    /**
     * The problems of one running session as of {@code now}, each with the time it began: no StartTransaction after
     * 10 min, over 12 h, no meter values for 5 min, 0 kW for 15 min while Charging, its station offline, its connector
     * faulted, a cost above the reserve (beyond the 0.01 som tolerance).
     */
    static EnumMap<SessionProblem.Kind, Instant> problems(ChargingSession s, BigDecimal cost, Instant lastSampleAt, Instant zeroSince,
                                                          String connectorState, Boolean stationOnline, Instant stationSince, Instant now) {
        EnumMap<SessionProblem.Kind, Instant> found = new EnumMap<>(SessionProblem.Kind.class);
        Instant start = s.startTime();
        if (start != null) {
            Instant noTx = start.plus(SessionProblem.Kind.NO_TRANSACTION.threshold());
            if (s.transactionId() == null && !noTx.isAfter(now)) {
                found.put(SessionProblem.Kind.NO_TRANSACTION, noTx);
            }
            Instant tooLong = start.plus(SessionProblem.Kind.TOO_LONG.threshold());
            if (!tooLong.isAfter(now)) {
                found.put(SessionProblem.Kind.TOO_LONG, tooLong);
            }
        }
        if (s.transactionId() != null) {
            Instant last = lastSampleAt != null ? lastSampleAt : start;
            if (last != null && !last.plus(SessionProblem.Kind.NO_METER.threshold()).isAfter(now)) {
                found.put(SessionProblem.Kind.NO_METER, last.plus(SessionProblem.Kind.NO_METER.threshold()));
            }
        }
        if (zeroSince != null && (connectorState == null || "Charging".equals(connectorState))) {
            Instant zero = zeroSince.plus(SessionProblem.Kind.ZERO_POWER.threshold());
            if (!zero.isAfter(now)) {
                found.put(SessionProblem.Kind.ZERO_POWER, zero);
            }
        }
        if (Boolean.FALSE.equals(stationOnline)) {
            found.put(SessionProblem.Kind.STATION_OFFLINE, stationSince != null ? stationSince : now);
        }
        if ("Faulted".equals(connectorState)) {
            found.put(SessionProblem.Kind.CONNECTOR_FAULTED, now);
        }
        if (cost != null && s.reserved() != null && cost.compareTo(s.reserved().add(TOLERANCE)) > 0) {
            found.put(SessionProblem.Kind.OVER_RESERVE, now);
        }
        return found;
    }

    /** The server's running cost when it sent one, else energy × rate. */
    static BigDecimal runningCost(ChargingSession s, BigDecimal serverCost) {
        if (serverCost != null) {
            return serverCost;
        }
        if (s.energyKwh() == null || s.ratePerKwh() == null) {
            return null;
        }
        return s.energyKwh().multiply(s.ratePerKwh()).setScale(2, RoundingMode.HALF_UP);
    }

    /** How much of its limit a session used: the energy or amount limit, else the reserve; null when unknown. */
    static Double progress(ChargingSession s, BigDecimal cost) {
        BigDecimal done;
        BigDecimal of;
        switch (s.limitType()) {
            case ENERGY -> {
                done = s.energyKwh();
                of = s.limitValue();
            }
            case AMOUNT -> {
                done = cost;
                of = s.limitValue();
            }
            default -> {
                done = cost;
                of = s.reserved();
            }
        }
        if (done == null || of == null || of.signum() <= 0) {
            return null;
        }
        return Math.max(0, done.doubleValue() / of.doubleValue());
    }
}
