package kg.evpower.console.stations;

import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.StationCounts;

/** One location on the map: where, what it is called, and the status its (filtered) stations give it. */
public record MapMarker(String id, String name, String address, double lat, double lon, LocationStatus status,
                        StationCounts counts) {
}
