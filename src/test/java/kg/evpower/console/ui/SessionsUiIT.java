package kg.evpower.console.ui;

import kg.evpower.console.api.ApiTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.sessions.SessionProblem;
import kg.evpower.console.sessions.SessionRow;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sessions dashboard on the sandbox the console starts (real HTTP and WebSocket, Monocle headless): sessions are
 * started by clients through the v1 API and metered through the sandbox's OCPP side, as stations do.
 */
class SessionsUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    /** Starts a session as a seeded client on a free station; answers {session id, station id}. */
    private static String[] startSession(SandboxServer server, EvPowerClient admin, int nth) {
        JsonNode sample = admin.call("GET", "/_sandbox/accounts", null, JsonNode.class, ApiTransport.Auth.PUBLIC).path("clients_sample");
        List<String> phones = new ArrayList<>();
        for (JsonNode c : sample) {
            if ("active".equals(c.path("status").asText()) && c.path("balance").asDouble() >= 300) {
                phones.add(c.path("phone").asText());
            }
        }
        JsonNode stations = admin.call("GET", "/api/v1/admin/stations", null, JsonNode.class, ApiTransport.Auth.SESSION).path("stations");
        int seen = 0;
        for (JsonNode s : stations) {
            boolean free = "active".equals(s.path("admin_status").asText()) && s.path("is_available").asBoolean()
                    && s.path("online").asBoolean(false);
            for (JsonNode c : s.path("connectors")) {
                if (free && c.path("connector_number").asInt() == 1 && "available".equals(c.path("status").asText()) && seen++ == nth) {
                    EvPowerClient client = Sandboxes.loggedIn(server, phones.get(nth));
                    String id = client.call("POST", "/api/v1/charging/start", Map.of("station_id", s.path("id").asText(), "connector_id", 1),
                            JsonNode.class, ApiTransport.Auth.SESSION).path("session_id").asText();
                    return new String[] {id, s.path("id").asText()};
                }
            }
        }
        throw new AssertionError("no free station");
    }

    private static ChargingService.Sample sample(long wh, long watts, int soc) {
        return new ChargingService.Sample(Instant.now(), BigDecimal.valueOf(wh), BigDecimal.valueOf(watts), new BigDecimal("32.0"),
                new BigDecimal("230.0"), BigDecimal.valueOf(soc));
    }

    @SuppressWarnings("unchecked")
    private TableView<kg.evpower.console.sessions.SessionsViewModel.Entry> table() {
        return ui.node("#sessions-table", TableView.class);
    }

    /** The session's row as the table holds it now (read on the FX thread). */
    private Optional<SessionRow> row(String id) {
        AtomicReference<Optional<SessionRow>> r = new AtomicReference<>();
        ui.robot().interact(() -> r.set(table().getItems().stream().filter(x -> x.id().equals(id)).findFirst()
                .map(kg.evpower.console.sessions.SessionsViewModel.Entry::row)));
        return r.get();
    }

    private String text(String query) {
        AtomicReference<String> t = new AtomicReference<>();
        ui.robot().interact(() -> t.set(ui.node(query, Label.class).getText()));
        return t.get();
    }

    @Test
    void theTableFollowsTheStreamRaisesAProblemAndAnAdminStopIsRecorded() throws Exception {
        Path home = Files.createTempDirectory("evpower-sessions-ui");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withOtpResend(java.time.Duration.ZERO));
        ui.logIn("+996700000001");
        ui.awaitOverview(100);
        SandboxServer server = ui.server();
        EvPowerClient admin = Sandboxes.loggedIn(server, "+996700000001");
        ChargingService money = server.charging();
        String[] a = startSession(server, admin, 0);
        String[] b = startSession(server, admin, 1);
        int txA = money.startTransaction(a[1], 1, "996555000111", BigDecimal.valueOf(1_000_000)).orElseThrow();
        money.startTransaction(b[1], 1, "996555000222", BigDecimal.valueOf(2_000_000)).orElseThrow();
        money.meterValues(a[1], 1, txA, sample(1_002_500, 22_000, 40));

        ui.robot().clickOn("#nav-sessions");
        ui.waitUntil(10, () -> row(a[0]).isPresent() && row(b[0]).isPresent());
        SessionRow first = row(a[0]).orElseThrow();
        assertEquals(0, new BigDecimal("2.5").compareTo(first.session().energyKwh()), "energy from the register: 2,500 Wh");
        assertEquals(0, new BigDecimal("22").compareTo(first.powerKw()));
        assertEquals(Integer.valueOf(1), first.session().connectorId());

        // a new sample reaches the row within a second or two
        long t0 = System.nanoTime();
        money.meterValues(a[1], 1, txA, sample(1_004_000, 11_000, 42));
        ui.waitUntil(3, () -> row(a[0]).map(r -> r.powerKw() != null && r.powerKw().compareTo(new BigDecimal("11")) == 0).orElse(false));
        long sampleMs = (System.nanoTime() - t0) / 1_000_000;
        ui.waitUntil(5, () -> text("#sessions-total-active").equals("2"));

        // the station reports a fault on A's connector: the queue counts it and the operator is told
        server.events().statusNotification(a[1], 1, "Faulted", "GroundFailure", null);
        ui.waitUntil(5, () -> row(a[0]).map(r -> r.problems().contains(SessionProblem.Kind.CONNECTOR_FAULTED)).orElse(false));
        ui.waitUntil(5, () -> ui.present("#problem-toast"));
        ui.robot().clickOn("#tab-problems");
        ui.robot().interact(() -> ui.node("#problems-kinds", javafx.scene.control.ListView.class).getSelectionModel()
                .select(SessionProblem.Kind.CONNECTOR_FAULTED));
        ui.waitUntil(3, () -> ui.node("#problems-items", TableView.class).getItems().size() == 1);
        assertTrue(text("#problem-action").startsWith("Что делать:"), text("#problem-action"));

        // admin stop of B: a reason is required, then the sandbox settles it once and audits it
        ui.robot().clickOn("#sessions-show-all");
        ui.robot().clickOn(ui.robot().lookup("#sessions-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null && ((kg.evpower.console.sessions.SessionsViewModel.Entry) r.getItem()).id().equals(b[0])).findFirst()
                .orElseThrow());
        ui.waitUntil(3, () -> !ui.node("#session-stop", Button.class).isDisabled());
        // the session's station: its commands and history, as on the map
        ui.waitUntil(3, () -> ui.present("#session-station-actions #station-actions-" + b[1])
                && ui.present("#session-station-actions #station-history-" + b[1]));
        ui.robot().clickOn("#session-stop");
        ui.waitUntil(5, () -> ui.present("#session-stop-reason"));
        Button ok = ui.robot().lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(x -> x.getText().equals("Остановить сессию")).findFirst().orElseThrow();
        assertTrue(ok.isDisabled(), "no stop without a reason");
        ui.robot().clickOn("#session-stop-reason").write("Клиент попросил по телефону");
        assertFalse(ok.isDisabled());
        ui.robot().clickOn(ok);
        ui.waitUntil(10, () -> text("#session-action-message") != null && !text("#session-action-message").isEmpty());
        assertTrue(text("#session-action-message").startsWith("Сессия остановлена"), text("#session-action-message"));
        ui.waitUntil(10, () -> row(b[0]).map(r -> !r.running()).orElse(false)); // ended, still listed under "all"
        String reason = server.db().queryOne("SELECT reason FROM admin_session_stops WHERE session_id = ?",
                rs -> rs.getString(1), b[0]).orElse(null);
        assertEquals("Клиент попросил по телефону", reason);
        JsonNode stopped = admin.call("GET", "/api/v1/admin/sessions?status=stopped", null, JsonNode.class, ApiTransport.Auth.SESSION);
        assertEquals(b[0], stopped.path("sessions").path(0).path("id").asText());
        ui.waitUntil(5, () -> text("#sessions-total-active").equals("1"));
        System.out.println("sessions UI: sample to row " + sampleMs + " ms");
    }

    @Test
    void withoutTheOperatorApiTheViewPollsTheSessionsAnOperatorAdds() throws Exception {
        Path home = Files.createTempDirectory("evpower-sessions-poll");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withOperatorApi(false));
        ui.logIn("+996700000001");
        ui.waitUntil(20, () -> ui.present("#overview-table"));
        SandboxServer server = ui.server();
        // the sandbox's own admin listing is off; find a free station the public way
        EvPowerClient any = Sandboxes.client(server);
        JsonNode locations = any.call("GET", "/api/v1/locations?include_stations=true", null, JsonNode.class, ApiTransport.Auth.PUBLIC);
        String stationId = null;
        for (JsonNode l : locations.path("locations").isArray() ? locations.path("locations") : locations.path("data")) {
            for (JsonNode s : l.path("stations")) {
                if (stationId == null && "available".equals(s.path("status").asText())) {
                    stationId = s.path("id").asText();
                }
            }
        }
        assertNotNull(stationId, locations.toString().substring(0, Math.min(400, locations.toString().length())));
        JsonNode sample = any.call("GET", "/_sandbox/accounts", null, JsonNode.class, ApiTransport.Auth.PUBLIC).path("clients_sample");
        String phone = null;
        for (JsonNode c : sample) {
            if (phone == null && "active".equals(c.path("status").asText()) && c.path("balance").asDouble() >= 300) {
                phone = c.path("phone").asText();
            }
        }
        EvPowerClient client = Sandboxes.loggedIn(server, phone);
        String sessionId = client.call("POST", "/api/v1/charging/start", Map.of("station_id", stationId, "connector_id", 1),
                JsonNode.class, ApiTransport.Auth.SESSION).path("session_id").asText();

        ui.robot().clickOn("#nav-sessions");
        ui.waitUntil(5, () -> ui.present("#sessions-polling"));
        assertTrue(text("#sessions-polling").startsWith("Режим опроса"), text("#sessions-polling"));
        assertFalse(ui.present("#session-stop") && ui.node("#session-stop", Button.class).isVisible(), "no admin stop without the API");
        ui.robot().clickOn("#sessions-watch-id").write(sessionId);
        ui.robot().clickOn("#sessions-watch");
        ui.waitUntil(10, () -> row(sessionId).isPresent());
        assertEquals(stationId, row(sessionId).orElseThrow().session().stationId());
        assertTrue(text("#sessions-polling").contains("Опрашивается сессий: 1"), text("#sessions-polling"));

        // the client stops it: the poll sees the end and stops polling it
        client.call("POST", "/api/v1/charging/stop", Map.of("session_id", sessionId), JsonNode.class, ApiTransport.Auth.SESSION);
        ui.waitUntil(20, () -> row(sessionId).isEmpty() || row(sessionId).map(r -> !r.running()).orElse(false));
        ui.waitUntil(5, () -> text("#sessions-polling").contains("Опрашивается сессий: 0"));
    }
}
