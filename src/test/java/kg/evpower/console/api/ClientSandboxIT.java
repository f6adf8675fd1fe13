package kg.evpower.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.sandbox.server.store.Seeder;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's API client against a real sandbox over real HTTP. */
class ClientSandboxIT {

    static SandboxServer server;

    @BeforeAll
    static void start() {
        server = Sandboxes.start(Sandboxes.quiet().withTokenTtl(Duration.ofSeconds(61), Duration.ofDays(7)));
    }

    private static final java.util.Map<String, EvPowerClient> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One login per phone for the whole class: OTP allows one code per phone per minute. */
    static EvPowerClient session(String phone) {
        return SESSIONS.computeIfAbsent(phone, p -> Sandboxes.loggedIn(server, p));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void otpLoginGivesTheRoleFromProfile() {
        EvPowerClient c = Sandboxes.client(server);
        Dto.OtpSend sent = c.auth().sendOtp("+996 700 100 004");
        assertEquals("+996700100004", sent.phone());
        Dto.OtpStatus status = c.auth().otpStatus("+996700100004");
        assertFalse(status.canSend());
        assertTrue(status.waitSeconds() > 50 && status.waitSeconds() <= 60, "countdown " + status.waitSeconds());
        String code = new kg.evpower.console.api.SandboxApi(c).sandboxOtp("+996700100004").orElseThrow();
        assertTrue(code.matches("\\d{6}"));
        Dto.OtpVerify v = c.auth().verifyOtp("+996700100004", code);
        assertEquals("owner", v.userType());
        // the legacy-domain deletions sent before the new cookies must not wipe them
        assertTrue(c.cookies().get("evp_access").isPresent());
        UserAccount me = c.auth().profile();
        assertEquals(Role.ADMIN, me.role());
        assertEquals("ИП Бекмуратов", me.name());
    }

    @Test
    void resendWithinAMinuteIsRefusedWithTheServersMessage() {
        EvPowerClient c = Sandboxes.client(server);
        c.auth().sendOtp("+996555000777");
        ApiException e = assertThrows(ApiException.class, () -> c.auth().sendOtp("+996555000777"));
        assertEquals(ApiException.Kind.RATE_LIMITED, e.kind());
        assertEquals("rate_limit", e.code());
        assertTrue(e.serverMessage().startsWith("Подождите "), e.serverMessage());
    }

    @Test
    void wrongCodeThreeTimesThenTheRightOneIsRefused() {
        EvPowerClient c = Sandboxes.client(server);
        String phone = "+996700100003";
        c.auth().sendOtp(phone);
        String code = new kg.evpower.console.api.SandboxApi(c).sandboxOtp(phone).orElseThrow();
        String wrong = code.equals("000000") ? "111111" : "000000";
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApiException e = assertThrows(ApiException.class, () -> c.auth().verifyOtp(phone, wrong));
            assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
            assertEquals("invalid_code", e.code());
            messages.add(e.serverMessage());
        }
        assertEquals(List.of("Неверный код. Осталось попыток: 2", "Неверный код. Осталось попыток: 1",
                "Неверный код. Превышено количество попыток."), messages);
        ApiException after = assertThrows(ApiException.class, () -> c.auth().verifyOtp(phone, code));
        assertEquals("Превышено количество попыток. Запросите новый код.", after.serverMessage());
    }

    @Test
    void malformedCodeIsAValidationError() {
        EvPowerClient c = Sandboxes.client(server);
        ApiException e = assertThrows(ApiException.class, () -> c.auth().verifyOtp("+996700100004", "12ab56"));
        assertEquals(ApiException.Kind.VALIDATION, e.kind());
        assertEquals(422, e.httpStatus());
        assertTrue(e.serverMessage().contains("Код должен содержать только цифры"), e.serverMessage());
    }

    @Test
    void accessIsRefreshedBeforeExpiryByOneSharedRefresh() throws Exception {
        // access TTL is 61 s and the client refreshes 60 s ahead: every session call needs a refresh
        EvPowerClient c = Sandboxes.loggedIn(server, "+996700100001");
        int before = c.refreshCount();
        String oldAccess = c.cookies().get("evp_access").orElseThrow();
        Thread.sleep(1100); // tokens are minted with second precision
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<UserAccount>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(pool.submit(c.auth()::profile));
        }
        for (Future<UserAccount> f : calls) {
            assertEquals(Role.ADMIN, f.get().role());
        }
        pool.shutdown();
        assertTrue(c.refreshCount() - before >= 1, "refreshed");
        assertTrue(c.refreshCount() - before <= 2, "concurrent callers share a refresh: " + (c.refreshCount() - before));
        assertFalse(oldAccess.equals(c.cookies().get("evp_access").orElseThrow()), "access cookie rotated");
    }

    @Test
    void expiredAccessGets401AndIsRecoveredByOneRefresh() throws Exception {
        EvPowerClient c = Sandboxes.loggedIn(server, "+996700201001");
        // replace the access cookie with garbage: the server answers 401, the client refreshes once and retries
        c.cookies().accept(List.of("evp_access=not.a.jwt; Path=/"));
        int before = c.refreshCount();
        assertEquals(Role.OPERATOR, c.auth().profile().role());
        assertEquals(before + 1, c.refreshCount());
    }

    @Test
    void sessionEndsWhenRefreshIsRejected() {
        EvPowerClient c = Sandboxes.loggedIn(server, "+996700201002");
        c.cookies().accept(List.of("evp_access=bad; Path=/", "evp_refresh=bad; Path=/"));
        ApiException e = assertThrows(ApiException.class, c.auth()::profile);
        assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
        assertEquals("session_expired", e.code());
        assertFalse(c.auth().hasSession());
    }

    @Test
    void missingCsrfGets403AndIsRecovered() throws Exception {
        EvPowerClient c = session(Seeder.SUPERADMIN_PHONE);
        // a raw mutation with the session cookie but no CSRF header is refused by the server…
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/v1/admin/operators")).header("Cookie", c.cookies().header().orElseThrow())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"+996555000111\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, raw.statusCode());
        assertTrue(raw.body().contains("csrf_failed"), raw.body());
        // …and the client, holding a stale token, gets the same 403 once, fetches a new token and succeeds
        c.auth().csrf();
        c.cookies().accept(List.of("XSRF-TOKEN=stale0000; Path=/"));
        var created = c.call("POST", "/api/v1/admin/operators", java.util.Map.of("phone", "+996555000111", "name", "Тест"),
                com.fasterxml.jackson.databind.JsonNode.class, ApiTransport.Auth.SESSION);
        assertEquals("+996555000111", created.path("phone").asText());
        assertFalse(created.has("success"), "production's create-operator answer has no success field");
    }

    @Test
    void locationsAndStationsMapToDomain() {
        EvPowerClient c = Sandboxes.client(server);
        List<Location> locations = c.stations().locations(true);
        assertTrue(locations.size() >= 40, "locations " + locations.size());
        long stations = locations.stream().mapToLong(l -> l.stations().size()).sum();
        assertTrue(stations >= 115, "stations " + stations);
        assertTrue(locations.stream().map(Location::city).distinct().count() >= 7);
        Location first = locations.get(0);
        assertNotNull(first.latitude());
        assertTrue(first.latitude() > 39 && first.latitude() < 44, "in Kyrgyzstan");
        Location one = c.stations().location(first.id());
        assertEquals(first.stations().size(), one.stations().size());
        ApiException nf = assertThrows(ApiException.class, () -> c.stations().location("no-such-location"));
        assertEquals(ApiException.Kind.NOT_FOUND, nf.kind());
        assertEquals("Локация no-such-location не найдена", nf.serverMessage());
        Dto.StationStatusDto st = c.stations().stationStatus(first.stations().get(0).id());
        assertTrue(st.success());
        assertNotNull(WireTime.parse(st.lastHeartbeatAt()));
        ApiException missing = assertThrows(ApiException.class, () -> c.stations().stationStatus("NOPE-1"));
        assertEquals(ApiException.Kind.NOT_FOUND, missing.kind());
        assertEquals(200, missing.httpStatus(), "production answers station_not_found with HTTP 200");
    }

    @Test
    void adminStationsAreScopedToTheOwner() {
        EvPowerClient superadmin = session(Seeder.SUPERADMIN_PHONE);
        EvPowerClient owner = session("+996700100002");
        EvPowerClient operator = session("+996700202001");
        List<Station> all = superadmin.stations().adminStations();
        List<Station> own = owner.stations().adminStations();
        List<Station> staff = operator.stations().adminStations();
        String ownerId = owner.auth().profile().userId();
        assertTrue(own.size() > 0 && own.size() < all.size());
        assertTrue(own.stream().allMatch(s -> ownerId.equals(s.ownerId())), "owner sees only own stations");
        assertEquals(own.size(), staff.size(), "an operator sees the stations of their admin");
        assertTrue(all.stream().anyMatch(s -> !ownerId.equals(s.ownerId())));
        Station s = all.get(0);
        assertNotNull(s.lastHeartbeat());
        assertNotNull(s.online());
        assertFalse(s.connectorList().isEmpty());
        assertNotNull(s.connectorList().get(0).ocppStatus());
        // a plain client is refused by the role check
        EvPowerClient client = Sandboxes.loggedIn(server, "+996555123123");
        ApiException e = assertThrows(ApiException.class, client.stations()::adminStations);
        assertEquals(ApiException.Kind.FORBIDDEN, e.kind());
    }

    @Test
    void capabilitiesComeFromOpenApi() {
        var caps = Sandboxes.client(server).server().capabilities();
        assertTrue(caps.sandbox());
        assertTrue(caps.adminStations());
    }

    @Test
    void unauthenticatedAdminCallIs401MissingToken() {
        ApiException e = assertThrows(ApiException.class, () -> Sandboxes.client(server).stations().adminStations());
        assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
        assertEquals("missing_token", e.serverMessage());
    }

    @Test
    void deadServerIsANetworkError() {
        EvPowerClient c = new EvPowerClient(URI.create("http://127.0.0.1:1"), RequestBudget.production(), Duration.ofSeconds(2));
        ApiException e = assertThrows(ApiException.class, c.server()::health);
        assertEquals(ApiException.Kind.NETWORK, e.kind());
    }
}
