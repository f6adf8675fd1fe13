package kg.evpower.sandbox.server.http;

import kg.evpower.sandbox.server.auth.Tokens;
import kg.evpower.sandbox.server.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kg.evpower.sandbox.server.auth.OtpService;

/**
 * {@code /api/v1/auth/*} and {@code /api/v1/profile} as production serves them (contract §2): OTP send, status and
 * verify, CSRF token, refresh with rotation, logout, {@code /auth/me} (clients first) and {@code /profile} (users first).
 */
public final class AuthRoutes {

    private static final DateTimeFormatter COOKIE_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    /** Production clears cookies of an old host-only domain on every login (a migration artifact). */
    static final String LEGACY_COOKIE_DOMAIN = "ocpp.evpower.kg";

    private final Database db;
    private final Tokens tokens;
    private final OtpService otp;
    private final CsrfTokens csrf;
    private final String cookieDomain;

    public AuthRoutes(Database db, Tokens tokens, OtpService otp, CsrfTokens csrf, String cookieDomain) {
        this.db = db;
        this.tokens = tokens;
        this.otp = otp;
        this.csrf = csrf;
        this.cookieDomain = cookieDomain;
    }

    public void install(Javalin app) {
        app.get("/api/v1/auth/csrf", this::csrf);
        app.get("/api/v1/auth/cierra", this::csrf);
        app.post("/api/v1/auth/otp/send", this::send);
        app.get("/api/v1/auth/otp/status", this::status);
        app.post("/api/v1/auth/otp/verify", this::verify);
        app.post("/api/v1/auth/refresh", this::refresh);
        app.post("/api/v1/auth/logout", this::logout);
        app.get("/api/v1/auth/me", this::me);
        app.get("/api/v1/profile", this::profile);
    }

    // ---- cookies ---------------------------------------------------------------------------------------

    /** Writes a Set-Cookie the way Starlette formats it. */
    void setCookie(Context ctx, String name, String value, long maxAge, boolean httpOnly, String sameSite, String domain,
                   boolean secure) {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append('=').append(value == null || value.isEmpty() ? "\"\"" : value);
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        sb.append("; expires=").append(COOKIE_DATE.format(Instant.now().plusSeconds(maxAge).atOffset(ZoneOffset.UTC)));
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        sb.append("; Max-Age=").append(maxAge).append("; Path=/; SameSite=").append(sameSite);
        if (secure) {
            sb.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", sb.toString());
    }

    private static boolean localOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        return origin != null && (origin.contains("localhost") || origin.contains("127.0.0.1"));
    }

    private void setSessionCookies(Context ctx, String userId) {
        boolean local = localOrigin(ctx);
        setCookie(ctx, "evp_access", tokens.access(userId), tokens.accessTtl().toSeconds(), true,
                local ? "lax" : "none", cookieDomain, !local);
        setCookie(ctx, "evp_refresh", tokens.refresh(userId), tokens.refreshTtl().toSeconds(), true,
                local ? "lax" : "none", cookieDomain, !local);
    }

    // ---- handlers --------------------------------------------------------------------------------------

    /** Production's answer and cookie; the token is bound to the session asking (kept while it still is). */
    private void csrf(Context ctx) {
        String existing = ctx.cookie("XSRF-TOKEN");
        String subject = csrf.subject(ctx);
        String token = csrf.valid(existing, subject) ? existing : csrf.mint(subject);
        boolean local = localOrigin(ctx);
        setCookie(ctx, "XSRF-TOKEN", token, 3600, false, local ? "lax" : "none", cookieDomain, !local);
        ctx.json(Json.obj("success", true, "csrf_token", token));
    }

    /** Production's SendOTPRequest validation: 10–20 characters, then normalised, then at least 10. */
    private static String validPhone(JsonNode body) {
        String raw = Json.requiredString(body, "phone");
        if (raw.length() < 10) {
            throw ApiError.validation("phone", "string_too_short", "String should have at least 10 characters", raw);
        }
        if (raw.length() > 20) {
            throw ApiError.validation("phone", "string_too_long", "String should have at most 20 characters", raw);
        }
        String phone = OtpService.normalize(raw);
        if (phone.length() < 10) {
            throw ApiError.validation("phone", "value_error", "Value error, Номер телефона слишком короткий", raw);
        }
        return phone;
    }

    private void send(Context ctx) {
        String phone = validPhone(Json.body(ctx));
        OtpService.Result r = otp.send(phone);
        if (!r.ok()) {
            throw new ApiError(429, Json.obj("success", false, "error", "rate_limit", "message", r.message()));
        }
        ctx.json(Json.obj("success", true, "message", r.message(), "phone", phone));
    }

    private void status(Context ctx) {
        String raw = ctx.queryParam("phone");
        if (raw == null) {
            throw ApiError.queryValidation("phone", "missing", "Field required", null);
        }
        String phone = OtpService.normalize(raw);
        int wait = otp.waitSeconds(phone);
        ctx.json(Json.obj("success", true, "phone", phone, "can_send", wait == 0, "wait_seconds", wait));
    }

    private void verify(Context ctx) {
        JsonNode body = Json.body(ctx);
        String phone = validPhone(body);
        String code = Json.requiredString(body, "code");
        if (code.length() != 6) {
            throw ApiError.validation("code", code.length() < 6 ? "string_too_short" : "string_too_long",
                    code.length() < 6 ? "String should have at least 6 characters" : "String should have at most 6 characters", code);
        }
        if (!code.chars().allMatch(Character::isDigit)) {
            throw ApiError.validation("code", "value_error", "Value error, Код должен содержать только цифры", code);
        }
        OtpService.Result r = otp.verify(phone, code);
        if (!r.ok()) {
            throw new ApiError(401, Json.obj("success", false, "error", "invalid_code", "message", r.message()));
        }
        Map<String, Object> resp = Json.obj("success", true, "message", "Авторизация успешна");
        Optional<String[]> owner = db.queryOne("SELECT id, role, admin_id, email FROM users WHERE phone = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}, phone);
        String userId;
        if (owner.isPresent()) {
            // users.is_active is not checked: deactivated owners and operators can still log in (production).
            userId = owner.get()[0];
            String email = owner.get()[3];
            db.update("INSERT INTO clients (id, email, phone, name, balance, status) SELECT ?, ?, ?, ?, 0, 'active'"
                    + " WHERE NOT EXISTS (SELECT 1 FROM clients WHERE id = ?)", userId, email, null, email, userId);
            resp.put("user_type", "owner");
            resp.put("user_id", userId);
            resp.put("role", owner.get()[1]);
            resp.put("admin_id", owner.get()[2]);
        } else {
            Optional<String> client = db.queryOne("SELECT id FROM clients WHERE phone = ?", rs -> rs.getString(1), phone);
            userId = client.orElseGet(() -> {
                String id = UUID.randomUUID().toString();
                db.update("INSERT INTO clients (id, phone, balance, status) VALUES (?, ?, 0, 'active')", id, phone);
                return id;
            });
            resp.put("user_type", "client");
            resp.put("user_id", userId);
        }
        for (String name : new String[] {"evp_access", "evp_refresh", "XSRF-TOKEN"}) {
            setCookie(ctx, name, "", 0, !name.equals("XSRF-TOKEN"), "none", LEGACY_COOKIE_DOMAIN, true);
        }
        setSessionCookies(ctx, userId);
        ctx.json(resp);
    }

    private void refresh(Context ctx) {
        String token = ctx.cookie("evp_refresh");
        if (token == null || token.isEmpty()) {
            throw ApiError.middleware(401, "unauthorized", "Missing refresh token");
        }
        var claims = tokens.verify(token);
        if (claims.isEmpty()) {
            throw ApiError.middleware(401, "unauthorized", "Invalid refresh token");
        }
        if (!"refresh".equals(claims.get().get("typ", String.class))) {
            throw ApiError.middleware(401, "unauthorized", "Invalid token type");
        }
        String sub = claims.get().getSubject();
        if (sub == null || sub.isBlank()) {
            throw ApiError.middleware(401, "unauthorized", "Invalid subject");
        }
        setSessionCookies(ctx, sub);
        ctx.json(Json.obj("success", true));
    }

    private void logout(Context ctx) {
        for (String name : new String[] {"evp_access", "evp_refresh", "XSRF-TOKEN"}) {
            setCookie(ctx, name, "", 0, !name.equals("XSRF-TOKEN"), "lax", cookieDomain, true);
        }
        ctx.json(Json.obj("success", true));
    }

    private record ClientRow(String id, String email, String phone, String name, BigDecimal balance, String status) {
    }

    private Optional<ClientRow> client(String id) {
        return db.queryOne("SELECT id, email, phone, name, balance, status FROM clients WHERE id = ?",
                rs -> new ClientRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                        rs.getString(6)), id);
    }

    private record OwnerRow(String id, String email, String phone, String role, boolean active, String adminId) {
    }

    private Optional<OwnerRow> owner(String id) {
        return db.queryOne("SELECT id, email, phone, role, is_active, admin_id FROM users WHERE id = ?",
                rs -> new OwnerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getString(6)), id);
    }

    private int[] ownerCounts(String id) {
        int stations = db.queryOne("SELECT COUNT(*) FROM stations WHERE user_id = ?", rs -> rs.getInt(1), id).orElse(0);
        int locations = db.queryOne("SELECT COUNT(*) FROM locations WHERE user_id = ? OR admin_id = ?", rs -> rs.getInt(1), id, id)
                .orElse(0);
        return new int[] {stations, locations};
    }

    private static Map<String, Object> clientView(ClientRow c) {
        return Json.obj("success", true, "user_type", "client", "client_id", c.id(), "email", c.email(), "phone", c.phone(),
                "name", c.name(), "balance", c.balance() == null ? 0.0 : c.balance().doubleValue(), "status", c.status());
    }

    /** {@code /auth/me} checks clients first, so owners (who have a clients row) come back as clients. */
    private void me(Context ctx) {
        String uid = Security.uid(ctx);
        Optional<ClientRow> c = client(uid);
        if (c.isPresent()) {
            ctx.json(clientView(c.get()));
            return;
        }
        Optional<OwnerRow> o = owner(uid);
        if (o.isEmpty()) {
            throw ApiError.middleware(404, "not_found", "User not found");
        }
        int[] counts = ownerCounts(uid);
        ctx.json(Json.obj("success", true, "user_type", "owner", "client_id", uid, "user_id", uid, "email", o.get().email(),
                "phone", o.get().phone(), "role", o.get().role(), "is_active", o.get().active(), "stations_count", counts[0],
                "locations_count", counts[1]));
    }

    /** {@code /profile} checks users first: the way to tell owners and staff from clients. */
    private void profile(Context ctx) {
        String uid = Security.uid(ctx);
        Optional<OwnerRow> o = owner(uid);
        if (o.isPresent()) {
            Optional<ClientRow> c = client(uid);
            int[] counts = ownerCounts(uid);
            ctx.json(Json.obj("success", true, "user_type", "owner", "client_id", uid, "user_id", uid, "email", o.get().email(),
                    "role", o.get().role(), "is_active", o.get().active(), "admin_id", o.get().adminId(),
                    "stations_count", counts[0], "locations_count", counts[1],
                    "phone", c.map(ClientRow::phone).orElse(null), "name", c.map(ClientRow::name).orElse(null),
                    "balance", c.map(x -> x.balance() == null ? 0.0 : x.balance().doubleValue()).orElse(0.0),
                    "status", c.map(ClientRow::status).orElse("active")));
            return;
        }
        Optional<ClientRow> c = client(uid);
        if (c.isPresent()) {
            ctx.json(clientView(c.get()));
            return;
        }
        ctx.json(Json.obj("success", false, "error", "not_found", "message", "User not found"));
    }
}
