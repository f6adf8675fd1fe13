package kg.evpower.sandbox;

import kg.evpower.console.api.ApiTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The v1 charging money paths over real HTTP (contract §3.2, §7.3): reserve at start, settlement at stop, the public
 * status poll and the caller's history, with production's ledger quirks.
 */
class ChargingIT {

    private static SandboxServer server;
    private static EvPowerClient admin;
    private static final Map<String, EvPowerClient> SIGNED_IN = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        server = Sandboxes.start(Sandboxes.quiet().withOtpResend(java.time.Duration.ZERO));
        admin = Sandboxes.loggedIn(server, "+996700000001");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A seeded client with at least {@code min} som, logged in. */
    private static EvPowerClient client(int nth, BigDecimal min) {
        JsonNode sample = admin.call("GET", "/_sandbox/accounts", null, JsonNode.class, ApiTransport.Auth.PUBLIC).path("clients_sample");
        int seen = 0;
        for (JsonNode c : sample) {
            if ("active".equals(c.path("status").asText()) && c.path("balance").decimalValue().compareTo(min) >= 0 && seen++ == nth) {
                return SIGNED_IN.computeIfAbsent(c.path("phone").asText(), phone -> Sandboxes.loggedIn(server, phone));
            }
        }
        throw new AssertionError("no active client with " + min + " som in " + sample);
    }

    /** Another seeded client than {@code not}, logged in. */
    private static EvPowerClient otherThan(EvPowerClient not) {
        JsonNode sample = admin.call("GET", "/_sandbox/accounts", null, JsonNode.class, ApiTransport.Auth.PUBLIC).path("clients_sample");
        for (JsonNode c : sample) {
            String phone = c.path("phone").asText();
            if ("active".equals(c.path("status").asText()) && SIGNED_IN.get(phone) != not) {
                return SIGNED_IN.computeIfAbsent(phone, p -> Sandboxes.loggedIn(server, p));
            }
        }
        throw new AssertionError("no second client in " + sample);
    }

    /** An active, connected station whose connector 1 is free, and its rate. */
    private static JsonNode freeStation(int skip) {
        JsonNode all = admin.call("GET", "/api/v1/admin/stations", null, JsonNode.class, ApiTransport.Auth.SESSION);
        int seen = 0;
        for (JsonNode s : all.path("stations").isArray() ? all.path("stations") : all.path("data")) {
            if (!"active".equals(s.path("admin_status").asText()) || !s.path("is_available").asBoolean()) {
                continue;
            }
            for (JsonNode c : s.path("connectors")) {
                if (c.path("connector_number").asInt() == 1 && "available".equals(c.path("status").asText()) && seen++ == skip) {
                    return s;
                }
            }
        }
        throw new AssertionError("no free station");
    }

    private static BigDecimal balance(EvPowerClient c) {
        String id = c.call("GET", "/api/v1/profile", null, JsonNode.class, ApiTransport.Auth.SESSION).path("client_id").asText();
        return c.call("GET", "/api/v1/balance/" + id, null, JsonNode.class, ApiTransport.Auth.SESSION).path("balance").decimalValue();
    }

    private static JsonNode post(EvPowerClient c, String path, Object body) {
        return c.call("POST", path, body, JsonNode.class, ApiTransport.Auth.SESSION);
    }

    private static BigDecimal som(JsonNode n) {
        return n.decimalValue().setScale(2, RoundingMode.HALF_UP);
    }

    @Test
    void anUnlimitedSessionReservesSettlesAndLeavesTheLedgerAsProductionDoes() {
        EvPowerClient client = client(0, new BigDecimal("250"));
        JsonNode station = freeStation(0);
        String stationId = station.path("id").asText();
        JsonNode history0 = client.call("GET", "/api/v1/history/transactions?limit=100", null, JsonNode.class, ApiTransport.Auth.SESSION);

        JsonNode started = post(client, "/api/v1/charging/start", Map.of("station_id", stationId, "connector_id", 1));
        assertTrue(started.path("success").asBoolean(), started.toString());
        BigDecimal fee = som(started.path("pricing").path("session_fee"));
        BigDecimal reserve = som(started.path("reserved_amount"));
        BigDecimal before = som(started.path("new_balance")).add(reserve);
        assertEquals(before.min(new BigDecimal("200").add(fee)).setScale(2, RoundingMode.HALF_UP), reserve, "unlimited: min(balance, 200 + fee)");
        String sessionId = started.path("session_id").asText();

        // the ledger: charge_reserve, with production's "before" that is already after the debit
        JsonNode ledger = client.call("GET", "/api/v1/history/transactions?limit=100", null, JsonNode.class, ApiTransport.Auth.SESSION);
        assertEquals(history0.path("total").asInt() + 1, ledger.path("total").asInt());
        JsonNode row = ledger.path("data").get(0);
        assertEquals("charge_reserve", row.path("transaction_type").asText());
        assertEquals(reserve.negate(), som(row.path("amount")));
        assertEquals(som(started.path("new_balance")), som(row.path("balance_before")), "off by the reserve, as in production");
        assertEquals(som(started.path("new_balance")).subtract(reserve), som(row.path("balance_after")));

        // the connector is taken, a second session is refused, the public poll answers without a session cookie
        ApiException again = assertThrows(ApiException.class,
                () -> post(client, "/api/v1/charging/start", Map.of("station_id", freeStation(1).path("id").asText(), "connector_id", 1)));
        assertEquals("session_already_active", again.code());
        JsonNode status = Sandboxes.client(server).call("GET", "/api/v1/charging/status/" + sessionId, null, JsonNode.class,
                ApiTransport.Auth.PUBLIC).path("session");
        assertEquals("started", status.path("status").asText());
        assertEquals(1, status.path("connector_id").asInt());
        assertEquals("none", status.path("limit_type").asText());
        assertEquals(reserve, som(status.path("reserved_amount")));
        JsonNode st = admin.call("GET", "/api/v1/station/status/" + stationId, null, JsonNode.class, ApiTransport.Auth.PUBLIC);
        assertTrue(st.toString().contains("Занят"), st.toString());

        // nobody else may stop it
        EvPowerClient other = otherThan(client);
        ApiException denied = assertThrows(ApiException.class, () -> post(other, "/api/v1/charging/stop", Map.of("session_id", sessionId)));
        assertEquals("access_denied", denied.code());

        // stopped with no energy: the whole reserve comes back as charge_refund
        JsonNode stopped = post(client, "/api/v1/charging/stop", Map.of("session_id", sessionId));
        assertTrue(stopped.path("success").asBoolean(), stopped.toString());
        assertEquals(0, stopped.path("actual_cost").decimalValue().signum());
        assertEquals(reserve, som(stopped.path("refund_amount")));
        assertEquals(before, som(stopped.path("new_balance")));
        JsonNode refund = client.call("GET", "/api/v1/history/transactions?limit=100", null, JsonNode.class, ApiTransport.Auth.SESSION)
                .path("data").get(0);
        assertEquals("charge_refund", refund.path("transaction_type").asText());
        assertEquals(reserve, som(refund.path("amount")));
        JsonNode sessions = client.call("GET", "/api/v1/history/charging", null, JsonNode.class, ApiTransport.Auth.SESSION);
        assertEquals(sessionId, sessions.path("data").get(0).path("id").asText());
        assertEquals("stopped", sessions.path("data").get(0).path("status").asText());
        ApiException twice = assertThrows(ApiException.class, () -> post(client, "/api/v1/charging/stop", Map.of("session_id", sessionId)));
        assertEquals("session_not_found", twice.code());
        JsonNode freed = admin.call("GET", "/api/v1/station/status/" + stationId, null, JsonNode.class, ApiTransport.Auth.PUBLIC);
        assertFalse(freed.toString().contains("Занят"), "every connector of the station is freed: " + freed);
        assertEquals(before, balance(client));
    }

    @Test
    void limitsAndRefusalsFollowProductionsTable() {
        EvPowerClient client = client(2, new BigDecimal("100"));
        BigDecimal balance = balance(client);
        JsonNode station = freeStation(3);
        String stationId = station.path("id").asText();

        ApiException tooMuch = assertThrows(ApiException.class, () -> post(client, "/api/v1/charging/start",
                Map.of("station_id", stationId, "connector_id", 1, "amount_som", balance.add(BigDecimal.ONE))));
        assertEquals("amount_exceeds_balance", tooMuch.code());

        ApiException lower = assertThrows(ApiException.class, () -> post(client, "/api/v1/charging/start",
                Map.of("station_id", stationId.toLowerCase(), "connector_id", 1)));
        assertEquals(422, lower.httpStatus());
        ApiException badConnector = assertThrows(ApiException.class, () -> post(client, "/api/v1/charging/start",
                Map.of("station_id", stationId, "connector_id", 11)));
        assertEquals(422, badConnector.httpStatus());
        ApiException noConnector = assertThrows(ApiException.class, () -> post(client, "/api/v1/charging/start",
                Map.of("station_id", stationId, "connector_id", 9)));
        assertEquals("connector_not_found", noConnector.code());
        ApiException noStation = assertThrows(ApiException.class, () -> post(client, "/api/v1/charging/start",
                Map.of("station_id", "EVP-NOPE-99", "connector_id", 1)));
        assertEquals("station_not_found", noStation.code());

        // an energy limit reserves energy × rate + fee
        JsonNode started = post(client, "/api/v1/charging/start", Map.of("station_id", stationId, "connector_id", 1, "energy_kwh", 2));
        assertTrue(started.path("success").asBoolean(), started.toString());
        BigDecimal rate = started.path("pricing").path("rate_per_kwh").decimalValue();
        BigDecimal fee = started.path("pricing").path("session_fee").decimalValue();
        assertEquals(rate.multiply(BigDecimal.valueOf(2)).add(fee).setScale(2, RoundingMode.HALF_UP), som(started.path("reserved_amount")));
        JsonNode status = client.call("GET", "/api/v1/charging/status/" + started.path("session_id").asText(), null, JsonNode.class,
                ApiTransport.Auth.PUBLIC).path("session");
        assertEquals("energy", status.path("limit_type").asText());
        assertEquals(2.0, status.path("limit_value").asDouble(), 1e-9);
        post(client, "/api/v1/charging/stop", Map.of("session_id", started.path("session_id").asText()));
        assertEquals(balance.setScale(2, RoundingMode.HALF_UP), balance(client).setScale(2, RoundingMode.HALF_UP));

        ApiException missing = assertThrows(ApiException.class, () -> Sandboxes.client(server).call("GET",
                "/api/v1/charging/status/00000000-0000-0000-0000-000000000000", null, JsonNode.class, ApiTransport.Auth.PUBLIC));
        assertEquals(404, missing.httpStatus());
    }

    private static BigDecimal wh(long v) {
        return BigDecimal.valueOf(v);
    }

    private static ChargingService.Sample sample(long energyWh, long powerW, int soc) {
        return new ChargingService.Sample(java.time.Instant.now(), wh(energyWh), wh(powerW), new BigDecimal("31.5"),
                new BigDecimal("228.0"), BigDecimal.valueOf(soc));
    }

    @Test
    void aStationEndedSessionIsSettledTheWsWayWithTheRefundMissingFromTheLedger() {
        EvPowerClient client = client(1, new BigDecimal("250"));
        BigDecimal before = balance(client);
        long refundsBefore = refunds(client);
        String stationId = freeStation(5).path("id").asText();
        JsonNode started = post(client, "/api/v1/charging/start", Map.of("station_id", stationId, "connector_id", 1));
        String sessionId = started.path("session_id").asText();
        BigDecimal reserve = som(started.path("reserved_amount"));
        ChargingService money = server.charging();

        int tx = money.startTransaction(stationId, 1, "996555000111", wh(1_000_000)).orElseThrow();
        money.meterValues(stationId, 1, tx, sample(1_004_215, 21_700, 55));
        JsonNode status = Sandboxes.client(server).call("GET", "/api/v1/charging/status/" + sessionId, null, JsonNode.class,
                ApiTransport.Auth.PUBLIC).path("session");
        assertEquals(4.215, status.path("energy_kwh").asDouble(), 1e-9);
        assertEquals(21.7, status.path("power_kw").asDouble(), 1e-9);
        assertEquals(55, status.path("ev_battery_soc").asInt());
        assertEquals(1_000_000.0, status.path("meter_start").asDouble(), 1e-9);
        assertEquals(1_004_215.0, status.path("meter_current").asDouble(), 1e-9);
        assertFalse(status.path("ocpp_transaction_id").isNull());

        // the EV is unplugged: StopTransaction settles at the station's rate (or 12.0), and logs no refund
        money.stopTransaction(stationId, tx, wh(1_004_215), "EVDisconnected");
        JsonNode ended = Sandboxes.client(server).call("GET", "/api/v1/charging/status/" + sessionId, null, JsonNode.class,
                ApiTransport.Auth.PUBLIC).path("session");
        assertEquals("stopped", ended.path("status").asText());
        BigDecimal price = freeStationRate(stationId);
        BigDecimal cost = new BigDecimal("4.215").multiply(price.signum() > 0 ? price : ChargingService.WS_DEFAULT_RATE)
                .setScale(2, RoundingMode.HALF_UP);
        assertEquals(before.subtract(cost).setScale(2, RoundingMode.HALF_UP), balance(client).setScale(2, RoundingMode.HALF_UP));
        assertEquals(refundsBefore, refunds(client), "the refund of " + reserve.subtract(cost) + " som is in the balance but not in the ledger");
    }

    @Test
    void aStopThroughTheApiFollowedByStopTransactionRefundsTwice() {
        EvPowerClient client = client(2, new BigDecimal("250"));
        BigDecimal before = balance(client);
        String stationId = freeStation(7).path("id").asText();
        JsonNode started = post(client, "/api/v1/charging/start", Map.of("station_id", stationId, "connector_id", 1));
        BigDecimal reserve = som(started.path("reserved_amount"));
        ChargingService money = server.charging();
        int tx = money.startTransaction(stationId, 1, "996555000222", wh(500_000)).orElseThrow();
        money.meterValues(stationId, 1, tx, sample(502_000, 7_200, 40));
        JsonNode stopped = post(client, "/api/v1/charging/stop", Map.of("session_id", started.path("session_id").asText()));
        BigDecimal apiCost = som(stopped.path("actual_cost"));
        assertEquals(before.subtract(apiCost).setScale(2, RoundingMode.HALF_UP), balance(client).setScale(2, RoundingMode.HALF_UP));

        // the station answers RemoteStopTransaction; payment_processed is still false, so the ws path refunds again
        money.stopTransaction(stationId, tx, wh(502_000), "Remote");
        BigDecimal price = freeStationRate(stationId);
        BigDecimal wsCost = new BigDecimal("2.000").multiply(price.signum() > 0 ? price : ChargingService.WS_DEFAULT_RATE)
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal doubled = before.subtract(apiCost).add(reserve.subtract(wsCost));
        assertEquals(doubled.setScale(2, RoundingMode.HALF_UP), balance(client).setScale(2, RoundingMode.HALF_UP),
                "a second refund of the reserve minus the cost, with no ledger row");
    }

    private static long refunds(EvPowerClient client) {
        JsonNode ledger = client.call("GET", "/api/v1/history/transactions?limit=100", null, JsonNode.class, ApiTransport.Auth.SESSION);
        long n = 0;
        for (JsonNode row : ledger.path("data")) {
            n += "charge_refund".equals(row.path("transaction_type").asText()) ? 1 : 0;
        }
        return n;
    }

    private static BigDecimal freeStationRate(String stationId) {
        JsonNode all = admin.call("GET", "/api/v1/admin/stations", null, JsonNode.class, ApiTransport.Auth.SESSION);
        for (JsonNode s : all.path("stations")) {
            if (stationId.equals(s.path("id").asText())) {
                JsonNode p = s.path("tariff").path("price_per_kwh");
                return p.isNull() || p.isMissingNode() ? BigDecimal.ZERO : p.decimalValue();
            }
        }
        throw new AssertionError(stationId);
    }

    @Test
    void theConsoleCanFollowASessionByThePublicPollAlone() {
        EvPowerClient client = client(0, new BigDecimal("100"));
        String stationId = freeStation(9).path("id").asText();
        JsonNode started = post(client, "/api/v1/charging/start", Map.of("station_id", stationId, "connector_id", 1, "amount_som", 80));
        String sessionId = started.path("session_id").asText();
        ChargingService money = server.charging();
        int tx = money.startTransaction(stationId, 1, "996555000555", wh(4_000_000)).orElseThrow();
        money.meterValues(stationId, 1, tx, sample(4_003_000, 11_000, 62));

        EvPowerClient console = Sandboxes.client(server); // no session: the poll is public
        kg.evpower.console.domain.ChargingSession polled = console.sessions().chargingStatus(sessionId);
        assertEquals(kg.evpower.console.domain.ChargingSession.Status.STARTED, polled.status());
        assertEquals(stationId, polled.stationId());
        assertEquals(kg.evpower.console.domain.ChargingSession.Limit.AMOUNT, polled.limitType());
        assertEquals(0, new BigDecimal("80").compareTo(polled.limitValue()));
        assertEquals(0, new BigDecimal("3.000").compareTo(polled.energyKwh()));
        assertEquals(0, new BigDecimal("11000").compareTo(polled.meter().powerW().stripTrailingZeros()));
        assertEquals(62, polled.meter().soc());
        assertEquals(null, polled.clientId(), "the public poll does not say who");

        post(client, "/api/v1/charging/stop", Map.of("session_id", sessionId));
        kg.evpower.console.domain.ChargingSession ended = console.sessions().chargingStatus(sessionId);
        assertEquals(kg.evpower.console.domain.ChargingSession.Status.STOPPED, ended.status());
        assertTrue(ended.stopTime() != null);
        ApiException unknown = assertThrows(ApiException.class, () -> console.sessions().chargingStatus("00000000-0000-0000-0000-00000000dead"));
        assertEquals(ApiException.Kind.NOT_FOUND, unknown.kind());
    }
}
