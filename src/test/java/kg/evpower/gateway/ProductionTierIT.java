package kg.evpower.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationCommand;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.EmbeddedPostgres;
import kg.evpower.testing.EmbeddedRedis;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The sandbox as production's data tier and the gateway beside it, as it would run beside production: the sandbox
 * serves only today's production API ({@code --production-api-only}), keeps its tables in a real PostgreSQL 16 and its
 * stations on a real Redis the way production's OCPP server does (online keys with a TTL, commands taken from
 * {@code ocpp:cmd:{id}}); the gateway reads the same database through a role that can only read and publishes on the
 * same Redis. The console's own client, signed in to the sandbox, lists stations with their online flags, sends station
 * commands and stops a session through the gateway — and what a station does with them is production's code path: a
 * RemoteStopTransaction ends the transaction and the money is settled as a station's stop is.
 */
class ProductionTierIT {

    static EmbeddedPostgres pg;
    static EmbeddedRedis redis;
    static SandboxServer sandbox;
    static GatewayServer gateway;
    static Path gatewayData;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        redis = EmbeddedRedis.start();
        try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE evpower_app LOGIN PASSWORD 'app-pass'");
            st.execute("CREATE DATABASE evpower OWNER evpower_app");
        }
        try (Connection admin = pg.admin("evpower"); Statement st = admin.createStatement()) {
            st.execute("ALTER SCHEMA public OWNER TO evpower_app");
        }
        SandboxConfig config = Sandboxes.quiet().withSimulation(false, 60).withOtpResend(Duration.ZERO).withOperatorApi(false)
                .withTier(new SandboxConfig.Tier(pg.url("evpower") + "?sslmode=require", "evpower_app", "app-pass", redis.uri()));
        sandbox = Sandboxes.start(config);
        // past sessions and money, written by the sandbox on PostgreSQL as production's tables hold them — before the gateway
        // starts: production never writes into the past, so the gateway's statistics in memory read back only the last hour
        // half the late payments are never credited (production's defect): the provider recheck has something to find
        Sandboxes.control(sandbox, "/_sandbox/money", "{\"mode\":\"production\",\"rates\":{\"paid_late\":0.5}}");
        Sandboxes.control(sandbox, "/_sandbox/money/replay", "{\"hours\":30,\"topups\":40,\"sessions\":150,\"seed\":5}");
        try (Connection admin = pg.admin("evpower"); Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE gateway_reader LOGIN PASSWORD 'reader-pass'");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO gateway_reader");
        }
        gatewayData = Files.createTempDirectory("evpower-gateway-data");
        gateway = GatewayServer.start(gatewayConfig());
    }

    static GatewayConfig gatewayConfig() {
        return gatewayConfig("gateway_reader", "reader-pass", sandbox.db().meta("vapid_private_key"), sandbox.db().meta("vapid_public_key"));
    }

    /** The gateway as an administrator starts it: the role, and production's VAPID keys (here the sandbox's own). */
    static GatewayConfig gatewayConfig(String role, String password, String vapidPrivate, String vapidPublic) {
        Map<String, String> env = new HashMap<>();
        env.put(GatewayConfig.PASSWORD_ENV, password);
        env.put(GatewayConfig.VAPID_PRIVATE_ENV, vapidPrivate);
        env.put(GatewayConfig.VAPID_PUBLIC_ENV, vapidPublic);
        env.put(GatewayConfig.ODENGI_URL_ENV, sandbox.baseUrl() + kg.evpower.sandbox.world.money.OdengiApiRoutes.PATH);
        env.put(GatewayConfig.ODENGI_MERCHANT_ENV, kg.evpower.sandbox.server.payments.OdengiEmulator.MERCHANT_ID);
        env.put(GatewayConfig.ODENGI_PASSWORD_ENV, kg.evpower.sandbox.server.payments.OdengiEmulator.MERCHANT_PASSWORD);
        return GatewayConfig.parse(new String[] {"--port", "0", "--pg-url", pg.url("evpower") + "?sslmode=require", "--pg-user", role,
            "--backend", sandbox.baseUrl(), "--redis", redis.uri().toString(), "--data-dir", gatewayData.toString(), "--command-wait", "6"}, env);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** The console signed in to the sandbox as {@code phone}, with the gateway beside it and its document read. */
    static EvPowerClient console(String phone) {
        EvPowerClient signedIn = Sandboxes.loggedIn(sandbox, phone);
        EvPowerClient c = new EvPowerClient(URI.create(sandbox.baseUrl()), URI.create("http://127.0.0.1:" + gateway.port()),
                kg.evpower.console.api.RequestBudget.production(), Duration.ofSeconds(20));
        c.auth().resumeSession(signedIn.auth().sessionCookies());
        c.server().capabilities();
        return c;
    }

    /** An active station of this model with every connector available and no session. */
    static String idleStation(String model) {
        return sandbox.db().queryOne("SELECT s.id FROM stations s WHERE s.status = 'active' AND s.model = ? AND NOT EXISTS (SELECT 1 FROM"
                + " connectors c WHERE c.station_id = s.id AND c.status <> 'available') AND NOT EXISTS (SELECT 1 FROM charging_sessions x"
                + " WHERE x.station_id = s.id AND x.status = 'started') ORDER BY s.id LIMIT 1", rs -> rs.getString(1), model).orElseThrow();
    }

    static void answering(String station) throws Exception {
        Sandboxes.control(sandbox, "/_sandbox/stations/" + station + "/answers", "{\"silent\":false}");
    }

    @Test
    void withRedisTheGatewayServesStationsCommandsAndStop_andSaysWhatItStillDoesNot() throws Exception {
        JsonNode health = JSON.readTree(GatewayIT.get(gateway.port(), "/health", null).body());
        assertEquals("healthy", health.path("status").asText(), health.toString());
        assertEquals("ok", health.path("redis").asText());
        List<String> paths = new ArrayList<>();
        JSON.readTree(GatewayIT.get(gateway.port(), "/openapi.json", null).body()).path("paths").fieldNames().forEachRemaining(paths::add);
        assertTrue(paths.containsAll(GatewayServer.NEED_REDIS.keySet()), paths.toString());
        assertEquals(GatewayServer.NOT_YET.keySet(), iterable(health.path("not_served_yet").fieldNames()));
        assertEquals("ok", health.path("push").asText(), "the backend's own VAPID key");
        // the sandbox serves production's API only: the operator API is the gateway's
        assertFalse(sandbox.routes().contains("GET /api/v1/admin/stations"), sandbox.routes().toString());
    }

    static java.util.Set<String> iterable(java.util.Iterator<String> it) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSandboxKeepsItsStationsOnRedisAsProductionDoes_andTheGatewayListsThemWithThoseKeys() throws Exception {
        Sandboxes.until(10, () -> {
            try (Jedis j = redis.client()) {
                return j.keys("ocpp:station:*").size() == sandbox.presence().onlineCount();
            }
        });
        try (Jedis j = redis.client()) {
            String some = j.keys("ocpp:station:*").iterator().next();
            assertEquals("online", j.get(some));
            long ttl = j.ttl(some);
            assertTrue(ttl > 500 && ttl <= 600, "production's 600 s TTL: " + ttl);
        }
        EvPowerClient support = console("+996700000001");
        assertTrue(support.server().capabilities().adminStations());
        List<Station> listed = support.stations().adminStations();
        assertEquals(sandbox.db().queryOne("SELECT COUNT(*) FROM stations s JOIN locations l ON l.id = s.location_id WHERE s.status <> 'inactive'"
                + " AND l.status = 'active'", rs -> rs.getInt(1)).orElseThrow(), listed.size());
        String st = idleStation("Terra AC W22");
        assertTrue(listed.stream().filter(s -> s.id().equals(st)).findFirst().orElseThrow().online());
        Sandboxes.control(sandbox, "/_sandbox/stations/" + st + "/online", "{\"online\":false}");
        Sandboxes.until(5, () -> {
            try (Jedis j = redis.client()) {
                return !j.exists("ocpp:station:" + st);
            }
        });
        assertFalse(support.stations().adminStations().stream().filter(s -> s.id().equals(st)).findFirst().orElseThrow().online(),
                "the key is gone: offline");
        // a command for it is not sent (production checks the key first)
        StationCommand c = support.stations().sendCommand(st, "Reset", Map.of("type", "Soft"), "test: offline station");
        assertEquals(StationCommand.OFFLINE, c.status());
        Sandboxes.control(sandbox, "/_sandbox/stations/" + st + "/online", "{\"online\":true}");
    }

    @Test
    void commandsArePublishedInProductionsJson_theOutcomeIsWhatCanBeSeen_andTheTrailIsTheGatewaysOwn() throws Exception {
        String st = idleStation("Terra 54");
        answering(st);
        List<String> heard = new CopyOnWriteArrayList<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                heard.add(channel + " " + message);
            }
        };
        Thread t = new Thread(() -> {
            try (Jedis j = redis.client()) {
                j.subscribe(listener, "ocpp:cmd:" + st);
            }
        });
        t.setDaemon(true);
        t.start();
        Sandboxes.until(5, listener::isSubscribed);
        EvPowerClient support = console("+996700000001");

        StationCommand out = support.stations().sendCommand(st, "ChangeAvailability", Map.of("connector_id", 1, "type", "Inoperative"),
                "test: take connector 1 out of service");
        assertEquals(PublishedCommands.OBSERVED, out.status(), out.toString());
        assertTrue(out.accepted(), "an observed change counts as done");
        assertTrue(out.observed().contains("разъём 1: available → unavailable"), out.observed().toString());
        assertEquals("unavailable", sandbox.db().queryOne("SELECT status FROM connectors WHERE station_id = ? AND connector_number = 1",
                rs -> rs.getString(1), st).orElseThrow());
        StationCommand back = support.stations().sendCommand(st, "ChangeAvailability", Map.of("connector_id", 1, "type", "Operative"),
                "test: back in service");
        assertEquals(PublishedCommands.OBSERVED, back.status());
        StationCommand config = support.stations().sendCommand(st, "GetConfiguration", Map.of("keys", List.of("HeartbeatInterval")),
                "test: read the heartbeat");
        assertEquals(PublishedCommands.PUBLISHED, config.status(), "nothing to see: the station's answer is not available here");
        Sandboxes.until(5, () -> heard.size() == 3);
        listener.unsubscribe();
        // production's own field names and casing (contract §5.3), two subscribers: the sandbox's OCPP server and this test
        assertEquals(JSON.readTree("{\"action\":\"ChangeAvailability\",\"connectorId\":1,\"type\":\"Inoperative\"}"),
                JSON.readTree(heard.get(0).substring(heard.get(0).indexOf(' ') + 1)));
        assertEquals(JSON.readTree("{\"action\":\"GetConfiguration\",\"keys\":[\"HeartbeatInterval\"]}"),
                JSON.readTree(heard.get(2).substring(heard.get(2).indexOf(' ') + 1)));

        // the trail: the gateway's, newest first, with who and why; production's database holds none of it
        List<StationCommand> trail = support.stations().commands(st, 10);
        assertEquals(List.of("GetConfiguration", "ChangeAvailability", "ChangeAvailability"), trail.stream().map(StationCommand::action).toList());
        assertEquals("test: take connector 1 out of service", trail.get(2).reason());
        assertTrue(trail.get(2).userName() != null && !trail.get(2).userName().isBlank(), trail.get(2).toString());
        assertEquals(0, sandbox.db().queryOne("SELECT COUNT(*) FROM station_commands", rs -> rs.getInt(1)).orElseThrow());
        assertTrue(Files.exists(gatewayData.resolve("gateway-audit.mv.db")));

        // an operator of another owner may not; a hard reset is not an operator's
        EvPowerClient owner = console("+996700100001");
        String theirs = sandbox.db().queryOne("SELECT COALESCE(s.user_id, l.user_id) FROM stations s JOIN locations l ON l.id = s.location_id"
                + " WHERE s.id = ?", rs -> rs.getString(1), st).orElseThrow();
        String ownerId = owner.auth().profile().userId();
        if (!ownerId.equals(theirs)) {
            ApiException refused = assertThrows(ApiException.class, () -> owner.stations().sendCommand(st, "ClearCache", Map.of(), "test: not mine"));
            assertEquals(403, refused.httpStatus());
        }
    }

    @Test
    void anAdminStopIsProductionsRemoteStopTransaction_andTheStationsStopSettlesTheMoney() throws Exception {
        Sandboxes.control(sandbox, "/_sandbox/money", "{\"mode\":\"fixed\"}");
        String st = idleStation("Terra AC W22");
        answering(st);
        String session = Sandboxes.charging(sandbox, st, 1);
        EvPowerClient support = console("+996700000001");
        var stopped = support.sessions().adminStopSession(session, "test: stop over Redis");
        assertTrue(Boolean.TRUE.equals(stopped.success()));
        assertEquals("stopped", sandbox.db().queryOne("SELECT status FROM charging_sessions WHERE id = ?", rs -> rs.getString(1), session)
                .orElseThrow());
        assertEquals("Remote", sandbox.db().queryOne("SELECT stop_reason FROM ocpp_transactions WHERE charging_session_id = ?",
                rs -> rs.getString(1), session).orElseThrow());
        BigDecimal[] money = sandbox.db().queryOne("SELECT reserved_amount, amount FROM charging_sessions WHERE id = ?",
                rs -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)}, session).orElseThrow();
        BigDecimal refund = sandbox.db().queryOne("SELECT COALESCE(SUM(amount), 0) FROM payment_transactions_odengi WHERE charging_session_id = ?"
                + " AND transaction_type = 'charge_refund'", rs -> rs.getBigDecimal(1), session).orElseThrow();
        assertEquals(0, money[0].subtract(money[1]).compareTo(refund), "the unused reserve back, on the books");
        assertEquals(0, refund.compareTo(stopped.refundAmount()), "the answer says the settled refund");
        // in the station's trail: who stopped which transaction and why
        StationCommand trail = support.stations().commands(st, 1).get(0);
        assertEquals("RemoteStopTransaction", trail.action());
        assertEquals("test: stop over Redis", trail.reason());
        assertEquals(PublishedCommands.OBSERVED, trail.status());
        // a session already ended is refused before anything is sent
        ApiException again = assertThrows(ApiException.class, () -> support.sessions().adminStopSession(session, "test: again"));
        assertTrue(again.getMessage().contains("завершена") || "session_not_active".equals(again.code()), again.toString());
    }

    @Test
    void theStreamTellsConnectorStatusFromProductionsTables() throws Exception {
        String st = idleStation("TCDZ-DC120");
        EvPowerClient support = console("+996700000001");
        kg.evpower.testing.JsonFrames frames = new kg.evpower.testing.JsonFrames();
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Cookie", "evp_access=" + support.auth().sessionCookies().get("evp_access"))
                .buildAsync(support.sessions().sessionsSocket(), frames).get(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            frames.next("snapshot", 10);
            Thread.sleep(1500); // the watcher's first round takes its marks
            Sandboxes.control(sandbox, "/_sandbox/stations/" + st + "/status", "{\"connector_id\":2,\"status\":\"Faulted\",\"error_code\":\"GroundFailure\"}");
            JsonNode f = frames.next("station_status", 10);
            while (!st.equals(f.path("station_id").asText())) {
                f = frames.next("station_status", 10);
            }
            assertEquals(2, f.path("connector_id").asInt());
            assertEquals("Faulted", f.path("ocpp_status").asText());
            assertEquals("faulted", f.path("connector_status").asText());
            assertEquals("GroundFailure", f.path("error_code").asText());
            List<Long> seqs = new ArrayList<>();
            frames.all.forEach(x -> seqs.add(x.path("seq").asLong()));
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i + 1, seqs.get(i), "no gap, nothing doubled: " + seqs);
            }
        } finally {
            ws.abort();
            Sandboxes.control(sandbox, "/_sandbox/stations/" + st + "/status", "{\"connector_id\":2,\"status\":\"Available\"}");
        }
    }

    @Test
    void anOwnersTestPushGoesWithProductionsKeys_aGoneSubscriptionIsReported_andRemovedOnlyWhereTheRoleMay() throws Exception {
        String ownerId = sandbox.db().queryOne("SELECT id FROM users WHERE phone = '+996700100001'", rs -> rs.getString(1)).orElseThrow();
        Map<Integer, String> devices = new HashMap<>();
        for (int answer : new int[] {201, 410}) {
            String d = Sandboxes.control(sandbox, "/_sandbox/push/devices", "{\"user_id\":\"" + ownerId + "\",\"user_type\":\"owner\"}")
                    .path("device_id").asText();
            Sandboxes.control(sandbox, "/_sandbox/push/devices/" + d, "{\"answer\":" + answer + "}");
            devices.put(answer, d);
        }
        String goneRow = sandbox.db().queryOne("SELECT id FROM push_subscriptions WHERE endpoint LIKE ?", rs -> rs.getString(1),
                "%" + devices.get(410)).orElseThrow();
        EvPowerClient support = console("+996700000001");
        assertTrue(support.push().adminPushSubscriptions(ownerId).size() >= 2);
        kg.evpower.console.domain.PushSent sent = support.push().adminTestPush(ownerId, "owner", "Проверка", "Через шлюз", Map.of("k", "v"), null);
        var byOutcome = new HashMap<kg.evpower.console.domain.PushDelivery.Outcome, Integer>();
        sent.results().forEach(r -> byOutcome.merge(r.outcome(), 1, Integer::sum));
        assertTrue(byOutcome.getOrDefault(kg.evpower.console.domain.PushDelivery.Outcome.DELIVERED, 0) >= 1, sent.toString());
        kg.evpower.console.domain.PushDelivery gone = sent.results().stream().filter(r -> r.subscriptionId().equals(goneRow)).findFirst().orElseThrow();
        assertEquals(kg.evpower.console.domain.PushDelivery.Outcome.GONE, gone.outcome(), gone.toString());
        assertEquals(410, gone.status());
        assertTrue(gone.error().contains(goneRow), "the row to delete is named: " + gone.error());
        assertTrue(sandbox.db().queryOne("SELECT 1 FROM push_subscriptions WHERE id = ?", rs -> 1, goneRow).isPresent(), "a read-only role deletes nothing");
        // the device decrypted the payload the gateway says it sent, signed with production's key
        JsonNode got = Sandboxes.read(sandbox, "/_sandbox/push/devices/" + devices.get(201) + "/messages").path("messages");
        assertEquals(sent.payload(), got.get(got.size() - 1).path("payload").asText());

        // a role granted DELETE on push_subscriptions (and nothing else to write) removes it, as production's sender does
        try (Connection admin = pg.admin("evpower"); Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE gateway_cleaner LOGIN PASSWORD 'cleaner-pass'");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO gateway_cleaner");
            st.execute("GRANT DELETE ON push_subscriptions TO gateway_cleaner");
        }
        try (GatewayServer cleaner = GatewayServer.start(gatewayConfig("gateway_cleaner", "cleaner-pass", sandbox.db().meta("vapid_private_key"),
                sandbox.db().meta("vapid_public_key")))) {
            EvPowerClient c = new EvPowerClient(URI.create(sandbox.baseUrl()), URI.create("http://127.0.0.1:" + cleaner.port()),
                    kg.evpower.console.api.RequestBudget.production(), Duration.ofSeconds(20));
            c.auth().resumeSession(support.auth().sessionCookies());
            c.server().capabilities();
            kg.evpower.console.domain.PushSent again = c.push().adminTestPush(ownerId, "owner", "Проверка", "Ещё раз", Map.of(), goneRow);
            assertEquals(kg.evpower.console.domain.PushDelivery.Outcome.REMOVED, again.results().get(0).outcome(), again.toString());
            assertTrue(sandbox.db().queryOne("SELECT 1 FROM push_subscriptions WHERE id = ?", rs -> 1, goneRow).isEmpty());
        }

        // another key than the backend's: said at start, and every push service refuses it
        java.security.KeyPair other = kg.evpower.sandbox.server.push.WebPushCrypto.newKeyPair();
        try (GatewayServer wrong = GatewayServer.start(gatewayConfig("gateway_reader", "reader-pass",
                kg.evpower.sandbox.server.push.WebPushCrypto.b64(kg.evpower.sandbox.server.push.WebPushCrypto.raw(
                        (java.security.interfaces.ECPrivateKey) other.getPrivate())),
                kg.evpower.sandbox.server.push.WebPushCrypto.b64(kg.evpower.sandbox.server.push.WebPushCrypto.raw(
                        (java.security.interfaces.ECPublicKey) other.getPublic()))))) {
            JsonNode h = JSON.readTree(GatewayIT.get(wrong.port(), "/health", null).body());
            assertTrue(h.path("push").asText().contains("not the backend's"), h.toString());
            EvPowerClient c = new EvPowerClient(URI.create(sandbox.baseUrl()), URI.create("http://127.0.0.1:" + wrong.port()),
                    kg.evpower.console.api.RequestBudget.production(), Duration.ofSeconds(20));
            c.auth().resumeSession(support.auth().sessionCookies());
            c.server().capabilities();
            String good = sandbox.db().queryOne("SELECT id FROM push_subscriptions WHERE endpoint LIKE ?", rs -> rs.getString(1),
                    "%" + devices.get(201)).orElseThrow();
            kg.evpower.console.domain.PushDelivery refused = c.push().adminTestPush(ownerId, "owner", "Проверка", "Чужой ключ", Map.of(), good)
                    .results().get(0);
            assertEquals(403, refused.status(), refused.toString());
            assertEquals(kg.evpower.console.domain.PushDelivery.Outcome.FAILED, refused.outcome());
        }
    }

    @Test
    void statisticsThroughTheGatewayAreTheEnginesOwnSqlOnTheSandboxsDatabase() throws Exception {
        EvPowerClient support = console("+996700000001");
        // the figures held in memory may be as old as the freshness allows: rows written by the tests before this one
        // (a session stopped a moment ago) are in the answer once that much time has passed since the last refresh
        Thread.sleep(GatewayServer.STATS_FRESHNESS.toMillis() + 200);
        Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant from = to.minus(Duration.ofDays(2));
        kg.evpower.figures.StatsEngine.Data data;
        try (Connection c = sandbox.db().connection()) {
            data = kg.evpower.figures.StatsEngine.read(c, new kg.evpower.figures.StatsQuery(from, to, null, null, null, 7, to));
        }
        JsonNode direct = kg.evpower.figures.StatisticsJson.write(kg.evpower.figures.Statistics.of(
                new kg.evpower.figures.StatsReport(data), kg.evpower.figures.StatsReport.Grouping.STATION, kg.evpower.figures.StatsReport.Bucket.DAY));
        java.net.http.HttpResponse<String> r = GatewayIT.get(gateway.port(), "/api/v1/admin/stats?from=" + from + "&to=" + to + "&group_by=station",
                support.auth().sessionCookies().get("evp_access"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode via = JSON.readTree(r.body());
        assertTrue(direct.path("total").path("sessions").asLong() >= 100, direct.path("total").toString());
        for (String figure : new String[] {"sessions", "ended", "failed", "energy_kwh", "revenue", "ledger_revenue"}) {
            assertEquals(0, direct.path("total").path(figure).decimalValue().compareTo(via.path("total").path(figure).decimalValue()),
                    figure + ": " + direct.path("total") + " vs " + via.path("total"));
        }
        assertEquals(direct.path("stations").size(), via.path("stations").size());
    }

    @Test
    void theProviderRecheckAsksODengiWithProductionsMerchant_andReportsAPaidTopupNeverCredited_withoutWriting() throws Exception {
        String[] lost = sandbox.db().queryOne("SELECT t.invoice_id, i.paid_tyiyn FROM balance_topups t JOIN sandbox_odengi_invoices i"
                + " ON i.invoice_id = t.invoice_id WHERE i.status = 'approved' AND t.paid_amount IS NULL ORDER BY t.invoice_id LIMIT 1",
                rs -> new String[] {rs.getString(1), rs.getString(2)}).orElseThrow(() -> new AssertionError("no paid, uncredited topup"));
        String before = sandbox.db().queryOne("SELECT status FROM balance_topups WHERE invoice_id = ?", rs -> rs.getString(1), lost[0]).orElseThrow();
        EvPowerClient support = console("+996700000001");
        kg.evpower.console.api.Dto.Recheck r = support.money().adminRecheckTopup(lost[0]);
        assertEquals("approved", r.providerStatus(), r.toString());
        assertEquals(before, r.statusBefore());
        assertFalse(r.credited(), "the gateway credits nothing");
        assertEquals(0, new BigDecimal(lost[1]).movePointLeft(2).compareTo(r.amount()), "the provider's amount, in som");
        assertEquals(before, sandbox.db().queryOne("SELECT status FROM balance_topups WHERE invoice_id = ?", rs -> rs.getString(1), lost[0])
                .orElseThrow(), "production's row untouched");
        String credited = sandbox.db().queryOne("SELECT t.invoice_id FROM balance_topups t JOIN sandbox_odengi_invoices i ON i.invoice_id ="
                + " t.invoice_id WHERE i.status = 'approved' AND t.status = 'approved' ORDER BY t.invoice_id LIMIT 1", rs -> rs.getString(1)).orElseThrow();
        assertEquals("approved", support.money().adminRecheckTopup(credited).statusBefore());
        ApiException none = assertThrows(ApiException.class, () -> support.money().adminRecheckTopup("no-such-invoice"));
        assertEquals("payment_not_found", none.code());
    }

    @Test
    void redisRestarted_theGatewaySaysSoThenWorksAgain_andTheStationsComeBackWithTheirHeartbeats() throws Exception {
        String st = idleStation("Terra AC W22");
        answering(st);
        EvPowerClient support = console("+996700000001");
        String token = support.auth().sessionCookies().get("evp_access");
        Thread restart = new Thread(() -> {
            try {
                redis.restart(Duration.ofSeconds(2));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        restart.start();
        Thread.sleep(700);
        // while it is down: said, in words, by /health and by the routes that need it
        java.net.http.HttpResponse<String> health = GatewayIT.get(gateway.port(), "/health", null);
        assertEquals(503, health.statusCode());
        assertTrue(JSON.readTree(health.body()).path("redis").asText().startsWith("unreachable"), health.body());
        java.net.http.HttpResponse<String> stations = GatewayIT.get(gateway.port(), "/api/v1/admin/stations", token);
        assertEquals(503, stations.statusCode(), stations.body());
        assertTrue(JSON.readTree(stations.body()).path("detail").asText().contains("Redis"), stations.body());
        restart.join();
        JsonNode up = JSON.readTree(GatewayIT.get(gateway.port(), "/health", null).body());
        // every key is gone with the restart; the gateway's link is whole again at once
        assertEquals("ok", up.path("redis").asText(), up.toString());
        assertEquals(StationCommand.OFFLINE, support.stations().sendCommand(st, "ChangeAvailability", Map.of("connector_id", 1, "type",
                "Inoperative"), "test: after the restart, before a heartbeat").status(), "no key until the station's next heartbeat");
        // the station's next heartbeat sets its key again (production's refresh_station_ttl), and the sandbox has subscribed again
        Sandboxes.control(sandbox, "/_sandbox/stations/" + st + "/online", "{\"online\":true}");
        Sandboxes.until(10, () -> {
            try (Jedis j = redis.client()) {
                return j.exists("ocpp:station:" + st) && j.pubsubNumSub("ocpp:cmd:" + st).get("ocpp:cmd:" + st) > 0;
            }
        });
        StationCommand out = support.stations().sendCommand(st, "ChangeAvailability", Map.of("connector_id", 1, "type", "Inoperative"),
                "test: after the restart");
        assertEquals(PublishedCommands.OBSERVED, out.status(), out.toString());
        support.stations().sendCommand(st, "ChangeAvailability", Map.of("connector_id", 1, "type", "Operative"), "test: back");
    }
}
