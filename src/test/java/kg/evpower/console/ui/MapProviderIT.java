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
import kg.evpower.console.map.LeafletMap;
import kg.evpower.console.map.MapProvider;
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

    @AfterEach
    void stop() throws Exception {
        ui.close();
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    private void launchOnMap(String tileUrl) throws Exception {
        Path file = Files.createTempDirectory("evpower-provider").resolve("settings.json");
        Settings s = new Settings();
        s.mapProvider = MapProvider.OSM;
        s.tileUrl = tileUrl;
        s.lastView = "map";
        new SettingsStore(file).save(s);
        ui.launch(file, Sandboxes.quiet());
        ui.logIn("+996700000001");
        ui.waitUntil(30, () -> ui.present("#map-list") && map().isReady() && !list().getItems().isEmpty());
    }

    private LeafletMap map() {
        return ui.robot().lookup(n -> n instanceof LeafletMap).queryAs(LeafletMap.class);
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

    @Test
    void tilesFromAReachableServerAreShownWithoutAFallback() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.size());
            ex.getResponseBody().write(png.toByteArray());
            ex.close();
        });
        upstream.start();
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
        ui.robot().interact(() -> ui.node("#map-status", ComboBox.class).getSelectionModel().select(StationStatus.AVAILABLE));
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
}
