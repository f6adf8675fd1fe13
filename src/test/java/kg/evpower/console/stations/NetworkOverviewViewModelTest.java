package kg.evpower.console.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.ConnectorCounts;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.fx.SynchronousTaskExecutor;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;

/** The overview's decisions, without a stage: filters by status, city and text, and what it counts. */
class NetworkOverviewViewModelTest {

    @Test
    void theOverviewFiltersByStatusCityAndTextAndCountsWhatItShows() {
        NetworkOverviewViewModel vm = new NetworkOverviewViewModel(TestNetwork.network());
        assertEquals(4, vm.shownProperty().get());
        assertEquals(List.of("Бишкек", "Ош"), vm.cities());
        vm.cityFilterProperty().set(Set.of("Ош"));
        assertEquals(2, vm.shownProperty().get());
        vm.statusFilterProperty().set(Set.of(StationStatus.OFFLINE));
        assertEquals(List.of("OSH-2"), vm.rows().stream().map(Station::id).toList());
        vm.statusFilterProperty().set(Set.of());
        vm.cityFilterProperty().set(Set.of("Ош", "Бишкек"));
        assertEquals(4, vm.shownProperty().get(), "two cities at once");
        vm.cityFilterProperty().set(Set.of());
        vm.searchProperty().set("bis-2");
        assertEquals(List.of("BIS-2"), vm.rows().stream().map(Station::id).toList());
        assertEquals(4, vm.totalProperty().get());
    }

    @Test
    void aConnectedStationWithOnlyAFaultedConnectorIsShownFaulted_andTheStatusFilterFindsIt() {
        StationsViewModel state = TestNetwork.network();
        state.upsert(List.of(TestNetwork.faulted("BIS-3", "L1")));
        Station faulted = state.stations().stream().filter(s -> s.id().equals("BIS-3")).findFirst().orElseThrow();
        var vm = new NetworkOverviewViewModel(state);
        assertEquals(StationStatus.FAULTED, vm.state(faulted), "production calls it offline; its link is up");
        vm.statusFilterProperty().set(Set.of(StationStatus.FAULTED));
        assertEquals(List.of("BIS-3"), vm.rows().stream().map(Station::id).toList());
    }

    @Test
    void whenTheServerOrTheFeedIsLostTheOverviewAndTheMapSayTheSame_andTheRowsStay() {
        StationsViewModel state = TestNetwork.network();
        NetworkOverviewViewModel overview = new NetworkOverviewViewModel(state);
        Instant loaded = state.updatedAtProperty().get();
        state.failed("No connection to the server");
        assertTrue(overview.freshness().downProperty().get());
        assertEquals(loaded, overview.freshness().asOfProperty().get(), "the rows are as of the last good read");
        assertEquals(4, overview.shownProperty().get(), "what was known stays on screen");
        state.feed(true, null);
        assertTrue(overview.freshness().downProperty().get(), "a live feed does not replace a full read");
        state.replaceAll(new ArrayList<>(state.stations()));
        assertFalse(overview.freshness().downProperty().get(), "a good read ends it");
        state.feed(false, "Live station updates interrupted");
        assertEquals("Live station updates interrupted", overview.freshness().whyProperty().get());
        state.feed(true, null);
        assertFalse(overview.freshness().downProperty().get());
    }
}
