package kg.evpower.sandbox.server.http;

import kg.evpower.sandbox.server.auth.Tokens;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Production's request pipeline in front of every route (contract §1.2–1.6): security headers and correlation
 * id, the per-IP rate limit, CSRF double-submit, then cookie authentication with the public-path rules.
 * Everything under {@code /_sandbox/} is sandbox-only and bypasses all of it.
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
    private final int rateLimit;
    private final java.time.Duration rateWindow;
    private final RateLimiter limiter;
    /** Money operations: 10 per window as well, on top of the default (off when the default is off). */
    private final RateLimiter critical;
    static final int CRITICAL_PER_WINDOW = 10;
    private static final List<String> CRITICAL_SUFFIXES = List.of("/charging/start", "/charging/stop", "/balance/topup-qr",
            "/balance/topup-card");

    public Security(Tokens tokens, int rateLimit, java.time.Duration rateWindow) {
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.rateWindow = rateWindow;
        this.limiter = new RateLimiter(rateLimit, rateWindow);
        this.critical = new RateLimiter(rateLimit <= 0 ? 0 : CRITICAL_PER_WINDOW, rateWindow);
    }

    public static boolean sandboxOnly(String path) {
        return path.startsWith("/_sandbox/") || path.equals("/_sandbox");
    }

    /** The client IP as production derives it: X-Forwarded-For, X-Real-IP, CF-Connecting-IP, then the socket. */
    static String clientIp(Context ctx) {
        String xff = ctx.header("X-Forwarded-For");
        if (xff != null && !xff.isBlank()) {
            return xff.split(",")[0].trim();
        }
        String real = ctx.header("X-Real-IP");
        if (real != null && !real.isBlank()) {
            return real.trim();
        }
        String cf = ctx.header("CF-Connecting-IP");
        if (cf != null && !cf.isBlank()) {
            return cf.trim();
        }
        return ctx.ip();
    }

    public void before(Context ctx) {
        String path = ctx.path();
        String method = ctx.method().name();
        ctx.header("X-Correlation-ID", UUID.randomUUID().toString());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        if (sandboxOnly(path)) {
            return;
        }
        boolean hasSessionCookie = ctx.cookie("evp_access") != null || ctx.cookie("evp_refresh") != null;
        if (hasSessionCookie || MUTATIONS.contains(method)) {
            ctx.header("Cache-Control", "no-store");
        }
        // 1. rate limit (before auth: keyed by IP only)
        if (!limiter.tryAcquire(clientIp(ctx))) {
            throw new ApiError(429, Json.obj("success", false, "error", "too_many_requests", "message", "Rate limit exceeded"));
        }
        if ("POST".equals(method) && CRITICAL_SUFFIXES.stream().anyMatch(path::endsWith) && !critical.tryAcquire(clientIp(ctx))) {
            throw new ApiError(429, Json.obj("success", false, "error", "too_many_requests", "message", "Rate limit exceeded (critical)"));
        }
        // 2. CSRF double-submit on cookie-carrying mutations
        if (MUTATIONS.contains(method) && hasSessionCookie && !CSRF_EXEMPT.contains(path.toLowerCase())) {
            String origin = ctx.header("Origin");
            if (origin != null && !TRUSTED_ORIGINS.contains(origin)) {
                throw ApiError.middleware(403, "csrf_origin", "Origin not allowed");
            }
            String header = ctx.header("X-CSRF-Token");
            String cookie = ctx.cookie("XSRF-TOKEN");
            if (header == null || cookie == null || !header.equals(cookie)) {
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
