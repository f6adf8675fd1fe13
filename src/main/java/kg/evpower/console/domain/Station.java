package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A charging station as the console knows it. Fields the server did not provide are null ({@code online},
 * {@code lastHeartbeat}, {@code adminStatus}, {@code ownerId}, {@code ownerName}, {@code isAvailable}): the console shows them as unknown, never guesses.
 */
public record Station(String id, String serialNumber, String model, String manufacturer, String locationId,
                      String locationName, String address, String city, Double latitude, Double longitude,
                      BigDecimal powerKw, StationStatus status, String adminStatus, Boolean online, Instant lastHeartbeat,
                      Tariff tariff, ConnectorCounts connectors, List<Connector> connectorList, String ownerId,
                      String ownerName, Boolean isAvailable) {

    public Station {
        connectorList = connectorList == null ? List.of() : List.copyOf(connectorList);
    }

    /** A copy with heartbeat and online flag from {@code /station/status}. */
    public Station withLiveness(Boolean online, Instant lastHeartbeat) {
        return new Station(id, serialNumber, model, manufacturer, locationId, locationName, address, city, latitude, longitude,
                powerKw, status, adminStatus, online, lastHeartbeat, tariff, connectors, connectorList, ownerId, ownerName, isAvailable);
    }
}
