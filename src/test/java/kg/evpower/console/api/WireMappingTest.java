package kg.evpower.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.LocationUpdate;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.domain.UserAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples and quirks of the backend contract (§0, §1.4, §1.6, §1.7, §2, §3.1, §5.1), as the console reads them. */
class WireMappingTest {

    private final ObjectMapper json = EvPowerClient.mapper();
    private final ErrorMapper errors = new ErrorMapper(json);

    // ---- timestamps: three forms, all UTC (§1.7)

    @ParameterizedTest
    @CsvSource({
            "2025-12-09T04:37:21.123456+00:00, 2025-12-09T04:37:21.123456Z", // isoformat()
            "2025-12-09T04:37:21.123Z,         2025-12-09T04:37:21.123Z",    // Pydantic
            "2025-12-09T04:37:21.123456,       2025-12-09T04:37:21.123456Z", // naive WebSocket payload = UTC
            "2025-12-09T10:37:21+06:00,        2025-12-09T04:37:21Z",        // any offset
            "2025-12-09 04:37:21,              2025-12-09T04:37:21Z",        // space separator
            "2025-12-09,                       2025-12-09T00:00:00Z"})
    void timestampsInEveryFormAreUtcInstants(String wire, String expected) {
        assertEquals(Instant.parse(expected), WireTime.parse(wire));
    }

    @Test
    void malformedTimestampsAreAnErrorOrNullNeverAGuess() {
        assertThrows(DateTimeParseException.class, () -> WireTime.parse("вчера"));
        assertNull(WireTime.parseLenient("12345.678")); // the WebSocket ping "timestamp" is loop time, not a date
        assertNull(WireTime.parse(null));
        assertNull(WireTime.parse(" "));
    }

    // ---- error shapes (§0.6, §1.4, §1.6, §2)

    @Test
    void businessFailureOnHttp200() {
        ApiException e = errors.map(200, "{\"success\":false,\"error\":\"station_not_found\",\"message\":\"Станция не найдена\"}");
        assertEquals(ApiException.Kind.NOT_FOUND, e.kind());
        assertEquals("station_not_found", e.code());
        assertEquals("Станция не найдена", e.serverMessage());
        ApiException b = errors.map(200, "{\"success\":false,\"error\":\"insufficient_balance\",\"message\":\"Недостаточно средств\"}");
        assertEquals(ApiException.Kind.BUSINESS, b.kind());
    }

    @Test
    void serverErrorReportedInsideAnHttp200Body() {
        ApiException e = errors.map(200,
                "{\"success\":false,\"error\":\"internal_error\",\"message\":\"Внутренняя ошибка сервера\",\"status\":500}");
        assertEquals(ApiException.Kind.SERVER, e.kind());
        assertEquals("Внутренняя ошибка сервера", e.serverMessage());
    }

    @Test
    void successBodiesAreNotErrors() {
        assertNull(errors.map(200, "{\"success\":true,\"message\":\"Код отправлен в WhatsApp\",\"phone\":\"+996700000001\"}"));
        assertNull(errors.map(200, "{\"status\":\"healthy\"}"));
        assertNull(errors.map(200, "[]"));
        assertNull(errors.map(204, ""));
    }

    @Test
    void middlewareBodies() {
        ApiException unauth = errors.map(401, "{\"success\":false,\"error\":\"unauthorized\",\"message\":\"Missing refresh token\",\"status\":401}");
        assertEquals(ApiException.Kind.UNAUTHORIZED, unauth.kind());
        assertEquals("Missing refresh token", unauth.serverMessage());
        ApiException csrf = errors.map(403, "{\"success\":false,\"error\":\"csrf_failed\",\"message\":\"Invalid or missing CSRF token\",\"status\":403}");
        assertEquals(ApiException.Kind.CSRF, csrf.kind());
        ApiException origin = errors.map(403, "{\"success\":false,\"error\":\"csrf_origin\",\"message\":\"Origin not allowed\",\"status\":403}");
        assertEquals(ApiException.Kind.CSRF, origin.kind());
        ApiException blocked = errors.map(403, "{\"error\":\"Access denied\"}");
        assertEquals(ApiException.Kind.FORBIDDEN, blocked.kind());
        ApiException rate = errors.map(429, "{\"success\":false,\"error\":\"too_many_requests\",\"message\":\"Rate limit exceeded\"}");
        assertEquals(ApiException.Kind.RATE_LIMITED, rate.kind());
        assertEquals("too_many_requests", rate.code());
    }

    @Test
    void otpErrorsKeepTheServersRussianMessage() {
        ApiException wait = errors.map(429, "{\"success\":false,\"error\":\"rate_limit\",\"message\":\"Подождите 42 секунд перед повторной отправкой\"}");
        assertEquals(ApiException.Kind.RATE_LIMITED, wait.kind());
        assertEquals("rate_limit", wait.code()); // the OTP resend limit, not the IP budget
        ApiException code = errors.map(401, "{\"success\":false,\"error\":\"invalid_code\",\"message\":\"Неверный код. Осталось попыток: 2\"}");
        assertEquals(ApiException.Kind.UNAUTHORIZED, code.kind());
        assertEquals("invalid_code", code.code());
        assertEquals("Неверный код. Осталось попыток: 2", code.serverMessage());
    }

    @Test
    void fastApiDetailInItsThreeShapes() {
        ApiException text = errors.map(404, "{\"detail\":\"Локация loc-9 не найдена\"}");
        assertEquals(ApiException.Kind.NOT_FOUND, text.kind());
        assertEquals("Локация loc-9 не найдена", text.serverMessage());
        ApiException object = errors.map(400, "{\"detail\":{\"success\":false,\"error\":\"invalid_amount\",\"message\":\"Сумма должна быть больше 0\"}}");
        assertEquals("invalid_amount", object.code());
        assertEquals("Сумма должна быть больше 0", object.serverMessage());
        ApiException list = errors.map(422, "{\"detail\":[{\"type\":\"string_too_short\",\"loc\":[\"body\",\"phone\"],"
                + "\"msg\":\"String should have at least 10 characters\",\"input\":\"+996\"},"
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"code\"],\"msg\":\"Field required\",\"input\":null}]}");
        assertEquals(ApiException.Kind.VALIDATION, list.kind());
        assertEquals("phone: String should have at least 10 characters; code: Field required", list.serverMessage());
    }

    @Test
    void plainTextCrashAndGarbage() {
        ApiException crash = errors.map(500, "Internal Server Error");
        assertEquals(ApiException.Kind.SERVER, crash.kind());
        assertEquals("Internal Server Error", crash.serverMessage());
        ApiException gateway = errors.map(502, "<html><body>Bad Gateway</body></html>");
        assertEquals(ApiException.Kind.SERVER, gateway.kind());
        ApiException malformed = assertThrows(ApiException.class, () -> errors.map(200, "{\"success\":tru"));
        assertEquals(ApiException.Kind.PROTOCOL, malformed.kind());
    }

    // ---- cookies (§0.2, §2.2, §2.3, §9.3)

    @Test
    void productionVerifySetCookiesLeaveBothTokensDespiteTheLegacyDeletions() {
        CookieJar jar = new CookieJar();
        jar.accept(List.of("XSRF-TOKEN=3f9c0a1b2c3d4e5f60718293a4b5c6d7; Domain=.evpower.kg; Max-Age=3600; Path=/; SameSite=none; Secure"));
        // what otp/verify answers: legacy host-only deletions, then the real cookies for .evpower.kg
        jar.accept(List.of(
                "evp_access=\"\"; Domain=ocpp.evpower.kg; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=none; Secure",
                "evp_refresh=\"\"; Domain=ocpp.evpower.kg; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=none; Secure",
                "evp_access=eyJhbGciOiJIUzI1NiJ9.a.b; Domain=.evpower.kg; HttpOnly; Max-Age=600; Path=/; SameSite=none; Secure",
                "evp_refresh=eyJhbGciOiJIUzI1NiJ9.c.d; Domain=.evpower.kg; HttpOnly; Max-Age=604800; Path=/; SameSite=none; Secure"));
        assertEquals("eyJhbGciOiJIUzI1NiJ9.a.b", jar.get("evp_access").orElseThrow());
        assertEquals("eyJhbGciOiJIUzI1NiJ9.c.d", jar.get("evp_refresh").orElseThrow());
        assertEquals("3f9c0a1b2c3d4e5f60718293a4b5c6d7", jar.get("XSRF-TOKEN").orElseThrow());
        // a later legacy deletion for the other domain must not drop the live cookie either
        jar.accept(List.of("evp_access=\"\"; Domain=ocpp.evpower.kg; Max-Age=0; Path=/"));
        assertEquals("eyJhbGciOiJIUzI1NiJ9.a.b", jar.get("evp_access").orElseThrow());
        String header = jar.header().orElseThrow();
        assertTrue(header.contains("evp_access=eyJhbGciOiJIUzI1NiJ9.a.b"), header);
        assertTrue(!header.contains("Domain"), header);
    }

    @Test
    void logoutExpiresTheCookiesOfTheirOwnDomain() {
        CookieJar jar = new CookieJar();
        jar.accept(List.of("evp_access=a; Domain=.evpower.kg; Max-Age=600; Path=/",
                "evp_refresh=r; Domain=.evpower.kg; Max-Age=604800; Path=/"));
        jar.accept(List.of("evp_access=\"\"; Domain=.evpower.kg; Max-Age=0; Path=/",
                "evp_refresh=\"\"; Domain=.evpower.kg; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"));
        assertTrue(jar.get("evp_access").isEmpty());
        assertTrue(jar.get("evp_refresh").isEmpty());
        assertTrue(jar.header().isEmpty());
    }

    @Test
    void localhostCookiesWithoutDomainWork() {
        CookieJar jar = new CookieJar();
        jar.accept(List.of("evp_access=x; HttpOnly; Max-Age=600; Path=/; SameSite=lax", "garbage-without-equals", "=novalue"));
        assertEquals("x", jar.get("evp_access").orElseThrow());
        assertEquals("evp_access=x", jar.header().orElseThrow());
    }

    // ---- locations (§3.1) and the WebSocket (§5.1)

    @Test
    void theContractsLocationsExample() throws Exception {
        String body = "{\"success\":true,\"total\":1,\"locations\":[{\"id\":\"loc-1\",\"name\":\"ТРЦ …\",\"address\":\"…\","
                + "\"city\":\"Бишкек\",\"country\":\"KG\",\"coordinates\":{\"latitude\":42.87,\"longitude\":74.59},\"status\":\"partial\","
                + "\"stations_summary\":{\"total\":2,\"available\":1,\"occupied\":1,\"offline\":0,\"maintenance\":0},"
                + "\"connectors_summary\":{\"total\":4,\"available\":2,\"occupied\":2,\"faulted\":0},\"stations\":null}]}";
        List<Location> ls = WireMapper.locations(json.readValue(body, Dto.Locations.class));
        assertEquals(1, ls.size());
        Location l = ls.get(0);
        assertEquals(LocationStatus.PARTIAL, l.status());
        assertEquals(42.87, l.latitude());
        assertEquals(2, l.stationCounts().total());
        assertEquals(2, l.connectorCounts().busy());
        assertTrue(l.stations().isEmpty());
    }

    @Test
    void stationsInheritTheLocationsCoordinatesAndTariffsAreExact() throws Exception {
        String body = "{\"id\":\"loc-2\",\"name\":\"Ош базар\",\"address\":\"ул. Бейшеналиевой\",\"city\":null,\"country\":null,"
                + "\"coordinates\":{\"latitude\":null,\"longitude\":null},\"status\":\"exploded\",\"some_new_field\":[1,2],"
                + "\"stations\":[{\"id\":\"EVP-002-01\",\"serial_number\":\"SN1\",\"model\":\"Terra 54\",\"manufacturer\":\"ABB\","
                + "\"status\":\"hibernating\",\"power_capacity\":50.0,\"connectors_count\":2,"
                + "\"tariff\":{\"price_per_kwh\":13.5,\"session_fee\":0.1,\"currency\":\"KGS\"},"
                + "\"connectors_summary\":{\"available\":1,\"occupied\":0,\"faulted\":1}}]}";
        Location l = WireMapper.location(json.readValue(body, Dto.LocationDto.class));
        assertEquals(LocationStatus.UNKNOWN, l.status()); // an enum value we do not know is shown as unknown, not guessed
        assertNull(l.latitude());
        Station s = l.stations().get(0);
        assertEquals(StationStatus.UNKNOWN, s.status());
        assertEquals(new BigDecimal("13.5"), s.tariff().pricePerKwh());
        assertEquals(new BigDecimal("0.1"), s.tariff().sessionFee()); // 0.1 stays 0.1, not 0.1000000000000000055…
        assertEquals(2, s.connectors().total()); // from connectors_count when the summary has no total
        assertEquals(1, s.connectors().faulted());
        assertNull(s.online()); // the public list says nothing about liveness: unknown, not false
    }

    @Test
    void stationStatusWithRussianConnectorLabels() throws Exception {
        String body = "{\"success\":true,\"station_id\":\"EVP-001-01\",\"serial_number\":\"SN\",\"model\":\"M\",\"manufacturer\":\"X\","
                + "\"online\":true,\"station_status\":\"active\",\"location_status\":\"active\",\"available_for_charging\":true,"
                + "\"last_heartbeat_at\":\"2025-12-09T04:37:21.123456+00:00\",\"location_id\":\"loc-1\",\"location_name\":\"L\","
                + "\"location_address\":\"A\",\"connectors\":[{\"id\":1,\"type\":\"Type2\",\"status\":\"Свободен\",\"available\":true,"
                + "\"power_kw\":22,\"error\":null},{\"id\":2,\"type\":\"CCS\",\"status\":\"Неисправен\",\"available\":false,"
                + "\"power_kw\":60,\"error\":\"GroundFailure\"},{\"id\":3,\"type\":\"CHAdeMO\",\"status\":\"Неизвестно\","
                + "\"available\":false,\"power_kw\":50,\"error\":null}],\"total_connectors\":3,\"available_connectors\":1,"
                + "\"occupied_connectors\":0,\"faulted_connectors\":2,\"tariff_rub_kwh\":13.5,\"session_fee\":0.0,\"currency\":\"KGS\","
                + "\"working_hours\":\"Круглосуточно\",\"message\":\"Станция работает\"}";
        Station base = new Station("EVP-001-01", "SN", "M", "X", "loc-1", "L", "A", "Бишкек", 42.0, 74.0, null,
                StationStatus.AVAILABLE, null, null, null, null, kg.evpower.console.domain.ConnectorCounts.NONE, List.of(), null, null, null);
        Station s = WireMapper.withStatus(base, json.readValue(body, Dto.StationStatusDto.class));
        assertEquals(Boolean.TRUE, s.online());
        assertEquals(Instant.parse("2025-12-09T04:37:21.123456Z"), s.lastHeartbeat());
        assertEquals(List.of(ConnectorStatus.AVAILABLE, ConnectorStatus.FAULTED, ConnectorStatus.UNAVAILABLE),
                s.connectorList().stream().map(c -> c.status()).toList());
        assertEquals("GroundFailure", s.connectorList().get(1).errorCode());
        assertEquals(2, s.connectors().faulted());
        assertEquals(new BigDecimal("13.5"), s.tariff().pricePerKwh()); // "tariff_rub_kwh" is KGS/kWh
        assertEquals("active", s.adminStatus());
    }

    @Test
    void flatLocationStatusUpdateWithNaiveTimestamp() throws Exception {
        String frame = "{\"type\":\"location_status_update\",\"location_id\":\"loc-1\",\"location_name\":\"ТРЦ\",\"status\":\"occupied\","
                + "\"stations_summary\":{\"total\":1,\"available\":0,\"occupied\":1,\"offline\":0,\"maintenance\":0},"
                + "\"connectors_summary\":{\"total\":2,\"available\":0,\"occupied\":2,\"faulted\":0},"
                + "\"timestamp\":\"2025-12-09T04:37:21.123456\"}";
        LocationUpdate u = WireMapper.locationUpdate(json.readValue(frame, Dto.LocationUpdateDto.class));
        assertEquals("loc-1", u.locationId());
        assertEquals(LocationStatus.OCCUPIED, u.status());
        assertEquals(Instant.parse("2025-12-09T04:37:21.123456Z"), u.timestamp());
    }

    // ---- who is signed in (§2.4)

    @Test
    void profileOfAnOwnerOfAnOperatorAndOfAClient() throws Exception {
        UserAccount owner = WireMapper.account(json.readValue("{\"success\":true,\"user_type\":\"owner\",\"client_id\":\"u1\","
                + "\"user_id\":\"u1\",\"email\":\"owner@evpower.kg\",\"role\":\"admin\",\"is_active\":true,\"admin_id\":null,"
                + "\"stations_count\":12,\"locations_count\":4,\"phone\":\"+996700100001\",\"name\":null,\"balance\":0,"
                + "\"status\":\"active\"}", Dto.Profile.class));
        assertEquals(Role.ADMIN, owner.role());
        assertEquals(12, owner.stationsCount());
        UserAccount operator = WireMapper.account(json.readValue("{\"success\":true,\"user_type\":\"owner\",\"user_id\":\"u2\","
                + "\"role\":\"operator\",\"is_active\":false,\"admin_id\":\"u1\"}", Dto.Profile.class));
        assertEquals(Role.OPERATOR, operator.role());
        assertEquals("u1", operator.adminId());
        assertTrue(!operator.active());
        UserAccount client = WireMapper.account(json.readValue("{\"success\":true,\"user_type\":\"client\",\"client_id\":\"c1\","
                + "\"email\":null,\"phone\":\"+996555123456\",\"name\":\"Айбек\",\"balance\":150.75,\"status\":\"active\"}",
                Dto.Profile.class));
        assertEquals(Role.CLIENT, client.role());
        assertTrue(!client.role().isStaff());
        UserAccount strange = WireMapper.account(json.readValue("{\"success\":true,\"user_type\":\"owner\",\"user_id\":\"u3\","
                + "\"role\":\"auditor\"}", Dto.Profile.class));
        assertEquals(Role.UNKNOWN, strange.role());
        assertTrue(!strange.role().isStaff()); // an unknown role is not let in
    }

    @Test
    void pushAnswersWithUnknownValuesStayHonest() throws Exception {
        kg.evpower.console.domain.PushSent sent = WireMapper.pushSent(json.readValue("{\"success\":true,\"sent_to\":1,"
                + "\"payload\":\"{}\",\"results\":[{\"subscription_id\":\"s1\",\"status\":202,\"outcome\":\"queued\"},"
                + "{\"subscription_id\":\"s2\",\"outcome\":\"REMOVED\",\"status\":410,\"latency_ms\":12}]}", Dto.PushTest.class));
        assertEquals(kg.evpower.console.domain.PushDelivery.Outcome.UNKNOWN, sent.results().get(0).outcome());
        assertEquals(-1, sent.results().get(0).latencyMs(), "no latency given is not 0 ms");
        assertEquals(kg.evpower.console.domain.PushDelivery.Outcome.REMOVED, sent.results().get(1).outcome());
        kg.evpower.console.domain.PushSubscription sub = WireMapper.subscription(json.readValue("{\"id\":\"x\",\"user_type\":\"partner\","
                + "\"created_at\":\"2026-11-23 10:00:00\",\"last_used_at\":\"never\"}", Dto.PushSubscriptionDto.class));
        assertEquals(kg.evpower.console.domain.PushSubscription.Audience.OTHER, sub.audience());
        assertNull(sub.audience().wire(), "an unknown type is never sent back as something else");
        assertEquals(java.time.Instant.parse("2026-11-23T10:00:00Z"), sub.created());
        assertNull(sub.lastUsed());
        kg.evpower.console.domain.StaffMember op = WireMapper.operator(json.readValue("{\"id\":\"o\",\"phone\":\"\",\"name\":null}",
                Dto.OperatorDto.class), null);
        assertEquals("o", op.displayName());
        assertTrue(op.active(), "a listing that does not say is_active lists active people");
    }
}
