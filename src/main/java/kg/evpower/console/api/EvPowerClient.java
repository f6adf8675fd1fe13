package kg.evpower.console.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.UserAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP client for the EvPower backend (contract §9.3): java.net.http, a cookie jar keyed by name, CSRF
 * double-submit on mutations (fetched on demand, renewed before its hour is up and after a 403), the access cookie
 * refreshed before it expires and once after a 401 — concurrent callers share one refresh — no {@code Origin}
 * header, every request through the {@link RequestBudget}, and every error mapped to an {@link ApiException}.
 * Blocking: call it off the FX thread.
 */
public final class EvPowerClient {

    private static final Logger LOG = LoggerFactory.getLogger(EvPowerClient.class);
    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);
    private static final Duration CSRF_RENEW_AFTER = Duration.ofMinutes(55);
    private static final int MAX_429_RETRIES = 8;

    /** Whether a call needs the session (then a 401 triggers one refresh and a retry). */
    public enum Auth { PUBLIC, SESSION }

    private final URI base;
    private final HttpClient http;
    private final RequestBudget budget;
    private final CookieJar jar = new CookieJar();
    private final ObjectMapper json;
    private final ErrorMapper errors;
    private final Duration timeout;
    private final Object refreshLock = new Object();
    private final AtomicInteger refreshes = new AtomicInteger();
    private CompletableFuture<Void> refreshInFlight;
    private volatile Instant csrfFetchedAt;

    public EvPowerClient(URI base, RequestBudget budget, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.budget = budget;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.json = mapper();
        this.errors = new ErrorMapper(json);
    }

    /** The JSON mapper for wire DTOs: snake_case, lenient, exact decimals. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
    }

    public URI baseUri() {
        return base;
    }

    public CookieJar cookies() {
        return jar;
    }

    public RequestBudget budget() {
        return budget;
    }

    /** How many refreshes this client performed (shared refreshes count once). */
    public int refreshCount() {
        return refreshes.get();
    }

    /** The WebSocket URI of the locations feed for this server. */
    public URI locationsSocket(String clientId) {
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + base.getRawPath() + "/api/v1/ws/locations?client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
    }

    // ---- auth ----------------------------------------------------------------------------------------

    public Dto.Csrf csrf() {
        Dto.Csrf r = call("GET", "/api/v1/auth/csrf", null, Dto.Csrf.class, Auth.PUBLIC);
        csrfFetchedAt = Instant.now();
        return r;
    }

    public Dto.OtpSend sendOtp(String phone) {
        return call("POST", "/api/v1/auth/otp/send", Map.of("phone", phone), Dto.OtpSend.class, Auth.PUBLIC);
    }

    public Dto.OtpStatus otpStatus(String phone) {
        return call("GET", "/api/v1/auth/otp/status?phone=" + enc(phone), null, Dto.OtpStatus.class, Auth.PUBLIC);
    }

    public Dto.OtpVerify verifyOtp(String phone, String code) {
        return call("POST", "/api/v1/auth/otp/verify", Map.of("phone", phone, "code", code), Dto.OtpVerify.class, Auth.PUBLIC);
    }

    /** The signed-in person, with the role from {@code /profile} (users first). */
    public UserAccount profile() {
        return WireMapper.account(call("GET", "/api/v1/profile", null, Dto.Profile.class, Auth.SESSION));
    }

    /** Clears the session on the server (idempotent) and locally, whatever the server says. */
    public void logout() {
        try {
            call("POST", "/api/v1/auth/logout", null, JsonNode.class, Auth.PUBLIC);
        } finally {
            jar.clear();
            csrfFetchedAt = null;
        }
    }

    public boolean hasSession() {
        return jar.get("evp_refresh").isPresent() || jar.get("evp_access").isPresent();
    }

    // ---- network ---------------------------------------------------------------------------------------

    public List<Location> locations(boolean includeStations) {
        return WireMapper.locations(call("GET", "/api/v1/locations" + (includeStations ? "?include_stations=true" : ""), null,
                Dto.Locations.class, Auth.PUBLIC));
    }

    public Location location(String id) {
        return WireMapper.location(call("GET", "/api/v1/locations/" + enc(id), null, Dto.LocationDto.class, Auth.PUBLIC));
    }

    public Dto.StationStatusDto stationStatus(String stationId) {
        return call("GET", "/api/v1/station/status/" + enc(stationId), null, Dto.StationStatusDto.class, Auth.PUBLIC);
    }

    /** Operator API: every station the caller may see, with owner, liveness and raw OCPP status. */
    public List<Station> adminStations() {
        Dto.AdminStations r = call("GET", ServerCapabilities.ADMIN_STATIONS, null, Dto.AdminStations.class, Auth.SESSION);
        return r.stations() == null ? List.of() : r.stations().stream().map(WireMapper::adminStation).toList();
    }

    /** Operator API: the stations of one location the caller may see. */
    public List<Station> adminStationsAt(String locationId) {
        Dto.AdminStations r = call("GET", ServerCapabilities.ADMIN_STATIONS + "?location_id=" + enc(locationId), null,
                Dto.AdminStations.class, Auth.SESSION);
        return r.stations() == null ? List.of() : r.stations().stream().map(WireMapper::adminStation).toList();
    }

    /** A page of sessions from the operator API, newest first. */
    public record SessionsPage(long total, List<ChargingSession> sessions) {
    }

    /**
     * Operator API: sessions the caller may see. Any filter may be null; {@code from}/{@code to} bound the start time
     * and are sent in UTC.
     */
    public SessionsPage adminSessions(ChargingSession.Status status, String stationId, java.time.Instant from, java.time.Instant to,
                                      int limit, int offset) {
        StringBuilder q = new StringBuilder(ServerCapabilities.ADMIN_SESSIONS + "?limit=" + limit + "&offset=" + offset);
        if (status != null) {
            q.append("&status=").append(status.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (stationId != null) {
            q.append("&station_id=").append(enc(stationId));
        }
        if (from != null) {
            q.append("&from=").append(enc(from.toString()));
        }
        if (to != null) {
            q.append("&to=").append(enc(to.toString()));
        }
        Dto.AdminSessions r = call("GET", q.toString(), null, Dto.AdminSessions.class, Auth.SESSION);
        List<ChargingSession> list = r.sessions() == null ? List.of() : r.sessions().stream().map(WireMapper::session).toList();
        return new SessionsPage(r.total() == null ? list.size() : r.total(), list);
    }

    /** Count, energy (kWh) and money (som) of sessions stopped in {@code [from, to)}, as of {@code serverTime}. */
    public record StoppedTotals(long count, java.math.BigDecimal energyKwh, java.math.BigDecimal amount, java.time.Instant serverTime) {
    }

    /** Operator API: totals of the sessions the caller may see that stopped in {@code [from, to)} (one request). */
    public StoppedTotals adminStoppedTotals(java.time.Instant from, java.time.Instant to) {
        Dto.AdminSessions r = call("GET", ServerCapabilities.ADMIN_SESSIONS + "?status=stopped&limit=1&stopped_from=" + enc(from.toString())
                + "&stopped_to=" + enc(to.toString()), null, Dto.AdminSessions.class, Auth.SESSION);
        if (r.summary() == null) {
            throw new ApiException(ApiException.Kind.PROTOCOL, 200, "no_summary", "the sessions listing has no summary");
        }
        java.math.BigDecimal zero = java.math.BigDecimal.ZERO;
        return new StoppedTotals(r.summary().count() == null ? 0 : r.summary().count(),
                r.summary().energyKwh() == null ? zero : r.summary().energyKwh(), r.summary().amount() == null ? zero : r.summary().amount(),
                WireTime.parseLenient(r.generatedAt()));
    }

    /** Operator API money reads: one page after a cursor (null for the first), with the period in UTC. */
    public Dto.TopupsPage adminTopups(java.time.Instant from, java.time.Instant to, String after, int limit) {
        return call("GET", ServerCapabilities.ADMIN_TOPUPS + page(from, to, after, limit), null, Dto.TopupsPage.class, Auth.SESSION);
    }

    public Dto.LedgerPage adminLedger(java.time.Instant from, java.time.Instant to, String after, int limit) {
        return call("GET", ServerCapabilities.ADMIN_LEDGER + page(from, to, after, limit), null, Dto.LedgerPage.class, Auth.SESSION);
    }

    public Dto.BillingPage adminBillingSessions(java.time.Instant from, java.time.Instant to, String after, int limit) {
        return call("GET", ServerCapabilities.ADMIN_BILLING + page(from, to, after, limit), null, Dto.BillingPage.class, Auth.SESSION);
    }

    public Dto.BalancesPage adminBalances(String after, int limit) {
        return call("GET", ServerCapabilities.ADMIN_BALANCES + page(null, null, after, limit), null, Dto.BalancesPage.class, Auth.SESSION);
    }

    /** Operator API: asks the provider about one topup and credits it if it was paid and never credited. */
    public Dto.Recheck adminRecheckTopup(String invoiceId) {
        return call("POST", ServerCapabilities.ADMIN_TOPUPS + "/" + enc(invoiceId) + "/recheck", java.util.Map.of(), Dto.Recheck.class,
                Auth.SESSION);
    }

    private static String page(java.time.Instant from, java.time.Instant to, String after, int limit) {
        StringBuilder q = new StringBuilder("?limit=").append(limit);
        if (from != null) {
            q.append("&from=").append(enc(from.toString()));
        }
        if (to != null) {
            q.append("&to=").append(enc(to.toString()));
        }
        if (after != null) {
            q.append("&after_id=").append(enc(after));
        }
        return q.toString();
    }

    /** Operator API: stops a session with a reason (recorded by the server with who stopped it). */
    public Dto.AdminStop adminStopSession(String sessionId, String reason) {
        return call("POST", ServerCapabilities.ADMIN_SESSIONS + "/" + enc(sessionId) + "/stop", java.util.Map.of("reason", reason),
                Dto.AdminStop.class, Auth.SESSION);
    }

    // ---- staff and push ------------------------------------------------------------------------------------

    /** One page of {@code /admin/users} (superadmin only) with the listing's total. */
    public record StaffPage(int total, List<kg.evpower.console.domain.StaffMember> people) {
    }

    /** {@code GET /admin/users} filtered by role ({@code admin|superadmin|operator}, or null for all), one page. */
    public StaffPage adminUsers(String role, int page, int perPage) {
        Dto.AdminUsers r = call("GET", "/api/v1/admin/users?page=" + page + "&per_page=" + perPage + (role == null ? "" : "&role=" + enc(role)),
                null, Dto.AdminUsers.class, Auth.SESSION);
        List<kg.evpower.console.domain.StaffMember> people = r.users() == null ? List.of()
                : r.users().stream().map(WireMapper::staff).toList();
        return new StaffPage(r.total() == null ? people.size() : r.total(), people);
    }

    /** {@code GET /admin/operators}: an admin's own operators, or every operator for a superadmin. */
    public List<kg.evpower.console.domain.StaffMember> adminOperators() {
        Dto.Operators r = call("GET", "/api/v1/admin/operators", null, Dto.Operators.class, Auth.SESSION);
        return r.operators() == null ? List.of() : r.operators().stream().map(WireMapper::operator).toList();
    }

    /** Operator API: one person's push subscriptions. */
    public List<kg.evpower.console.domain.PushSubscription> adminPushSubscriptions(String userId) {
        Dto.PushSubscriptions r = call("GET", ServerCapabilities.ADMIN_PUSH_SUBSCRIPTIONS + "?user_id=" + enc(userId), null,
                Dto.PushSubscriptions.class, Auth.SESSION);
        return r.subscriptions() == null ? List.of() : r.subscriptions().stream().map(WireMapper::subscription).toList();
    }

    /**
     * Operator API: a test push to one person's subscriptions of {@code userType} (only {@code subscriptionId} when not
     * null); {@code data} is sent as given, in its order. "No subscriptions found" is a {@code BUSINESS} failure.
     */
    public kg.evpower.console.domain.PushSent adminTestPush(String userId, String userType, String title, String body,
                                                            Map<String, Object> data, String subscriptionId) {
        Map<String, Object> req = new java.util.LinkedHashMap<>();
        req.put("user_id", userId);
        req.put("user_type", userType);
        req.put("title", title);
        req.put("body", body);
        req.put("data", data);
        if (subscriptionId != null) {
            req.put("subscription_id", subscriptionId);
        }
        return WireMapper.pushSent(call("POST", ServerCapabilities.ADMIN_PUSH_TEST, req, Dto.PushTest.class, Auth.SESSION));
    }

    /**
     * Production's {@code POST /notifications/test}: its fixed message to the caller's own subscriptions of the type
     * their account implies (client, for every owner with a clients row; contract §8.4).
     */
    public kg.evpower.console.domain.PushSent testPushSelf() {
        return WireMapper.pushSent(call("POST", "/api/v1/notifications/test", Map.of(), Dto.PushTest.class, Auth.SESSION));
    }

    /** The public status poll of one session (polling mode); {@code NOT_FOUND} when the server does not know it. */
    public ChargingSession chargingStatus(String sessionId) {
        Dto.ChargingStatus r = call("GET", "/api/v1/charging/status/" + enc(sessionId), null, Dto.ChargingStatus.class, Auth.PUBLIC);
        if (r.session() == null) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, 200, "session_not_found", "no session in the answer");
        }
        return WireMapper.polledSession(r.session());
    }

    /** The operator API's session stream, for {@link kg.evpower.console.live.SessionsFeed}. */
    public URI sessionsSocket() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + ServerCapabilities.ADMIN_SESSIONS_WS);
    }

    // ---- server ------------------------------------------------------------------------------------------

    public Dto.Health health() {
        return call("GET", "/health", null, Dto.Health.class, Auth.PUBLIC);
    }

    public Dto.Version version() {
        return call("GET", "/version", null, Dto.Version.class, Auth.PUBLIC);
    }

    /** Reads {@code /openapi.json}: which paths the server offers, and whether it is a sandbox. */
    public ServerCapabilities capabilities() {
        JsonNode doc = call("GET", "/openapi.json", null, JsonNode.class, Auth.PUBLIC);
        Set<String> paths = new HashSet<>();
        boolean sandbox = false;
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext(); ) {
            String p = it.next();
            paths.add(p);
            sandbox |= p.startsWith("/_sandbox/");
        }
        return new ServerCapabilities(Set.copyOf(paths), sandbox);
    }

    // ---- sandbox only -------------------------------------------------------------------------------------

    /** The OTP code a sandbox generated for this phone (production sends it by WhatsApp instead). */
    public Optional<String> sandboxOtp(String phone) {
        try {
            return Optional.ofNullable(call("GET", "/_sandbox/otp?phone=" + enc(phone), null, Dto.SandboxOtp.class, Auth.PUBLIC).code());
        } catch (ApiException e) {
            if (e.kind() == ApiException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<Dto.SandboxAccount> sandboxAccounts() {
        Dto.SandboxAccounts r = call("GET", "/_sandbox/accounts", null, Dto.SandboxAccounts.class, Auth.PUBLIC);
        return r.staff() == null ? List.of() : r.staff();
    }

    // ---- the request pipeline ----------------------------------------------------------------------------

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends one logical call, with budget, cookies, CSRF, refresh and 429 handling; returns the parsed body. */
    public <T> T call(String method, String path, Object body, Class<T> type, Auth auth) {
        boolean mutation = !method.equals("GET");
        boolean csrfRetried = false;
        boolean refreshed = false;
        int rateLimited = 0;
        while (true) {
            if (auth == Auth.SESSION && !path.startsWith("/api/v1/auth/")) {
                refreshIfExpiring();
            }
            if (mutation && needsCsrf(path)) {
                ensureCsrf();
            }
            HttpResponse<String> resp = send(method, path, body, mutation);
            jar.accept(resp.headers().allValues("set-cookie"));
            if (resp.statusCode() == 429 && isIpRateLimit(resp.body())) {
                Duration wait = budget.onRateLimited();
                LOG.info("429 on {} {}: backing off {} s", method, path, wait.toSeconds());
                if (++rateLimited > MAX_429_RETRIES) {
                    throw errors.map(429, resp.body());
                }
                continue;
            }
            budget.onSuccess();
            ApiException err = errors.map(resp.statusCode(), resp.body());
            if (err == null) {
                return parse(resp, type);
            }
            if (err.kind() == ApiException.Kind.CSRF && !csrfRetried) {
                LOG.info("{} on {} {}: fetching a new CSRF token", err.code(), method, path);
                jar.remove("XSRF-TOKEN");
                csrfFetchedAt = null;
                csrfRetried = true;
                continue;
            }
            if (err.kind() == ApiException.Kind.UNAUTHORIZED && auth == Auth.SESSION && !refreshed
                    && jar.get("evp_refresh").isPresent()) {
                refreshShared();
                refreshed = true;
                continue;
            }
            throw err;
        }
    }

    /**
     * The IP limiter's 429 ({@code too_many_requests}) is retried after a back-off; other 429s — the OTP resend
     * limit ({@code rate_limit}) — are answers for the user.
     */
    private boolean isIpRateLimit(String body) {
        ApiException e = errors.map(429, body);
        return e.code() == null || "too_many_requests".equals(e.code());
    }

    private static boolean needsCsrf(String path) {
        return !path.equals("/api/v1/auth/refresh") && !path.equals("/api/v1/auth/logout");
    }

    private HttpResponse<String> send(String method, String path, Object body, boolean mutation) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        jar.header().ifPresent(h -> b.header("Cookie", h));
        if (mutation && needsCsrf(path)) {
            jar.get("XSRF-TOKEN").ifPresent(t -> b.header("X-CSRF-Token", t));
        }
        if (body != null) {
            try {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } catch (IOException e) {
                throw new ApiException(ApiException.Kind.PROTOCOL, 0, "request_encoding", e.getMessage(), e);
            }
        } else {
            b.method(method, mutation ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        }
        try {
            budget.acquire();
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Kind.CANCELLED, 0, "interrupted", null, e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(ApiException.Kind.NETWORK, 0, "timeout", null, e);
        } catch (ConnectException e) {
            throw new ApiException(ApiException.Kind.NETWORK, 0, "connection_refused", null, e);
        } catch (IOException e) {
            throw new ApiException(ApiException.Kind.NETWORK, 0, "io_error", e.getMessage(), e);
        }
    }

    private <T> T parse(HttpResponse<String> resp, Class<T> type) {
        try {
            if (type == JsonNode.class) {
                return type.cast(resp.body() == null || resp.body().isBlank() ? json.createObjectNode() : json.readTree(resp.body()));
            }
            T value = json.readValue(resp.body(), type);
            if (value == null) {
                throw new ApiException(ApiException.Kind.PROTOCOL, resp.statusCode(), "empty_body", null);
            }
            return value;
        } catch (IOException e) {
            throw new ApiException(ApiException.Kind.PROTOCOL, resp.statusCode(), "unexpected_shape",
                    e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage(), e);
        }
    }

    private void ensureCsrf() {
        Instant fetched = csrfFetchedAt;
        if (jar.get("XSRF-TOKEN").isEmpty() || fetched == null || fetched.plus(CSRF_RENEW_AFTER).isBefore(Instant.now())) {
            csrf();
        }
    }

    /** Seconds-since-epoch {@code exp} of the access cookie, read without verifying (we only schedule by it). */
    Optional<Instant> accessExpiry() {
        Optional<String> token = jar.get("evp_access");
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = token.get().split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode payload = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return payload.has("exp") ? Optional.of(Instant.ofEpochSecond(payload.get("exp").asLong())) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void refreshIfExpiring() {
        if (jar.get("evp_refresh").isEmpty()) {
            return;
        }
        Optional<Instant> exp = accessExpiry();
        if (exp.isEmpty() || exp.get().minus(REFRESH_AHEAD).isBefore(Instant.now())) {
            refreshShared();
        }
    }

    /** One refresh for all concurrent callers; a failed refresh means the session is over. */
    public void refreshShared() {
        CompletableFuture<Void> mine;
        boolean owner = false;
        synchronized (refreshLock) {
            if (refreshInFlight == null) {
                refreshInFlight = new CompletableFuture<>();
                owner = true;
            }
            mine = refreshInFlight;
        }
        if (owner) {
            try {
                call("POST", "/api/v1/auth/refresh", null, JsonNode.class, Auth.PUBLIC);
                refreshes.incrementAndGet();
                mine.complete(null);
            } catch (ApiException e) {
                ApiException ended = e.kind() == ApiException.Kind.UNAUTHORIZED
                        ? new ApiException(ApiException.Kind.UNAUTHORIZED, e.httpStatus(), "session_expired", e.serverMessage(), e)
                        : e;
                if (e.kind() == ApiException.Kind.UNAUTHORIZED) {
                    jar.remove("evp_access");
                    jar.remove("evp_refresh");
                }
                mine.completeExceptionally(ended);
            } finally {
                synchronized (refreshLock) {
                    refreshInFlight = null;
                }
            }
        }
        try {
            mine.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw e;
        }
    }
}
