package kg.evpower.sandbox;

import kg.evpower.console.api.ApiTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * Real Web Push through the sandbox: production's routes with their quirks, the operator API's per-device results, and
 * the push-service emulator decrypting exactly what was sent; a 410 removes the subscription, 429 and 500 are failures.
 */
class PushIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> messages(SandboxServer s, String device) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Sandboxes.read(s, "/_sandbox/push/devices/" + device + "/messages").path("messages").forEach(out::add);
        return out;
    }

    @Test
    void productionRoutesKeepTheirQuirks() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            JsonNode key = support.call("GET", "/api/v1/notifications/vapid-public-key", null, JsonNode.class, ApiTransport.Auth.PUBLIC);
            assertEquals(87, key.path("data").path("public_key").asText().length(), key.toString());

            // the superadmin's seeded browser is client-typed: /test reaches it with production's text
            JsonNode test = support.call("POST", "/api/v1/notifications/test", Map.of(), JsonNode.class, ApiTransport.Auth.SESSION);
            assertTrue(test.path("success").asBoolean(), test.toString());
            assertEquals("Test notification sent to 1 device(s)", test.path("message").asText());
            String superId = s.db().queryOne("SELECT id FROM users WHERE role = 'superadmin'", rs -> rs.getString(1)).orElseThrow();
            JsonNode device = Sandboxes.read(s, "/_sandbox/push/devices?user_id=" + superId).path("devices").path(0);
            JsonNode got = JSON.readTree(messages(s, device.path("id").asText()).get(0).path("payload").asText());
            assertEquals("Test Notification", got.path("title").asText());
            assertEquals("test", got.path("data").path("type").asText());
            assertEquals("/logo-96.png", got.path("badge").asText());

            // an owner logged in by OTP has a clients row, so only client-typed subscriptions get the test (contract §8.4)
            EvPowerClient owner = Sandboxes.loggedIn(s, "+996700100002");
            String ownerId = s.db().queryOne("SELECT id FROM users WHERE phone = '+996700100002'", rs -> rs.getString(1)).orElseThrow();
            s.db().update("DELETE FROM push_subscriptions WHERE user_id = ? AND user_type = 'client'", ownerId);
            try {
                owner.call("POST", "/api/v1/notifications/test", Map.of(), JsonNode.class, ApiTransport.Auth.SESSION);
                throw new AssertionError("a test reached an owner with owner-typed subscriptions only");
            } catch (ApiException e) {
                // HTTP 200 with success:false, as production answers
                assertEquals(ApiException.Kind.BUSINESS, e.kind());
                assertEquals("No subscriptions found", e.serverMessage());
            }

            // subscribe, update, unsubscribe; a bad user_type is a 422
            Map<String, Object> sub = Map.of("subscription", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/x1",
                    "keys", Map.of("p256dh", device.path("id").asText(), "auth", "a")), "user_type", "owner");
            assertEquals("Push subscription registered successfully", owner.call("POST", "/api/v1/notifications/subscribe", sub, JsonNode.class,
                    ApiTransport.Auth.SESSION).path("message").asText());
            assertEquals("Push subscription updated successfully", owner.call("POST", "/api/v1/notifications/subscribe", sub, JsonNode.class,
                    ApiTransport.Auth.SESSION).path("message").asText());
            Map<String, Object> bad = new HashMap<>(sub);
            bad.put("user_type", "driver");
            try {
                owner.call("POST", "/api/v1/notifications/subscribe", bad, JsonNode.class, ApiTransport.Auth.SESSION);
                throw new AssertionError("user_type driver accepted");
            } catch (ApiException e) {
                assertEquals(ApiException.Kind.VALIDATION, e.kind());
            }
            JsonNode gone = owner.call("POST", "/api/v1/notifications/unsubscribe", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/x1"),
                    JsonNode.class, ApiTransport.Auth.SESSION);
            assertEquals("Push subscription removed successfully", gone.path("message").asText());
            try {
                owner.call("POST", "/api/v1/notifications/unsubscribe", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/x1"),
                        JsonNode.class, ApiTransport.Auth.SESSION);
                throw new AssertionError("a second unsubscribe succeeded");
            } catch (ApiException e) {
                assertEquals("Push subscription not found", e.serverMessage());
            }
        }
    }

    @Test
    void operatorTestGivesAResultPerDeviceAndEveryOutcomeIsWhatItIs() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            String ownerId = s.db().queryOne("SELECT id FROM users WHERE phone = '+996700100001'", rs -> rs.getString(1)).orElseThrow();
            // four more browsers for this owner, each set to answer differently
            Map<Integer, String> devices = new HashMap<>();
            for (int answer : new int[] {201, 410, 429, 500}) {
                String d = Sandboxes.control(s, "/_sandbox/push/devices", "{\"user_id\":\"" + ownerId + "\",\"user_type\":\"owner\"}")
                        .path("device_id").asText();
                Sandboxes.control(s, "/_sandbox/push/devices/" + d, "{\"answer\":" + answer + "}");
                devices.put(answer, d);
            }
            JsonNode subs = support.call("GET", "/api/v1/admin/push-subscriptions?user_id=" + ownerId, null, JsonNode.class,
                    ApiTransport.Auth.SESSION);
            int all = subs.path("subscriptions").size();
            int before = 0;
            for (JsonNode x : subs.path("subscriptions")) {
                before += x.path("user_type").asText().equals("owner") ? 1 : 0;
            }
            assertTrue(before >= 4, subs.toString());

            Map<String, Object> req = Map.of("user_id", ownerId, "user_type", "owner", "title", "Проверка связи", "body", "Станция EVP-1",
                    "data", Map.of("url", "/stations/EVP-1"));
            JsonNode r = support.call("POST", "/api/v1/admin/notifications/test", req, JsonNode.class, ApiTransport.Auth.SESSION);
            Map<String, JsonNode> byDevice = new HashMap<>();
            for (JsonNode x : r.path("results")) {
                String endpoint = s.db().queryOne("SELECT endpoint FROM push_subscriptions WHERE id = ?", rs -> rs.getString(1),
                        x.path("subscription_id").asText()).orElse("(removed)");
                devices.forEach((answer, d) -> {
                    if (endpoint.endsWith(d)) {
                        byDevice.put(d, x);
                    }
                });
                if (endpoint.equals("(removed)")) {
                    byDevice.put(devices.get(410), x);
                }
            }
            assertEquals("delivered", byDevice.get(devices.get(201)).path("outcome").asText(), r.toString());
            assertEquals(201, byDevice.get(devices.get(201)).path("status").asInt());
            assertEquals("removed", byDevice.get(devices.get(410)).path("outcome").asText());
            assertEquals(429, byDevice.get(devices.get(429)).path("status").asInt());
            assertEquals("failed", byDevice.get(devices.get(429)).path("outcome").asText());
            assertEquals(500, byDevice.get(devices.get(500)).path("status").asInt());
            assertEquals("failed", byDevice.get(devices.get(500)).path("outcome").asText());
            assertEquals(before, r.path("results").size(), r.toString());
            assertEquals(before - 3, r.path("sent_to").asInt(), r.toString());

            // the device decrypted exactly the payload the server says it sent
            String payload = r.path("payload").asText();
            List<JsonNode> got = messages(s, devices.get(201));
            assertEquals(payload, got.get(got.size() - 1).path("payload").asText());
            assertEquals("Проверка связи", JSON.readTree(payload).path("title").asText());
            assertEquals("/stations/EVP-1", JSON.readTree(payload).path("data").path("url").asText());
            assertEquals(86400, got.get(got.size() - 1).path("ttl").asInt());
            assertEquals("mailto:noreply@evpower.kg", got.get(got.size() - 1).path("vapid_subject").asText());

            // the 410 device's subscription is gone; the 429 and 500 ones stay
            JsonNode after = support.call("GET", "/api/v1/admin/push-subscriptions?user_id=" + ownerId, null, JsonNode.class,
                    ApiTransport.Auth.SESSION);
            assertEquals(all - 1, after.path("subscriptions").size());

            // one subscription only
            String only = byDevice.get(devices.get(201)).path("subscription_id").asText();
            JsonNode one = support.call("POST", "/api/v1/admin/notifications/test", Map.of("user_id", ownerId, "user_type", "owner",
                    "subscription_id", only), JsonNode.class, ApiTransport.Auth.SESSION);
            assertEquals(1, one.path("results").size());

            // an owner cannot reach another owner
            EvPowerClient other = Sandboxes.loggedIn(s, "+996700100002");
            try {
                other.call("GET", "/api/v1/admin/push-subscriptions?user_id=" + ownerId, null, JsonNode.class, ApiTransport.Auth.SESSION);
                throw new AssertionError("another owner's subscriptions were listed");
            } catch (ApiException e) {
                assertEquals(ApiException.Kind.FORBIDDEN, e.kind());
            }
        }
    }

    @Test
    void aClientStartOnAnOwnersStationPushesNewSessionToTheOwner() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            String[] st = s.db().queryOne("SELECT s.id, l.user_id FROM stations s JOIN locations l ON l.id = s.location_id"
                    + " WHERE s.status = 'active' AND s.is_available = TRUE AND l.user_id IN (SELECT user_id FROM push_subscriptions"
                    + " WHERE user_type = 'owner') ORDER BY s.id", rs -> new String[] {rs.getString(1), rs.getString(2)}).orElseThrow();
            String client = s.db().queryOne("SELECT id FROM clients WHERE balance > 500 AND phone NOT LIKE '+996700%' ORDER BY id",
                    rs -> rs.getString(1)).orElseThrow();
            String device = Sandboxes.read(s, "/_sandbox/push/devices?user_id=" + st[1]).path("devices").path(0).path("id").asText();
            s.charging().start(client, st[0], 1, null, null, id -> true);
            long deadline = System.nanoTime() + 10_000_000_000L;
            JsonNode found = null;
            while (found == null && System.nanoTime() < deadline) {
                for (JsonNode m : messages(s, device)) {
                    if (m.path("payload").asText("").contains("new_session")) {
                        found = JSON.readTree(m.path("payload").asText());
                    }
                }
                Thread.sleep(200);
            }
            assertTrue(found != null, "no new_session reached the owner's device");
            assertEquals(st[0], found.path("data").path("station_id").asText());
            assertTrue(found.path("data").has("location_id") && found.path("data").path("location_id").isNull());
        }
    }
}
