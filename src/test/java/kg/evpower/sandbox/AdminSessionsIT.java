package kg.evpower.sandbox;

import kg.evpower.console.api.ApiTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/** The operator API's session listing and admin stop (contract §9.2 items 3 and 7), over HTTP, owner-scoped. */
class AdminSessionsIT {

    private static JsonNode get(EvPowerClient c, String path) {
        return c.call("GET", path, null, JsonNode.class, ApiTransport.Auth.SESSION);
    }

    @Test
    void sessionsAreListedWithConnectorMoneyAndMeterAndStoppedByAnOperatorWithAReason() {
        try (SandboxServer server = Sandboxes.start(Sandboxes.quiet().withOtpResend(Duration.ZERO))) {
            EvPowerClient admin = Sandboxes.loggedIn(server, "+996700000001");
            // two stations of two different owners, one client at each
            JsonNode all = get(admin, "/api/v1/admin/stations").path("stations");
            List<JsonNode> picked = new ArrayList<>();
            for (JsonNode s : all) {
                boolean free = false;
                for (JsonNode c : s.path("connectors")) {
                    free |= c.path("connector_number").asInt() == 1 && "available".equals(c.path("status").asText());
                }
                if (free && s.path("is_available").asBoolean() && "active".equals(s.path("admin_status").asText())
                        && (picked.isEmpty() || !picked.get(0).path("owner_user_id").asText().equals(s.path("owner_user_id").asText()))) {
                    picked.add(s);
                }
                if (picked.size() == 2) {
                    break;
                }
            }
            JsonNode sample = admin.call("GET", "/_sandbox/accounts", null, JsonNode.class, ApiTransport.Auth.PUBLIC).path("clients_sample");
            List<EvPowerClient> clients = new ArrayList<>();
            List<String> sessions = new ArrayList<>();
            for (JsonNode c : sample) {
                if (clients.size() < 2 && "active".equals(c.path("status").asText()) && c.path("balance").asDouble() >= 60) {
                    EvPowerClient client = Sandboxes.loggedIn(server, c.path("phone").asText());
                    JsonNode started = client.call("POST", "/api/v1/charging/start", Map.of("station_id",
                            picked.get(clients.size()).path("id").asText(), "connector_id", 1), JsonNode.class, ApiTransport.Auth.SESSION);
                    sessions.add(started.path("session_id").asText());
                    clients.add(client);
                }
            }
            assertEquals(2, sessions.size());

            // superadmin: both, no connector yet; after StartTransaction and a sample: connector and meter
            JsonNode page = get(admin, "/api/v1/admin/sessions?status=started");
            assertEquals(2, page.path("total").asInt(), page.toString());
            for (JsonNode s : page.path("sessions")) {
                assertTrue(s.path("connector_id").isNull());
                assertTrue(s.path("meter").isNull());
                assertFalse(s.path("payment_processed").asBoolean());
            }
            ChargingService money = server.charging();
            String first = picked.get(0).path("id").asText();
            int tx = money.startTransaction(first, 1, "996555000333", BigDecimal.valueOf(2_000_000)).orElseThrow();
            money.meterValues(first, 1, tx, new ChargingService.Sample(Instant.now(), BigDecimal.valueOf(2_003_000),
                    BigDecimal.valueOf(11_000), new BigDecimal("16.0"), new BigDecimal("229.0"), BigDecimal.valueOf(48)));
            JsonNode one = get(admin, "/api/v1/admin/sessions?station_id=" + first).path("sessions").get(0);
            assertEquals(sessions.get(0), one.path("id").asText());
            assertEquals(1, one.path("connector_id").asInt());
            assertEquals(3.0, one.path("energy_kwh").asDouble(), 1e-9);
            assertEquals(11_000.0, one.path("meter").path("power_w").asDouble(), 1e-9);
            assertEquals(48, one.path("meter").path("soc").asInt());
            assertEquals(tx, one.path("transaction_id").asInt());
            assertFalse(one.path("client_phone").asText().isEmpty());

            // dates are UTC; nothing started in the future; a bad date is a 422
            assertEquals(0, get(admin, "/api/v1/admin/sessions?from=" + Instant.now().plusSeconds(3600)).path("total").asInt());
            assertEquals(2, get(admin, "/api/v1/admin/sessions?from=" + Instant.now().minusSeconds(3600).toString().replace("Z", ""))
                    .path("total").asInt(), "no offset is read as UTC");
            ApiException bad = assertThrows(ApiException.class, () -> get(admin, "/api/v1/admin/sessions?from=yesterday"));
            assertEquals(422, bad.httpStatus());

            // the first station's owner sees only their own session, and cannot stop the other one
            String ownerId = picked.get(0).path("owner_user_id").asText();
            String ownerPhone = server.db().queryOne("SELECT phone FROM users WHERE id = ?", rs -> rs.getString(1), ownerId).orElseThrow();
            EvPowerClient owner = Sandboxes.loggedIn(server, ownerPhone);
            JsonNode own = get(owner, "/api/v1/admin/sessions");
            assertEquals(1, own.path("total").asInt(), own.toString());
            assertEquals(sessions.get(0), own.path("sessions").get(0).path("id").asText());
            ApiException foreign = assertThrows(ApiException.class, () -> owner.call("POST", "/api/v1/admin/sessions/" + sessions.get(1)
                    + "/stop", Map.of("reason", "test"), JsonNode.class, ApiTransport.Auth.SESSION));
            assertEquals("session_not_found", foreign.code());

            // a stop needs a reason; with one it settles, is audited, and the station's StopTransaction does not settle again
            ApiException noReason = assertThrows(ApiException.class, () -> owner.call("POST", "/api/v1/admin/sessions/" + sessions.get(0)
                    + "/stop", Map.of("reason", "  "), JsonNode.class, ApiTransport.Auth.SESSION));
            assertEquals(422, noReason.httpStatus());
            JsonNode stopped = owner.call("POST", "/api/v1/admin/sessions/" + sessions.get(0) + "/stop",
                    Map.of("reason", "Клиент позвонил: кабель не отпускается"), JsonNode.class, ApiTransport.Auth.SESSION);
            assertTrue(stopped.path("success").asBoolean(), stopped.toString());
            assertEquals(3.0, stopped.path("energy_kwh").asDouble(), 1e-9);
            BigDecimal balance = stopped.path("new_balance").decimalValue();
            money.stopTransaction(first, tx, BigDecimal.valueOf(2_003_000), "Remote");
            String clientId = stopped.path("client_id").asText();
            BigDecimal after = server.db().queryOne("SELECT balance FROM clients WHERE id = ?", rs -> rs.getBigDecimal(1), clientId)
                    .orElseThrow();
            assertEquals(0, balance.compareTo(after), "no second settlement after an admin stop");
            JsonNode listed = get(admin, "/api/v1/admin/sessions?station_id=" + first).path("sessions").get(0);
            assertEquals("stopped", listed.path("status").asText());
            assertTrue(listed.path("payment_processed").asBoolean());
            List<String> audit = server.db().query("SELECT stopped_by || '|' || reason FROM admin_session_stops WHERE session_id = ?",
                    rs -> rs.getString(1), sessions.get(0));
            assertEquals(List.of(ownerId + "|Клиент позвонил: кабель не отпускается"), audit);
            ApiException again = assertThrows(ApiException.class, () -> admin.call("POST", "/api/v1/admin/sessions/" + sessions.get(0)
                    + "/stop", Map.of("reason", "again"), JsonNode.class, ApiTransport.Auth.SESSION));
            assertEquals("session_not_active", again.code());
            assertNotEquals(sessions.get(0), sessions.get(1));
        }
    }

    @Test
    void withoutTheOperatorApiTheRoutesAreNotThere() {
        try (SandboxServer server = Sandboxes.start(Sandboxes.quiet().withOperatorApi(false))) {
            EvPowerClient admin = Sandboxes.loggedIn(server, "+996700000001");
            ApiException e = assertThrows(ApiException.class, () -> get(admin, "/api/v1/admin/sessions"));
            assertEquals(404, e.httpStatus());
        }
    }
}
