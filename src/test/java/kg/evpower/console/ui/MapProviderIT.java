package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javax.imageio.ImageIO;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.stations.LeafletMapView;
import kg.evpower.console.stations.MapProvider;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.settings.SettingsStore;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Street tiles through the console's tile server, and the fall back to the offline map when they cannot load. */
class MapProviderIT {

    private final ConsoleDriver ui = new ConsoleDriver();
    private HttpServer upstream;
    private HttpServer second;

    @AfterEach
    void stop() throws Exception {
        ui.close();
        if (upstream != null) {
            upstream.stop(0);
        }
        if (second != null) {
            second.stop(0);
        }
    }

    private void launchOnMap(String tileUrl) throws Exception {
        launchOnMap(MapProvider.OSM, tileUrl, null);
    }

    private String localTiles;

    private void launchOnMap(MapProvider provider, String tileUrl, String googleKey) throws Exception {
        Path file = Files.createTempDirectory("evpower-provider").resolve("settings.json");
        Settings s = new Settings();
        SettingsStore store = new SettingsStore(file);
        // the map's own settings, under the keys it remembers them by
        kg.evpower.console.settings.Remembered map = store.remembered(s, () -> { });
        map.put("mapProvider", provider);
        map.put("tileUrl", tileUrl);
        map.put("googleMapsKey", googleKey);
        map.put("localTiles", localTiles);
        s.lastView = "map";
        store.save(s);
        ui.launch(file, Sandboxes.quiet());
        ui.logIn("+996700000001");
        // looked at on the FX thread: the view is being built there, and a lookup from here can race with it
        ui.waitUntil(30, () -> {
            java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
            ui.robot().interact(() -> up.set(ui.present("#map-list") && ui.robot().lookup(n -> n instanceof LeafletMapView).tryQuery()
                    .map(n -> ((LeafletMapView) n).isReady()).orElse(false) && !list().getItems().isEmpty()));
            return up.get();
        });
    }

    private LeafletMapView map() {
        return ui.robot().lookup(n -> n instanceof LeafletMapView).queryAs(LeafletMapView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<Station> list() {
        return ui.node("#map-list", TableView.class);
    }

    private String js(String script) {
        AtomicReference<Object> out = new AtomicReference<>();
        ui.robot().interact(() -> out.set(map().eval(script)));
        return String.valueOf(out.get());
    }

    /** A tile server answering every request with one PNG, counting them. */
    private static HttpServer pngServer(AtomicInteger hits) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.size());
            ex.getResponseBody().write(png.toByteArray());
            ex.close();
        });
        server.start();
        return server;
    }

    @Test
    void aNewTileUrlIsUsedAtOnceWhileOpenStreetMapIsShown() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        upstream = pngServer(first);
        second = pngServer(next);
        launchOnMap("http://127.0.0.1:" + upstream.getAddress().getPort() + "/{z}/{x}/{y}.png");
        ui.waitUntil(10, () -> first.get() > 0);
        ui.robot().clickOn("#map-provider-settings");
        ui.waitUntil(5, () -> ui.present("#map-settings-tiles"));
        ui.robot().interact(() -> ui.node("#map-settings-tiles", javafx.scene.control.TextField.class)
                .setText("http://127.0.0.1:" + second.getAddress().getPort() + "/{z}/{x}/{y}.png"));
        javafx.scene.control.Button ok = ui.robot().lookup(".dialog-pane .button").queryAllAs(javafx.scene.control.Button.class)
                .stream().filter(javafx.scene.control.Button::isDefaultButton).findFirst().orElseThrow();
        ui.robot().clickOn(ok);
        ui.waitUntil(10, () -> next.get() > 0);
        assertTrue(!ui.node("#map-note", Label.class).isVisible(), "no fallback note");
        assertEquals(MapProvider.OSM, ui.node("#map-provider", ComboBox.class).getValue());
    }

    @Test
    void tilesFromAReachableServerAreShownWithoutAFallback() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        upstream = pngServer(hits);
        launchOnMap("http://127.0.0.1:" + upstream.getAddress().getPort() + "/{z}/{x}/{y}.png");
        ui.waitUntil(10, () -> js("evp.tileStats()").matches(".*\"loads\":[1-9].*"));
        Thread.sleep(3500); // past the watchdog
        assertTrue(hits.get() > 0);
        assertTrue(!ui.node("#map-note", Label.class).isVisible(), "no fallback note");
        assertEquals(MapProvider.OSM, ui.node("#map-provider", ComboBox.class).getValue());
    }

    @Test
    void withNoNetworkTheOfflineMapTakesOverWithinThreeSecondsKeepingFiltersAndSelection() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        launchOnMap("http://127.0.0.1:" + dead + "/{z}/{x}/{y}.png");
        // filter and select while the tiles are failing
        ui.robot().interact(() -> ui.node("#map-status", org.controlsfx.control.CheckComboBox.class).getCheckModel().check(StationStatus.AVAILABLE));
        Station pick = list().getItems().get(0);
        ui.robot().interact(() -> list().getSelectionModel().select(pick));
        long shown = System.nanoTime();
        ui.waitUntil(4, () -> ui.node("#map-note", Label.class).isVisible());
        long ms = (System.nanoTime() - shown) / 1_000_000;
        String note = ui.node("#map-note", Label.class).getText();
        assertTrue(note.contains("OpenStreetMap") && note.contains("офлайн-карта"), note);
        // the FX thread kept answering all along
        long ping = System.nanoTime();
        ui.robot().interact(() -> { });
        assertTrue((System.nanoTime() - ping) / 1_000_000 < 500, "FX thread responsive");
        assertTrue(list().getItems().stream().allMatch(s -> s.status() == StationStatus.AVAILABLE), "filter kept");
        assertEquals(pick.id(), list().getSelectionModel().getSelectedItem().id(), "selection kept");
        assertTrue(js("evp.tileStats()").contains("\"loads\":0"));
        System.out.println("fallback note " + ms + " ms after the map was up (" + (System.nanoTime() - t0) / 1_000_000 + " ms after launch)");
    }

    @Test
    void googleWithoutAKeyFallsBackAtOnceAndSaysWhy() throws Exception {
        launchOnMap(MapProvider.GOOGLE, null, null);
        ui.waitUntil(2, () -> ui.node("#map-note", Label.class).isVisible());
        String note = ui.node("#map-note", Label.class).getText();
        assertTrue(note.contains("Google Maps") && note.contains("ключ"), note);
        assertTrue(ui.robot().lookup("#map-google").tryQuery().isEmpty(), "no Google view without a key");
        assertTrue(map().isVisible(), "the offline map is shown");
        assertEquals(MapProvider.GOOGLE, ui.node("#map-provider", ComboBox.class).getValue(), "the choice is kept");
    }

    @Test
    void googleWithAKeyButNoNetworkFallsBackWithinThreeSecondsKeepingFiltersAndSelection() throws Exception {
        // no network at test time: Google's script cannot load (or, were it online, the made-up key is refused)
        launchOnMap(MapProvider.GOOGLE, null, "AIzaSy-not-a-real-key-for-tests");
        ui.robot().interact(() -> ui.node("#map-status", org.controlsfx.control.CheckComboBox.class).getCheckModel().check(StationStatus.AVAILABLE));
        Station pick = list().getItems().get(0);
        ui.robot().interact(() -> list().getSelectionModel().select(pick));
        long t0 = System.nanoTime();
        boolean fellBack = false;
        long worstPing = 0;
        while (!fellBack && System.nanoTime() - t0 < 4_000_000_000L) { // the FX thread must answer all along
            long ping = System.nanoTime();
            ui.robot().interact(() -> { });
            worstPing = Math.max(worstPing, (System.nanoTime() - ping) / 1_000_000);
            fellBack = ui.node("#map-note", Label.class).isVisible();
            Thread.sleep(50);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(fellBack, "fell back within 4 s");
        String note = ui.node("#map-note", Label.class).getText();
        assertTrue(note.contains("Google Maps") && note.contains("офлайн-карта"), note);
        assertTrue(worstPing < 500, "FX thread responsive, worst " + worstPing + " ms");
        ui.waitUntil(2, () -> ui.robot().lookup("#map-google").tryQuery().isEmpty() && map().isVisible());
        assertTrue(list().getItems().stream().allMatch(s -> s.status() == StationStatus.AVAILABLE), "filter kept");
        assertEquals(pick.id(), list().getSelectionModel().getSelectedItem().id(), "selection kept");
        assertEquals(pick.locationId(), js("evp.selected()"), "the offline map has the selection");
        System.out.println("Google fallback note " + ms + " ms after selecting; worst FX ping " + worstPing + " ms");
    }

    @Test
    void localStreetTilesAreDrawnUnderTheOfflineMapAndABadFileIsExplained() throws Exception {
        // a PMTiles file of real PNG tiles, zooms 0..8 around Bishkek
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.getGraphics().fillRect(0, 0, 128, 128);
        ImageIO.write(img, "png", png);
        java.util.List<kg.evpower.console.stations.tiles.TileFiles.Tile> tiles = new java.util.ArrayList<>();
        for (int z = 0; z <= 8; z++) {
            int n = 1 << z;
            int cx = (int) ((74.6 + 180) / 360 * n);
            double lat = Math.toRadians(42.87);
            int cy = (int) ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
            for (int x = Math.max(0, cx - 3); x <= Math.min(n - 1, cx + 3); x++) {
                for (int y = Math.max(0, cy - 3); y <= Math.min(n - 1, cy + 3); y++) {
                    tiles.add(new kg.evpower.console.stations.tiles.TileFiles.Tile(kg.evpower.console.stations.tiles.PmTiles.tileId(z, x, y), png.toByteArray()));
                }
            }
        }
        tiles.sort((a, b) -> Long.compare(a.id(), b.id()));
        Path file = kg.evpower.console.stations.tiles.TileFiles.pmtiles(Files.createTempDirectory("evpower-local").resolve("bishkek.pmtiles"),
                tiles, 2, true, 0, 0, 8);
        localTiles = file.toString();
        launchOnMap(MapProvider.OFFLINE, null, null);
        ui.waitUntil(10, () -> js("evp.localStats()").matches(".*\"loads\":[1-9].*"));
        assertTrue(!ui.node("#map-note", Label.class).isVisible(), "no note for a good file");

        // the same view with a half-written file: a one-line reason, and the offline map goes on without tiles
        Path half = Files.write(file.resolveSibling("half.pmtiles"), java.util.Arrays.copyOf(Files.readAllBytes(file), 200));
        // through the map settings dialog, as an operator does
        ui.robot().clickOn("#map-provider-settings");
        ui.waitUntil(5, () -> ui.present("#map-settings-local-tiles"));
        ui.robot().interact(() -> ui.node("#map-settings-local-tiles", javafx.scene.control.TextField.class).setText(half.toString()));
        javafx.scene.control.Button ok = ui.robot().lookup(".dialog-pane .button").queryAllAs(javafx.scene.control.Button.class)
                .stream().filter(javafx.scene.control.Button::isDefaultButton).findFirst().orElseThrow();
        ui.robot().clickOn(ok);
        ui.waitUntil(5, () -> ui.node("#map-note", Label.class).isVisible());
        String note = ui.node("#map-note", Label.class).getText();
        assertTrue(note.contains("Файл не открылся: файл повреждён или записан не до конца"), note);
        assertTrue(js("evp.localStats()").contains("\"on\":false"));
    }
}
