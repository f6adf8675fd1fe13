package kg.evpower.console;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import kg.evpower.console.fx.FilePicker;
import kg.evpower.console.platform.EmbeddedServer;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.settings.SettingsStore;
import kg.evpower.console.shell.AboutInfo;

/** What the console is started with (the launcher's defaults, or a test's): settings, the sandbox, folders, file dialogs. */
public record Environment(SettingsStore store, CompletableFuture<Settings> settings, Supplier<EmbeddedServer> sandboxFactory,
                          long mainStartedNanos, FilePicker files, AboutInfo.Places places) {

    /** Settings read now; the system's file dialogs; the tile cache beside the settings; no log file or sandbox folder. */
    public static Environment of(Path settingsFile, Supplier<EmbeddedServer> sandboxFactory, long mainStartedNanos) {
        SettingsStore store = new SettingsStore(settingsFile);
        return new Environment(store, CompletableFuture.completedFuture(store.load()), sandboxFactory, mainStartedNanos,
                FilePicker.SYSTEM, new AboutInfo.Places(settingsFile.getParent(), null, null, settingsFile.resolveSibling("cache")));
    }

    public Environment withFiles(FilePicker picker) {
        return new Environment(store, settings, sandboxFactory, mainStartedNanos, picker, places);
    }
}
