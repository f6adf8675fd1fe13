package kg.evpower.console;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import kg.evpower.console.cli.CheckCommand;
import kg.evpower.console.cli.ReconcileCommand;
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

    /** The resolved-findings audit trail, in the settings folder. */
    public static final String RECONCILIATION_AUDIT = "reconciliation-audit.jsonl";
    public static final String PUSH_HISTORY = "push-history.jsonl";

    private Launcher() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        boolean window = args.length == 0 || !(args[0].equals("check") || args[0].equals("reconcile"));
        // the window's log also goes to a file in the OS's log folder (before any logger exists); commands print
        Path log = window ? LogFile.start(LogFile.defaultFolder(), 4) : null;
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(CheckCommand.run(args, System.out));
            return;
        }
        if (args.length > 0 && args[0].equals("reconcile")) {
            System.exit(ReconcileCommand.run(args, System.out, System.err, ReconcileCommand.terminal(System.in, System.err), System.getenv(),
                    SettingsStore.defaultFolder().resolve(RECONCILIATION_AUDIT)));
            return;
        }
        java.util.function.Supplier<EmbeddedServer> sandbox = () -> new EmbeddedServer() {
            private SandboxServer server;

            @Override
            public synchronized URI start() {
                if (server == null) {
                    Path dir = SandboxConfig.defaultDataDir();
                    server = SandboxServer.start(SandboxConfig.defaults().withDataDir(dir, false));
                }
                return URI.create(server.baseUrl());
            }

            @Override
            public synchronized void close() {
                if (server != null) {
                    server.close();
                    server = null;
                }
            }
        };
        // settings are read (and Jackson loaded) while the JavaFX toolkit starts
        SettingsStore store = new SettingsStore(SettingsStore.defaultFolder().resolve("settings.json"));
        CompletableFuture<Settings> settings = CompletableFuture.supplyAsync(store::load);
        ConsoleApp.defaultEnvironment = new ConsoleApp.Environment(store, settings, sandbox, started,
                kg.evpower.console.fx.FilePicker.SYSTEM, new AboutInfo.Places(store.file().getParent(), SandboxConfig.defaultDataDir(), log,
                SettingsStore.cacheFolder()));
        Application.launch(ConsoleApp.class, args);
    }
}
