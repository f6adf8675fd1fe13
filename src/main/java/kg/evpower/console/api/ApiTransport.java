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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline to the EvPower backend (contract §9.3), shared by the endpoint groups of {@link EvPowerClient}: java.net.http, a cookie jar keyed by name, CSRF
 * double-submit on mutations (fetched on demand, renewed before its hour is up and after a 403), the access cookie
 * refreshed before it expires and once after a 401 — concurrent callers share one refresh — no {@code Origin}
 * header, every request through the {@link RequestBudget}, and every error mapped to an {@link ApiException}.
 * Blocking: call it off the FX thread.
 */
public final class ApiTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTransport.class);
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
    /** An operator gateway beside the server, and the paths it serves (templates turned into patterns), or none. */
    private final URI gateway;
    private volatile List<java.util.regex.Pattern> gatewayPaths = List.of();

    ApiTransport(URI base, RequestBudget budget, Duration timeout) {
        this(base, null, budget, timeout);
    }

    /**
     * {@code gateway}: an operator gateway beside the server (or null). Calls to the paths it serves (see
     * {@link #gatewayServes}) go there, carrying the session's access cookie and no other — not the refresh cookie, not
     * the CSRF token — and nothing the gateway sets is kept; everything else goes to {@code base}.
     */
    ApiTransport(URI base, URI gateway, RequestBudget budget, Duration timeout) {
        this.gateway = gateway == null ? null : trimmed(gateway);
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

    private static URI trimmed(URI u) {
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    public URI baseUri() {
        return base;
    }

    /** The operator gateway beside the server, or null. */
    public URI gatewayUri() {
        return gateway;
    }

    /** The paths (OpenAPI templates such as {@code /api/v1/admin/stations/{station_id}/commands}) the gateway serves. */
    void gatewayServes(Set<String> templates) {
        List<java.util.regex.Pattern> out = new java.util.ArrayList<>();
        for (String t : templates) {
            StringBuilder re = new StringBuilder();
            for (String part : t.split("\\{[^/}]+}", -1)) {
                if (re.length() > 0 || t.startsWith("{")) {
                    re.append("[^/]+");
                }
                re.append(java.util.regex.Pattern.quote(part));
            }
            out.add(java.util.regex.Pattern.compile(re.toString()));
        }
        gatewayPaths = List.copyOf(out);
    }

    /** Whether {@code path} (with or without its query) is the gateway's to answer. */
    boolean toGateway(String path) {
        if (gateway == null) {
            return false;
        }
        int q = path.indexOf('?');
        String bare = q < 0 ? path : path.substring(0, q);
        for (java.util.regex.Pattern p : gatewayPaths) {
            if (p.matcher(bare).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A public GET to the gateway itself (its document, its health): no cookie at all. */
    <T> T gatewayGet(String path, Class<T> type) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> resp = exchange(r);
        ApiException err = errors.map(resp.statusCode(), resp.body());
        if (err != null) {
            throw err;
        }
        return parse(resp, type);
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

    Dto.Csrf csrf() {
        Dto.Csrf r = call("GET", "/api/v1/auth/csrf", null, Dto.Csrf.class, Auth.PUBLIC);
        csrfFetchedAt = Instant.now();
        return r;
    }

    /**
     * Forgets the CSRF token (after a sign-in: a careful server binds its tokens to the session, so the one fetched
     * before it would be refused once).
     */
    void forgetCsrf() {
        jar.remove("XSRF-TOKEN");
        csrfFetchedAt = null;
    }

    /** Forgets the session's cookies and CSRF token (after a logout). */
    void forget() {
        jar.clear();
        csrfFetchedAt = null;
    }

    // ---- the request pipeline ----------------------------------------------------------------------------

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends one logical call, with budget, cookies, CSRF, refresh and 429 handling; returns the parsed body. */
    public <T> T call(String method, String path, Object body, Class<T> type, Auth auth) {
        return call(method, path, body, type, auth, timeout);
    }

    /** The same, waiting up to {@code wait} for the answer (a station command is answered only when the station has). */
    public <T> T call(String method, String path, Object body, Class<T> type, Auth auth, Duration answerWithin) {
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
            boolean viaGateway = toGateway(path);
            HttpResponse<String> resp = send(method, path, body, mutation, answerWithin, viaGateway);
            if (!viaGateway) {
                jar.accept(resp.headers().allValues("set-cookie"));
            }
            if (resp.statusCode() == 429 && !viaGateway && isIpRateLimit(resp.body())) {
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

    private HttpResponse<String> send(String method, String path, Object body, boolean mutation, Duration wait, boolean viaGateway) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create((viaGateway ? gateway : base) + path)).timeout(wait)
                .header("Accept", "application/json");
        if (viaGateway) {
            jar.get("evp_access").ifPresent(a -> b.header("Cookie", "evp_access=" + a));
        } else {
            jar.header().ifPresent(h -> b.header("Cookie", h));
        }
        if (mutation && needsCsrf(path) && !viaGateway) {
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
        if (!viaGateway) {
            try {
                budget.acquire(); // the server's per-address limit; the gateway keeps its own per user
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ApiException.Kind.CANCELLED, 0, "interrupted", null, e);
            }
        }
        return exchange(b.build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
