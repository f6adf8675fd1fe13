package kg.evpower.console.stations;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.concurrent.Worker;
import javafx.scene.layout.StackPane;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.StatusPalette;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.stations.tiles.LocalTileServer;
import netscape.javascript.JSObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The map drawn by Leaflet in a WebView, from the class path only: Leaflet and its clustering plugin (webjars), the
 * Natural Earth basemap and {@code map.js}. With a tile URL it also shows street tiles under the markers; when those
 * cannot load it says so through {@code onTilesFailed} and stays usable on the basemap. Everything here runs on the
 * FX thread; calls made before the page is ready are queued.
 */
public final class LeafletMapView extends StackPane {

    private static final Logger LOG = LoggerFactory.getLogger(LeafletMapView.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEAFLET = "/META-INF/resources/webjars/leaflet/1.9.4/dist/";
    private static final String CLUSTER = "/META-INF/resources/webjars/leaflet-markercluster/1.4.1/";
    private static final String OWN = "/kg/evpower/console/stations/map/";

    private final WebView web = new WebView();
    private final WebEngine engine = web.getEngine();
    private final List<String> queued = new ArrayList<>();
    private final Bridge bridge = new Bridge();   // strong reference: WebView only holds JS bridges weakly
    private boolean ready;
    private Consumer<String> onMarkerClicked = id -> { };
    private Consumer<String> onTilesFailed = why -> { };
    private Consumer<String> onScriptError = why -> { };
    /** Centre latitude, longitude, zoom, then south, west, north, east. */
    private Consumer<double[]> onViewChanged = v -> { };

    /** Called from JavaScript (FX thread). Public for the WebView's reflection. */
    public final class Bridge {
        public void markerClicked(String id) {
            onMarkerClicked.accept(id);
        }

        public void tilesFailed(String why) {
            onTilesFailed.accept(why);
        }

        public void jsError(String why) {
            LOG.warn("map script error: {}", why);
            onScriptError.accept(why);
        }

        public void viewChanged(String json) {
            try {
                var n = JSON.readTree(json);
                onViewChanged.accept(new double[] {n.path("lat").asDouble(), n.path("lon").asDouble(), n.path("zoom").asDouble(),
                    n.path("s").asDouble(), n.path("w").asDouble(), n.path("n").asDouble(), n.path("e").asDouble()});
            } catch (IOException e) {
                LOG.debug("bad view from the map: {}", json);
            }
        }
    }

    public LeafletMapView(Messages m, Formats f, List<MapCities.Place> cities, List<MapCities.Place> countries) {
        web.setContextMenuEnabled(false);
        getChildren().add(web);
        engine.setOnAlert(e -> LOG.info("map alert: {}", e.getData()));
        engine.setOnError(e -> onScriptError.accept(e.getMessage()));
        engine.getLoadWorker().stateProperty().addListener((o, a, b) -> {
            if (b == Worker.State.SUCCEEDED) {
                boot(m, f, cities, countries);
            } else if (b == Worker.State.FAILED) {
                onScriptError.accept("map page did not load");
            }
        });
        engine.load(LeafletMapView.class.getResource(OWN + "map.html").toExternalForm());
    }

    private void boot(Messages m, Formats f, List<MapCities.Place> cities, List<MapCities.Place> countries) {
        try {
            JSObject window = (JSObject) engine.executeScript("window");
            window.setMember("evpBridge", bridge);
            injectCss(read(LEAFLET + "leaflet.css") + read(CLUSTER + "MarkerCluster.css") + read(OWN + "map.css"));
            engine.executeScript(read(LEAFLET + "leaflet.js"));
            engine.executeScript(read(CLUSTER + "leaflet.markercluster.js"));
            engine.executeScript(read(OWN + "basemap.js"));
            engine.executeScript(read(OWN + "map.js"));
            Map<String, Object> cfg = new LinkedHashMap<>();
            Map<String, String> colors = new LinkedHashMap<>();
            Map<String, String> labels = new LinkedHashMap<>();
            for (LocationStatus s : LocationStatus.values()) {
                String key = s.name().toLowerCase();
                colors.put(key, StatusPalette.css(StatusPalette.of(s)));
                labels.put(key, f.locationStatus(s));
            }
            cfg.put("colors", colors);
            cfg.put("labels", labels);
            cfg.put("cities", cities);
            cfg.put("countries", countries);
            cfg.put("center", new double[] {41.5, 74.7});
            cfg.put("zoom", 7);
            cfg.put("basemapAttribution", m.get("map.attribution.basemap"));
            cfg.put("dark", dark);
            engine.executeScript("evp.init(" + JSON.writeValueAsString(cfg) + ")");
            ready = true;
            for (String js : queued) {
                engine.executeScript(js);
            }
            queued.clear();
        } catch (RuntimeException | IOException e) {
            LOG.warn("map did not start", e);
            onScriptError.accept(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void injectCss(String css) throws IOException {
        engine.executeScript("(function(c){var s=document.createElement('style');s.textContent=c;document.head.appendChild(s);})("
                + JSON.writeValueAsString(css) + ")");
    }

    private static String read(String resource) {
        try (InputStream in = LeafletMapView.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing on the class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean dark;

    /** Draws the land, the sea and the names in the dark theme's colours ({@code true}) or the light one's. */
    public void setDark(boolean on) {
        dark = on;
        run("evp.setDark(" + on + ")");
    }

    /** Follows {@code theme} (true: dark) for as long as this map lives; the map does not keep the theme alive. */
    public void followTheme(javafx.beans.value.ObservableBooleanValue theme) {
        setDark(theme.get());
        javafx.beans.value.ChangeListener<Boolean> follow = (o, a, b) -> setDark(b);
        getProperties().put("themeListener", follow); // held by the map, weakly by the theme
        theme.addListener(new javafx.beans.value.WeakChangeListener<>(follow));
    }

    /** Runs now when the page is ready, else as soon as it is. */
    private void run(String js) {
        if (ready) {
            try {
                engine.executeScript(js);
            } catch (RuntimeException e) {
                LOG.warn("map call failed: {}", e.getMessage());
                onScriptError.accept(e.getMessage());
            }
        } else {
            queued.add(js);
        }
    }

    /** Evaluates now (tests, diagnostics); null before the page is ready. */
    public Object eval(String js) {
        return ready ? engine.executeScript(js) : null;
    }

    public boolean isReady() {
        return ready;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> point(MapMarker m, Formats f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", m.id());
        p.put("lat", m.lat());
        p.put("lon", m.lon());
        p.put("status", m.status().name().toLowerCase());
        p.put("tip", escape(m.name()) + " — " + escape(f.locationStatus(m.status())) + " (" + m.counts().total() + ")");
        return p;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Marker changes not drawn yet, latest per location; a pulse draws at most {@link #PER_PULSE} of them. */
    private final Map<String, Map<String, Object>> pendingUpdates = new LinkedHashMap<>();
    private final java.util.Set<String> pendingRemovals = new java.util.LinkedHashSet<>();
    static final int PER_PULSE = 100;
    private final javafx.animation.AnimationTimer drawer = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long now) {
            flush();
        }
    };

    /** Draws a delta from the view model: a full set at once, changes spread over pulses so no frame stalls. */
    public void apply(MapViewModel.MarkerDelta d, Formats f) {
        if (d.full()) {
            pendingUpdates.clear();
            pendingRemovals.clear();
            run("evp.setMarkers(" + json(d.upserts().stream().map(m -> point(m, f)).toList()) + ")");
            return;
        }
        for (String id : d.removed()) {
            pendingUpdates.remove(id);
            pendingRemovals.add(id);
        }
        for (MapMarker m : d.upserts()) {
            pendingRemovals.remove(m.id());
            pendingUpdates.put(m.id(), point(m, f));
        }
        drawer.start();
    }

    private void flush() {
        if (!ready) {
            return;
        }
        if (!pendingRemovals.isEmpty()) {
            run("evp.remove(" + json(List.copyOf(pendingRemovals)) + ")");
            pendingRemovals.clear();
        }
        if (!pendingUpdates.isEmpty()) {
            List<Map<String, Object>> batch = new ArrayList<>(Math.min(PER_PULSE, pendingUpdates.size()));
            var it = pendingUpdates.values().iterator();
            while (it.hasNext() && batch.size() < PER_PULSE) {
                batch.add(it.next());
                it.remove();
            }
            run("evp.update(" + json(batch) + ")");
        }
        if (pendingUpdates.isEmpty() && pendingRemovals.isEmpty()) {
            drawer.stop();
        }
    }

    public void select(String locationId, boolean reveal) {
        run("evp.select(" + json(locationId) + "," + reveal + ")");
    }

    public void centerOn(double lat, double lon, int zoom) {
        run("evp.center(" + lat + "," + lon + "," + zoom + ")");
    }

    /** Street tiles loaded since the tile URL was last set; 0 before the page is ready. */
    public int tileLoads() {
        Object n = eval("JSON.parse(evp.tileStats()).loads");
        return n instanceof Number num ? num.intValue() : 0;
    }

    /** Reports the current view through {@code onViewChanged} again (when this map is shown after another one). */
    public void reportView() {
        run("window.evpBridge && window.evpBridge.viewChanged(JSON.stringify(evp.view()))");
    }

    public void fitAll() {
        run("evp.fit()");
    }

    /** Street tiles under the markers ({@code {z}/{x}/{y}} template), or none with a null URL. */
    public void setTiles(String urlTemplate, String attribution, int maxZoom) {
        run("evp.setTiles(" + json(urlTemplate) + "," + json(attribution) + "," + maxZoom + ")");
    }

    /** Local street tiles under the markers and over the basemap; null removes them. */
    public void setLocalTiles(LocalTileServer.Layer layer, String attribution) {
        if (layer == null) {
            run("evp.setLocalTiles(null)");
        } else {
            run("evp.setLocalTiles(" + json(layer.template()) + "," + json(layer.bounds()) + "," + layer.minZoom() + ","
                    + layer.maxZoom() + "," + json(attribution) + ")");
        }
    }

    public void setOnMarkerClicked(Consumer<String> c) {
        onMarkerClicked = c;
    }

    public void setOnTilesFailed(Consumer<String> c) {
        onTilesFailed = c;
    }

    public void setOnScriptError(Consumer<String> c) {
        onScriptError = c;
    }

    public void setOnViewChanged(Consumer<double[]> c) {
        onViewChanged = c;
    }
}
