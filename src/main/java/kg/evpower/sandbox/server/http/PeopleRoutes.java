package kg.evpower.sandbox.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import kg.evpower.sandbox.server.store.Database;

/**
 * The operator API's people listing, {@code GET /api/v1/admin/people}: everyone in {@code users} the caller may manage,
 * in one answer, with what production's two listings each leave out — the phone and email together, the owner of an
 * operator ({@code admin_id}), stations and locations for everyone. A superadmin sees all; an owner (admin) sees
 * themselves and their own operators; an operator is refused as production's operators module refuses them. Unlike
 * production's {@code /admin/users}, a person without an email does not fail the listing.
 */
public final class PeopleRoutes {

    public static final String PATH = "/api/v1/admin/people";

    private static final String SQL = "SELECT u.id, u.email, u.phone, c.name, u.role, u.is_active, u.admin_id, u.created_at,"
            + " (SELECT COUNT(*) FROM stations s WHERE s.user_id = u.id) AS stations_count,"
            + " (SELECT COUNT(*) FROM locations l WHERE l.user_id = u.id) AS locations_count"
            + " FROM users u LEFT JOIN clients c ON c.id = u.id";

    private final Database db;
    private final Roles.Callers callers;

    public PeopleRoutes(Database db) {
        this(db, Roles.Callers.of(db));
    }

    /** {@code callers}: who is asking (the operator gateway asks the backend). */
    public PeopleRoutes(Database db, Roles.Callers callers) {
        this.db = db;
        this.callers = callers;
    }

    public void install(Javalin app) {
        app.get(PATH, this::list);
    }

    private void list(Context ctx) {
        Roles.Caller caller = callers.adminOrSuper(ctx);
        String where = caller.superadmin() ? "" : " WHERE u.id = ? OR (u.role = 'operator' AND u.admin_id = ?)";
        Object[] params = caller.superadmin() ? new Object[0] : new Object[] {caller.id(), caller.id()};
        List<Map<String, Object>> people = db.query(SQL + where + " ORDER BY u.created_at DESC NULLS LAST, u.id", rs -> Json.obj(
                "id", rs.getString(1), "email", rs.getString(2), "phone", rs.getString(3), "name", rs.getString(4), "role", rs.getString(5),
                "is_active", rs.getBoolean(6), "admin_id", rs.getString(7), "created_at", Wire.zulu(Database.instant(rs, "created_at")),
                "stations_count", rs.getInt(9), "locations_count", rs.getInt(10)), params);
        ctx.json(Json.obj("success", true, "people", people, "total", people.size()));
    }
}
