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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import kg.evpower.console.ConsoleApp;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.settings.SettingsStore;
import kg.evpower.console.shell.EmbeddedServer;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's window, driven like a person would, on the embedded sandbox started by the console itself (real
 * HTTP and WebSocket, Monocle headless).
 */
class ConsoleUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FxRobot robot = new FxRobot();
    private final AtomicReference<SandboxServer> server = new AtomicReference<>();
    private Path settingsFile;
    private Application app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void start() throws Exception {
        settingsFile = Files.createTempDirectory("evpower-console-ui").resolve("settings.json");
    }

    private void launch() throws Exception {
        EmbeddedServer embedded = new EmbeddedServer() {
            @Override
            public synchronized URI start() {
                if (server.get() == null) {
                    server.set(Sandboxes.start(Sandboxes.quiet()));
                }
                return URI.create(server.get().baseUrl());
            }

            @Override
            public synchronized void close() {
                // the test stops the server itself, after the console is gone
            }
        };
        ConsoleApp.Environment env = new ConsoleApp.Environment(settingsFile, () -> embedded, System.nanoTime());
        app = FxToolkit.setupApplication(() -> new ConsoleApp(env));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.hideStage();
        }
        if (server.get() != null) {
            server.get().close();
        }
    }

    private void waitUntil(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    private <T extends javafx.scene.Node> T node(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    private void type(String query, String text) {
        robot.clickOn(query);
        robot.interact(() -> node(query, TextField.class).clear());
        robot.write(text);
    }

    /** Phone in, send, read the code the sandbox shows on the login screen, code in, sign in. */
    private void logIn(String phone) throws Exception {
        // the sandbox is up once the demo accounts are listed
        waitUntil(30, () -> node("#login-accounts", javafx.scene.Node.class).isVisible()
                || robot.lookup("#login-accounts").query().getParent().isVisible());
        type("#login-phone", phone);
        waitUntil(10, () -> !node("#login-send", Button.class).isDisabled());
        robot.clickOn("#login-send");
        waitUntil(10, () -> node("#login-sandbox-code", Label.class).isVisible());
        String shown = node("#login-sandbox-code", Label.class).getText();
        String code = shown.replaceAll("\\D", "");
        assertEquals(6, code.length(), shown);
        type("#login-code", code);
        robot.clickOn("#login-submit");
    }

    @SuppressWarnings("unchecked")
    private TableView<Station> table() {
        return node("#overview-table", TableView.class);
    }

    private Optional<Station> row(String stationId) {
        return table().getItems().stream().filter(s -> s.id().equals(stationId)).findFirst();
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.get().baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void logInThroughTheUiAndSeeASandboxChangeWithinTwoSeconds() throws Exception {
        launch();
        logIn("+996700000001");
        waitUntil(20, () -> robot.lookup("#overview-table").tryQuery().isPresent() && table().getItems().size() >= 100);
        assertTrue(node("#status-user", Label.class).getText().contains("Служба поддержки"),
                node("#status-user", Label.class).getText());
        waitUntil(10, () -> node("#status-live", Label.class).getText().contains("подключено"));

        // every connector of an available station starts charging: the station becomes occupied (contract §3.1)
        Station target = table().getItems().stream().filter(s -> s.status() == StationStatus.AVAILABLE
                && !s.connectorList().isEmpty()).findFirst().orElseThrow();
        long t0 = 0;
        for (var c : target.connectorList()) {
            t0 = System.nanoTime();
            post("/_sandbox/stations/" + target.id() + "/status", "{\"connector_id\":" + c.number() + ",\"status\":\"Charging\"}");
        }
        waitUntil(2, () -> row(target.id()).map(s -> s.status() == StationStatus.OCCUPIED).orElse(false));
        long occupiedMs = (System.nanoTime() - t0) / 1_000_000;

        // a connector faults: the counts follow; the station's WebSocket closes: it is shown as not connected
        post("/_sandbox/stations/" + target.id() + "/status", "{\"connector_id\":1,\"status\":\"Faulted\",\"error_code\":\"GroundFailure\"}");
        waitUntil(2, () -> row(target.id()).map(s -> s.connectors().faulted() >= 1).orElse(false));
        post("/_sandbox/stations/" + target.id() + "/online", "{\"online\":false}");
        waitUntil(2, () -> row(target.id()).map(s -> Boolean.FALSE.equals(s.online())).orElse(false));
        System.out.println("overview showed the sandbox change after " + occupiedMs + " ms");

        // logout returns to the login screen and forgets nothing of the settings
        robot.clickOn("#status-logout");
        waitUntil(10, () -> robot.lookup("#login-phone").tryQuery().isPresent());
        assertEquals("+996700000001", new SettingsStore(settingsFile).load().lastPhone);
    }

    @Test
    void aClientIsRefusedWithAClearMessage() throws Exception {
        launch();
        waitUntil(30, () -> server.get() != null);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.get().baseUrl() + "/_sandbox/accounts")).build(), HttpResponse.BodyHandlers.ofString());
        String clientPhone = JSON.readTree(r.body()).path("clients_sample").get(0).path("phone").asText();
        logIn(clientPhone);
        waitUntil(10, () -> node("#login-error", Label.class).isVisible());
        assertTrue(node("#login-error", Label.class).getText().contains("клиенту"), node("#login-error", Label.class).getText());
        assertTrue(robot.lookup("#overview-table").tryQuery().isEmpty());
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
        type("#login-phone", "+996700000001");
        robot.clickOn("#login-send");
        waitUntil(20, () -> node("#login-error", Label.class).isVisible());
        String error = node("#login-error", Label.class).getText();
        assertTrue(error.contains("Нет связи"), error);
        assertFalse(error.contains("Exception"), error);
        assertFalse(node("#login-sandbox-code", Label.class).isVisible());
        assertTrue(server.get() == null, "the sandbox must not start for a custom server");
        assertNotNull(node("#prefs-profile", javafx.scene.control.ComboBox.class).getValue());
    }

    @Test
    void languageSwitchRebuildsTheLoginInEnglishAndIsRemembered() throws Exception {
        launch();
        robot.interact(() -> node("#prefs-language", javafx.scene.control.ComboBox.class).getSelectionModel().select("en"));
        waitUntil(5, () -> "Send code".equals(node("#login-send", Button.class).getText())
                || node("#login-send", Button.class).getText().startsWith("Resend"));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(5, () -> "en".equals(new SettingsStore(settingsFile).load().language));
    }
}
