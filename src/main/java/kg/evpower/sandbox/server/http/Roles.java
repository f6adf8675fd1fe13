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
     * Who is asking, as production's role checks for the operator API see them (401/403 thrown as {@link ApiError}):
     * the sandbox reads its own {@code users}; the operator gateway asks the backend. The role checks are the same.
     */
    public interface Callers {
        /** The caller as a row of {@code users}: 401 without a session, 403 when the caller is not one (a client). */
        Caller who(io.javalin.http.Context ctx);

        default Caller staff(io.javalin.http.Context ctx) {
            return check(who(ctx), STAFF, NOT_OWNER, false);
        }

        default Caller superadmin(io.javalin.http.Context ctx) {
            return check(who(ctx), Set.of("superadmin"), "Доступ запрещён. Требуется роль superadmin.", false);
        }

        /** Production's operators module ({@code get_current_admin}): an operator hears about the role before a deactivation. */
        default Caller adminOrSuper(io.javalin.http.Context ctx) {
            return check(who(ctx), Set.of("admin", "superadmin"), "Требуется роль admin или superadmin", true);
        }

        /** The sandbox's: the caller's row of {@code users}. */
        static Callers of(Database db) {
            return ctx -> {
                String uid = Security.uid(ctx);
                if (uid == null) {
                    throw ApiError.detail(401, "Не авторизован");
                }
                return lookup(db, uid).orElseThrow(() -> ApiError.detail(403, NOT_OWNER));
            };
        }
    }

    public static final String NOT_OWNER = "Доступ запрещён. Пользователь не является owner.";
    private static final Set<String> STAFF = Set.of("operator", "admin", "superadmin");

    private Roles() {
    }

    /** The user row of {@code uid}, if it is a user (staff) and not only a client. */
    public static java.util.Optional<Caller> lookup(Database db, String uid) {
        return db.queryOne("SELECT id, role, is_active, admin_id FROM users WHERE id = ?",
                rs -> new Caller(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)), uid);
    }

    public static Caller require(Database db, Context ctx, Set<String> roles, String roleMessage) {
        return check(Callers.of(db).who(ctx), roles, roleMessage, false);
    }

    /** {@code roleFirst}: the role is checked before is_active (production's operators module), else after it. */
    static Caller check(Caller c, Set<String> roles, String roleMessage, boolean roleFirst) {
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
        return Callers.of(db).superadmin(ctx);
    }

    public static Caller adminOrSuper(Database db, Context ctx) {
        return Callers.of(db).adminOrSuper(ctx);
    }

    public static Caller anyStaff(Database db, Context ctx) {
        return Callers.of(db).staff(ctx);
    }
}
