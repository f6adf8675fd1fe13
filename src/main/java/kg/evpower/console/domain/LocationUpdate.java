package kg.evpower.console.domain;

import java.time.Instant;

/** A {@code location_status_update} from the locations WebSocket: a hint that the location changed. */
public record LocationUpdate(String locationId, String locationName, LocationStatus status, StationCounts stationCounts,
                             ConnectorCounts connectorCounts, Instant timestamp) {
}
