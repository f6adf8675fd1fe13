package kg.evpower.console.stations;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import kg.evpower.console.fx.BackgroundTask;
import kg.evpower.console.fx.TaskExecutor;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.stations.tiles.LocalTileServer;

/**
 * What the map is drawn over: the provider chosen (offline, OpenStreetMap, Google) with its tile URL and key, local
 * street tiles under the offline map, and the fallback: a provider that cannot load gives way to the offline map with
 * one line saying why. Filters and selection live in {@link MapViewModel}, so they survive the switch.
 */
public final class MapBackgroundViewModel {

    /**
     * The map to show and what it needs: the tile URL for OpenStreetMap, the key for Google. A new value whenever any
     * of them changes, so the view reconfigures on one event.
     */
    public record ActiveMap(MapProvider provider, String tileUrl, String googleKey) {
        static final ActiveMap OFFLINE = new ActiveMap(MapProvider.OFFLINE, null, null);
    }

    /** A provider that could not load and why (a message key suffix). */
    public record Failure(MapProvider provider, String reason) {
    }

    /** OpenStreetMap's standard tiles (their usage policy asks for a real User-Agent and light use). */
    public static final String DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    private final ObjectProperty<MapProvider> chosenProvider = new SimpleObjectProperty<>(MapProvider.OFFLINE);
    private final ObjectProperty<ActiveMap> activeMap = new SimpleObjectProperty<>(ActiveMap.OFFLINE);
    private final StringProperty tileUrl = new SimpleStringProperty(DEFAULT_TILES);
    private final StringProperty googleKey = new SimpleStringProperty("");
    private final StringProperty localTiles = new SimpleStringProperty();
    private final StringProperty localTilesError = new SimpleStringProperty();
    private final ObjectProperty<Failure> failure = new SimpleObjectProperty<>();

    /** How long a provider gets to show that it loads (a first tile, Google's script) before the offline map takes over. */
    public static final Duration LOAD_GRACE = Duration.ofSeconds(3);

    private final TaskExecutor tasks;
    private BackgroundTask.Handle watchdog;

    /** Where the street tiles come from (blocking; called off the FX thread). */
    public interface TileSources {
        /** The loopback URL template serving {@code upstream}'s tiles through the disk cache. */
        String streetTiles(String upstream) throws Exception;

        /** A local MBTiles/PMTiles file served on loopback; fails with the file's problem in the operator's language. */
        LocalTileServer.Layer localTiles(String path) throws Exception;
    }

    private final TileSources tiles;

    public MapBackgroundViewModel(TaskExecutor tasks, TileSources tiles) {
        this.tasks = tasks;
        this.tiles = tiles;
        chosenProvider.addListener((o, a, b) -> activateProvider());
        tileUrl.addListener((o, a, b) -> activateProvider());
        googleKey.addListener((o, a, b) -> activateProvider());
    }

    /** Uses the chosen provider (it runs by itself whenever the choice, the key or the tile URL changes). */
    private void activateProvider() {
        MapProvider want = chosenProvider.get() == null ? MapProvider.OFFLINE : chosenProvider.get();
        failure.set(null);
        switch (want) {
            case OSM -> {
                if (tileUrl.get() == null || !tileUrl.get().contains("{z}")) {
                    fail(MapProvider.OSM, "badUrl");
                } else {
                    activeMap.set(new ActiveMap(MapProvider.OSM, tileUrl.get(), null));
                }
            }
            case GOOGLE -> {
                if (googleKey.get() == null || googleKey.get().isBlank()) {
                    fail(MapProvider.GOOGLE, "noKey");
                } else {
                    activeMap.set(new ActiveMap(MapProvider.GOOGLE, null, googleKey.get()));
                }
            }
            default -> activeMap.set(ActiveMap.OFFLINE);
        }
    }

    /**
     * The active provider could not load (no key, no network, script or tile errors): the offline map takes over,
     * with one line saying why. Filters and selection live here, so they survive the switch. A late report from a
     * provider no longer shown changes nothing.
     */
    public void providerFailed(MapProvider which, String reasonKey) {
        if (which != MapProvider.OFFLINE && activeMap.get().provider() == which) {
            fail(which, reasonKey);
        }
    }

    /**
     * The map started loading {@code active} (its tiles, Google's script): unless {@code loaded} answers true within
     * {@link #LOAD_GRACE}, the provider failed for {@code reasonKey} (GMapsFX never reports a script that does not
     * come, and a tile server that does not answer is silent too). A later start, or another map, replaces the watch.
     */
    public void watchLoading(ActiveMap active, BooleanSupplier loaded, String reasonKey) {
        stopWatching();
        watchdog = tasks.schedule(LOAD_GRACE, false, () -> {
            if (activeMap.get() == active && !loaded.getAsBoolean()) {
                providerFailed(active.provider(), reasonKey);
            }
        });
    }

    /**
     * Starts the street map {@code active}: its tile server is made (off the FX thread), {@code show} is given its
     * template while {@code active} is still the map chosen, and unless a tile loads ({@code loaded}) within
     * {@link #LOAD_GRACE} the offline map takes over, as it does when the tile server cannot be made.
     */
    public void loadStreetTiles(ActiveMap active, Consumer<String> show, BooleanSupplier loaded) {
        BackgroundTask.of(() -> tiles.streetTiles(active.tileUrl())).onSuccess(template -> {
            if (activeMap.get() == active) { // not when another map was chosen meanwhile
                show.accept(template);
                watchLoading(active, loaded, "noTiles");
            }
        }).onFailure(text -> providerFailed(MapProvider.OSM, "noTiles")).executeWith(tasks);
    }

    /**
     * The local street tiles to draw under the offline map, when it is shown (also as a stand-in for a provider that
     * failed): {@code show} gets the layer and the file's name, or nulls when there is none or the file is refused,
     * whose reason goes to {@link #localTilesErrorProperty()}.
     */
    public void loadLocalTiles(BiConsumer<LocalTileServer.Layer, String> show) {
        String path = localTiles.get();
        if (path == null || path.isBlank() || activeMap.get().provider() != MapProvider.OFFLINE) {
            show.accept(null, null);
            localTilesError.set(null);
            return;
        }
        String name = java.nio.file.Path.of(path).getFileName().toString();
        BackgroundTask.of(() -> tiles.localTiles(path)).onSuccess(layer -> {
            if (path.equals(localTiles.get()) && activeMap.get().provider() == MapProvider.OFFLINE) {
                localTilesError.set(null);
                show.accept(layer, name);
            }
        }).onFailure(text -> {
            if (path.equals(localTiles.get()) && activeMap.get().provider() == MapProvider.OFFLINE) {
                localTilesError.set(text);
                show.accept(null, name);
            }
        }).executeWith(tasks);
    }

    public void stopWatching() {
        if (watchdog != null) {
            watchdog.cancel();
            watchdog = null;
        }
    }

    /** The one line over the map: why the chosen provider gave way, and what is wrong with the local tiles; null when nothing is. */
    public String note(Messages m) {
        Failure failed = failure.get();
        String fallback = failed == null ? null : m.format("map.provider.fallback",
                m.get("map.provider." + failed.provider().name().toLowerCase(Locale.ROOT)), m.get("map.failure." + failed.reason()));
        String local = localTilesError.get() == null ? null : m.format("map.settings.localTiles.bad", localTilesError.get());
        return fallback == null ? local : local == null ? fallback : fallback + "\n" + local;
    }

    private void fail(MapProvider which, String reasonKey) {
        failure.set(new Failure(which, reasonKey));
        activeMap.set(ActiveMap.OFFLINE);
    }

    /** The provider that failed last and why, for the one-line note; null when none. */
    public ObjectProperty<Failure> failureProperty() {
        return failure;
    }

    public ObjectProperty<ActiveMap> activeMapProperty() {
        return activeMap;
    }

    public ObjectProperty<MapProvider> chosenProviderProperty() {
        return chosenProvider;
    }

    public StringProperty tileUrlProperty() {
        return tileUrl;
    }

    /** The Google Maps API key from the map settings; blank when none. */
    public StringProperty googleKeyProperty() {
        return googleKey;
    }

    /** Path of a local MBTiles/PMTiles file drawn under the offline map; null or blank for none. */
    public StringProperty localTilesProperty() {
        return localTiles;
    }

    /** Why the local tiles file could not be used (for the map's note); null when it is fine or not set. */
    public StringProperty localTilesErrorProperty() {
        return localTilesError;
    }
}
