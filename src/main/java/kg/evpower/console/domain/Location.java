package kg.evpower.console.domain;

import java.util.List;

/** A location with its computed status and summaries; {@code stations} is empty when not requested. */
public record Location(String id, String name, String address, String city, Double latitude, Double longitude,
                       LocationStatus status, StationCounts stationCounts, ConnectorCounts connectorCounts,
                       List<Station> stations) {

    public Location {
        stations = stations == null ? List.of() : List.copyOf(stations);
    }
}
