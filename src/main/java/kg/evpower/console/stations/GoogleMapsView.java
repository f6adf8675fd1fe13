package kg.evpower.console.stations;

import com.dlsc.gmapsfx.GoogleMapView;
import com.dlsc.gmapsfx.javascript.JavascriptObject;
import com.dlsc.gmapsfx.javascript.event.MapStateEventType;
import com.dlsc.gmapsfx.javascript.event.UIEventType;
import com.dlsc.gmapsfx.javascript.object.GMapObjectType;
import com.dlsc.gmapsfx.javascript.object.GoogleMap;
import com.dlsc.gmapsfx.javascript.object.LatLong;
import com.dlsc.gmapsfx.javascript.object.LatLongBounds;
import com.dlsc.gmapsfx.javascript.object.MapOptions;
import com.dlsc.gmapsfx.javascript.object.MapTypeIdEnum;
import com.dlsc.gmapsfx.javascript.object.Marker;
import com.dlsc.gmapsfx.javascript.object.MarkerOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.StatusPalette;
import netscape.javascript.JSObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Maps through GMapsFX, with the console's markers: one palette, clusters with a count per status (from
 * {@link GridClusterer}, since GMapsFX has no clustering that can show statuses), selection and centring.
 *
 * <p>GMapsFX is given our own page ({@code google.html}), which loads Google's script only when asked, with the key
 * and the console's language, and reports back whether it loaded: a script that cannot be fetched, a rejected key
 * ({@code gm_authFailure}) or a script error call {@link #setOnFailed}. GMapsFX itself never says anything when
 * Google's script is missing; the caller keeps a watchdog for that.
 */
public final class GoogleMapsView extends StackPane {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleMapsView.class);
    private static final String PAGE = "/kg/evpower/console/stations/map/google.html";

    private final GoogleMapView view;
    private final Formats f;
    private final GridClusterer clusterer = new GridClusterer(56);
    /** Drawn markers by what they show (group key, status or counts, selection): a change draws a new one. */
    private final Map<String, Marker> drawn = new HashMap<>();
    private final Map<String, MapMarker> markers = new HashMap<>();
    /** Held here: the page keeps only a weak reference to it. */
    private final Bridge bridge = new Bridge();
    private final PauseTransition redrawSoon = new PauseTransition(Duration.millis(150));
    private GoogleMap map;
    private String selectedId;
    private boolean failed;
    private Runnable onReady = () -> { };
    private Consumer<String> onFailed = why -> { };
    private Consumer<String> onMarkerClicked = id -> { };
    private Consumer<double[]> onViewChanged = v -> { };

    /** Called from the page, on the FX thread. */
    public final class Bridge {
        public void ready(String ignored) {
            createMap();
        }

        public void failed(String why) {
            fail(why);
        }
    }

    public GoogleMapsView(String key, String language, Formats f) {
        this.f = f;
        view = new GoogleMapView(PAGE, language, "KG", key, false);
        view.getWebview().setContextMenuEnabled(false);
        // with a page of its own GMapsFX reports "initialised" once the page is loaded; Google's script comes next
        view.addMapInitializedListener(() -> {
            try {
                JSObject window = (JSObject) view.getWebview().getEngine().executeScript("window");
                window.setMember("evpGoogleBridge", bridge);
                window.call("evpLoadGoogle", key, language, "KG");
            } catch (RuntimeException e) {
                fail("script: " + e.getMessage());
            }
        });
        redrawSoon.setOnFinished(e -> redraw());
        getChildren().add(view);
    }

    public void setOnReady(Runnable r) {
        onReady = r;
    }

    public void setOnFailed(Consumer<String> c) {
        onFailed = c;
    }

    /** The view after every move: centre lat, lon, zoom, then south, west, north, east (as the offline map reports it). */
    public void setOnViewChanged(Consumer<double[]> c) {
        onViewChanged = c;
    }

    public void setOnMarkerClicked(Consumer<String> c) {
        onMarkerClicked = c;
    }

    public boolean isReady() {
        return map != null;
    }

    private void fail(String why) {
        if (failed) {
            return;
        }
        failed = true;
        LOG.info("Google Maps did not load: {}", why);
        onFailed.accept(why.startsWith("script") ? "script" : why);
    }

    private void createMap() {
        if (map != null || failed) {
            return;
        }
        try {
            MapOptions o = new MapOptions().center(new LatLong(41.5, 74.7)).zoom(7).mapType(MapTypeIdEnum.ROADMAP)
                    .streetViewControl(false).mapTypeControl(false).fullscreenControl(false).clickableIcons(false);
            map = view.createMap(o);
            map.addStateEventHandler(MapStateEventType.idle, this::redraw);
            onReady.run();
            if (!markers.isEmpty()) {
                fitAll();
            }
        } catch (RuntimeException e) {
            fail("script: " + e.getMessage());
        }
    }

    /** Applies a delta from the view model; the drawing follows at most every 150 ms. */
    public void apply(MapViewModel.MarkerDelta d) {
        boolean first = markers.isEmpty();
        if (d.full()) {
            markers.clear();
        }
        d.removed().forEach(markers::remove);
        d.upserts().forEach(mk -> markers.put(mk.id(), mk));
        if (first && map != null && !markers.isEmpty()) {
            fitAll();
        }
        redrawSoon.playFromStart();
    }

    public void select(String locationId, boolean reveal) {
        selectedId = locationId;
        MapMarker mk = locationId == null ? null : markers.get(locationId);
        if (reveal && mk != null) {
            centerOn(mk.lat(), mk.lon(), 15);
        } else {
            redrawSoon.playFromStart();
        }
    }

    public void centerOn(double lat, double lon, int zoom) {
        if (map != null) {
            map.setZoom(zoom);
            map.setCenter(new LatLong(lat, lon));
        }
    }

    public void fitAll() {
        if (map == null || markers.isEmpty()) {
            return;
        }
        double s = 90;
        double w = 180;
        double n = -90;
        double e = -180;
        for (MapMarker mk : markers.values()) {
            s = Math.min(s, mk.lat());
            n = Math.max(n, mk.lat());
            w = Math.min(w, mk.lon());
            e = Math.max(e, mk.lon());
        }
        map.fitBounds(new LatLongBounds(new LatLong(s, w), new LatLong(n, e)));
    }

    /** Re-clusters what is in view and draws only what changed. */
    private void redraw() {
        if (map == null) {
            return;
        }
        try {
            LatLongBounds b = map.getBounds();
            GridClusterer.View inView = b == null ? null : new GridClusterer.View(b.getSouthWest().getLatitude(),
                    b.getSouthWest().getLongitude(), b.getNorthEast().getLatitude(), b.getNorthEast().getLongitude()).grown(0.25);
            if (b != null) {
                LatLong c = map.getCenter();
                onViewChanged.accept(new double[] {c.getLatitude(), c.getLongitude(), map.getZoom(), b.getSouthWest().getLatitude(),
                    b.getSouthWest().getLongitude(), b.getNorthEast().getLatitude(), b.getNorthEast().getLongitude()});
            }
            List<GridClusterer.Group> groups = clusterer.cluster(markers.values(), map.getZoom(), inView);
            Map<String, Marker> next = new HashMap<>();
            List<Marker> added = new ArrayList<>();
            for (GridClusterer.Group g : groups) {
                boolean selected = g.members().stream().anyMatch(mk -> mk.id().equals(selectedId));
                String key = g.key() + "|" + g.counts() + (selected ? "|sel" : "");
                Marker marker = drawn.remove(key);
                if (marker == null) {
                    marker = marker(g, selected);
                    added.add(marker);
                    map.addMarker(marker);
                    map.addUIEventHandler(marker, UIEventType.click, event -> clicked(g));
                }
                next.put(key, marker);
            }
            map.removeMarkers(new ArrayList<>(drawn.values()));
            drawn.clear();
            drawn.putAll(next);
        } catch (RuntimeException e) {
            LOG.warn("Google map redraw failed: {}", e.getMessage());
        }
    }

    private void clicked(GridClusterer.Group g) {
        if (g.single()) {
            onMarkerClicked.accept(g.members().get(0).id());
        } else {
            centerOn(g.lat(), g.lon(), (int) Math.min(GridClusterer.NO_CLUSTERS_FROM_ZOOM, map.getZoom() + 2));
        }
    }

    private Marker marker(GridClusterer.Group g, boolean selected) {
        int size;
        String svg;
        String title;
        if (g.single()) {
            MapMarker mk = g.members().get(0);
            size = selected ? 26 : 18;
            svg = dot(mk.status(), size, selected);
            title = mk.name() + " — " + f.locationStatus(mk.status());
        } else {
            size = g.size() < 10 ? 34 : g.size() < 100 ? 40 : 48;
            svg = donut(g.counts(), g.size(), size, selected);
            StringBuilder t = new StringBuilder();
            g.counts().forEach((s, n) -> t.append(t.length() == 0 ? "" : ", ").append(f.locationStatus(s)).append(": ").append(n));
            title = t.toString();
        }
        MarkerOptions o = new Options().icon(new Icon("data:image/svg+xml;charset=UTF-8,"
                + URLEncoder.encode(svg, StandardCharsets.UTF_8).replace("+", "%20"), size))
                .position(new LatLong(g.lat(), g.lon())).title(title);
        return new Marker(o);
    }

    static String dot(LocationStatus s, int size, boolean selected) {
        double c = size / 2.0;
        return String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>"
                + "<circle cx='%.1f' cy='%.1f' r='%.1f' fill='%s' stroke='%s' stroke-width='%s'/></svg>", size, size, c, c,
                c - (selected ? 2.5 : 1.5), color(s), selected ? "#111827" : "#ffffff", selected ? "3" : "1.5");
    }

    /** The same ring as the offline map's clusters: one arc per status, the number of locations in the middle. */
    static String donut(Map<LocationStatus, Integer> counts, int total, int size, boolean selected) {
        double c = size / 2.0;
        double r = c - 4;
        double circ = 2 * Math.PI * r;
        StringBuilder arcs = new StringBuilder();
        double offset = 0;
        for (LocationStatus s : LocationStatus.values()) {
            int n = counts.getOrDefault(s, 0);
            if (n == 0) {
                continue;
            }
            double len = circ * n / total;
            arcs.append(String.format(Locale.ROOT, "<circle r='%.2f' cx='%.1f' cy='%.1f' fill='none' stroke='%s' stroke-width='6' "
                    + "stroke-dasharray='%.2f %.2f' stroke-dashoffset='%.2f' transform='rotate(-90 %.1f %.1f)'/>",
                    r, c, c, color(s), len, circ - len, -offset, c, c));
            offset += len;
        }
        return String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>"
                + "<circle r='%.2f' cx='%.1f' cy='%.1f' fill='#ffffff' stroke='%s' stroke-width='%s'/>%s"
                + "<text x='50%%' y='50%%' text-anchor='middle' dominant-baseline='central' "
                + "font-family='DejaVu Sans, Arial, sans-serif' font-weight='700' font-size='12' fill='#1f2328'>%d</text></svg>",
                size, size, r + 2, c, c, selected ? "#111827" : "#9aa1ad", selected ? "2" : "1", arcs, total);
    }

    private static String color(LocationStatus s) {
        return StatusPalette.css(StatusPalette.of(s == null ? LocationStatus.UNKNOWN : s));
    }

    /** A marker icon anchored at its centre (GMapsFX only offers a URL, which Google anchors at the bottom). */
    private static final class Icon extends JavascriptObject {
        Icon(String url, int size) {
            super(GMapObjectType.OBJECT);
            setProperty("url", url);
            setProperty("anchor", new Point(size / 2.0, size / 2.0));
        }
    }

    private static final class Point extends JavascriptObject {
        Point(double x, double y) {
            super(GMapObjectType.POINT, x, y);
        }
    }

    private static final class Options extends MarkerOptions {
        Options icon(Icon icon) {
            setProperty("icon", icon);
            return this;
        }
    }

    /** Leaves the page, so Google's script stops working in the background. */
    public void dispose() {
        redrawSoon.stop();
        failed = true;
        view.getWebview().getEngine().load("about:blank");
    }
}
