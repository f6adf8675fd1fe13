package kg.evpower.console.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's own station state from what the server tells, and why it differs from production's. */
class StationStateTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private static Connector connector(int n, ConnectorStatus s) {
        return new Connector(n, "CCS2", new BigDecimal("60"), s, s == ConnectorStatus.FAULTED ? "GroundFailure" : "NoError", null, null);
    }

    private static Station station(StationStatus server, String admin, Boolean online, Instant heartbeat, ConnectorCounts counts,
                                   Connector... connectors) {
        return new Station("EVP-1", null, "M", "X", "L1", "Место", null, "Бишкек", 42.8, 74.6, new BigDecimal("60"), server, admin, online,
                heartbeat, null, counts, List.of(connectors), null, null, null);
    }

    @Test
    void aConnectedStationWhoseOnlyConnectorIsFaultedIsFaulted_whereProductionSaysOffline() {
        Station s = station(StationStatus.OFFLINE, "active", true, NOW.minusSeconds(40), ConnectorCounts.NONE,
                connector(1, ConnectorStatus.FAULTED));
        assertEquals(StationStatus.FAULTED, s.state(NOW));
        assertEquals("station.differs.faulted", s.stateDiffers(NOW));
    }

    @Test
    void faultedAlsoFromTheCountsOfThePublicListingWhenTheHeartbeatIsFresh() {
        Station s = station(StationStatus.OFFLINE, null, null, NOW.minusSeconds(100), new ConnectorCounts(2, 0, 0, 2));
        assertEquals(StationStatus.FAULTED, s.state(NOW));
    }

    @Test
    void theLinkDecidesOffline_connectorsDecideTheRest_maintenanceComesFirst() {
        Connector free = connector(1, ConnectorStatus.AVAILABLE);
        Connector busy = connector(2, ConnectorStatus.OCCUPIED);
        Connector bad = connector(3, ConnectorStatus.FAULTED);
        assertEquals(StationStatus.AVAILABLE, station(StationStatus.AVAILABLE, "active", true, NOW, ConnectorCounts.NONE, free, busy, bad).state(NOW));
        assertEquals(StationStatus.OCCUPIED, station(StationStatus.OCCUPIED, "active", true, NOW, ConnectorCounts.NONE, busy, bad).state(NOW));
        Station down = station(StationStatus.AVAILABLE, "active", false, NOW.minusSeconds(90), ConnectorCounts.NONE, free);
        assertEquals(StationStatus.OFFLINE, down.state(NOW), "the link is down though the heartbeat is within 5 min");
        assertEquals("station.differs.linkDown", down.stateDiffers(NOW));
        Station stale = station(StationStatus.OFFLINE, null, null, NOW.minus(Duration.ofMinutes(6)), new ConnectorCounts(1, 1, 0, 0));
        assertEquals(StationStatus.OFFLINE, stale.state(NOW), "no link flag: a heartbeat over 5 min old");
        assertNull(stale.stateDiffers(NOW), "agrees with production");
        assertEquals(StationStatus.MAINTENANCE, station(StationStatus.AVAILABLE, "maintenance", true, NOW, ConnectorCounts.NONE, free).state(NOW));
    }

    @Test
    void withoutAnyWordOnTheLinkProductionsStatusStands() {
        Station s = station(StationStatus.OFFLINE, null, null, null, new ConnectorCounts(2, 0, 0, 2));
        assertEquals(StationStatus.OFFLINE, s.state(NOW), "the public listing alone cannot tell a faulted station from a silent one");
        assertNull(s.stateDiffers(NOW));
    }

    @Test
    void aLocationWithAFaultedStationIsFaulted() {
        assertEquals(LocationStatus.FAULTED, LocationStatus.of(new StationCounts(3, 2, 0, 0, 0, 1)));
        assertEquals(LocationStatus.OFFLINE, LocationStatus.of(new StationCounts(3, 1, 0, 1, 0, 1)), "an offline station still wins");
        assertEquals(LocationStatus.AVAILABLE, LocationStatus.of(new StationCounts(2, 2, 0, 0, 0)));
    }
}
