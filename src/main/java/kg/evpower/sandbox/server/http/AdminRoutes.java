package kg.evpower.sandbox.server.http;

import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import kg.evpower.sandbox.server.auth.OtpService;
import kg.evpower.sandbox.server.store.Database;

/**
 * {@code /api/v1/admin/users} (superadmin) and {@code /api/v1/admin/operators} (admin or superadmin) with production's
 * role rules, shapes and defects (contract §2.5, read against {@code backend/app/api/v1/admin/{users,operators}.py}):
 * the 500 when a listed or fetched user has no email, the update that is committed and then answered with that 500,
 * the users module checking is_active before the role and the operators module the role first.
 */
public final class AdminRoutes {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final List<String> ROLES = List.of("operator", "admin", "superadmin");

    private final Database db;
    private final Supplier<Instant> clock;

    public AdminRoutes(Database db, Supplier<Instant> clock) {
        this.db = db;
        this.clock = clock;
    }

    public void install(Javalin app) {
        app.get("/api/v1/admin/users", this::listUsers);
        app.get("/api/v1/admin/users/{id}", this::getUser);
        app.post("/api/v1/admin/users", this::createUser);
        app.put("/api/v1/admin/users/{id}", this::updateUser);
        app.delete("/api/v1/admin/users/{id}", this::deactivateUser);
        app.post("/api/v1/admin/users/{id}/activate", this::activateUser);
        app.get("/api/v1/admin/operators", this::listOperators);
        app.post("/api/v1/admin/operators", this::createOperator);
        app.delete("/api/v1/admin/operators/{id}", this::deactivateOperator);
        app.post("/api/v1/admin/operators/{id}/activate", this::activateOperator);
    }

    private record UserRow(String id, String email, String role, boolean active, String name, Instant created, int stations,
                           int locations) {
    }

    private static final String USER_SQL = "SELECT u.id, u.email, u.role, u.is_active, c.name, u.created_at,"
            + " (SELECT COUNT(*) FROM stations s WHERE s.user_id = u.id) AS stations_count,"
            + " (SELECT COUNT(*) FROM locations l WHERE l.user_id = u.id) AS locations_count"
            + " FROM users u LEFT JOIN clients c ON c.id = u.id WHERE 1=1";

    private static UserRow userRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new UserRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                Database.instant(rs, "created_at"), rs.getInt(7), rs.getInt(8));
    }

    /** The {@code User} schema requires an email: a phone-only user fails validation (production defect). */
    private static Map<String, Object> userView(UserRow u) {
        if (u.email() == null) {
            throw new IllegalStateException("email: Input should be a valid string");
        }
        return Json.obj("id", u.id(), "email", u.email(), "role", u.role(), "is_active", u.active(), "name", u.name(),
                "created_at", Wire.iso(u.created()), "stations_count", u.stations(), "locations_count", u.locations());
    }

    private void listUsers(Context ctx) {
        Roles.superadmin(db, ctx);
        int page = Params.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int perPage = Params.intParam(ctx, "per_page", 20, 1, 100);
        String role = ctx.queryParam("role");
        if (role != null && !ROLES.contains(role)) {
            throw ApiError.queryValidation("role", "enum", "Input should be 'operator', 'admin' or 'superadmin'", role);
        }
        Boolean active = NetworkRoutes.boolParam(ctx, "is_active");
        String search = ctx.queryParam("search");
        String like = search == null || search.isEmpty() ? null : "%" + search.toLowerCase() + "%";
        Where filters = new Where().and("u.role = ?", role).and("u.is_active = ?", active)
                .and("(LOWER(u.email) LIKE ? OR LOWER(c.name) LIKE ?)", like, like);
        String where = filters.sql();
        List<Object> params = filters.args();
        try {
            int total = db.queryOne("SELECT COUNT(*) FROM (" + USER_SQL + where + ") q", rs -> rs.getInt(1), params.toArray())
                    .orElse(0);
            List<Object> paged = new ArrayList<>(params);
            paged.add(perPage);
            paged.add((page - 1) * perPage);
            List<Map<String, Object>> users = new ArrayList<>();
            for (UserRow u : db.query(USER_SQL + where + " ORDER BY u.created_at DESC NULLS LAST, u.id LIMIT ? OFFSET ?",
                    AdminRoutes::userRow, paged.toArray())) {
                users.add(userView(u));
            }
            ctx.json(Json.obj("success", true, "users", users, "total", total, "page", page, "per_page", perPage));
        } catch (IllegalStateException e) {
            throw ApiError.detail(500, "Ошибка при получении списка пользователей");
        }
    }

    private UserRow userOr404(String id) {
        return db.queryOne(USER_SQL + " AND u.id = ?", AdminRoutes::userRow, id)
                .orElseThrow(() -> ApiError.detail(404, "Пользователь не найден"));
    }

    private void getUser(Context ctx) {
        Roles.superadmin(db, ctx);
        UserRow u = userOr404(ctx.pathParam("id"));
        try {
            ctx.json(Json.obj("success", true, "user", userView(u)));
        } catch (IllegalStateException e) {
            throw ApiError.detail(500, "Ошибка при получении пользователя");
        }
    }

    private void createUser(Context ctx) {
        Roles.superadmin(db, ctx);
        JsonNode body = Json.body(ctx);
        String email = Json.requiredString(body, "email");
        if (!EMAIL.matcher(email).matches()) {
            throw ApiError.validation("email", "value_error", "value is not a valid email address", email);
        }
        String password = Json.requiredString(body, "password");
        if (password.length() < 8) {
            throw ApiError.validation("password", "string_too_short", "String should have at least 8 characters", password);
        }
        String role = Optional.ofNullable(Json.string(body, "role")).orElse("operator");
        if (!ROLES.contains(role)) {
            throw ApiError.validation("role", "enum", "Input should be 'operator', 'admin' or 'superadmin'", role);
        }
        String name = Json.string(body, "name");
        if (db.queryOne("SELECT id FROM users WHERE email = ?", rs -> rs.getString(1), email).isPresent()) {
            throw ApiError.detail(400, "Пользователь с таким email уже существует");
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.get();
        db.tx(c -> {
            Database.update(c, "INSERT INTO users (id, email, role, is_active, created_at, updated_at) VALUES (?,?,?,?,?,?)",
                    id, email, role, true, now, now);
            Database.update(c, "INSERT INTO clients (id, email, name, balance, status, created_at, updated_at) VALUES (?,?,?,0,'active',?,?)",
                    id, email, name == null ? "" : name, now, now);
            return null;
        });
        // production answers with what it was sent (name null when none was given, not the "" it stored) and a naive utcnow()
        ctx.json(Json.obj("success", true, "user", Json.obj("id", id, "email", email, "role", role, "is_active", true, "name", name,
                "created_at", Wire.naive(now), "stations_count", 0, "locations_count", 0)));
    }

    private void updateUser(Context ctx) {
        Roles.Caller caller = Roles.superadmin(db, ctx);
        String id = ctx.pathParam("id");
        JsonNode body = Json.body(ctx);
        if (caller.id().equals(id)) {
            throw ApiError.detail(400, "Нельзя изменять свой собственный аккаунт");
        }
        userOr404(id);
        String role = Json.string(body, "role");
        if (role != null && !ROLES.contains(role)) {
            throw ApiError.validation("role", "enum", "Input should be 'operator', 'admin' or 'superadmin'", role);
        }
        JsonNode activeNode = body.path("is_active");
        String name = Json.string(body, "name");
        Instant now = clock.get();
        if (role != null) {
            db.update("UPDATE users SET role = ? WHERE id = ?", role, id);
        }
        if (activeNode.isBoolean()) {
            db.update("UPDATE users SET is_active = ? WHERE id = ?", activeNode.asBoolean(), id);
        }
        if (name != null) {
            db.update("UPDATE clients SET name = ?, updated_at = ? WHERE id = ?", name, now, id);
        }
        // production answers through its get_user, after the commit: a user without email gets get_user's 500, the change kept
        try {
            ctx.json(Json.obj("success", true, "user", userView(userOr404(id))));
        } catch (IllegalStateException e) {
            throw ApiError.detail(500, "Ошибка при получении пользователя");
        }
    }

    private void deactivateUser(Context ctx) {
        Roles.Caller caller = Roles.superadmin(db, ctx);
        String id = ctx.pathParam("id");
        if (caller.id().equals(id)) {
            throw ApiError.detail(400, "Нельзя удалить свой собственный аккаунт");
        }
        UserRow u = userOr404(id);
        db.tx(c -> {
            Database.update(c, "UPDATE users SET is_active = FALSE WHERE id = ?", id);
            Database.update(c, "UPDATE clients SET status = 'inactive', updated_at = ? WHERE id = ?", clock.get(), id);
            return null;
        });
        ctx.json(Json.obj("success", true, "message", "Пользователь " + u.email() + " деактивирован"));
    }

    private void activateUser(Context ctx) {
        Roles.superadmin(db, ctx);
        UserRow u = userOr404(ctx.pathParam("id"));
        if (u.active()) {
            ctx.json(Json.obj("success", true, "message", "Пользователь уже активен"));
            return;
        }
        db.tx(c -> {
            Database.update(c, "UPDATE users SET is_active = TRUE WHERE id = ?", u.id());
            Database.update(c, "UPDATE clients SET status = 'active', updated_at = ? WHERE id = ?", clock.get(), u.id());
            return null;
        });
        ctx.json(Json.obj("success", true, "message", "Пользователь " + u.email() + " активирован"));
    }

    private void listOperators(Context ctx) {
        Roles.Caller caller = Roles.adminOrSuper(db, ctx);
        String sql = "SELECT u.id, u.phone, c.name, u.is_active FROM users u LEFT JOIN clients c ON c.id = u.id WHERE u.role = 'operator'"
                + (caller.superadmin() ? "" : " AND u.admin_id = ?") + " ORDER BY u.created_at DESC, u.id";
        Object[] params = caller.superadmin() ? new Object[0] : new Object[] {caller.id()};
        List<Map<String, Object>> ops = db.query(sql, rs -> Json.obj("id", rs.getString(1),
                "phone", rs.getString(2) == null ? "" : rs.getString(2), "name", rs.getString(3), "is_active", rs.getBoolean(4)), params);
        ctx.json(Json.obj("success", true, "operators", ops));
    }

    private void createOperator(Context ctx) {
        Roles.Caller caller = Roles.adminOrSuper(db, ctx);
        JsonNode body = Json.body(ctx);
        String raw = Json.requiredString(body, "phone");
        if (raw.length() < 10 || raw.length() > 20) {
            throw ApiError.validation("phone", raw.length() < 10 ? "string_too_short" : "string_too_long",
                    raw.length() < 10 ? "String should have at least 10 characters" : "String should have at most 20 characters", raw);
        }
        String phone = OtpService.normalize(raw);
        String name = Json.string(body, "name");
        if (db.queryOne("SELECT id FROM users WHERE phone = ?", rs -> rs.getString(1), phone).isPresent()) {
            throw ApiError.detail(400, "Этот номер уже зарегистрирован как владелец");
        }
        if (db.queryOne("SELECT id FROM clients WHERE phone = ?", rs -> rs.getString(1), phone).isPresent()) {
            throw ApiError.detail(400, "Этот номер уже используется клиентом");
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.get();
        db.tx(c -> {
            Database.update(c, "INSERT INTO users (id, phone, role, admin_id, is_active, created_at, updated_at) VALUES (?,?,'operator',?,TRUE,?,?)",
                    id, phone, caller.id(), now, now);
            Database.update(c, "INSERT INTO clients (id, phone, name, balance, status, created_at, updated_at) VALUES (?,?,?,0,'active',?,?)",
                    id, phone, name == null ? "" : name, now, now);
            return null;
        });
        // No "success" field here (production).
        ctx.json(Json.obj("id", id, "phone", phone, "name", name, "is_active", true));
    }

    private String[] operatorFor(Roles.Caller caller, String id) {
        String[] op = db.queryOne("SELECT id, admin_id, is_active FROM users WHERE id = ? AND role = 'operator'",
                rs -> new String[] {rs.getString(1), rs.getString(2), String.valueOf(rs.getBoolean(3))}, id)
                .orElseThrow(() -> ApiError.detail(404, "Оператор не найден"));
        if (!caller.superadmin() && !caller.id().equals(op[1])) {
            throw ApiError.detail(403, "Нет доступа к этому оператору");
        }
        return op;
    }

    private void deactivateOperator(Context ctx) {
        Roles.Caller caller = Roles.adminOrSuper(db, ctx);
        String[] op = operatorFor(caller, ctx.pathParam("id"));
        db.tx(c -> {
            Database.update(c, "UPDATE users SET is_active = FALSE WHERE id = ?", op[0]);
            Database.update(c, "UPDATE clients SET status = 'inactive', updated_at = ? WHERE id = ?", clock.get(), op[0]);
            return null;
        });
        ctx.json(Json.obj("success", true, "message", "Оператор деактивирован"));
    }

    private void activateOperator(Context ctx) {
        Roles.Caller caller = Roles.adminOrSuper(db, ctx);
        String[] op = operatorFor(caller, ctx.pathParam("id"));
        if (Boolean.parseBoolean(op[2])) {
            ctx.json(Json.obj("success", true, "message", "Оператор уже активен"));
            return;
        }
        db.tx(c -> {
            Database.update(c, "UPDATE users SET is_active = TRUE WHERE id = ?", op[0]);
            Database.update(c, "UPDATE clients SET status = 'active', updated_at = ? WHERE id = ?", clock.get(), op[0]);
            return null;
        });
        ctx.json(Json.obj("success", true, "message", "Оператор активирован"));
    }
}
