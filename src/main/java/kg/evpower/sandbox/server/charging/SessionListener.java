package kg.evpower.sandbox.server.charging;

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

    /** A client's v1 start (production pushes {@code new_session} to the station's owner). */
    default void clientStarted(ChargingService.Started started) {
    }

    /** A v1 stop by the session's own client (production pushes {@code session_completed} to the owner; no other stop does). */
    default void clientStopped(ChargingService.Stopped stopped) {
    }
}
