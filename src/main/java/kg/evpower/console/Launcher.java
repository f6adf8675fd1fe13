package kg.evpower.console;

import java.net.URI;
import java.time.Duration;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.api.SandboxApi;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import kg.evpower.console.cli.CheckCommand;
import kg.evpower.console.cli.ReconcileCommand;
import kg.evpower.console.cli.Unforeseen;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.settings.SettingsStore;
import kg.evpower.console.shell.AboutInfo;
import kg.evpower.console.platform.EmbeddedServer;
import kg.evpower.console.platform.LogFile;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;

/**
 * The console's main class (not an {@code Application}, so JavaFX on the class path starts). With no arguments it
 * opens the window; {@code check --server URL} and {@code reconcile ...} run headless. This is the one console class that knows the sandbox.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        boolean window = args.length == 0 || !(args[0].equals("check") || args[0].equals("reconcile"));
        // the window's log also goes to a file in the OS's log folder (before any logger exists); commands print
        if (window) {
            FirstWindowClasses.preload(); // beside the toolkit's own start, on the second core
        }
        Path log = window ? LogFile.start(LogFile.defaultFolder(), 4) : null;
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(Unforeseen.guard("check", 1, System.err, () -> CheckCommand.run(args, System.out)));
            return;
        }
        if (args.length > 0 && args[0].equals("reconcile")) {
            System.exit(Unforeseen.guard("reconcile", ReconcileCommand.FAILED, System.err, () -> ReconcileCommand.run(args, System.out,
                    System.err, ReconcileCommand.terminal(System.in, System.err), Launcher::sandboxOtp, System.getenv(),
                    SettingsStore.defaultFolder().resolve(kg.evpower.console.payments.PaymentsFeature.AUDIT))));
            return;
        }
        java.util.function.Supplier<EmbeddedServer> sandbox = () -> new EmbeddedSandbox(
                () -> SandboxServer.start(embeddedSandbox()), true);
        // settings are read (and Jackson loaded) while the JavaFX toolkit starts
        SettingsStore store = new SettingsStore(SettingsStore.defaultFolder().resolve("settings.json"));
        CompletableFuture<Settings> settings = CompletableFuture.supplyAsync(store::load);
        ConsoleApp.defaultEnvironment = new Environment(store, settings, sandbox, started,
                kg.evpower.console.fx.FilePicker.SYSTEM, new AboutInfo.Places(store.file().getParent(), SandboxConfig.defaultDataDir(), log,
                SettingsStore.cacheFolder()));
        Application.launch(ConsoleApp.class, args);
    }

    /** How much of the network's past a fresh embedded sandbox is written with, so statistics mean something at once. */
    static final java.time.Duration SANDBOX_HISTORY = java.time.Duration.ofDays(120);

    /** The embedded sandbox: in the user's data folder, kept between runs; a fresh one gets {@link #SANDBOX_HISTORY}. */
    static SandboxConfig embeddedSandbox() {
        SandboxConfig c = SandboxConfig.defaults().withDataDir(SandboxConfig.defaultDataDir(), false);
        return c.withMoney(c.money().withNetworkHistory(SANDBOX_HISTORY));
    }

    /** The OTP code a sandbox generated for {@code phone} (the sandbox's own helper; production sends it by WhatsApp). */
    public static java.util.Optional<String> sandboxOtp(EvPowerClient api, String phone) {
        return new SandboxApi(api).sandboxOtp(phone);
    }

    /**
     * The built-in sandbox, started on first use (off the FX thread) and stopped on close when {@code stopOnClose};
     * its demo accounts and OTP codes come over HTTP through {@link SandboxApi}.
     */
    public static final class EmbeddedSandbox implements EmbeddedServer {

        private final java.util.function.Supplier<SandboxServer> starter;
        private final boolean stopOnClose;
        private SandboxServer server;
        private SandboxApi helpers;

        public EmbeddedSandbox(java.util.function.Supplier<SandboxServer> starter, boolean stopOnClose) {
            this.starter = starter;
            this.stopOnClose = stopOnClose;
        }

        @Override
        public synchronized URI start() {
            if (server == null) {
                server = starter.get();
                helpers = new SandboxApi(new EvPowerClient(URI.create(server.baseUrl()), RequestBudget.production(), Duration.ofSeconds(15)));
            }
            return URI.create(server.baseUrl());
        }

        /** The running sandbox, or null before {@link #start()}. */
        public synchronized SandboxServer server() {
            return server;
        }

        private synchronized SandboxApi helpers() {
            if (helpers == null) {
                throw new IllegalStateException("the sandbox has not started");
            }
            return helpers;
        }

        @Override
        public java.util.List<kg.evpower.console.api.Dto.SandboxAccount> demoAccounts() {
            return helpers().sandboxAccounts();
        }

        @Override
        public java.util.Optional<String> otpCode(String phone) {
            return helpers().sandboxOtp(phone);
        }

        @Override
        public synchronized void close() {
            if (stopOnClose && server != null) {
                server.close();
                server = null;
                helpers = null;
            }
        }
    }
}
