package kg.evpower.sandbox.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Supplier;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatisticsJson;
import kg.evpower.figures.StatsCache;
import kg.evpower.figures.StatsEngine;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;
import kg.evpower.sandbox.server.store.Database;

/**
 * The operator API's statistics, {@code GET /api/v1/admin/stats}: sessions, energy, revenue (as the sessions and as
 * the ledger say), connector time, bars, the hour-of-week map and idle stations over a period, grouped, by the one
 * definition of {@link StatsEngine} run on the sandbox's database — or, once loaded, on its rows held in memory
 * ({@link StatsCache}), as the operator gateway serves them. Support staff see any owner or all; an owner and
 * their operators only the owner's stations (another owner's {@code owner_id} is 403).
 */
public final class StatsRoutes {

    public static final String PATH = "/api/v1/admin/stats";

    private final Roles.Callers callers;
    private final Supplier<Instant> clock;
    private final StatsCache cache;

    /** The sandbox's: the caller's role read from its own {@code users}. */
    public StatsRoutes(Database db, Supplier<Instant> clock, StatsCache cache) {
        this(Roles.Callers.of(db), clock, cache);
    }

    /**
     * {@code callers} says who is asking (the sandbox reads its {@code users}; the operator gateway asks the backend);
     * {@code cache} answers from memory once its index is loaded, else from the database.
     */
    public StatsRoutes(Roles.Callers callers, Supplier<Instant> clock, StatsCache cache) {
        this.callers = callers;
        this.clock = clock;
        this.cache = cache;
    }

    public void install(Javalin app) {
        app.get(PATH, this::stats);
    }

    private void stats(Context ctx) {
        Roles.Caller caller = callers.staff(ctx);
        String ownerFilter = blankToNull(ctx.queryParam("owner_id"));
        if (!caller.superadmin() && ownerFilter != null && !ownerFilter.equals(caller.scopeOwner())) {
            throw ApiError.detail(403, "Нет доступа к статистике другого владельца");
        }
        String owner = caller.superadmin() ? ownerFilter : caller.scopeOwner();
        Instant from = bound(ctx, "from");
        Instant to = bound(ctx, "to");
        if (from == null || to == null) {
            throw ApiError.queryValidation(from == null ? "from" : "to", "missing", "Field required", null);
        }
        StatsReport.Grouping grouping = choice(ctx, "group_by", StatsReport.Grouping.class, StatsReport.Grouping.STATION);
        StatsReport.Bucket bucket = choice(ctx, "bucket", StatsReport.Bucket.class, StatsReport.Bucket.DAY);
        int idleDays = Params.intParam(ctx, "idle_days", 7, 1, 366);
        StatsQuery q;
        try {
            q = new StatsQuery(from, to, owner, blankToNull(ctx.queryParam("location_id")), blankToNull(ctx.queryParam("station_id")), idleDays,
                    clock.get());
        } catch (IllegalArgumentException e) {
            throw ApiError.queryValidation("to", "value_error", e.getMessage(), ctx.queryParam("to"));
        }
        StatsEngine.Data data;
        try {
            data = cache.read(q);
        } catch (SQLException e) {
            throw new Database.DataAccessException(e);
        }
        ctx.json(StatisticsJson.write(Statistics.of(new StatsReport(data), grouping, bucket)));
    }

    /** An instant with an offset (or naive, UTC), or a date: that day's start in Bishkek. */
    private static Instant bound(Context ctx, String name) {
        String v = blankToNull(ctx.queryParam(name));
        if (v != null && v.length() == 10) {
            try {
                return LocalDate.parse(v).atStartOfDay(StatsQuery.BISHKEK).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiError.queryValidation(name, "date_parsing", "Input should be a valid date or datetime", v);
            }
        }
        return AdminSessionRoutes.utc(ctx, name);
    }

    private static <E extends Enum<E>> E choice(Context ctx, String name, Class<E> type, E def) {
        String v = blankToNull(ctx.queryParam(name));
        if (v == null) {
            return def;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E x : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append('\'').append(x.name().toLowerCase(Locale.ROOT)).append('\'');
            }
            throw ApiError.queryValidation(name, "enum", "Input should be " + allowed, v);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
