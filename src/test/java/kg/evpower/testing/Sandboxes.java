package kg.evpower.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;

/** Starts real sandbox servers on free loopback ports over fresh data directories, for tests. */
public final class Sandboxes {

    private Sandboxes() {
    }

    /**
     * Quiet defaults for tests: random traffic paused, no rate limit (a test that wants one sets it), production's OTP
     * resend, and a limiter that behaves as production's (no {@code Retry-After}), so the console is tested against
     * what production does.
     */
    public static SandboxConfig quiet() {
        try {
            Path dir = Files.createTempDirectory("evpower-sandbox-test");
            SandboxConfig c = SandboxConfig.defaults().withDataDir(dir, true).withSimulation(false, 1.0)
                    .withRateLimit(0, Duration.ofSeconds(60)).withOtpResend(Duration.ofSeconds(60));
            return c.withNet(c.net().withProductionRateLimit(true));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SandboxServer start(SandboxConfig config) {
        return SandboxServer.start(config);
    }

    public static EvPowerClient client(SandboxServer server) {
        return new EvPowerClient(java.net.URI.create(server.baseUrl()), new RequestBudget(600, Duration.ofSeconds(60), 0.6),
                Duration.ofSeconds(10));
    }

    /** Logs in over OTP as the given phone, reading the code the way a sandbox user does. */
    public static EvPowerClient loggedIn(SandboxServer server, String phone) {
        EvPowerClient c = client(server);
        c.auth().sendOtp(phone);
        String code = new kg.evpower.console.api.SandboxApi(c).sandboxOtp(phone).orElseThrow();
        c.auth().verifyOtp(phone, code);
        return c;
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** A sandbox-only control ({@code /_sandbox/...}, no session needed): POSTs JSON, expects 200, returns the body. */
    public static com.fasterxml.jackson.databind.JsonNode control(SandboxServer s, String path, String json) throws Exception {
        return send(s, java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.baseUrl() + path)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A sandbox-only read ({@code /_sandbox/...}): expects 200, returns the body. */
    public static com.fasterxml.jackson.databind.JsonNode read(SandboxServer s, String path) throws Exception {
        return send(s, java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.baseUrl() + path)).GET().build());
    }

    private static com.fasterxml.jackson.databind.JsonNode send(SandboxServer s, java.net.http.HttpRequest req) throws Exception {
        java.net.http.HttpResponse<String> r = HTTP.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(req.method() + " " + req.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    /** Waits until {@code condition} holds, looking every 50 ms; fails after {@code seconds}. */
    public static void until(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * A car arrives at this connector and starts a session through production's v1 paths; answers the session once its
     * station has started the OCPP transaction (the simulation's cars are ticked here, so it may be paused).
     */
    public static String charging(SandboxServer s, String station, int connector) throws Exception {
        kg.evpower.sandbox.world.drivers.ChargingSimulator cars = s.simulator().drivers();
        String session = cars.arrive(station, connector).orElseThrow();
        until(10, () -> {
            s.simulator().exclusive(cars::tick);
            return s.db().queryOne("SELECT transaction_id IS NOT NULL FROM charging_sessions WHERE id = ?", rs -> rs.getBoolean(1), session)
                    .orElseThrow();
        });
        return session;
    }
}
