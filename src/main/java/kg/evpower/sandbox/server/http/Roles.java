package kg.evpower.sandbox.server.http;

import kg.evpower.sandbox.server.store.Database;
import io.javalin.http.Context;
import java.util.Set;

/** Production's role checks for {@code /api/v1/admin/*}: the role is read from {@code users} on every request. */
public final class Roles {

    /** The caller as a row of {@code users}. */
    public record Caller(String id, String role, boolean active, String adminId) {

        public boolean superadmin() {
            return "superadmin".equals(role);
        }

        /** The owner whose stations this caller may see: self for an admin, the admin for an operator. */
        public String scopeOwner() {
            return "operator".equals(role) ? adminId : id;
        }
    }

    /**
     * Who is asking, as production's role check for the operator API sees them (401/403 thrown as {@link ApiError}):
     * the sandbox reads its own {@code users}; the operator gateway asks the backend.
     */
    public interface Callers {
        Caller staff(io.javalin.http.Context ctx);

        /** The sandbox's: the caller's row of {@code users}, any staff role. */
        static Callers of(Database db) {
            return ctx -> anyStaff(db, ctx);
        }
    }

    private Roles() {
    }

    /** The user row of {@code uid}, if it is a user (staff) and not only a client. */
    public static java.util.Optional<Caller> lookup(Database db, String uid) {
        return db.queryOne("SELECT id, role, is_active, admin_id FROM users WHERE id = ?",
                rs -> new Caller(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)), uid);
    }

    public static Caller require(Database db, Context ctx, Set<String> roles, String roleMessage) {
        return require(db, ctx, roles, roleMessage, false);
    }

    /** {@code roleFirst}: the role is checked before is_active (production's operators module), else after it. */
    private static Caller require(Database db, Context ctx, Set<String> roles, String roleMessage, boolean roleFirst) {
        String uid = Security.uid(ctx);
        if (uid == null) {
            throw ApiError.detail(401, "Не авторизован");
        }
        Caller c = lookup(db, uid).orElseThrow(() -> ApiError.detail(403, "Доступ запрещён. Пользователь не является owner."));
        if (roleFirst && !roles.contains(c.role())) {
            throw ApiError.detail(403, roleMessage);
        }
        if (!c.active()) {
            throw ApiError.detail(403, "Аккаунт деактивирован");
        }
        if (!roles.contains(c.role())) {
            throw ApiError.detail(403, roleMessage);
        }
        return c;
    }

    public static Caller superadmin(Database db, Context ctx) {
        return require(db, ctx, Set.of("superadmin"), "Доступ запрещён. Требуется роль superadmin.");
    }

    /** Production's operators module ({@code get_current_admin}): an operator hears about the role before a deactivation. */
    public static Caller adminOrSuper(Database db, Context ctx) {
        return require(db, ctx, Set.of("admin", "superadmin"), "Требуется роль admin или superadmin", true);
    }

    public static Caller anyStaff(Database db, Context ctx) {
        return require(db, ctx, Set.of("operator", "admin", "superadmin"), "Доступ запрещён. Пользователь не является owner.");
    }
}
