package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.settings.SettingsStore;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's window, driven like a person would, on the embedded sandbox started by the console itself (real
 * HTTP and WebSocket, Monocle headless).
 */
class ConsoleUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConsoleDriver ui = new ConsoleDriver();
    private Path settingsFile;

    @BeforeEach
    void start() throws Exception {
        settingsFile = Files.createTempDirectory("evpower-console-ui").resolve("settings.json");
    }

    private void launch() throws Exception {
        ui.launch(settingsFile, Sandboxes.quiet());
    }

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    /** The project's version as pom.xml says (the About window must show the same). */
    private static String pomVersion() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>evpower-console</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ui.server().baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void logInThroughTheUiAndSeeASandboxChangeWithinTwoSeconds() throws Exception {
        launch();
        ui.logIn("+996700000001");
        ui.awaitOverview(100);
        assertTrue(ui.node("#status-user", Label.class).getText().contains("Служба поддержки"),
                ui.node("#status-user", Label.class).getText());
        ui.waitUntil(10, () -> ui.node("#status-live", Label.class).getText().contains("подключено"));

        // About: this build's version (the pom's), JavaFX, the sandbox it talks to and who is signed in; copy diagnostics
        ui.robot().clickOn("#prefs-about");
        ui.awaitDialog("#about-version");
        String version = pomVersion();
        assertEquals(version, ui.node("#about-version", TextField.class).getText());
        assertTrue(ui.node("#about-built", TextField.class).getText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"),
                ui.node("#about-built", TextField.class).getText());
        assertTrue(ui.node("#about-javafx", TextField.class).getText().startsWith("21"), ui.node("#about-javafx", TextField.class).getText());
        assertTrue(ui.node("#about-server", TextField.class).getText().contains(ui.server().baseUrl()),
                ui.node("#about-server", TextField.class).getText());
        assertTrue(ui.node("#about-user", TextField.class).getText().contains("Служба поддержки"));
        ui.robot().interact(() -> ui.node("#about-copy", Button.class).fire());
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertTrue(copied.startsWith("EvPower Console: " + version + " (built "), copied);
        assertTrue(copied.contains("\nServer: ") && copied.contains(ui.server().baseUrl()), copied);
        assertTrue(copied.contains("\nSettings: " + settingsFile.getParent()), copied);
        ui.robot().interact(() -> ui.node("#about-version", TextField.class).getScene().getWindow().hide());

        // every connector of an available station starts charging: the station becomes occupied (contract §3.1)
        Station target = ui.overviewTable().getItems().stream().filter(s -> s.status() == StationStatus.AVAILABLE
                && !s.connectorList().isEmpty()).findFirst().orElseThrow();
        long t0 = 0;
        for (var c : target.connectorList()) {
            t0 = System.nanoTime();
            post("/_sandbox/stations/" + target.id() + "/status", "{\"connector_id\":" + c.number() + ",\"status\":\"Charging\"}");
        }
        ui.waitUntil(2, () -> ui.row(target.id()).map(s -> s.status() == StationStatus.OCCUPIED).orElse(false));
        long occupiedMs = (System.nanoTime() - t0) / 1_000_000;

        // a connector faults: the counts follow; the station's WebSocket closes: it is shown as not connected
        post("/_sandbox/stations/" + target.id() + "/status", "{\"connector_id\":1,\"status\":\"Faulted\",\"error_code\":\"GroundFailure\"}");
        ui.waitUntil(2, () -> ui.row(target.id()).map(s -> s.connectors().faulted() >= 1).orElse(false));
        post("/_sandbox/stations/" + target.id() + "/online", "{\"online\":false}");
        ui.waitUntil(2, () -> ui.row(target.id()).map(s -> Boolean.FALSE.equals(s.online())).orElse(false));
        System.out.println("overview showed the sandbox change after " + occupiedMs + " ms");

        // logout returns to the login screen and forgets nothing of the settings
        ui.robot().clickOn("#status-logout");
        ui.waitUntil(10, () -> ui.robot().lookup("#login-phone").tryQuery().isPresent());
        assertEquals("+996700000001", new SettingsStore(settingsFile).load().lastPhone);
    }

    @Test
    void againstTodaysProductionApiTheOverviewRunsOnThePublicApiAndStillFollowsChanges() throws Exception {
        ui.launch(settingsFile, Sandboxes.quiet().withOperatorApi(false));
        ui.logIn("+996700100001"); // an owner
        ui.awaitOverview(20);
        assertTrue(ui.robot().lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().startsWith("Источник: публичный API")), "public-API mode is said");
        ui.waitUntil(10, () -> ui.node("#status-live", Label.class).getText().contains("подключено"));
        Station target = ui.overviewTable().getItems().stream().filter(s -> s.status() == StationStatus.AVAILABLE)
                .findFirst().orElseThrow();
        int free = target.connectors().free();
        post("/_sandbox/stations/" + target.id() + "/status", "{\"connector_id\":1,\"status\":\"Faulted\",\"error_code\":\"OverVoltage\"}");
        ui.waitUntil(2, () -> ui.row(target.id()).map(s -> s.connectors().faulted() >= 1 && s.connectors().free() < free).orElse(false));
    }

    @Test
    void anOwnersConsoleNeverReceivesAnotherOwnersStation() throws Exception {
        launch();
        ui.logIn("+996700100002"); // «Ош Электро»
        ui.awaitOverview(1);
        var mine = ui.overviewTable().getItems();
        String owner = mine.get(0).ownerId();
        assertTrue(mine.stream().allMatch(s -> owner.equals(s.ownerId())), "only one owner's stations");
        int count = mine.size();
        // a change at someone else's station is broadcast to every WebSocket client (production does that) ...
        JsonNode all = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ui.server().baseUrl()
                + "/api/v1/locations?include_stations=true")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String foreign = null;
        for (JsonNode l : all.path("locations")) {
            for (JsonNode st : l.path("stations")) {
                String id = st.path("id").asText();
                if (mine.stream().noneMatch(s -> s.id().equals(id))) {
                    foreign = id;
                }
            }
        }
        assertNotNull(foreign);
        post("/_sandbox/stations/" + foreign + "/status", "{\"connector_id\":1,\"status\":\"Charging\"}");
        Thread.sleep(1500);
        // ... but the console only ever asks the operator API, which scopes it away
        assertEquals(count, ui.overviewTable().getItems().size());
        assertTrue(ui.overviewTable().getItems().stream().allMatch(s -> owner.equals(s.ownerId())));
    }

    @Test
    void aClientIsRefusedWithAClearMessage() throws Exception {
        launch();
        ui.waitUntil(30, () -> ui.server() != null);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(ui.server().baseUrl() + "/_sandbox/accounts")).build(), HttpResponse.BodyHandlers.ofString());
        String clientPhone = JSON.readTree(r.body()).path("clients_sample").get(0).path("phone").asText();
        ui.logIn(clientPhone);
        ui.waitUntil(10, () -> ui.node("#login-error", Label.class).isVisible());
        assertTrue(ui.node("#login-error", Label.class).getText().contains("клиенту"), ui.node("#login-error", Label.class).getText());
        assertTrue(ui.robot().lookup("#overview-table").tryQuery().isEmpty());
    }

    @Test
    void aCustomServerThatIsDownGivesAMessageNotAStackTrace() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        Settings settings = new Settings();
        settings.customProfiles.add(new Settings.Profile("custom-dead", "Нерабочий", "http://127.0.0.1:" + deadPort));
        settings.selectedProfile = "custom-dead";
        new SettingsStore(settingsFile).save(settings);
        launch();
        ui.type("#login-phone", "+996700000001");
        ui.robot().clickOn("#login-send");
        ui.waitUntil(20, () -> ui.node("#login-error", Label.class).isVisible());
        String error = ui.node("#login-error", Label.class).getText();
        assertTrue(error.contains("Нет связи"), error);
        assertFalse(error.contains("Exception"), error);
        assertFalse(ui.node("#login-sandbox-code", Label.class).isVisible());
        assertTrue(ui.server() == null, "the sandbox must not start for a custom server");
        assertNotNull(ui.node("#prefs-profile", javafx.scene.control.ComboBox.class).getValue());
    }

    @Test
    void languageSwitchRebuildsTheLoginInEnglishAndIsRemembered() throws Exception {
        launch();
        ui.robot().interact(() -> ui.node("#prefs-language", javafx.scene.control.ComboBox.class).getSelectionModel().select("en"));
        ui.waitUntil(5, () -> "Send code".equals(ui.node("#login-send", Button.class).getText())
                || ui.node("#login-send", Button.class).getText().startsWith("Resend"));
        WaitForAsyncUtils.waitForFxEvents();
        ui.waitUntil(5, () -> "en".equals(new SettingsStore(settingsFile).load().language));
    }
}
