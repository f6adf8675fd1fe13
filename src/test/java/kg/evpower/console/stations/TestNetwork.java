package kg.evpower.console.stations;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.ConnectorCounts;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;

/** A small network for the stations view models' tests: two cities, one location with two stations, two owners. */
final class TestNetwork {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private TestNetwork() {
    }

    static Station st(String id, String loc, String city, StationStatus status, String owner, ConnectorStatus connector, Instant heartbeat) {
        return new Station(id, null, "M", "X", loc, "Место " + loc, null, city, 42.87, 74.6, new BigDecimal("22"), status, "active",
                status != StationStatus.OFFLINE, heartbeat, null, ConnectorCounts.NONE,
                List.of(new Connector(1, "Type2", new BigDecimal("22"), connector, connector == ConnectorStatus.FAULTED ? "GroundFailure" : "NoError",
                        null, null)), owner, owner == null ? null : "Владелец " + owner, true);
    }

    /** A station whose link is up and heartbeat fresh, but whose only connector is faulted: production says offline. */
    static Station faulted(String id, String loc) {
        return new Station(id, null, "M", "X", loc, "Место " + loc, null, "Бишкек", 42.87, 74.6, new BigDecimal("22"), StationStatus.OFFLINE,
                "active", true, NOW, null, ConnectorCounts.NONE,
                List.of(new Connector(1, "Type2", new BigDecimal("22"), ConnectorStatus.FAULTED, "GroundFailure", null, null)), "o1",
                "Владелец o1", false);
    }

    static StationsViewModel network() {
        StationsViewModel state = new StationsViewModel();
        state.replaceAll(List.of(
                st("BIS-1", "L1", "Бишкек", StationStatus.AVAILABLE, "o1", ConnectorStatus.AVAILABLE, NOW),
                st("BIS-2", "L1", "Бишкек", StationStatus.OCCUPIED, "o1", ConnectorStatus.OCCUPIED, NOW),
                st("OSH-1", "L2", "Ош", StationStatus.MAINTENANCE, "o2", ConnectorStatus.FAULTED, NOW),
                st("OSH-2", "L3", "Ош", StationStatus.OFFLINE, "o2", ConnectorStatus.UNAVAILABLE, NOW.minus(Duration.ofHours(2)))));
        return state;
    }
}
