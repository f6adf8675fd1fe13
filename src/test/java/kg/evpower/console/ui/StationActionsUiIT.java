package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.Station;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Station actions from the map on the sandbox the console starts (real HTTP, Monocle headless): support unlocks a
 * connector stuck in Preparing — the dialog asks a reason, the station's answer is said in words, the connector comes
 * free on the map by itself, the audit trail keeps the command and the station's history shows it.
 */
class StationActionsUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<Station> list() {
        return ui.node("#map-list", TableView.class);
    }

    private String text(String query) {
        AtomicReference<String> t = new AtomicReference<>();
        ui.robot().interact(() -> t.set(ui.node(query, Label.class).getText()));
        return t.get();
    }

    private ConnectorStatus connector(String station) {
        AtomicReference<ConnectorStatus> s = new AtomicReference<>();
        ui.robot().interact(() -> list().getItems().stream().filter(x -> x.id().equals(station)).findFirst()
                .ifPresent(x -> s.set(x.connectorList().get(0).status())));
        return s.get();
    }

    @Test
    void supportUnlocksAStuckConnectorFromTheMap() throws Exception {
        Path home = Files.createTempDirectory("evpower-station-actions-ui");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withCommandWait(Duration.ofSeconds(5)));
        ui.logIn("+996700000001");
        ui.awaitOverview(100);
        SandboxServer server = ui.server();
        // an AC station (a motor lock) that is up, its first connector held in Preparing: a cable nobody can pull out
        String station = server.db().queryOne("SELECT s.id FROM stations s JOIN connectors c ON c.station_id = s.id WHERE s.status = 'active'"
                + " AND s.model = 'Terra AC W22' AND c.connector_number = 1 AND c.status = 'available' ORDER BY s.id LIMIT 1",
                rs -> rs.getString(1)).orElseThrow();
        Sandboxes.control(server, "/_sandbox/stations/" + station + "/online", "{\"online\":true}");
        Sandboxes.control(server, "/_sandbox/stations/" + station + "/answers", "{\"silent\":false}");
        Sandboxes.control(server, "/_sandbox/stations/" + station + "/status", "{\"connector_id\":1,\"status\":\"Preparing\"}");

        ui.robot().clickOn("#nav-map");
        ui.waitUntil(20, () -> ui.present("#map-list") && list().getItems().stream().anyMatch(s -> s.id().equals(station)));
        ui.waitUntil(10, () -> connector(station) == ConnectorStatus.OCCUPIED);
        ui.robot().interact(() -> list().getSelectionModel().select(list().getItems().stream().filter(s -> s.id().equals(station))
                .findFirst().orElseThrow()));
        ui.waitUntil(5, () -> ui.present("#station-actions-" + station));
        ui.scrollTo("#station-actions-" + station);
        ui.robot().clickOn("#station-actions-" + station);
        ui.waitUntil(5, () -> ui.present("#station-action-unlock"));
        ui.robot().clickOn("#station-action-unlock");
        ui.awaitDialog("#station-form-reason");
        assertTrue(text("#station-form-effect").contains("кабель"), text("#station-form-effect"));
        Button send = ui.robot().lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals("Отправить")).findFirst().orElseThrow();
        assertTrue(send.isDisabled(), "nothing is sent without a reason");
        ui.robot().clickOn("#station-form-reason").write("Клиент не может вынуть кабель");
        ui.waitUntil(2, () -> !send.isDisabled());
        ui.robot().clickOn(send);

        ui.waitUntil(10, () -> text("#station-action-result").endsWith("(Unlocked)"));
        assertEquals("Разблокировать разъём (" + station + "): разъём разблокирован (Unlocked)", text("#station-action-result"));
        // the connector comes free on the map by itself (the locations feed carries the station's StatusNotification)
        ui.waitUntil(10, () -> connector(station) == ConnectorStatus.AVAILABLE);
        // the audit trail keeps who, what, why and the answer
        List<String> row = server.db().queryOne("SELECT action, reason, status FROM station_commands WHERE station_id = ?",
                rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)), station).orElseThrow();
        assertEquals(List.of("UnlockConnector", "Клиент не может вынуть кабель", "Unlocked"), row);
        // and the station's history shows the command with its reason, and the connector's change the console saw
        @SuppressWarnings("unchecked")
        ListView<Object> timeline = ui.node("#station-timeline", ListView.class);
        ui.waitUntil(10, () -> timeline.getItems().stream().anyMatch(e -> e.toString().contains("Клиент не может вынуть кабель")));
        ui.waitUntil(10, () -> timeline.getItems().stream().anyMatch(e -> e.toString().contains("Разъём 1")));
        assertTrue(text("#station-timeline-title").endsWith(station), text("#station-timeline-title"));
        assertFalse(ui.present(".dialog-pane"), "the dialog closed");
    }
}
