package kg.evpower.sandbox;

import kg.evpower.console.api.ApiTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.util.concurrent.CompletionException;


import java.util.concurrent.TimeUnit;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.testing.JsonFrames;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/** The operator API's session stream over a real WebSocket: auth, snapshot, events in seq order, resync, scoping. */
class SessionsStreamIT {


    private static WebSocket connect(SandboxServer server, EvPowerClient as, JsonFrames frames) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (as != null) {
            b.header("Cookie", "evp_access=" + as.cookies().get("evp_access").orElseThrow());
        }
        return b.buildAsync(URI.create(server.baseUrl().replace("http", "ws") + "/api/v1/admin/ws/sessions"), frames).join();
    }

    @Test
    void snapshotThenEventsInSequenceWithResyncAndOwnerScope() throws Exception {
        try (SandboxServer server = Sandboxes.start(Sandboxes.quiet().withOtpResend(Duration.ZERO))) {
            EvPowerClient admin = Sandboxes.loggedIn(server, "+996700000001");
            // no cookie: refused before the upgrade
            CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> connect(server, null, new JsonFrames()));
            assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException h && h.getResponse().statusCode() == 401,
                    String.valueOf(refused.getCause()));

            JsonFrames all = new JsonFrames();
            WebSocket ws = connect(server, admin, all);
            JsonNode snapshot = all.next("snapshot");
            assertEquals(1, snapshot.path("seq").asInt());
            assertEquals(0, snapshot.path("total").asInt());

            // a session at a station of some owner; that owner's stream sees it too, another owner's does not
            JsonNode station = null;
            for (JsonNode s : admin.call("GET", "/api/v1/admin/stations", null, JsonNode.class, ApiTransport.Auth.SESSION).path("stations")) {
                if (s.path("is_available").asBoolean() && "active".equals(s.path("admin_status").asText())
                        && "available".equals(s.path("connectors").get(0).path("status").asText())) {
                    station = s;
                    break;
                }
            }
            assertNotNull(station);
            String stationId = station.path("id").asText();
            String owner = station.path("owner_user_id").asText();
            String ownerPhone = server.db().queryOne("SELECT phone FROM users WHERE id = ?", rs -> rs.getString(1), owner).orElseThrow();
            String otherPhone = server.db().queryOne("SELECT phone FROM users WHERE role = 'admin' AND id <> ? ORDER BY phone LIMIT 1",
                    rs -> rs.getString(1), owner).orElseThrow();
            JsonFrames mine = new JsonFrames();
            JsonFrames theirs = new JsonFrames();
            connect(server, Sandboxes.loggedIn(server, ownerPhone), mine);
            connect(server, Sandboxes.loggedIn(server, otherPhone), theirs);
            mine.next("snapshot");
            theirs.next("snapshot");

            JsonNode sample = admin.call("GET", "/_sandbox/accounts", null, JsonNode.class, ApiTransport.Auth.PUBLIC).path("clients_sample");
            EvPowerClient client = null;
            for (JsonNode c : sample) {
                if (client == null && "active".equals(c.path("status").asText()) && c.path("balance").asDouble() >= 60) {
                    client = Sandboxes.loggedIn(server, c.path("phone").asText());
                }
            }
            assertNotNull(client);
            String sessionId = client.call("POST", "/api/v1/charging/start", Map.of("station_id", stationId, "connector_id", 1),
                    JsonNode.class, ApiTransport.Auth.SESSION).path("session_id").asText();
            JsonNode started = all.next("session_started");
            assertEquals(sessionId, started.path("session").path("id").asText());
            assertEquals(sessionId, mine.next("session_started").path("session").path("id").asText());

            ChargingService money = server.charging();
            int tx = money.startTransaction(stationId, 1, "996555000444", BigDecimal.valueOf(3_000_000)).orElseThrow();
            server.events().statusNotification(stationId, 1, "Charging", null, null);
            for (int i = 1; i <= 3; i++) {
                money.meterValues(stationId, 1, tx, new ChargingService.Sample(Instant.now(), BigDecimal.valueOf(3_000_000 + i * 1000L),
                        BigDecimal.valueOf(22_000), new BigDecimal("32.0"), new BigDecimal("230.0"), BigDecimal.valueOf(40 + i)));
            }
            JsonNode status = all.next("station_status");
            assertEquals("Charging", status.path("ocpp_status").asText());
            JsonNode meter = null;
            for (int i = 0; i < 3; i++) {
                meter = all.next("meter_update");
            }
            assertEquals(3.0, meter.path("energy_kwh").asDouble(), 1e-9);
            assertEquals(43, meter.path("meter").path("soc").asInt());
            assertTrue(meter.path("cost").asDouble() > 0);

            // a resync answers with a snapshot holding the session, the sequence goes on without a gap
            ws.sendText("{\"action\":\"resync\"}", true).join();
            JsonNode again = all.next("snapshot");
            assertEquals(1, again.path("total").asInt());
            assertEquals(sessionId, again.path("sessions").get(0).path("id").asText());
            assertEquals(43, again.path("sessions").get(0).path("meter").path("soc").asInt());

            client.call("POST", "/api/v1/charging/stop", Map.of("session_id", sessionId), JsonNode.class, ApiTransport.Auth.SESSION);
            JsonNode stopped = all.next("session_stopped");
            assertEquals("stopped", stopped.path("session").path("status").asText());
            // seq 1: snapshot, 2: started, 3: station_status, 4–6: meters, 7: snapshot, then the stop (and its status frames)
            assertEquals(7, again.path("seq").asInt());
            assertTrue(stopped.path("seq").asInt() > 7);

            // the other owner heard nothing of it
            Thread.sleep(300);
            List<String> heard = new ArrayList<>();
            theirs.queue.forEach(f -> heard.add(f.path("type").asText() + ":" + f.path("station_id").asText(f.path("session").path("station_id").asText())));
            assertFalse(heard.stream().anyMatch(h -> h.endsWith(stationId)), heard.toString());

            // the sandbox can drop the streams (for reconnect tests); clients see the close
            admin.call("POST", "/_sandbox/ws/drop", Map.of(), JsonNode.class, ApiTransport.Auth.PUBLIC);
            assertEquals(1012, all.closed.get(5, TimeUnit.SECONDS));
        }
    }
}
