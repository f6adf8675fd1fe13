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

    /** Quiet defaults for tests: random traffic paused, generous rate limit, fast OTP resend. */
    public static SandboxConfig quiet() {
        try {
            Path dir = Files.createTempDirectory("evpower-sandbox-test");
            return SandboxConfig.defaults().withDataDir(dir, true).withSimulation(false, 1.0)
                    .withRateLimit(0, Duration.ofSeconds(60)).withOtpResend(Duration.ofSeconds(60));
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
        c.sendOtp(phone);
        String code = c.sandboxOtp(phone).orElseThrow();
        c.verifyOtp(phone, code);
        return c;
    }
}
