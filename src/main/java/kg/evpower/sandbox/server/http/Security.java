package kg.evpower.sandbox.server.http;

import kg.evpower.sandbox.server.auth.Tokens;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Production's request pipeline in front of every route (contract §1.2–1.6): security headers and correlation
 * id, the per-IP rate limit, CSRF double-submit, then cookie authentication with the public-path rules.
 * Everything under {@code /_sandbox/} is sandbox-only and bypasses all of it but the first check: the {@code Host}
 * header must name this server (loopback or an allowed name), so a DNS-rebinding page cannot read login codes from
 * loopback. Where production is careless this server is not (the {@link NetPolicy}): forwarding headers are believed
 * from trusted proxies only, a 429 says when to retry, CSRF tokens are bound to the session, WebSocket upgrades are
 * checked for Host ({@link #beforeUpgrade}) and the sessions stream's for Origin ({@link #checkOrigin}).
 */
public final class Security {

    public static final String UID = "evpower.uid";

    static final List<String> TRUSTED_ORIGINS = List.of("https://app.evpower.kg", "https://staging.evpower.kg",
            "https://ocpp.evpower.kg", "http://localhost:3000");
    private static final List<String> PUBLIC_PATHS = List.of("/health", "/readyz", "/health-force", "/",
            "/api/v1/locations", "/api/v1/station/status", "/api/v1/notifications/vapid-public-key", "/api/v1/auth/csrf",
            "/api/v1/auth/cierra", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
            "/api/v1/auth/otp/send", "/api/v1/auth/otp/verify", "/api/v1/auth/otp/status");
    private static final Set<String> CSRF_EXEMPT = Set.of("/api/v1/auth/refresh", "/api/v1/auth/logout");
    private static final Set<String> MUTATIONS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Tokens tokens;
    private final CsrfTokens csrf;
    private final NetPolicy net;
    private final RateLimiter limiter;
    /** Money operations: 10 per window as well, on top of the default (off when the default is off). */
    private final RateLimiter critical;
    static final int CRITICAL_PER_WINDOW = 10;
    private static final List<String> CRITICAL_SUFFIXES = List.of("/charging/start", "/charging/stop", "/balance/topup-qr",
            "/balance/topup-card");

    public Security(Tokens tokens, CsrfTokens csrf, int rateLimit, java.time.Duration rateWindow, NetPolicy net) {
        this.tokens = tokens;
        this.csrf = csrf;
        this.net = net;
        this.limiter = new RateLimiter(rateLimit, rateWindow);
        this.critical = new RateLimiter(rateLimit <= 0 ? 0 : CRITICAL_PER_WINDOW, rateWindow);
    }

    public static boolean sandboxOnly(String path) {
        return path.startsWith("/_sandbox/") || path.equals("/_sandbox");
    }

    /** The default limiter (for tests and figures). */
    public RateLimiter limiter() {
        return limiter;
    }

    /**
     * The client's address. As production derives it ({@link NetPolicy#productionRateLimit()}): the first
     * X-Forwarded-For address, X-Real-IP, CF-Connecting-IP, then the socket, whoever sent them. Otherwise the socket's
     * address, unless that is a trusted proxy: then the nearest X-Forwarded-For address that is not one.
     */
    String clientIp(Context ctx) {
        if (net.productionRateLimit()) {
            for (String name : new String[] {"X-Forwarded-For", "X-Real-IP", "CF-Connecting-IP"}) {
                String v = ctx.header(name);
                if (v != null && !v.isBlank()) {
                    return v.split(",")[0].trim();
                }
            }
            return ctx.ip();
        }
        String peer = ctx.ip();
        String xff = ctx.header("X-Forwarded-For");
        if (!net.trustedProxies().contains(peer) || xff == null || xff.isBlank()) {
            return peer;
        }
        String[] hops = xff.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !net.trustedProxies().contains(hop)) {
                return hop;
            }
        }
        return hops[0].trim().isEmpty() ? peer : hops[0].trim();
    }

    /** Refuses a request whose Host names another server (Starlette's TrustedHostMiddleware answers the same). */
    private void checkHost(Context ctx) {
        if (!net.hostAllowed(ctx.header("Host"))) {
            throw new ApiError(400, Json.obj("detail", "Invalid host header"));
        }
    }

    /** A 429: production's body; here also {@code Retry-After}, in whole seconds, unless imitating production. */
    private ApiError tooMany(Context ctx, long waitNanos, String message) {
        if (!net.productionRateLimit()) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L)));
        }
        return new ApiError(429, Json.obj("success", false, "error", "too_many_requests", "message", message));
    }

    public void before(Context ctx) {
        String path = ctx.path();
        String method = ctx.method().name();
        ctx.header("X-Correlation-ID", UUID.randomUUID().toString());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        checkHost(ctx);
        if (sandboxOnly(path)) {
            return;
        }
        boolean hasSessionCookie = ctx.cookie("evp_access") != null || ctx.cookie("evp_refresh") != null;
        if (hasSessionCookie || MUTATIONS.contains(method)) {
            ctx.header("Cache-Control", "no-store");
        }
        // 1. rate limit (before auth: keyed by IP only)
        String ip = clientIp(ctx);
        long wait = limiter.acquire(ip);
        if (wait > 0) {
            throw tooMany(ctx, wait, "Rate limit exceeded");
        }
        if ("POST".equals(method) && CRITICAL_SUFFIXES.stream().anyMatch(path::endsWith)) {
            long criticalWait = critical.acquire(ip);
            if (criticalWait > 0) {
                throw tooMany(ctx, criticalWait, "Rate limit exceeded (critical)");
            }
        }
        // 2. CSRF double-submit on cookie-carrying mutations
        if (MUTATIONS.contains(method) && hasSessionCookie && !CSRF_EXEMPT.contains(path.toLowerCase())) {
            String origin = ctx.header("Origin");
            if (origin != null && !TRUSTED_ORIGINS.contains(origin)) {
                throw ApiError.middleware(403, "csrf_origin", "Origin not allowed");
            }
            if (!csrf.accepts(ctx)) {
                throw ApiError.middleware(403, "csrf_failed", "Invalid or missing CSRF token");
            }
        }
        // 3. authentication: the evp_access cookie (expiry checked, typ not checked, as in production)
        String access = ctx.cookie("evp_access");
        if (access != null) {
            var claims = tokens.verify(access);
            if (claims.isPresent() && claims.get().getSubject() != null) {
                ctx.attribute(UID, claims.get().getSubject());
                return;
            }
        }
        if (!isPublic(path, method) && (path.startsWith("/api/v1") || MUTATIONS.contains(method))) {
            throw ApiError.middleware(401, "unauthorized", "missing_token");
        }
    }

    /** Before any WebSocket upgrade: the Host must name this server, as for every HTTP request. */
    public void beforeUpgrade(Context ctx) {
        checkHost(ctx);
    }

    /**
     * Refuses an Origin, when a browser sends one, that the HTTP side does not trust — matched exactly, so
     * {@code https://localhost.evil.example} is not local. Before the sessions stream's upgrade: without it a page
     * anywhere could open the stream with the operator's cookies and read unmasked phones and money.
     */
    public static void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !TRUSTED_ORIGINS.contains(origin)) {
            throw new io.javalin.http.ForbiddenResponse("Origin not allowed");
        }
    }

    static boolean isPublic(String path, String method) {
        for (String p : PUBLIC_PATHS) {
            if (path.equals(p) || (p.endsWith("s") && path.startsWith(p))) {
                return true;
            }
        }
        return "GET".equals(method) && (path.startsWith("/api/v1/locations/") || path.startsWith("/api/v1/station/status/")
                || path.startsWith("/api/v1/charging/status/"));
    }

    /** The authenticated user id, or null. */
    public static String uid(Context ctx) {
        return ctx.attribute(UID);
    }
}
