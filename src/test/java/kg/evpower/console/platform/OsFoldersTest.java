package kg.evpower.console.platform;

import kg.evpower.console.settings.SettingsStore;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's folders on each OS (the OS and home are system properties here; XDG variables come from the environment). */
class OsFoldersTest {

    private final String os = System.getProperty("os.name");
    private final String home = System.getProperty("user.home");

    @AfterEach
    void restore() {
        System.setProperty("os.name", os);
        System.setProperty("user.home", home);
    }

    @Test
    void linuxFollowsTheXdgBaseDirectories() {
        System.setProperty("os.name", "Linux");
        System.setProperty("user.home", "/home/aibek");
        assertEquals(xdg("XDG_CONFIG_HOME", "/home/aibek/.config").resolve("evpower-console"), SettingsStore.defaultFolder());
        assertEquals(xdg("XDG_CACHE_HOME", "/home/aibek/.cache").resolve("evpower-console"), SettingsStore.cacheFolder());
        assertEquals(xdg("XDG_STATE_HOME", "/home/aibek/.local/state").resolve("evpower-console").resolve("logs"),
                LogFile.defaultFolder());
    }

    @Test
    void macOsKeepsLogsInLibraryLogs() {
        System.setProperty("os.name", "Mac OS X");
        System.setProperty("user.home", "/Users/aibek");
        assertEquals(Path.of("/Users/aibek/Library/Application Support/EvPower Console"), SettingsStore.defaultFolder());
        assertEquals(Path.of("/Users/aibek/Library/Caches/EvPower Console"), SettingsStore.cacheFolder());
        assertEquals(Path.of("/Users/aibek/Library/Logs/EvPower Console"), LogFile.defaultFolder());
    }

    private static Path xdg(String variable, String otherwise) {
        String v = System.getenv(variable);
        return Path.of(v != null && !v.isBlank() ? v : otherwise);
    }
}
