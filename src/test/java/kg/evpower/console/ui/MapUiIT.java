package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.stations.LeafletMapView;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The offline map on the embedded sandbox: markers, live colour, clusters, filters, selection (Monocle headless). */
class MapUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConsoleDriver ui = new ConsoleDriver();

    @BeforeEach
    void start() throws Exception {
        Path settings = Files.createTempDirectory("evpower-map-ui").resolve("settings.json");
        ui.launch(settings, Sandboxes.quiet());
        ui.logIn("+996700000001");
        ui.awaitOverview(100);
        ui.robot().clickOn("#nav-map");
        try {
            ui.waitUntil(30, () -> ui.present(".web-view") && map().isReady() && markerCount() > 0);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("map not ready: web-view " + ui.present(".web-view") + ", ready "
                    + (ui.present(".web-view") && map().isReady()) + ", visible " + js("evp.visible()") + ", markers " + js("evp.count()")
                    + ", view " + js("JSON.stringify(evp.view())") + ", size "
                    + map().getWidth() + "x" + map().getHeight() + ", rows " + list().getItems().size(), e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    private LeafletMapView map() {
        return ui.robot().lookup(n -> n instanceof LeafletMapView).queryAs(LeafletMapView.class);
    }

    private Object js(String script) {
        AtomicReference<Object> out = new AtomicReference<>();
        ui.robot().interact(() -> out.set(map().eval(script)));
        return out.get();
    }

    private int markerCount() {
        Object n = js("(function(){var c=0;var v=JSON.parse(evp.visible());return v.markers.length"
                + "+v.clusters.reduce(function(a,b){return a+b.count;},0);})()");
        return n == null ? 0 : ((Number) n).intValue();
    }

    private JsonNode visible() throws Exception {
        return JSON.readTree((String) js("evp.visible()"));
    }

    @SuppressWarnings("unchecked")
    private TableView<Station> list() {
        return ui.node("#map-list", TableView.class);
    }

    private void post(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ui.server().baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void everyLocationIsOnTheMapAndClustersCountThemPerStatus() throws Exception {
        int locations = (int) list().getItems().stream().map(Station::locationId).distinct().count();
        JsonNode v = visible();
        int inClusters = 0;
        for (JsonNode c : v.path("clusters")) {
            int sum = 0;
            for (JsonNode n : c.path("counts")) {
                sum += n.asInt();
            }
            assertEquals(c.path("count").asInt(), sum, "per-status counts add up: " + c);
            inClusters += c.path("count").asInt();
        }
        assertTrue(v.path("clusters").size() > 0, "zoomed out, markers cluster: " + v);
        assertEquals(locations, inClusters + v.path("markers").size(), "every location is drawn once");
    }

    @Test
    void aMarkerTakesTheColourOfAStatusChangeWithinOneSecond() throws Exception {
        Station target = list().getItems().stream().filter(s -> s.status() == StationStatus.AVAILABLE).findFirst().orElseThrow();
        String loc = target.locationId();
        List<Station> atLocation = list().getItems().stream().filter(s -> s.locationId().equals(loc)).toList();
        String before = (String) js("evp.markerStatus('" + loc + "')");
        assertNotNull(before);
        long t0 = 0;
        for (Station s : atLocation) {
            for (var c : s.connectorList()) {
                t0 = System.nanoTime();
                post("/_sandbox/stations/" + s.id() + "/status", "{\"connector_id\":" + c.number() + ",\"status\":\"Charging\"}");
            }
        }
        ui.waitUntil(1, () -> String.valueOf(js("evp.markerStatus('" + loc + "')")).startsWith("occupied|"));
        System.out.println("marker recoloured " + (System.nanoTime() - t0) / 1_000_000 + " ms after the last change");
    }

    @Test
    void aConnectedStationWhoseConnectorsAreAllFaultedIsFaultedNotOffline() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        // a location whose stations are all up, so nothing else colours it
        Station target = list().getItems().stream().filter(s -> s.state(now) == StationStatus.AVAILABLE)
                .filter(s -> list().getItems().stream().filter(o -> o.locationId().equals(s.locationId()))
                        .allMatch(o -> o.state(now) == StationStatus.AVAILABLE || o.state(now) == StationStatus.OCCUPIED))
                .findFirst().orElseThrow();
        for (var c : target.connectorList()) {
            post("/_sandbox/stations/" + target.id() + "/status", "{\"connector_id\":" + c.number() + ",\"status\":\"Faulted\",\"error_code\":\"GroundFailure\"}");
        }
        ui.waitUntil(10, () -> list().getItems().stream().anyMatch(s -> s.id().equals(target.id())
                && s.state(java.time.Instant.now()) == StationStatus.FAULTED));
        Station now2 = list().getItems().stream().filter(s -> s.id().equals(target.id())).findFirst().orElseThrow();
        assertEquals(StationStatus.OFFLINE, now2.status(), "production calls it offline");
        assertEquals("station.differs.faulted", now2.stateDiffers(java.time.Instant.now()));
        ui.waitUntil(5, () -> String.valueOf(js("evp.markerStatus('" + target.locationId() + "')")).startsWith("faulted|"));
    }

    @Test
    void filtersApplyToTheListAndTheMapAlike() throws Exception {
        int all = list().getItems().size();
        ui.robot().interact(() -> ui.node("#map-status", CheckComboBox.class).getCheckModel().check(StationStatus.OCCUPIED));
        ui.waitUntil(5, () -> list().getItems().size() < all);
        assertTrue(list().getItems().stream().allMatch(s -> s.state(java.time.Instant.now()) == StationStatus.OCCUPIED));
        int locations = (int) list().getItems().stream().map(Station::locationId).distinct().count();
        ui.waitUntil(5, () -> markerCount() == locations);

        ui.robot().interact(() -> ui.node("#map-status", CheckComboBox.class).getCheckModel().clearChecks());
        ui.type("#map-search", "EVP-007");
        ui.waitUntil(5, () -> !list().getItems().isEmpty() && list().getItems().stream().allMatch(s -> s.id().startsWith("EVP-007")));
        ui.waitUntil(5, () -> markerCount() == 1);
        assertTrue(ui.node("#map-count", Label.class).getText().contains("локаций на карте: 1"),
                ui.node("#map-count", Label.class).getText());
    }

    @Test
    void selectingInTheListSelectsOnTheMapAndTheOtherWayRound() throws Exception {
        Station s = list().getItems().get(3);
        ui.robot().interact(() -> list().getSelectionModel().select(s));
        try {
            ui.waitUntil(5, () -> ui.present("#map-details-name")
                    && ui.node("#map-details-name", Label.class).getText().equals(s.locationName()));
        } catch (java.util.concurrent.TimeoutException e) {
            javafx.scene.layout.VBox d = ui.node("#map-details", javafx.scene.layout.VBox.class);
            throw new AssertionError("selected " + list().getSelectionModel().getSelectedItem() + "; details: "
                    + d.getChildren().stream().map(n -> n instanceof Label l ? l.getText() : n.getClass().getSimpleName()).toList(), e);
        }
        // and the map brings it into view, close enough to tell it from its neighbours
        try {
            ui.waitUntil(5, () -> ((Number) js("evp.view().zoom")).doubleValue() >= 11);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("view " + js("JSON.stringify(evp.view())") + " selected " + list().getSelectionModel().getSelectedItem()
                    + " status " + js("evp.markerStatus('" + s.locationId() + "')"), e);
        }
        // a click on another location's marker (what Leaflet reports) moves the list selection there
        Station other = list().getItems().stream().filter(x -> !x.locationId().equals(s.locationId())).findFirst().orElseThrow();
        AtomicReference<Object> r = new AtomicReference<>();
        ui.robot().interact(() -> r.set(map().eval("window.evpBridge.markerClicked('" + other.locationId() + "'); 'ok'")));
        try {
            ui.waitUntil(5, () -> list().getSelectionModel().getSelectedItem() != null
                    && list().getSelectionModel().getSelectedItem().locationId().equals(other.locationId()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("eval " + r.get() + "; selected " + list().getSelectionModel().getSelectedItem() + "; wanted "
                    + other.locationId() + "; details " + ui.node("#map-details-name", Label.class).getText(), e);
        }
        assertEquals(other.locationName(), ui.node("#map-details-name", Label.class).getText());

        // a live update of the selected station replaces its row: the selection stays on it
        Station selected = list().getSelectionModel().getSelectedItem();
        List<String> trail = new java.util.concurrent.CopyOnWriteArrayList<>();
        ui.robot().interact(() -> list().getSelectionModel().selectedItemProperty().addListener((o, a, b) ->
                trail.add((b == null ? "null" : b.id()) + " @" + java.util.Arrays.stream(new Throwable().getStackTrace())
                        .map(StackTraceElement::toString).filter(x -> x.contains("kg.evpower") || x.contains("Selection"))
                        .limit(4).toList())));
        post("/_sandbox/stations/" + selected.id() + "/status", "{\"connector_id\":1,\"status\":\"Faulted\",\"error_code\":\"HighTemperature\"}");
        ui.waitUntil(5, () -> list().getItems().stream().anyMatch(x -> x.id().equals(selected.id()) && x.connectors().faulted() > 0));
        Thread.sleep(300);
        assertNotNull(list().getSelectionModel().getSelectedItem(), String.join("\n", trail));
        assertEquals(selected.id(), list().getSelectionModel().getSelectedItem().id());
    }
}
