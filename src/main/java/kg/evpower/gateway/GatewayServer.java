package kg.evpower.gateway;

import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import kg.evpower.figures.StatsCache;
import kg.evpower.sandbox.server.http.AdminMoneyRoutes;
import kg.evpower.sandbox.server.http.AdminPushRoutes;
import kg.evpower.sandbox.server.http.AdminSessionRoutes;
import kg.evpower.sandbox.server.push.PushService;
import kg.evpower.sandbox.server.http.AdminStationRoutes;
import kg.evpower.sandbox.server.http.StationCommandRoutes;
import kg.evpower.sandbox.server.store.NetworkStore;
import kg.evpower.sandbox.server.http.ApiError;
import kg.evpower.sandbox.server.http.PeopleRoutes;
import kg.evpower.sandbox.server.http.Roles;
import kg.evpower.sandbox.server.http.StatsRoutes;
import kg.evpower.sandbox.server.http.SystemRoutes;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.server.ws.SessionsHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator gateway: the operator API served beside EvPower's backend as it runs today, over production's
 * PostgreSQL through a role that cannot write, learning who calls from the backend itself ({@link BackendCallers}).
 * No change to the backend and no secret on any desktop: its administrators start it next to the backend with a
 * read-only role and the backend's URL, and the console talks to it with the session it already has.
 *
 * <p>Served so far: {@code GET /api/v1/admin/stats} (the sandbox's route, the same code, answering from rows held in
 * memory once loaded), {@code GET /api/v1/admin/sessions}, the reconciliation's four money listings and
 * {@code GET /api/v1/admin/people} (the sandbox's own routes, the same code and SQL, over production's tables), the
 * session stream {@code /api/v1/admin/ws/sessions} (the sandbox's hub, fed by {@link SessionWatcher}), {@code /health} (the database's and Redis's state) and {@code /openapi.json} (the operator API's
 * document with the paths this gateway serves, so a console knows what it may ask). One log line per request.
 *
 * <pre>
 * EVPOWER_GATEWAY_PG_PASSWORD=… java -cp … kg.evpower.gateway.GatewayServer --port 8090 \
 *     --pg-url postgres://db.internal:5432/evpower --pg-user evpower_reader --backend https://ocpp.evpower.kg
 * </pre>
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    /**
     * The operator API's paths this gateway does not serve yet, and why: with {@code /openapi.json}'s paths they make up
     * every {@code x-operator-api} path of the document (a test holds the two lists together); {@code /health} says them.
     */
    /** The paths served only with {@code --redis}: production's Redis holds the online keys and takes the commands. */
    static final Map<String, String> NEED_REDIS = new java.util.TreeMap<>(Map.of(
            AdminStationRoutes.PATH, "needs the stations' online keys from production's Redis (--redis)",
            AdminSessionRoutes.STOP, "is published on production's Redis (ocpp:cmd), not written (--redis)",
            "/api/v1/admin/stations/{station_id}/commands", "is published on production's Redis (ocpp:cmd), not written (--redis)"));

    /** The paths served only with production's VAPID keys in the gateway's environment. */
    static final Map<String, String> NEED_VAPID = new java.util.TreeMap<>(Map.of(
            AdminPushRoutes.SUBSCRIPTIONS, "comes with the owner push test (production's VAPID keys)",
            AdminPushRoutes.TEST, "needs production's VAPID keys in the gateway's environment (" + GatewayConfig.VAPID_PRIVATE_ENV + ")"));

    /** The path served only with production's O!Dengi merchant credentials in the gateway's environment. */
    static final Map<String, String> NEED_ODENGI = Map.of(AdminMoneyRoutes.RECHECK,
            "asks O!Dengi with production's merchant credentials (" + GatewayConfig.ODENGI_URL_ENV + " and the two beside it)");

    static final Map<String, String> NOT_YET = new java.util.TreeMap<>(Map.of(
            "/api/v1/admin/balance-adjustments", "writes production's ledger: not through a role that only reads"));

    /** How old the statistics held in memory may be before a question reads the new rows first. */
    static final Duration STATS_FRESHNESS = Duration.ofSeconds(2);

    /** How often production's tables are looked at for the session stream (the issue asks ≤ 2 s). */
    static final Duration WATCH_EVERY = Duration.ofSeconds(1);

    private final Javalin app;
    private final ProductionDatabase db;
    private final StatsCache stats;
    private final SessionsHub hub;
    private final SessionWatcher watcher;
    private final RedisLink redis;
    private final PublishedCommands commands;

    private GatewayServer(Javalin app, ProductionDatabase db, StatsCache stats, SessionsHub hub, SessionWatcher watcher, RedisLink redis,
                          PublishedCommands commands) {
        this.app = app;
        this.redis = redis;
        this.commands = commands;
        this.db = db;
        this.stats = stats;
        this.hub = hub;
        this.watcher = watcher;
    }

    public static void main(String[] args) {
        try {
            GatewayServer g = start(GatewayConfig.parse(args, System.getenv()));
            Runtime.getRuntime().addShutdownHook(new Thread(g::close, "gateway-stop"));
        } catch (GatewayConfig.Refused e) {
            System.err.println("gateway: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Checks the role, then serves. A role that can write is refused unless {@code allowWritableRole} (the sandbox's
     * own database in tests), and then said loudly in the log.
     */
    public static GatewayServer start(GatewayConfig config) {
        ProductionDatabase db = new ProductionDatabase(config);
        ProductionDatabase.Privileges p;
        try {
            p = db.privileges();
        } catch (SQLException e) {
            db.close();
            throw new GatewayConfig.Refused("the database cannot be read: " + e.getMessage());
        }
        if (!p.readOnly()) {
            if (!config.allowWritableRole()) {
                db.close();
                throw new GatewayConfig.Refused(p + "; the gateway reads production through a role that cannot write"
                        + " (GRANT SELECT only), or --allow-writable-role for a test database");
            }
            LOG.warn("!!! {} — allowed by --allow-writable-role; every transaction is still opened READ ONLY", p);
        } else {
            LOG.info("database: {}", p);
        }
        StatsCache stats = new StatsCache("gateway", db::snapshot, Instant::now, STATS_FRESHNESS);
        stats.preload();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        BackendCallers callers = new BackendCallers(config.backend(), http, Instant::now);
        RedisLink redis = config.redis() == null ? null : new RedisLink(config.redis());
        String pushCheck = config.vapid() == null ? "not configured" : vapidCheck(config, http);
        // the operator API's paths this start does not serve (for what its configuration lacks), with the reason
        Map<String, String> unserved = new java.util.TreeMap<>(NOT_YET);
        if (redis == null) {
            unserved.putAll(NEED_REDIS);
        }
        if (config.vapid() == null) {
            unserved.putAll(NEED_VAPID);
        }
        if (config.odengi() == null) {
            unserved.putAll(NEED_ODENGI);
        }
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.defaultContentType = "application/json";
        });
        app.before(ctx -> ctx.attribute("gateway.t0", System.nanoTime()));
        app.after(ctx -> {
            Long t0 = ctx.attribute("gateway.t0");
            Object user = ctx.attribute("gateway.user");
            LOG.info("{} {} {} {} ms{}", ctx.method(), ctx.path(), ctx.statusCode(), t0 == null ? -1 : (System.nanoTime() - t0) / 1_000_000,
                    user == null ? "" : " user " + user);
        });
        app.get("/health", ctx -> {
            String database = db.health();
            String r = redis == null ? "not configured" : redis.health();
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("status", "ok".equals(database) && (redis == null || "ok".equals(r)) ? "healthy" : "degraded");
            h.put("service", "EvPower operator gateway");
            h.put("database", database);
            h.put("redis", r);
            h.put("statistics", stats.indexed() ? "in memory" : "from the database");
            h.put("backend", config.backend().toString());
            h.put("push", pushCheck);
            h.put("not_served_yet", unserved);
            ctx.status("healthy".equals(h.get("status")) ? 200 : 503).json(h);
        });
        new StatsRoutes(callers, Instant::now, stats).install(app);
        Database listings = Database.external(db.listings());
        PublishedCommands commands = redis == null ? null : new PublishedCommands(listings, redis, config.dataDir(), Instant::now,
                config.commandWait());
        new AdminSessionRoutes(listings, commands, Instant::now, callers).install(app);
        Set<String> served = new java.util.TreeSet<>(Set.of(StatsRoutes.PATH, AdminSessionRoutes.LIST, PeopleRoutes.PATH, SessionsHub.PATH));
        if (redis != null) {
            new AdminStationRoutes(listings, new NetworkStore(listings, Instant::now), redis::online, callers).install(app);
            new StationCommandRoutes(listings, commands, callers).install(app);
            served.addAll(NEED_REDIS.keySet());
        }
        if (config.vapid() != null) {
            // production's subscriptions, production's keys; nothing written back but, where the role was granted it, the
            // removal of a subscription a push service says is gone (production's sender removes them too)
            PushService push = new PushService(listings, Instant::now, config.vapid(), config.vapidSubject(), new PushService.Writes() {
                @Override
                public void used(String id, Instant at) {
                    // last_used_at is production's to write
                }

                @Override
                public boolean remove(String id) {
                    return p.mayDeleteSubscriptions() && db.deleteSubscription(id);
                }
            });
            new AdminPushRoutes(listings, Instant::now, push, callers).install(app);
            served.addAll(NEED_VAPID.keySet());
        }
        AdminMoneyRoutes money = new AdminMoneyRoutes(listings, null, Instant::now, callers);
        money.installListings(app);
        if (config.odengi() != null) {
            money.installRecheck(app, new OdengiStatus(config.odengi(), listings, http, Instant::now));
            served.addAll(NEED_ODENGI.keySet());
        }
        new PeopleRoutes(listings, callers).install(app);
        // the session stream: the sandbox's hub, fed by one watcher of production's tables for every console
        SessionsHub hub = new SessionsHub(listings, token -> {
            try {
                return SessionsHub.scopeOf(callers.byToken(token));
            } catch (ApiError e) {
                if (e.status() == 401) {
                    throw new io.javalin.http.UnauthorizedResponse("Не авторизован");
                }
                throw new io.javalin.http.ForbiddenResponse(Roles.NOT_OWNER);
            }
        }, Instant::now);
        hub.install(app);
        SessionWatcher watcher = new SessionWatcher(listings, hub, hub);
        served.addAll(AdminMoneyRoutes.LISTINGS);
        // the operator API's other paths answer why they are not served here, rather than a bare 404
        unserved.forEach((path, why) -> {
            io.javalin.http.Handler no = ctx -> {
                throw ApiError.detail(501, "Not served by this operator gateway: it " + why);
            };
            app.get(path, no);
            app.post(path, no);
        });
        String doc = openApi(served);
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(doc));
        ApiError.installHandlers(app, LOG);
        // Redis down or restarting: said in words, not a stack trace; the next request asks it again
        app.exception(redis.clients.jedis.exceptions.JedisException.class, (e, ctx) -> {
            LOG.warn("Redis: {} on {} {}", e.getMessage(), ctx.method(), ctx.path());
            ctx.status(503).json(java.util.Map.of("detail", "Redis производственного сервера недоступен: " + e.getMessage()));
        });
        app.start("0.0.0.0", config.port());
        watcher.start(WATCH_EVERY);
        LOG.info("operator gateway on port {}: {}", app.port(), config);
        return new GatewayServer(app, db, stats, hub, watcher, redis, commands);
    }

    /**
     * Whether the VAPID public key given is the backend's own ({@code GET /api/v1/notifications/vapid-public-key}): a push
     * signed with another key than the one browsers subscribed with is refused by every push service (403).
     */
    static String vapidCheck(GatewayConfig config, HttpClient http) {
        String mine = kg.evpower.sandbox.server.push.WebPushCrypto.b64(kg.evpower.sandbox.server.push.WebPushCrypto.raw(
                (java.security.interfaces.ECPublicKey) config.vapid().getPublic()));
        try {
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(config.backend().resolve(
                    "/api/v1/notifications/vapid-public-key")).timeout(Duration.ofSeconds(10)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String theirs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("data").path("public_key").asText("");
            if (theirs.replace("=", "").equals(mine.replace("=", ""))) {
                LOG.info("VAPID: the backend's own public key");
                return "ok";
            }
            LOG.error("!!! VAPID: the public key given is not the backend's ({}…): push services will refuse these pushes", theirs.isEmpty() ? "none"
                    : theirs.substring(0, Math.min(12, theirs.length())));
            return "the VAPID public key is not the backend's: push services will refuse the pushes";
        } catch (java.io.IOException e) {
            LOG.warn("VAPID: the backend's public key could not be read: {}", e.toString());
            return "the backend's VAPID public key could not be read to compare";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the backend's VAPID public key could not be read to compare";
        }
    }

    /** The operator API's document with only the paths this gateway serves (and production's own paths left out). */
    static String openApi(Set<String> served) {
        return SystemRoutes.documentWith((path, operations) -> served.contains(path), "EvPower operator gateway");
    }

    public int port() {
        return app.port();
    }

    /** The statistics it serves (tests wait for the rows to be loaded). */
    public StatsCache stats() {
        return stats;
    }

    /** The watcher of production's tables behind the session stream. */
    public SessionWatcher watcher() {
        return watcher;
    }

    @Override
    public void close() {
        watcher.close();
        app.stop();
        hub.close();
        if (commands != null) {
            commands.close();
        }
        if (redis != null) {
            redis.close();
        }
        db.close();
    }
}
