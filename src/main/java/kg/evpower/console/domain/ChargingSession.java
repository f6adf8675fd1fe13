package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A charging session as the operator API shows it: where, who, the money (reserve; amount = the reserve while it runs,
 * the actual cost once stopped), the energy so far and the latest meter sample. Money in som, energy in kWh.
 */
public record ChargingSession(String id, Status status, String stationId, String locationId, String locationName, String ownerId,
                              Integer connectorId, String clientId, String clientPhone, Instant startTime, Instant stopTime,
                              Limit limitType, BigDecimal limitValue, BigDecimal reserved, BigDecimal amount, BigDecimal energyKwh,
                              boolean paymentProcessed, Integer transactionId, BigDecimal ratePerKwh, MeterSample meter) {

    /** {@code charging_sessions.status}; anything else is UNKNOWN. */
    public enum Status {
        STARTED, STOPPED, ERROR, UNKNOWN;

        public static Status fromWire(String s) {
            return WireEnums.parse(Status.class, s, UNKNOWN);
        }
    }

    /** {@code limit_type}. */
    public enum Limit {
        NONE, ENERGY, AMOUNT, UNKNOWN;

        public static Limit fromWire(String s) {
            return s == null ? NONE : WireEnums.parse(Limit.class, s, UNKNOWN);
        }
    }

    /** The same session with a newer sample, energy and cost (a {@code meter_update}). */
    public ChargingSession withMeter(MeterSample sample, BigDecimal energy, Integer connector) {
        return new ChargingSession(id, status, stationId, locationId, locationName, ownerId, connector != null ? connector : connectorId,
                clientId, clientPhone, startTime, stopTime, limitType, limitValue, reserved, amount, energy != null ? energy : energyKwh,
                paymentProcessed, transactionId, ratePerKwh, sample != null ? sample : meter);
    }

    /** The same session, ended at {@code at} with its figures as they were. */
    public ChargingSession stoppedAt(Instant at) {
        return new ChargingSession(id, Status.STOPPED, stationId, locationId, locationName, ownerId, connectorId, clientId, clientPhone,
                startTime, at, limitType, limitValue, reserved, amount, energyKwh, paymentProcessed, transactionId, ratePerKwh, meter);
    }

    /**
     * This session as read by a partial source (the public status poll), with what that source could not say (where,
     * who, the connector, the reserve, the transaction, the rate, a sample) taken from {@code known}.
     */
    public ChargingSession orElse(ChargingSession known) {
        return new ChargingSession(id, status, or(stationId, known.stationId), or(locationId, known.locationId),
                or(locationName, known.locationName), or(ownerId, known.ownerId), or(connectorId, known.connectorId),
                or(clientId, known.clientId), or(clientPhone, known.clientPhone), or(startTime, known.startTime), stopTime, limitType,
                limitValue, or(reserved, known.reserved), amount, energyKwh, paymentProcessed, or(transactionId, known.transactionId),
                or(ratePerKwh, known.ratePerKwh), or(meter, known.meter));
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}
