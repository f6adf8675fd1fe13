package kg.evpower.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import kg.evpower.sandbox.server.charging.Defect;
import kg.evpower.sandbox.server.http.NetPolicy;

/**
 * Everything the sandbox can be told at start. Defaults are production's constants (contract §10) except
 * where a test needs them shorter.
 *
 * @param port            loopback port, 0 for any free port
 * @param dataDir         folder of the H2 database
 * @param reset           rebuild the database from the seed
 * @param scale           network multiplier (1 gives 122 stations; 85 gives 10,099)
 * @param simulate        run the simulated network
 * @param simSpeed        simulated time multiplier for event rates
 * @param rateLimit       requests per window per IP, 0 turns the limiter off
 * @param rateWindow      the limiter's sliding window
 * @param accessTtl       lifetime of {@code evp_access}
 * @param refreshTtl      lifetime of {@code evp_refresh}
 * @param otpResend       time between two OTP sends to one phone
 * @param wsPingInterval  server ping period on the locations WebSocket
 * @param seed            seed of the generated network and of the simulation
 * @param operatorApi     serve the operator API this project proposes; off, the sandbox offers only today's production
 *                        API (plus its {@code /_sandbox/} helpers), to try the console against such a server
 * @param meterInterval   a fixed real-time interval between a car's MeterValues (a load knob for benchmarks); null for
 *                        the usual 10–60 simulated seconds
 * @param money           the money paths' mode and defect rates, and how much past money traffic a fresh database gets
 * @param net             whom the server believes about Host, forwarding and 429s ({@link NetPolicy})
 * @param commandWait     how long a station command waits for the station's answer before it is recorded as Timeout
 * @param tier            production's data tier in place of the embedded H2 and the in-memory presence ({@link Tier})
 */
public record SandboxConfig(int port, Path dataDir, boolean reset, int scale, boolean simulate, double simSpeed,
                            int rateLimit, Duration rateWindow, Duration accessTtl, Duration refreshTtl,
                            Duration otpResend, Duration wsPingInterval, long seed, boolean operatorApi,
                            Duration meterInterval, Money money, NetPolicy net, Duration commandWait, Tier tier) {

    public static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.contains("win") && System.getenv("LOCALAPPDATA") != null) {
            base = Path.of(System.getenv("LOCALAPPDATA"));
        } else if (os.contains("mac")) {
            base = Path.of(System.getProperty("user.home"), "Library", "Application Support");
        }
        return base.resolve("evpower-console").resolve("sandbox");
    }

    public static SandboxConfig defaults() {
        return new SandboxConfig(0, defaultDataDir(), false, 1, true, 1.0, 60, Duration.ofSeconds(60),
                Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofSeconds(60), Duration.ofSeconds(20), 20251209L, true, null,
                Money.DEFAULT, NetPolicy.DEFAULT, Duration.ofSeconds(20), Tier.EMBEDDED);
    }

    public SandboxConfig withPort(int p) {
        return new SandboxConfig(p, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withDataDir(Path d, boolean r) {
        return new SandboxConfig(port, d, r, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withScale(int s) {
        return new SandboxConfig(port, dataDir, reset, s, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withSimulation(boolean on, double speed) {
        return new SandboxConfig(port, dataDir, reset, scale, on, speed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withRateLimit(int limit, Duration window) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, limit, window, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withTokenTtl(Duration access, Duration refresh) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, access, refresh,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withOtpResend(Duration d) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                d, wsPingInterval, seed, operatorApi, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withWsPing(Duration d) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, d, seed, operatorApi, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withOperatorApi(boolean on) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, on, meterInterval, money, net, commandWait, tier);
    }

    public SandboxConfig withMeterInterval(Duration d) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, d, money, net, commandWait, tier);
    }

    public SandboxConfig withCommandWait(Duration d) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, net, d, tier);
    }

    public SandboxConfig withNet(NetPolicy n) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, n, commandWait, tier);
    }

    public SandboxConfig withTier(Tier t) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, money, net, commandWait, t);
    }

    /**
     * Where the sandbox keeps what production keeps in PostgreSQL and Redis. Embedded (the default): the H2 file in the
     * data folder and the stations' online flags in memory. As production's data tier ({@code --db}, {@code --redis}):
     * its tables on a PostgreSQL server, and the simulated stations on Redis the way production's OCPP server is — the
     * key {@code ocpp:station:{id}} = "online" with a 600 s TTL while connected, commands taken from
     * {@code ocpp:cmd:{id}} — so an operator gateway beside it sees what it would see beside production.
     *
     * @param pgUrl      {@code jdbc:postgresql://…}, or null for H2
     * @param pgUser     the role the sandbox writes as
     * @param pgPassword its password
     * @param redis      {@code redis://[:password@]host:port[/db]}, or null for in-memory presence and direct commands
     */
    public record Tier(String pgUrl, String pgUser, String pgPassword, java.net.URI redis) {

        public static final Tier EMBEDDED = new Tier(null, null, null, null);

        public Tier withPostgres(String url, String user, String password) {
            return new Tier(url, user, password, redis);
        }

        public Tier withRedis(java.net.URI uri) {
            return new Tier(pgUrl, pgUser, pgPassword, uri);
        }

        @Override
        public String toString() {
            return (pgUrl == null ? "H2" : pgUrl + " as " + pgUser) + (redis == null ? "" : ", Redis " + redis.getHost() + ":" + redis.getPort());
        }
    }

    public SandboxConfig withMoney(Money m) {
        return new SandboxConfig(port, dataDir, reset, scale, simulate, simSpeed, rateLimit, rateWindow, accessTtl, refreshTtl,
                otpResend, wsPingInterval, seed, operatorApi, meterInterval, m, net, commandWait, tier);
    }

    /**
     * The money paths: "as production" (defects at their rates) or fixed; rates that differ from the defaults; and the
     * past traffic a fresh database is given (a span, with so many topups and sessions spread over it; none when the
     * span is zero); how many live topups simulated clients ask for per simulated hour while the simulation runs; and
     * how much of the network's past (sessions, their money, topups) a fresh database is written with before it starts.
     */
    public record Money(boolean production, Map<Defect, Double> rates, Duration history,
                        int historyTopups, int historySessions, double topupsPerHour, Duration network) {

        /** Live topups per simulated hour at scale 1: about what the simulated drivers spend. */
        public static final double TOPUPS_PER_HOUR = 40;
        public static final Money DEFAULT = new Money(true, Map.of(), Duration.ZERO, 0, 0, -1, Duration.ZERO);

        /** Live topups per simulated hour at the given scale; a negative setting means the default for that scale. */
        public double topupsPerHour(int scale) {
            return topupsPerHour < 0 ? TOPUPS_PER_HOUR * scale : topupsPerHour;
        }

        public Money withTopupsPerHour(double perHour) {
            return new Money(production, rates, history, historyTopups, historySessions, perHour, network);
        }

        public Money withProduction(boolean on) {
            return new Money(on, rates, history, historyTopups, historySessions, topupsPerHour, network);
        }

        public Money withRate(Defect d, double rate) {
            Map<Defect, Double> r = new EnumMap<>(Defect.class);
            r.putAll(rates);
            r.put(d, rate);
            return new Money(production, Map.copyOf(r), history, historyTopups, historySessions, topupsPerHour, network);
        }

        /** The network's past written into a fresh database before anything else happens ({@code --history DAYS}). */
        public Money withNetworkHistory(Duration span) {
            return new Money(production, rates, history, historyTopups, historySessions, topupsPerHour, span);
        }

        public Money withHistory(Duration span, int topups, int sessions) {
            return new Money(production, rates, span, topups, sessions, topupsPerHour, network);
        }
    }
}
