package kg.evpower.console.stations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.domain.LocationUpdate;
import kg.evpower.console.domain.Station;
import kg.evpower.console.fx.FxCoalescer;
import kg.evpower.console.fx.Persist;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.live.LocationsFeed;
import kg.evpower.console.shell.Feature;
import kg.evpower.console.shell.MainView;
import kg.evpower.console.shell.Workspace;
import kg.evpower.console.stations.tiles.LocalTileServer;
import kg.evpower.console.stations.tiles.LocalTilesException;
import kg.evpower.console.stations.tiles.TileServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stations feature: the network the console knows (one {@link StationsViewModel} shared by the overview table and
 * the map), kept fresh by the locations feed and {@link NetworkService}; the map's tile servers. Offers its station
 * list to neighbours ({@link #onStations}) and the feed's state for the status bar ({@link #liveStatus()}).
 */
public final class StationsFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(StationsFeature.class);

    private final Workspace ws;
    private final StationsViewModel state = new StationsViewModel();
    private final NetworkOverviewViewModel overview;
    private final MapViewModel map;
    private final NetworkService service;
    private final LocationsFeed feed;
    private final FxCoalescer<String, Station> stations;
    private final FxCoalescer<String, LocationUpdate> liveUpdates;
    private final StringProperty live;
    private final List<Consumer<List<Station>>> listeners = new CopyOnWriteArrayList<>();
    /** While the map is on screen, only locations on it (or selected) are re-fetched on a live update. */
    private final AtomicReference<Set<String>> interesting = new AtomicReference<>();
    /** The south, west, north, east of the map's view, or null before the map was shown. */
    private volatile double[] lastMapBounds;
    private final Map<String, TileServer> tileServers = new ConcurrentHashMap<>();
    private final LocalTileServer.Current localTileServer = new LocalTileServer.Current();
    private final StationActionsViewModel actions;

    public StationsFeature(Workspace ws) {
        this.ws = ws;
        this.actions = new StationActionsViewModel(ws.messages(), ws.formats(), StationCommandsGateway.over(ws.api()), ws.tasks(),
                ws.account().role(), ws.caps().stationCommands(), Instant::now);
        state.onChange(actions::observe);
        this.live = new SimpleStringProperty(ws.messages().get("status.live.connecting"));
        overview = new NetworkOverviewViewModel(state);
        map = new MapViewModel(state, Instant::now, ws.superadmin(), ws.remembered().get("mapFilter", StationFilter.class), ws.tasks(),
                new MapBackgroundViewModel.TileSources() {
                    @Override
                    public String streetTiles(String upstream) throws java.io.IOException {
                        return tileTemplate(upstream);
                    }

                    @Override
                    public LocalTileServer.Layer localTiles(String path) {
                        return openLocalTiles(path);
                    }
                });
        map.filterProperty().addListener((o, a, b) -> ws.remembered().put("mapFilter", b));
        // the sandbox starts on the offline map; a real server on OpenStreetMap (falling back by itself)
        Persist.bind(map.background().chosenProviderProperty(), ws.remembered(), "mapProvider", MapProvider.class,
                ws.sandbox() ? MapProvider.OFFLINE : MapProvider.OSM);
        Persist.bind(map.background().tileUrlProperty(), ws.remembered(), "tileUrl", String.class, null);
        String key = ws.remembered().get("googleMapsKey", String.class);
        if (key != null) {
            map.background().googleKeyProperty().set(key);
        }
        map.background().googleKeyProperty().addListener((o, a, b) -> ws.remembered().put("googleMapsKey", b == null || b.isBlank() ? null : b));
        Persist.bind(map.background().localTilesProperty(), ws.remembered(), "localTiles", String.class, null);
        stations = new FxCoalescer<>(batch -> state.upsert(batch.values()));
        liveUpdates = new FxCoalescer<>(batch -> map.onLiveUpdate(batch.values()));
        service = new NetworkService(ws.api(), ws.caps(), ws.io(), new NetworkService.Sink() {
            @Override
            public void replaceAll(List<Station> all) {
                listeners.forEach(l -> l.accept(all));
                Platform.runLater(() -> state.replaceAll(all));
            }

            @Override
            public void upsert(List<Station> changed) {
                listeners.forEach(l -> l.accept(changed));
                changed.forEach(s -> stations.offer(s.id(), s));
            }

            @Override
            public void failed(ApiException error) {
                Platform.runLater(() -> state.failed(ErrorTexts.of(ws.messages(), error)));
                if (error.kind() == ApiException.Kind.UNAUTHORIZED) {
                    Platform.runLater(ws.sessionEnded());
                }
            }
        }, 500);
        service.setWorthFetching(id -> {
            Set<String> only = interesting.get();
            return only == null || only.contains(id);
        });
        map.selectedStationProperty().addListener((o, a, b) -> service.watchStation(b, Duration.ofSeconds(15)));
        map.selectedLocationProperty().addListener((o, a, b) -> interesting.set(visibleOnMap(lastMapBounds)));
        feed = new LocationsFeed(ws.api().stations()::locationsSocket, ws.io(), new LocationsFeed.Listener() {
            @Override
            public void onState(LocationsFeed.State s, int failed, Duration next) {
                String text = ws.feedText("status.live", s, next);
                String lost = ws.messages().get("stale.stationsFeed");
                Platform.runLater(() -> {
                    live.set(text);
                    state.feed(Workspace.connected(s), lost);
                });
            }

            @Override
            public void onUpdate(LocationUpdate update) {
                liveUpdates.offer(update.locationId(), update);
                service.onUpdate(update);
            }

            @Override
            public void onResync(boolean firstConnect) {
                if (!firstConnect) {
                    service.reloadSoon();
                }
            }
        }, Duration.ofSeconds(1));
    }

    /**
     * Station actions on a screen of its own (the map's cards here; the session's detail for a neighbour): the same
     * commands, answers and histories, one view per screen. FX thread.
     */
    public StationActionsView actionsView() {
        return new StationActionsView(actions, ws.messages(), ws.formats());
    }

    /** The station as the console knows it now, or null. */
    public Station station(String id) {
        return state.station(id);
    }

    /** Selects the station on the map and has the map go to it (FX thread); the caller brings the map's screen forward. */
    public void showOnMap(String stationId) {
        map.reveal(stationId);
    }

    /** {@code listener} hears every batch of stations the service learns (off the FX thread). */
    public void onStations(Consumer<List<Station>> listener) {
        listeners.add(listener);
    }

    /** The locations feed's state, in words, for the status bar. */
    public ReadOnlyStringProperty liveStatus() {
        return live;
    }

    /** The map's screen is shown ({@code true}) or left: while shown, only what is on it is re-fetched. */
    public void shown(boolean mapOnScreen) {
        interesting.set(mapOnScreen ? visibleOnMap(lastMapBounds) : null);
    }

    @Override
    public List<MainView.NavItem> screens() {
        return List.of(
                new MainView.NavItem("overview", ws.messages().get("nav.overview"), "mdi2v-view-list",
                        () -> new NetworkOverviewView(overview, ws.messages(), ws.formats(), sourceNote()), service::reloadSoon),
                new MainView.NavItem("map", ws.messages().get("nav.map"), "mdi2m-map-marker-radius", this::mapView, service::reloadSoon));
    }

    /**
     * Where the stations come from: the operator API, or today's public API, which carries no owner, so an owner or an
     * operator is told that the whole network is shown and why.
     */
    String sourceNote() {
        if (service.operatorApi()) {
            return ws.messages().get("overview.mode.operator");
        }
        String note = ws.messages().get("overview.mode.public");
        return ws.superadmin() ? note : note + " " + ws.messages().get("overview.mode.publicNoOwner");
    }

    private Node mapView() {
        String language = ws.messages().locale().getLanguage();
        LeafletMapView leaflet = new LeafletMapView(ws.messages(), ws.formats(), MapCities.cities(language), MapCities.countries(language));
        leaflet.followTheme(ws.dark());
        MapView view = new MapView(map, ws.messages(), ws.formats(), leaflet, ws.browser(), actionsView());
        view.setOnViewChanged(v -> {
            lastMapBounds = v;
            interesting.set(visibleOnMap(v));
        });
        return view;
    }

    /** The loopback template for an upstream tile URL, starting its disk-cached tile server once (blocking). */
    private String tileTemplate(String upstream) throws java.io.IOException {
        TileServer server = tileServers.get(upstream);
        if (server == null) {
            server = new TileServer(upstream, ws.cache().resolve("tiles"), "EvPowerConsole/1.0 (+https://ocpp.evpower.kg)");
            TileServer raced = tileServers.putIfAbsent(upstream, server);
            if (raced != null) {
                server.close();
                server = raced;
            }
        }
        return server.template();
    }

    /**
     * Opens a local MBTiles/PMTiles file and serves it on loopback (blocking). Fails with the file's problem in the
     * operator's language; the detail goes to the log.
     */
    private LocalTileServer.Layer openLocalTiles(String path) {
        try {
            return localTileServer.open(path);
        } catch (LocalTilesException e) {
            LOG.info("local tiles {} not usable: {}", path, e.toString());
            throw new IllegalStateException(ws.messages().get("map.localTiles.reason." + e.reason().name().toLowerCase(Locale.ROOT)));
        }
    }

    /** Location ids on screen now plus the selected one (FX thread); null (everything) while the view is not known yet. */
    private Set<String> visibleOnMap(double[] b) {
        return b == null ? null : map.locationsWithin(b[3], b[4], b[5], b[6]);
    }

    @Override
    public void start() {
        stations.start();
        liveUpdates.start();
        service.start();
        feed.start();
    }

    @Override
    public void stop() {
        feed.close();
        service.stop();
        stations.stop();
        liveUpdates.stop();
        tileServers.values().forEach(TileServer::close);
        tileServers.clear();
        localTileServer.close();
    }
}
