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

/** The overview's and the map's decisions, without a stage: filters, markers, selection, providers and their fallback. */
class StationsViewModelsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
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

    private static Station st(String id, String loc, String city, StationStatus status, String owner, ConnectorStatus connector, Instant heartbeat) {
        return new Station(id, null, "M", "X", loc, "Место " + loc, null, city, 42.87, 74.6, new BigDecimal("22"), status, "active",
                status != StationStatus.OFFLINE, heartbeat, null, ConnectorCounts.NONE,
                List.of(new Connector(1, "Type2", new BigDecimal("22"), connector, connector == ConnectorStatus.FAULTED ? "GroundFailure" : "NoError",
                        null, null)), owner, owner == null ? null : "Владелец " + owner, true);
    }

    private static StationsViewModel network() {
        StationsViewModel state = new StationsViewModel();
        state.replaceAll(List.of(
                st("BIS-1", "L1", "Бишкек", StationStatus.AVAILABLE, "o1", ConnectorStatus.AVAILABLE, NOW),
                st("BIS-2", "L1", "Бишкек", StationStatus.OCCUPIED, "o1", ConnectorStatus.OCCUPIED, NOW),
                st("OSH-1", "L2", "Ош", StationStatus.MAINTENANCE, "o2", ConnectorStatus.FAULTED, NOW),
                st("OSH-2", "L3", "Ош", StationStatus.OFFLINE, "o2", ConnectorStatus.UNAVAILABLE, NOW.minus(Duration.ofHours(2)))));
        return state;
    }

    @Test
    void theOverviewFiltersByStatusCityAndTextAndCountsWhatItShows() {
        NetworkOverviewViewModel vm = new NetworkOverviewViewModel(network());
        assertEquals(4, vm.shownProperty().get());
        assertEquals(List.of("Бишкек", "Ош"), vm.cities());
        vm.cityFilterProperty().set("Ош");
        assertEquals(2, vm.shownProperty().get());
        vm.statusFilterProperty().set(StationStatus.OFFLINE);
        assertEquals(List.of("OSH-2"), vm.rows().stream().map(Station::id).toList());
        vm.statusFilterProperty().set(null);
        vm.cityFilterProperty().set(null);
        vm.searchProperty().set("bis-2");
        assertEquals(List.of("BIS-2"), vm.rows().stream().map(Station::id).toList());
        assertEquals(4, vm.totalProperty().get());
    }

    @Test
    void theMapsFiltersAreRememberedAndDecideTheMarkers() {
        StationsViewModel state = network();
        StationFilter saved = new StationFilter(null, null, null, null, null, true, null, null);
        MapViewModel vm = new MapViewModel(state, () -> NOW, true, saved, tasks, tiles);
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
        StationFilter byOwner = new StationFilter(null, null, "o2", null, null, false, null, null);
        MapViewModel support = new MapViewModel(network(), () -> NOW, true, byOwner, tasks, tiles);
        assertEquals(2, support.stations().size());
        assertEquals("Владелец o2", support.ownerName("o2"));
        MapViewModel owner = new MapViewModel(network(), () -> NOW, false, byOwner, tasks, tiles);
        assertEquals(4, owner.stations().size(), "an owner's console ignores a remembered owner filter");
        assertNull(owner.ownerProperty().get());
    }

    @Test
    void selectingAStationSelectsItsLocationAndShowsItsDetails() {
        MapViewModel vm = new MapViewModel(network(), () -> NOW, true, StationFilter.ALL, tasks, tiles);
        vm.selectStation("BIS-2");
        assertEquals("L1", vm.selectedLocationProperty().get());
        assertEquals(List.of("BIS-1", "BIS-2"), vm.detailsProperty().get().stations().stream().map(Station::id).toList());
        vm.selectLocation(null);
        assertNull(vm.detailsProperty().get());
    }

    @Test
    void aProviderThatDoesNotLoadInTimeGivesWayToTheOfflineMapWithAReason() {
        Messages m = new Messages("en");
        MapViewModel vm = new MapViewModel(network(), () -> NOW, true, StationFilter.ALL, tasks, tiles);
        vm.background().tileUrlProperty().set("https://tiles.example/{z}/{x}/{y}.png");
        vm.background().chosenProviderProperty().set(MapProvider.OSM);
        MapBackgroundViewModel.ActiveMap osm = vm.background().activeMapProperty().get();
        assertEquals(MapProvider.OSM, osm.provider());
        int[] tiles = {0};
        List<String> shown = new ArrayList<>();
        vm.background().loadStreetTiles(osm, shown::add, () -> tiles[0] > 0);
        assertEquals(List.of("https://tiles.example/{z}/{x}/{y}.png"), asked, "through the console's tile cache");
        assertEquals(List.of("http://127.0.0.1:9/{z}/{x}/{y}.png"), shown);
        tasks.advance(MapBackgroundViewModel.LOAD_GRACE.minusMillis(1));
        assertEquals(MapProvider.OSM, vm.background().activeMapProperty().get().provider(), "still in time");
        tasks.advance(Duration.ofMillis(1));
        assertEquals(MapProvider.OFFLINE, vm.background().activeMapProperty().get().provider());
        assertEquals(m.format("map.provider.fallback", m.get("map.provider.osm"), m.get("map.failure.noTiles")), vm.background().note(m));

        vm.background().chosenProviderProperty().set(MapProvider.OFFLINE);
        vm.background().chosenProviderProperty().set(MapProvider.OSM);
        vm.background().watchLoading(vm.background().activeMapProperty().get(), () -> tiles[0] > 0, "noTiles");
        tiles[0] = 1;
        tasks.advance(Duration.ofSeconds(5));
        assertEquals(MapProvider.OSM, vm.background().activeMapProperty().get().provider(), "a tile came: the street map stays");
        assertNull(vm.background().note(m));
    }

    @Test
    void googleWithoutAKeyAndATileUrlWithoutPlaceholdersFailAtOnce() {
        MapViewModel vm = new MapViewModel(network(), () -> NOW, true, StationFilter.ALL, tasks, tiles);
        vm.background().chosenProviderProperty().set(MapProvider.GOOGLE);
        assertEquals(MapProvider.OFFLINE, vm.background().activeMapProperty().get().provider());
        assertEquals("noKey", vm.background().failureProperty().get().reason());
        vm.background().tileUrlProperty().set("https://tiles.example/tile.png");
        vm.background().chosenProviderProperty().set(MapProvider.OSM);
        assertEquals("badUrl", vm.background().failureProperty().get().reason());
        vm.background().localTilesProperty().set("/tmp/streets.pmtiles");
        List<String> drawn = new ArrayList<>();
        vm.background().loadLocalTiles((layer, name) -> drawn.add(layer + " " + name));
        assertEquals(List.of("null streets.pmtiles"), drawn, "refused: nothing drawn");
        assertTrue(vm.background().note(new Messages("en")).contains("vector tiles cannot be drawn"));
    }
}
