package kg.evpower.sandbox.charging;

import java.math.BigDecimal;

/** What happened to sessions, told after the change is committed (for the operator API's session stream). */
public interface SessionListener {

    default void sessionStarted(String sessionId, String stationId) {
    }

    /** A MeterValues sample of a session's transaction; {@code energyKwh} is the session's energy so far. */
    default void meterUpdate(String sessionId, String stationId, int connectorId, ChargingService.Sample sample, BigDecimal energyKwh) {
    }

    default void sessionStopped(String sessionId, String stationId) {
    }
}
