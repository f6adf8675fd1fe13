package kg.evpower.console.platform;

import java.nio.file.Path;

/** Where each OS keeps an application's things of one kind (settings, cache, logs). No logger: the log set-up uses it. */
public final class OsFolders {

    private OsFolders() {
    }

    /**
     * On Windows {@code %windowsVariable%\windowsPath}; on macOS {@code ~/Library/macPath}; elsewhere
     * {@code $xdgVariable/linuxPath}, or {@code ~/xdgDefault/linuxPath} when the variable is unset (XDG base directories).
     * Paths use "/" between their parts.
     */
    public static Path of(String windowsVariable, String windowsPath, String macPath, String xdgVariable, String xdgDefault,
                          String linuxPath) {
        String os = System.getProperty("os.name", "").toLowerCase();
        String home = System.getProperty("user.home");
        if (os.contains("win") && System.getenv(windowsVariable) != null) {
            return Path.of(System.getenv(windowsVariable), windowsPath.split("/"));
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library").resolve(Path.of("", macPath.split("/")));
        }
        String xdg = System.getenv(xdgVariable);
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, xdgDefault.split("/"));
        return base.resolve(Path.of("", linuxPath.split("/")));
    }
}
