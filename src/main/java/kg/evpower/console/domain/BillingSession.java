package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a charging session moved in money (contract §6.1, §7.3): the reserve, the cost it was finally billed, whether
 * production marked it processed, and its OCPP transaction's end (null fields when the station never started one).
 */
public record BillingSession(String id, String clientId, String stationId, String status, Instant startTime, Instant stopTime,
                             BigDecimal energyKwh, BigDecimal amount, BigDecimal reserved, boolean paymentProcessed, String ocppStatus,
                             Instant ocppStopTime) {
}
