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

/** What the map is drawn over, without a stage: providers, their fallback to the offline map, local tiles. */
class MapBackgroundViewModelTest {

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
    void aProviderThatDoesNotLoadInTimeGivesWayToTheOfflineMapWithAReason() {
        Messages m = new Messages("en");
        MapBackgroundViewModel vm = new MapBackgroundViewModel(tasks, tiles);
        vm.tileUrlProperty().set("https://tiles.example/{z}/{x}/{y}.png");
        vm.chosenProviderProperty().set(MapProvider.OSM);
        MapBackgroundViewModel.ActiveMap osm = vm.activeMapProperty().get();
        assertEquals(MapProvider.OSM, osm.provider());
        int[] tiles = {0};
        List<String> shown = new ArrayList<>();
        vm.loadStreetTiles(osm, shown::add, () -> tiles[0] > 0);
        assertEquals(List.of("https://tiles.example/{z}/{x}/{y}.png"), asked, "through the console's tile cache");
        assertEquals(List.of("http://127.0.0.1:9/{z}/{x}/{y}.png"), shown);
        tasks.advance(MapBackgroundViewModel.LOAD_GRACE.minusMillis(1));
        assertEquals(MapProvider.OSM, vm.activeMapProperty().get().provider(), "still in time");
        tasks.advance(Duration.ofMillis(1));
        assertEquals(MapProvider.OFFLINE, vm.activeMapProperty().get().provider());
        assertEquals(m.format("map.provider.fallback", m.get("map.provider.osm"), m.get("map.failure.noTiles")), vm.note(m));

        vm.chosenProviderProperty().set(MapProvider.OFFLINE);
        vm.chosenProviderProperty().set(MapProvider.OSM);
        vm.watchLoading(vm.activeMapProperty().get(), () -> tiles[0] > 0, "noTiles");
        tiles[0] = 1;
        tasks.advance(Duration.ofSeconds(5));
        assertEquals(MapProvider.OSM, vm.activeMapProperty().get().provider(), "a tile came: the street map stays");
        assertNull(vm.note(m));
    }

    @Test
    void googleWithoutAKeyAndATileUrlWithoutPlaceholdersFailAtOnce() {
        MapBackgroundViewModel vm = new MapBackgroundViewModel(tasks, tiles);
        vm.chosenProviderProperty().set(MapProvider.GOOGLE);
        assertEquals(MapProvider.OFFLINE, vm.activeMapProperty().get().provider());
        assertEquals("noKey", vm.failureProperty().get().reason());
        vm.tileUrlProperty().set("https://tiles.example/tile.png");
        vm.chosenProviderProperty().set(MapProvider.OSM);
        assertEquals("badUrl", vm.failureProperty().get().reason());
        vm.localTilesProperty().set("/tmp/streets.pmtiles");
        List<String> drawn = new ArrayList<>();
        vm.loadLocalTiles((layer, name) -> drawn.add(layer + " " + name));
        assertEquals(List.of("null streets.pmtiles"), drawn, "refused: nothing drawn");
        assertTrue(vm.note(new Messages("en")).contains("vector tiles cannot be drawn"));
    }
}
