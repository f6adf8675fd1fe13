package kg.evpower.console.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The map's decisions, without a stage: remembered filters, markers per location, owners, selection. */
class MapViewModelTest {

    private final SynchronousTaskExecutor tasks = new SynchronousTaskExecutor(Throwable::getMessage);
    private final List<String> asked = new ArrayList<>();
    /** A tile cache that serves every URL; local files are refused as vector tiles. */
    private final MapBackgroundViewModel.TileSources tiles = new MapBackgroundViewModel.TileSources() {
        @Override
        public String streetTiles(String upstream) {
            asked.add(upstream);
            return "http://127.0.0.1:9/{z}/{x}/{y}.png";
        }

        @Override
        public kg.evpower.console.stations.tiles.LocalTileServer.Layer localTiles(String path) {
            throw new IllegalStateException("vector tiles cannot be drawn");
        }
    };

    @Test
    void theMapsFiltersAreRememberedAndDecideTheMarkers() {
        StationsViewModel state = TestNetwork.network();
        StationFilter saved = new StationFilter(null, null, null, null, null, true, null, null);
        MapViewModel vm = new MapViewModel(state, () -> TestNetwork.NOW, true, saved, tasks, tiles);
        assertEquals(List.of("OSH-1"), vm.stations().stream().map(Station::id).toList(), "the saved filter applies at once");
        assertEquals(Set.of("L2"), vm.markers().keySet());
        List<StationFilter> remembered = new ArrayList<>();
        vm.filterProperty().addListener((o, a, b) -> remembered.add(b));
        vm.faultedOnlyProperty().set(false);
        vm.offlineMinutesProperty().set(60);
        assertEquals(List.of("OSH-2"), vm.stations().stream().map(Station::id).toList(), "silent for more than an hour");
        assertEquals(60, remembered.get(remembered.size() - 1).offlineMinutes());
        vm.clearFilters();
        assertEquals(3, vm.markers().size(), "one marker per location");
        assertEquals(LocationStatus.PARTIAL, vm.markers().get("L1").status(), "one free, one busy");
    }

    @Test
    void ownersAreAFilterForSupportStaffOnly() {
        StationFilter byOwner = new StationFilter(null, null, Set.of("o2"), null, null, false, null, null);
        MapViewModel support = new MapViewModel(TestNetwork.network(), () -> TestNetwork.NOW, true, byOwner, tasks, tiles);
        assertEquals(2, support.stations().size());
        assertEquals("Владелец o2", support.ownerName("o2"));
        MapViewModel owner = new MapViewModel(TestNetwork.network(), () -> TestNetwork.NOW, false, byOwner, tasks, tiles);
        assertEquals(4, owner.stations().size(), "an owner's console ignores a remembered owner filter");
        assertEquals(Set.of(), owner.ownerProperty().get());
    }

    @Test
    void selectingAStationSelectsItsLocationAndShowsItsDetails() {
        MapViewModel vm = new MapViewModel(TestNetwork.network(), () -> TestNetwork.NOW, true, StationFilter.ALL, tasks, tiles);
        vm.selectStation("BIS-2");
        assertEquals("L1", vm.selectedLocationProperty().get());
        assertEquals(List.of("BIS-1", "BIS-2"), vm.detailsProperty().get().stations().stream().map(Station::id).toList());
        vm.selectLocation(null);
        assertNull(vm.detailsProperty().get());
    }

    @Test
    void aConnectedStationWithOnlyAFaultedConnectorIsShownFaulted_andTheStatusFilterFindsIt() {
        StationsViewModel state = TestNetwork.network();
        state.upsert(List.of(TestNetwork.faulted("BIS-3", "L1")));
        Station faulted = state.stations().stream().filter(s -> s.id().equals("BIS-3")).findFirst().orElseThrow();
        var vm = new MapViewModel(state, () -> TestNetwork.NOW, true, StationFilter.ALL, tasks, tiles);
        assertEquals(StationStatus.FAULTED, vm.state(faulted), "production calls it offline; its link is up");
        vm.statusProperty().set(Set.of(StationStatus.FAULTED));
        assertEquals(List.of("BIS-3"), vm.stations().stream().map(Station::id).toList());
        assertEquals(LocationStatus.FAULTED, vm.markers().get("L1").status(), "its location takes the fault colour");
    }

    @Test
    void severalStatusesAndCitiesAtOnce_andAFilterSavedWithOneValueIsReadAsASetOfOne() throws Exception {
        MapViewModel vm = new MapViewModel(TestNetwork.network(), () -> TestNetwork.NOW, true, StationFilter.ALL, tasks, tiles);
        vm.cityProperty().set(Set.of("Бишкек", "Ош"));
        assertEquals(4, vm.stations().size(), "both cities");
        vm.statusProperty().set(Set.of(StationStatus.OFFLINE, StationStatus.AVAILABLE));
        assertTrue(vm.stations().stream().allMatch(s -> Set.of(StationStatus.OFFLINE, StationStatus.AVAILABLE).contains(vm.state(s))));
        assertTrue(vm.stations().stream().anyMatch(s -> vm.state(s) == StationStatus.OFFLINE));
        assertEquals(Set.of(StationStatus.OFFLINE, StationStatus.AVAILABLE), vm.filterProperty().get().status());

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        StationFilter old = json.readValue("{\"status\":\"OFFLINE\",\"city\":\"Ош\",\"ownerId\":null,\"connectorType\":\"\","
                + "\"faultedOnly\":false}", StationFilter.class);
        assertEquals(Set.of(StationStatus.OFFLINE), old.status());
        assertEquals(Set.of("Ош"), old.city());
        assertEquals(Set.of(), old.ownerId(), "null is any");
        assertEquals(Set.of(), old.connectorType(), "blank is any");
        StationFilter back = json.readValue(json.writeValueAsString(vm.filterProperty().get()), StationFilter.class);
        assertEquals(vm.filterProperty().get(), back, "saved and read again unchanged");
    }
}
