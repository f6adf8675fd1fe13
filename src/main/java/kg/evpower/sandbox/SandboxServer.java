package kg.evpower.sandbox;

import kg.evpower.sandbox.server.store.SandboxClock;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import kg.evpower.sandbox.server.auth.OtpService;
import kg.evpower.sandbox.server.auth.Tokens;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.http.AdminRoutes;
import kg.evpower.sandbox.server.http.AdminMoneyRoutes;
import kg.evpower.sandbox.server.http.AdminSessionRoutes;
import kg.evpower.figures.StatsCache;
import kg.evpower.sandbox.server.http.StatsRoutes;
import kg.evpower.sandbox.world.money.MoneyRoutes;
import kg.evpower.sandbox.world.money.OdengiApiRoutes;
import kg.evpower.sandbox.server.http.PaymentRoutes;
import kg.evpower.sandbox.server.charging.Defect;
import kg.evpower.sandbox.server.charging.MoneyMode;
import kg.evpower.sandbox.server.http.AdminPushRoutes;
import kg.evpower.sandbox.server.http.PushRoutes;
import kg.evpower.sandbox.world.push.PushDeviceRoutes;
import kg.evpower.sandbox.world.money.LiveTopups;
import kg.evpower.sandbox.server.push.OwnerEvents;
import kg.evpower.sandbox.world.push.PushEmulator;
import kg.evpower.sandbox.server.push.PushService;
import kg.evpower.sandbox.world.money.MoneyTraffic;
import kg.evpower.sandbox.server.payments.OdengiEmulator;
import kg.evpower.sandbox.server.payments.PaymentsService;
import kg.evpower.sandbox.server.http.ChargingRoutes;
import kg.evpower.sandbox.server.http.ApiError;
import kg.evpower.sandbox.server.http.AuthRoutes;
import kg.evpower.sandbox.server.http.CsrfTokens;
import kg.evpower.sandbox.server.http.NetworkRoutes;
import kg.evpower.sandbox.server.http.PeopleRoutes;
import kg.evpower.sandbox.server.http.StationCommandRoutes;
import kg.evpower.sandbox.server.stations.RedisStations;
import kg.evpower.sandbox.server.stations.StationCommands;
import kg.evpower.sandbox.world.stations.ChargePointRoutes;
import kg.evpower.sandbox.world.stations.ChargePointSimulator;
import kg.evpower.sandbox.world.SandboxRoutes;
import kg.evpower.sandbox.world.history.NetworkHistory;
import kg.evpower.sandbox.server.http.Security;
import kg.evpower.sandbox.server.http.SystemRoutes;
import kg.evpower.sandbox.world.drivers.ChargingSimulator;
import kg.evpower.sandbox.world.stations.NetworkSimulator;
import kg.evpower.sandbox.server.stations.StationEvents;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.server.store.NetworkStore;
import kg.evpower.sandbox.server.store.Presence;
import kg.evpower.sandbox.server.store.Seeder;
import kg.evpower.sandbox.server.ws.LocationsHub;
import kg.evpower.sandbox.server.ws.SessionsHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded EvPower-compatible server: production's {@code /api/v1} contract plus the operator API, over an H2
 * database in a data directory, driven by a simulated charging network, on one loopback port for HTTP and WebSocket.
 *
 * <pre>SandboxServer --port N --data-dir DIR [--reset] [--scale K] [--no-sim] [--sim-speed X]
 *               [--rate-limit N] [--rate-window SECONDS] [--access-ttl SECONDS] [--cookie-domain D]</pre>
 */
public final class SandboxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

    private final Database db;
    private final StationEvents events;
    private final Presence presence;
    private final NetworkSimulator simulator;
    private final ChargingService charging;
    private final PaymentsService payments;
    private final LocationsHub hub;
    private final SessionsHub sessionsHub;
    private final LiveTopups live;
    private final PushService push;
    private final PushEmulator pushDevices;
    private final Javalin app;
    private final List<String> routes;
    private final StatsCache stats;
    private final RedisStations redis;

    private SandboxServer(Database db, StationEvents events, Presence presence, NetworkSimulator simulator, ChargingService charging,
                          PaymentsService payments, LocationsHub hub, SessionsHub sessionsHub, LiveTopups live, PushService push,
                          PushEmulator pushDevices, Javalin app, List<String> routes, StatsCache stats, RedisStations redis) {
        this.db = db;
        this.redis = redis;
        this.stats = stats;
        this.events = events;
        this.presence = presence;
        this.simulator = simulator;
        this.charging = charging;
        this.payments = payments;
        this.routes = routes;
        this.live = live;
        this.push = push;
        this.pushDevices = pushDevices;
        this.hub = hub;
        this.sessionsHub = sessionsHub;
        this.app = app;
    }

    /** Opens the database (seeding it when new), starts the simulation and the server. */
    public static SandboxServer start(SandboxConfig config) {
        return start(config, null);
    }

    public static SandboxServer start(SandboxConfig config, String cookieDomain) {
        long t0 = System.nanoTime();
        SandboxClock clock = new SandboxClock();
        SandboxConfig.Tier tier = config.tier();
        Database db = tier.pgUrl() == null ? Database.open(config.dataDir(), config.reset())
                : Database.openPostgres(tier.pgUrl(), tier.pgUser(), tier.pgPassword(), config.reset());
        int stations = new Seeder(config.seed(), config.scale()).seedIfEmpty(db);
        NetworkStore network = new NetworkStore(db, clock);
        Presence presence = new Presence(clock);
        LocationsHub hub = new LocationsHub(config.wsPingInterval());
        StationEvents events = new StationEvents(db, network, presence, hub, clock);
        NetworkSimulator sim = new NetworkSimulator(db, events, clock, config.seed(), config.simSpeed());
        Tokens tokens = new Tokens(db, config.accessTtl(), config.refreshTtl(), clock);
        OtpService otp = new OtpService(db, clock, Duration.ofMinutes(5), config.otpResend(), 3);
        MoneyMode money = new MoneyMode(config.money().production(), config.money().rates(), config.seed());
        OdengiEmulator odengi = new OdengiEmulator(db);
        PaymentsService payments = new PaymentsService(db, clock, money, odengi);
        ChargingService charging = new ChargingService(db, clock, money);

        CsrfTokens csrf = new CsrfTokens(tokens);
        Security security = new Security(tokens, csrf, config.rateLimit(), config.rateWindow(), config.net());
        List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(h.getHttpMethod().name() + " " + h.getPath());
                }
            });
            cfg.events.wsHandlerAdded(h -> routes.add("WS " + h.getPath()));
            cfg.http.defaultContentType = "application/json";
            cfg.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofMinutes(10)));
        });
        app.before(ctx -> Database.requestStarted());
        app.before(security::before);
        app.wsBeforeUpgrade(security::beforeUpgrade);
        // what a request wrote is on disk before its answer leaves (the answer is written after the after-handlers)
        app.after(ctx -> {
            if (Database.wroteInRequest()) {
                db.durable();
            }
        });
        new SystemRoutes(presence, config.operatorApi()).install(app);
        new AuthRoutes(db, tokens, otp, csrf, cookieDomain).install(app);
        new NetworkRoutes(db, network, presence, config.operatorApi()).install(app);
        new ChargingRoutes(db, presence, charging, clock).install(app);
        new PaymentRoutes(db, payments, clock).install(app);
        if (config.operatorApi()) {
            new AdminSessionRoutes(db, charging, clock).install(app);
            new AdminMoneyRoutes(db, payments, clock).install(app);
        }
        new AdminRoutes(db, clock).install(app);
        StationCommands commands = new StationCommands(db, presence, clock, config.commandWait());
        // the tail is read again by the wall clock: replays move the sandbox's clock back while they write the past
        StatsCache stats = new StatsCache("sandbox", db::connection, Instant::now, Duration.ofSeconds(1));
        if (config.operatorApi()) {
            new PeopleRoutes(db).install(app);
            new StationCommandRoutes(db, commands).install(app);
            new StatsRoutes(db, clock, stats).install(app);
        }
        PushService push = new PushService(db, clock);
        PushEmulator pushDevices = new PushEmulator(db, push, clock);
        new PushRoutes(db, clock, push).install(app);
        new PushDeviceRoutes(push, pushDevices).install(app);
        if (config.operatorApi()) {
            new AdminPushRoutes(db, clock, push).install(app);
        }
        SessionsHub sessionsHub = new SessionsHub(db, tokens, clock);
        if (config.operatorApi()) {
            sessionsHub.install(app);
            charging.addListener(sessionsHub);
            events.setConnectorListener(sessionsHub);
        }
        MoneyTraffic traffic = new MoneyTraffic(db, clock, payments, charging, presence::isOnline, sim::exclusive);
        traffic.onPastWritten(stats::invalidate);
        new SandboxRoutes(db, network, presence, otp, events, sim, hub, sessionsHub).install(app);
        // production's BootNotification cleanup; the simulated chargers answer the operator API's commands
        events.setBootListener(charging::bootCleanup);
        ChargePointSimulator chargePoints = new ChargePointSimulator(db, sim, events, config.seed());
        commands.setChargePoints(chargePoints);
        // production's data tier: the stations' flags on Redis and their commands taken from it, as production's OCPP server
        RedisStations redis = tier.redis() == null ? null : new RedisStations(tier.redis(), presence::online, chargePoints).start();
        if (redis != null) {
            presence.mirrorTo(redis);
        }
        new ChargePointRoutes(chargePoints).install(app);
        LiveTopups live = new LiveTopups(db, clock, payments, sim::isRunning, config.seed(),
                config.money().topupsPerHour(config.scale()), config.simSpeed());
        new MoneyRoutes(db, payments, clock, config.seed(), traffic, live).install(app);
        new OdengiApiRoutes(db, odengi, clock).install(app);
        hub.install(app);
        ApiError.installHandlers(app, LOG);
        app.start("127.0.0.1", config.port());
        pushDevices.start("http://127.0.0.1:" + app.port(), config.seed());
        OwnerEvents ownerEvents = new OwnerEvents(db, push);
        charging.addListener(ownerEvents);
        events.setOfflineListener(ownerEvents::stationOffline);
        // drivers start real sessions through the v1 money paths; their stations answer through StationEvents
        sim.setDrivers(new ChargingSimulator(db, charging,
                (id, connector, status) -> events.statusNotification(id, connector, status, null, null),
                presence::isOnline, clock, config.seed(), config.simSpeed(), config.meterInterval()));
        Runnable goLive = () -> {
            if (config.simulate()) {
                sim.start();
                sim.warmUp(clock.get());
            } else {
                // Without simulation every station still connects once, so the network is online.
                sim.start();
                sim.setRunning(false);
            }
            SandboxConfig.Money m = config.money();
            live.start();
            if (!m.history().isZero() && db.meta("money_history") == null) {
                db.putMeta("money_history", "replaying");
                Thread replay = new Thread(() -> {
                    traffic.replay(m.history(), m.historyTopups(), m.historySessions(), config.seed(), true);
                    db.putMeta("money_history", "done");
                }, "sandbox-money-history");
                replay.setDaemon(true);
                replay.start();
            }
        };
        if (!config.money().network().isZero() && db.meta(NetworkHistory.DEAD_STATIONS) == null
                && db.queryOne("SELECT COUNT(*) FROM charging_sessions", rs -> rs.getLong(1)).orElse(0L) == 0) {
            // A fresh database only (a used one's balances and ledger already have their own story). The past is written
            // while the server already answers; the network goes live after it, so the two never meet on a connector or
            // a balance. It ends before the money history's replay begins.
            Instant end = Instant.now().minus(config.money().history()).minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
            Thread history = new Thread(() -> {
                try {
                    NetworkHistory.write(db, config.money().network(), end, config.seed(), config.money().production());
                    // the first statistics screen need not wait for the database: the rows are held in memory from now on
                    stats.invalidate();
                    stats.preload();
                } catch (RuntimeException e) {
                    LOG.error("the network's history was not written: {}", e.toString());
                }
                goLive.run();
            }, "sandbox-history");
            history.setDaemon(true);
            history.start();
        } else {
            goLive.run();
        }
        LOG.info("sandbox ready in {} ms: {} stations, data in {}", (System.nanoTime() - t0) / 1_000_000, stations,
                tier.pgUrl() == null && tier.redis() == null ? config.dataDir() : tier);
        return new SandboxServer(db, events, presence, sim, charging, payments, hub, sessionsHub, live, push, pushDevices, app, List.copyOf(routes),
                stats, redis);
    }

    /** Every route this server answers, as "METHOD /path/{param}" ("WS /path" for WebSockets). */
    public List<String> routes() {
        return routes;
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Database db() {
        return db;
    }

    /** The statistics the operator API serves: from the database until its rows are held in memory. */
    public StatsCache stats() {
        return stats;
    }

    /** The backend's handling of what stations send (StatusNotification and the rest). */
    public StationEvents events() {
        return events;
    }

    /** Which stations are connected now. */
    public Presence presence() {
        return presence;
    }

    public NetworkSimulator simulator() {
        return simulator;
    }

    public ChargingService charging() {
        return charging;
    }

    public PaymentsService payments() {
        return payments;
    }

    public LocationsHub hub() {
        return hub;
    }

    public SessionsHub sessionsHub() {
        return sessionsHub;
    }

    /** Web Push: subscriptions and the sender. */
    public PushService push() {
        return push;
    }

    /** The simulated owners' devices behind their push services. */
    public PushEmulator pushDevices() {
        return pushDevices;
    }

    /** The simulated clients' live topups and the hourly cleanup. */
    public LiveTopups liveTopups() {
        return live;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops everything; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        simulator.close();
        if (redis != null) {
            redis.close();
        }
        live.close();
        push.close();
        payments.close();
        hub.close();
        sessionsHub.close();
        app.stop();
        db.close();
    }

    public static void main(String[] args) {
        SandboxConfig config = SandboxConfig.defaults().withPort(8765);
        String cookieDomain = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> config = config.withPort(Integer.parseInt(args[++i]));
                    case "--data-dir" -> config = config.withDataDir(Path.of(args[++i]), config.reset());
                    case "--reset" -> config = config.withDataDir(config.dataDir(), true);
                    case "--scale" -> config = config.withScale(Integer.parseInt(args[++i]));
                    case "--no-sim" -> config = config.withSimulation(false, config.simSpeed());
                    case "--sim-speed" -> config = config.withSimulation(config.simulate(), Double.parseDouble(args[++i]));
                    case "--rate-limit" -> config = config.withRateLimit(Integer.parseInt(args[++i]), config.rateWindow());
                    case "--rate-window" -> config = config.withRateLimit(config.rateLimit(), Duration.ofSeconds(Long.parseLong(args[++i])));
                    case "--access-ttl" -> config = config.withTokenTtl(Duration.ofSeconds(Long.parseLong(args[++i])), config.refreshTtl());
                    case "--cookie-domain" -> cookieDomain = args[++i];
                    case "--production-api-only" -> config = config.withOperatorApi(false);
                    case "--allowed-host" -> config = config.withNet(config.net().withAllowedHost(args[++i]));
                    case "--trusted-proxy" -> config = config.withNet(config.net().withTrustedProxy(args[++i]));
                    case "--rate-limit-as-production" -> config = config.withNet(config.net().withProductionRateLimit(true));
                    case "--command-wait" -> config = config.withCommandWait(Duration.ofMillis(Math.round(Double.parseDouble(args[++i]) * 1000)));
                    case "--money-mode" -> config = config.withMoney(config.money().withProduction(switch (args[++i]) {
                        case "production" -> true;
                        case "fixed" -> false;
                        default -> throw new IllegalArgumentException("--money-mode is production or fixed");
                    }));
                    case "--defect-rate" -> {
                        String[] kv = args[++i].split("=", 2);
                        config = config.withMoney(config.money().withRate(Defect.fromWire(kv[0]), Double.parseDouble(kv[1])));
                    }
                    case "--money-history" -> {
                        double hours = Double.parseDouble(args[++i]);
                        config = config.withMoney(config.money().withHistory(Duration.ofMinutes(Math.round(hours * 60)),
                                (int) Math.round(hours * 12 * config.scale()), (int) Math.round(hours * 10 * config.scale())));
                    }
                    case "--history" -> config = config.withMoney(config.money().withNetworkHistory(
                            Duration.ofDays(Integer.parseInt(args[++i]))));
                    case "--topups-per-hour" -> config = config.withMoney(config.money().withTopupsPerHour(Double.parseDouble(args[++i])));
                    case "--meter-interval" -> config = config.withMeterInterval(Duration.ofMillis(
                            Math.round(Double.parseDouble(args[++i]) * 1000)));
                    case "--db" -> config = config.withTier(config.tier().withPostgres(Database.jdbcUrl(args[++i]), config.tier().pgUser(),
                            System.getenv("EVPOWER_SANDBOX_PG_PASSWORD")));
                    case "--db-user" -> config = config.withTier(config.tier().withPostgres(config.tier().pgUrl(), args[++i],
                            config.tier().pgPassword()));
                    case "--redis" -> config = config.withTier(config.tier().withRedis(java.net.URI.create(args[++i])));
                    case "-h", "--help" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("sandbox: " + e.getMessage() + "\n" + usage());
            System.exit(2);
            return;
        }
        SandboxServer server = start(config, cookieDomain);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sandbox-shutdown"));
        System.out.println("listening on " + server.baseUrl());
        System.out.flush();
    }

    static String usage() {
        return "usage: SandboxServer [--port N] [--data-dir DIR] [--reset] [--scale K] [--no-sim] [--sim-speed X]\n"
                + "                     [--rate-limit N] [--rate-window SECONDS] [--access-ttl SECONDS] [--cookie-domain D]\n"
                + "                     [--production-api-only] [--meter-interval SECONDS]\n"
                + "                     [--allowed-host NAME]... [--trusted-proxy ADDRESS]... [--rate-limit-as-production]\n"
                + "                     [--command-wait SECONDS]\n"
                + "                     [--money-mode production|fixed] [--defect-rate NAME=RATE]... [--money-history HOURS]\n"
                + "                     [--history DAYS]\n"
                + "                     [--topups-per-hour N]\n"
                + "                     [--db postgres://HOST:PORT/DB --db-user ROLE] [--redis redis://[:PASSWORD@]HOST:PORT]\n"
                + "                     (production's data tier: the tables on PostgreSQL, password in $EVPOWER_SANDBOX_PG_PASSWORD;\n"
                + "                      the stations' online keys and commands on Redis)\n"
                + "defaults: --port 8765, --data-dir " + SandboxConfig.defaultDataDir() + ", rate limit 60 per 60 s";
    }
}
