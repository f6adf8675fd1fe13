package kg.evpower.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.http.ApiError;
import kg.evpower.sandbox.server.http.Roles;

/**
 * Who calls the gateway, without any of production's secrets: the caller's own access token (the {@code evp_access}
 * cookie, or {@code Authorization: Bearer} with the same token) is shown to the backend's {@code GET /api/v1/profile},
 * and what it answers — user id, role, whether active, the operator's admin — is believed for at most {@link #TTL}. No
 * token, or one the backend does not know, is 401; a client (not staff) is 403, in production's words; each route then
 * checks the role as the sandbox does ({@link Roles.Callers}). Each
 * user may ask {@link #PER_MINUTE} times a minute (429 in production's shape after that).
 *
 * <p>The profile lookups share the backend's per-address rate limit with everything else the gateway's address sends
 * (60 a minute by default, contract §1.4): at most one lookup per token per {@link #TTL}, so about two a minute per
 * console signed in.
 */
public final class BackendCallers implements Roles.Callers {

    public static final Duration TTL = Duration.ofSeconds(30);
    public static final int PER_MINUTE = 120;
    private static final int MAX_REMEMBERED = 10_000;
    private static final ObjectMapper CLAIMS = new ObjectMapper();

    private record Known(Roles.Caller caller, ApiError refusal, Instant until) {
    }

    private final URI backend;
    private final HttpClient http;
    private final Supplier<Instant> clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Known> tokens = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public BackendCallers(URI backend, HttpClient http, Supplier<Instant> clock) {
        this.backend = backend;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Roles.Caller who(Context ctx) {
        Roles.Caller caller = byToken(token(ctx));
        limit(caller.id(), clock.get());
        ctx.attribute("gateway.user", caller.id());
        return caller;
    }

    /**
     * The caller behind an access token (null: none); refusals as {@link ApiError}. Not counted against the caller's
     * limit: the session stream's handshakes ask it (twice each), and a console holds one stream.
     */
    public Roles.Caller byToken(String token) {
        if (token == null) {
            throw ApiError.middleware(401, "unauthorized", "missing_token");
        }
        Instant now = clock.get();
        Known k = tokens.get(token);
        if (k == null || !now.isBefore(k.until())) {
            Instant exp = expiry(token);
            // an expired token is refused here, as the backend would: not asked about again and again
            k = exp != null && !now.isBefore(exp) ? new Known(null, ApiError.middleware(401, "unauthorized", "invalid_token"), now.plus(TTL))
                    : ask(token, now);
            if (tokens.size() >= MAX_REMEMBERED) {
                tokens.values().removeIf(x -> !now.isBefore(x.until()));
            }
            tokens.put(token, k);
        }
        if (k.refusal() != null) {
            throw k.refusal();
        }
        return k.caller();
    }

    /** The caller's token: the cookie first, as the console sends it, else a Bearer header. */
    static String token(Context ctx) {
        String cookie = ctx.cookie("evp_access");
        if (cookie != null && !cookie.isBlank()) {
            return cookie;
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7) {
            return auth.substring(7).trim();
        }
        return null;
    }

    /**
     * Until when the backend's word on a token is believed: {@link #TTL}, and never past the token's own {@code exp}
     * (production's tokens are JWTs whose payload anyone may read; the signature is the backend's to check, and it was,
     * by asking it). Production revokes nothing at logout (contract §2.3), so a token is good until its {@code exp}
     * there too; a deactivation or a role change is seen within {@link #TTL}.
     */
    static Instant believeUntil(String token, Instant now) {
        Instant until = now.plus(TTL);
        Instant exp = expiry(token);
        return exp != null && exp.isBefore(until) ? exp : until;
    }

    /** The token's {@code exp} claim, or null when it is not a JWT whose payload can be read. */
    static Instant expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = CLAIMS.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
                if (claims.path("exp").canConvertToLong()) {
                    return Instant.ofEpochSecond(claims.path("exp").asLong());
                }
            } catch (IOException | IllegalArgumentException e) {
                // not a JWT the gateway can read: the backend's answer is believed for the TTL
            }
        }
        return null;
    }

    private Known ask(String token, Instant now) {
        Instant until = believeUntil(token, now);
        HttpResponse<byte[]> r;
        try {
            r = http.send(HttpRequest.newBuilder(backend.resolve("/api/v1/profile")).timeout(Duration.ofSeconds(10))
                    .header("Cookie", "evp_access=" + token).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // not remembered: the next request asks again
            throw ApiError.detail(503, "Сервер EvPower недоступен: не удалось проверить пользователя");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.detail(503, "Сервер EvPower недоступен: не удалось проверить пользователя");
        }
        if (r.statusCode() == 429 || r.statusCode() >= 500) {
            throw ApiError.detail(503, "Сервер EvPower не ответил на проверку пользователя (HTTP " + r.statusCode() + ")");
        }
        JsonNode p;
        try {
            p = json.readTree(r.body());
        } catch (IOException e) {
            throw ApiError.detail(503, "Сервер EvPower ответил на проверку пользователя не JSON");
        }
        if (r.statusCode() == 401 || !p.path("success").asBoolean(false)) {
            return new Known(null, ApiError.middleware(401, "unauthorized", "invalid_token"), until);
        }
        if (!"owner".equals(p.path("user_type").asText())) {
            return new Known(null, ApiError.detail(403, Roles.NOT_OWNER), until);
        }
        // the role and is_active are checked by each route, as the sandbox checks its own users
        String adminId = p.path("admin_id").isNull() || p.path("admin_id").isMissingNode() ? null : p.path("admin_id").asText();
        return new Known(new Roles.Caller(p.path("user_id").asText(), p.path("role").asText(), p.path("is_active").asBoolean(true), adminId),
                null, until);
    }

    private void limit(String user, Instant now) {
        Deque<Instant> q = recent.computeIfAbsent(user, u -> new ArrayDeque<>());
        synchronized (q) {
            Instant windowStart = now.minus(Duration.ofMinutes(1));
            while (!q.isEmpty() && !q.peekFirst().isAfter(windowStart)) {
                q.pollFirst();
            }
            if (q.size() >= PER_MINUTE) {
                throw ApiError.business(429, "too_many_requests", "Rate limit exceeded");
            }
            q.addLast(now);
        }
    }
}
