package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One connector of a station. {@code ocppStatus}, {@code errorCode} and {@code since} are known only from the
 * operator API or {@code /station/status}; null when the server did not say.
 */
public record Connector(int number, String type, BigDecimal powerKw, ConnectorStatus status, String errorCode,
                        String ocppStatus, Instant since) {
}
