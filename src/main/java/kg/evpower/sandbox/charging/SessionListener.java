package kg.evpower.sandbox.charging;

import java.math.BigDecimal;

/** What happened to sessions, told after the change is committed (for the operator API's session stream). */
public interface SessionListener {

    void sessionStarted(String sessionId, String stationId);

    /** A MeterValues sample of a session's transaction; {@code energyKwh} is the session's energy so far. */
    void meterUpdate(String sessionId, String stationId, int connectorId, ChargingService.Sample sample, BigDecimal energyKwh);

    void sessionStopped(String sessionId, String stationId);

    SessionListener NONE = new SessionListener() {
        @Override
        public void sessionStarted(String sessionId, String stationId) {
        }

        @Override
        public void meterUpdate(String sessionId, String stationId, int connectorId, ChargingService.Sample sample, BigDecimal energyKwh) {
        }

        @Override
        public void sessionStopped(String sessionId, String stationId) {
        }
    };
}
