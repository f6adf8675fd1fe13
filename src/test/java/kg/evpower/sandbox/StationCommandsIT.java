package kg.evpower.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.ApiTransport;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * The operator API's station commands over real HTTP against the sandbox's simulated chargers: each command and each
 * kind of answer (OCPP 1.6J's own words, Timeout, Offline), the audit trail, owner scoping and what operators may not
 * send, and what follows a command — a soft reset ending a session with production's settlement, a hard reset leaving
 * it to the station's StopTransaction after boot and production's BootNotification cleanup, a connector taken out of
 * service once the car leaves.
 */
class StationCommandsIT {

    private static SandboxConfig config() {
        // cars run 60 times faster, so a station answers a start within a second; commands wait 1.5 s
        return Sandboxes.quiet().withSimulation(false, 60).withCommandWait(Duration.ofMillis(1500)).withOtpResend(Duration.ZERO);
    }

    private static JsonNode send(EvPowerClient c, String station, Map<String, Object> body) {
        return c.call("POST", "/api/v1/admin/stations/" + station + "/commands", body, JsonNode.class, ApiTransport.Auth.SESSION)
                .path("command");
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        m.putIfAbsent("reason", "test: " + kv[1]);
        return m;
    }

    private static String status(EvPowerClient c, String station, Object... kv) {
        return send(c, station, body(kv)).path("status").asText();
    }

    /** A station of this model, on its first connector of this type. */
    private static String station(SandboxServer s, String model, String type) {
        return s.db().queryOne("SELECT s.id FROM stations s JOIN connectors c ON c.station_id = s.id WHERE s.status = 'active'"
                + " AND s.model = ? AND c.connector_type = ? ORDER BY s.id LIMIT 1", rs -> rs.getString(1), model, type).orElseThrow();
    }

    private static int connector(SandboxServer s, String station, String type) {
        return s.db().queryOne("SELECT MIN(connector_number) FROM connectors WHERE station_id = ? AND connector_type = ?", rs -> rs.getInt(1),
                station, type).orElseThrow();
    }

    static void until(int seconds, Callable<Boolean> condition) throws Exception {
        Sandboxes.until(seconds, condition);
    }

    @Test
    void everyCommandAnswersInOcppWords_orTimeoutOrOffline_andIsInTheTrail() throws Exception {
        try (SandboxServer s = Sandboxes.start(config())) {
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            String ac = station(s, "Terra AC W22", "Type2");
            String dc = station(s, "Terra 124", "CCS");
            String wallbox = station(s, "MaxiCharger AC Wallbox", "Type2");
            String teld = station(s, "TCDZ-DC60", "GB/T");
            for (String st : List.of(ac, dc, wallbox, teld)) {
                Sandboxes.control(s, "/_sandbox/stations/" + st + "/answers", "{\"silent\":false}");
            }

            assertEquals("Unlocked", status(support, ac, "action", "UnlockConnector", "connector_id", 1));
            assertEquals("NotSupported", status(support, dc, "action", "UnlockConnector", "connector_id", 1), "a tethered DC cable");
            s.db().update("UPDATE connectors SET error_code = 'ConnectorLockFailure' WHERE station_id = ? AND connector_number = 1", ac);
            assertEquals("UnlockFailed", status(support, ac, "action", "UnlockConnector", "connector_id", 1));
            assertEquals("Rejected", status(support, wallbox, "action", "Reset", "type", "Hard"), "this model rejects a hard reset");
            assertEquals("Rejected", status(support, teld, "action", "ClearCache"));
            assertEquals("Accepted", status(support, ac, "action", "ClearCache"));
            assertEquals("Accepted", status(support, ac, "action", "TriggerMessage", "requested_message", "Heartbeat"));
            assertEquals("NotImplemented", status(support, wallbox, "action", "TriggerMessage", "requested_message",
                    "DiagnosticsStatusNotification"));
            assertEquals("Rejected", status(support, ac, "action", "TriggerMessage", "requested_message", "MeterValues", "connector_id", 1),
                    "no transaction to sample");

            JsonNode all = send(support, ac, body("action", "GetConfiguration"));
            assertEquals("Accepted", all.path("status").asText());
            assertTrue(all.path("answer").path("configurationKey").size() >= 12, all.toString());
            JsonNode some = send(support, ac, body("action", "GetConfiguration", "keys", List.of("HeartbeatInterval", "NoSuchKey")));
            assertEquals("300", some.path("answer").path("configurationKey").get(0).path("value").asText());
            assertEquals("NoSuchKey", some.path("answer").path("unknownKey").get(0).asText());
            assertEquals("Accepted", status(support, ac, "action", "ChangeConfiguration", "key", "HeartbeatInterval", "value", "600"));
            assertEquals("600", send(support, ac, body("action", "GetConfiguration", "keys", List.of("HeartbeatInterval")))
                    .path("answer").path("configurationKey").get(0).path("value").asText(), "the change is kept");
            assertEquals("Rejected", status(support, ac, "action", "ChangeConfiguration", "key", "NumberOfConnectors", "value", "4"), "read-only");
            assertEquals("Rejected", status(support, ac, "action", "ChangeConfiguration", "key", "HeartbeatInterval", "value", "often"));
            assertEquals("RebootRequired", status(support, ac, "action", "ChangeConfiguration", "key", "WebSocketPingInterval", "value", "30"));
            assertEquals("NotSupported", status(support, ac, "action", "ChangeConfiguration", "key", "NoSuchKey", "value", "1"));

            // no link: nothing is sent; no answer: Timeout after the wait
            Sandboxes.control(s, "/_sandbox/stations/" + dc + "/online", "{\"online\":false}");
            JsonNode offline = send(support, dc, body("action", "Reset", "type", "Soft"));
            assertEquals("Offline", offline.path("status").asText());
            Sandboxes.control(s, "/_sandbox/stations/" + teld + "/answers", "{\"silent\":true}");
            JsonNode timeout = send(support, teld, body("action", "Reset", "type", "Soft"));
            assertEquals("Timeout", timeout.path("status").asText());
            assertTrue(timeout.path("duration_ms").asLong() >= 1500, timeout.toString());

            // the audit trail: who, when, what, why, the answer, how long — newest first
            JsonNode trail = support.call("GET", "/api/v1/admin/stations/" + ac + "/commands", null, JsonNode.class, ApiTransport.Auth.SESSION)
                    .path("commands");
            assertEquals(13, trail.size(), "every command sent to it, each once");
            JsonNode last = trail.get(0);
            assertEquals("ChangeConfiguration", last.path("action").asText());
            assertEquals("NoSuchKey", last.path("fields").path("key").asText());
            assertEquals("test: ChangeConfiguration", last.path("reason").asText());
            assertEquals("Служба поддержки EvPower", last.path("user_name").asText());
            assertTrue(last.path("requested_at").asText().endsWith("Z") && last.path("duration_ms").asLong() >= 0, last.toString());

            // what is refused before anything is sent
            assertEquals(422, assertThrows(ApiException.class, () -> send(support, ac, Map.of("action", "ClearCache"))).httpStatus(),
                    "a reason is required");
            assertEquals(422, assertThrows(ApiException.class, () -> send(support, ac, body("action", "Dance"))).httpStatus());
            assertEquals(422, assertThrows(ApiException.class, () -> send(support, ac, body("action", "UnlockConnector", "connector_id", 9)))
                    .httpStatus(), "no such connector");
            assertEquals(404, assertThrows(ApiException.class, () -> send(support, "NO-SUCH", body("action", "ClearCache"))).httpStatus());
        }
    }

    @Test
    void ownersCommandTheirOwnStations_operatorsTheirOwnersButNotAHardResetOrAConfigurationChange() throws Exception {
        try (SandboxServer s = Sandboxes.start(config())) {
            EvPowerClient owner = Sandboxes.loggedIn(s, "+996700100001");
            String ownerId = owner.auth().profile().userId();
            String mine = s.db().queryOne("SELECT id FROM stations WHERE user_id = ? AND status = 'active' ORDER BY id LIMIT 1", rs -> rs.getString(1),
                    ownerId).orElseThrow();
            String theirs = s.db().queryOne("SELECT id FROM stations WHERE user_id <> ? AND status = 'active' ORDER BY id LIMIT 1",
                    rs -> rs.getString(1), ownerId).orElseThrow();
            Sandboxes.control(s, "/_sandbox/stations/" + mine + "/answers", "{\"silent\":false}");
            assertEquals("Accepted", status(owner, mine, "action", "TriggerMessage", "requested_message", "Heartbeat"));
            ApiException foreign = assertThrows(ApiException.class, () -> send(owner, theirs, body("action", "ClearCache")));
            assertEquals(403, foreign.httpStatus());
            assertEquals("Нет доступа к этой станции", foreign.serverMessage());

            EvPowerClient operator = Sandboxes.loggedIn(s, "+996700201001");
            assertEquals("Accepted", status(operator, mine, "action", "TriggerMessage", "requested_message", "StatusNotification"));
            assertEquals(403, assertThrows(ApiException.class, () -> send(operator, theirs, body("action", "ClearCache"))).httpStatus());
            for (Map<String, Object> b : List.of(body("action", "Reset", "type", "Hard"), body("action", "ClearCache"),
                    body("action", "ChangeConfiguration", "key", "HeartbeatInterval", "value", "60"))) {
                ApiException e = assertThrows(ApiException.class, () -> send(operator, mine, b));
                assertEquals("Оператору недоступна эта команда", e.serverMessage(), b.toString());
            }
            assertEquals(0L, s.db().queryOne("SELECT COUNT(*) FROM station_commands WHERE station_id = ? AND action IN ('ClearCache', 'ChangeConfiguration')",
                    rs -> rs.getLong(1), mine).orElseThrow(), "refused commands are not sent, nor written as sent");
        }
    }

    /** A car on the station's connector, its transaction begun (cars are driven by the test, the network is paused). */
    private static String charging(SandboxServer s, String station, int connector) throws Exception {
        return Sandboxes.charging(s, station, connector);
    }

    private static String sessionStatus(SandboxServer s, String session) {
        return s.db().queryOne("SELECT status FROM charging_sessions WHERE id = ?", rs -> rs.getString(1), session).orElseThrow();
    }

    @Test
    void aSoftResetEndsTheSessionAsTheStationsStopDoes_thenTheStationRebootsAndComesBack() throws Exception {
        try (SandboxServer s = Sandboxes.start(config())) {
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"fixed\"}");
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            String st = station(s, "Terra AC W22", "Type2");
            Sandboxes.control(s, "/_sandbox/stations/" + st + "/answers", "{\"silent\":false}");
            String session = charging(s, st, 1);
            assertEquals("Accepted", status(support, st, "action", "Reset", "type", "Soft"));
            until(10, () -> !"started".equals(sessionStatus(s, session)));
            assertEquals("stopped", sessionStatus(s, session));
            assertEquals("SoftReset", s.db().queryOne("SELECT stop_reason FROM ocpp_transactions WHERE charging_session_id = ?",
                    rs -> rs.getString(1), session).orElseThrow());
            // production's settlement of a station's stop: the unused reserve back, on the books
            Object[] money = s.db().queryOne("SELECT reserved_amount, amount FROM charging_sessions WHERE id = ?",
                    rs -> new Object[] {rs.getBigDecimal(1), rs.getBigDecimal(2)}, session).orElseThrow();
            BigDecimal refund = ((BigDecimal) money[0]).subtract((BigDecimal) money[1]);
            BigDecimal logged = s.db().queryOne("SELECT COALESCE(SUM(amount), 0) FROM payment_transactions_odengi WHERE charging_session_id = ?"
                    + " AND transaction_type = 'charge_refund'", rs -> rs.getBigDecimal(1), session).orElseThrow();
            assertEquals(0, refund.compareTo(logged), "refund " + refund + " logged " + logged);
            // the station drops its link and boots again a few seconds later, every connector Available
            until(3, () -> !s.presence().isOnline(st));
            until(15, () -> s.presence().isOnline(st));
            until(5, () -> s.db().queryOne("SELECT COUNT(*) FROM connectors WHERE station_id = ? AND status <> 'available'",
                    rs -> rs.getLong(1), st).orElseThrow() == 0);
        }
    }

    @Test
    void aHardResetLeavesTheStopToTheStationAfterBoot_andProductionsCleanupEndsASessionWithoutATransaction() throws Exception {
        try (SandboxServer s = Sandboxes.start(config())) {
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"fixed\"}");
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            String st = station(s, "Terra 54", "Type2");
            Sandboxes.control(s, "/_sandbox/stations/" + st + "/answers", "{\"silent\":false}");
            String running = charging(s, st, 1);
            String waiting = s.simulator().drivers().arrive(st, 2).orElseThrow(); // no tick: the station has not answered its start
            BigDecimal reserve = s.db().queryOne("SELECT reserved_amount FROM charging_sessions WHERE id = ?", rs -> rs.getBigDecimal(1), waiting)
                    .orElseThrow();
            assertEquals("Accepted", status(support, st, "action", "Reset", "type", "Hard"));
            until(3, () -> !s.presence().isOnline(st));
            assertEquals("started", sessionStatus(s, running), "no clean stop while the station is down");
            until(15, () -> s.presence().isOnline(st) && !"started".equals(sessionStatus(s, running)) && !"started".equals(sessionStatus(s, waiting)));
            assertEquals("HardReset", s.db().queryOne("SELECT stop_reason FROM ocpp_transactions WHERE charging_session_id = ?",
                    rs -> rs.getString(1), running).orElseThrow());
            assertEquals("stopped", sessionStatus(s, running));
            assertEquals("error", sessionStatus(s, waiting), "production's BootNotification cleanup");
            assertEquals(0, reserve.compareTo(s.db().queryOne("SELECT amount FROM payment_transactions_odengi WHERE charging_session_id = ?"
                    + " AND transaction_type = 'charge_refund'", rs -> rs.getBigDecimal(1), waiting).orElseThrow()), "refunded in full");
        }
    }

    @Test
    void inoperativeWhileACarChargesIsScheduledAndAppliedWhenItLeaves_operativeGivesItBack() throws Exception {
        try (SandboxServer s = Sandboxes.start(config())) {
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            String st = station(s, "MaxiCharger AC Elite", "Type2");
            Sandboxes.control(s, "/_sandbox/stations/" + st + "/answers", "{\"silent\":false}");
            String session = charging(s, st, 1);
            assertEquals("Scheduled", status(support, st, "action", "ChangeAvailability", "connector_id", 1, "type", "Inoperative"));
            assertEquals("occupied", connectorStatus(s, st, 1), "the car charges on");
            assertEquals("Accepted", status(support, st, "action", "ChangeAvailability", "connector_id", 2, "type", "Inoperative"));
            until(3, () -> "unavailable".equals(connectorStatus(s, st, 2)));
            // the car leaves (unlock ends its transaction): now the connector goes out of service
            assertEquals("Unlocked", status(support, st, "action", "UnlockConnector", "connector_id", 1));
            until(5, () -> !"started".equals(sessionStatus(s, session)));
            assertEquals("UnlockCommand", s.db().queryOne("SELECT stop_reason FROM ocpp_transactions WHERE charging_session_id = ?",
                    rs -> rs.getString(1), session).orElseThrow());
            until(5, () -> "unavailable".equals(connectorStatus(s, st, 1)));
            assertEquals("Accepted", status(support, st, "action", "ChangeAvailability", "connector_id", 0, "type", "Operative"));
            until(3, () -> "available".equals(connectorStatus(s, st, 1)) && "available".equals(connectorStatus(s, st, 2)));
        }
    }

    private static String connectorStatus(SandboxServer s, String station, int n) {
        return s.db().queryOne("SELECT status FROM connectors WHERE station_id = ? AND connector_number = ?", rs -> rs.getString(1), station, n)
                .orElseThrow();
    }
}
