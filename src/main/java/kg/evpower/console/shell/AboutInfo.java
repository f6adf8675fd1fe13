package kg.evpower.console.shell;

import kg.evpower.console.platform.BuildInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the About window shows and "copy diagnostics" hands to support: this build, the Java and JavaFX it runs on,
 * where its settings, data and log are, the server and who is signed in. No FX types, so it is tested as text.
 */
public record AboutInfo(BuildInfo build, String java, String javaHome, String javafx, String os, Path settings, Path data,
                        Path log, String server, String user, long heapUsedMb, long heapMaxMb) {

    /**
     * Where the console keeps things: settings, the sandbox's data, the log file and the cache (map tiles). A folder
     * may be null where this run does not have one (tests keep theirs out of the user's home).
     */
    public record Places(Path settings, Path data, Path log, Path cache) {
    }

    /** The facts as they are now in this JVM. */
    public static AboutInfo now(BuildInfo build, Places places, String server, String user) {
        Runtime rt = Runtime.getRuntime();
        long mb = 1024L * 1024L;
        return new AboutInfo(build,
                System.getProperty("java.runtime.version", System.getProperty("java.version")) + " (" + System.getProperty("java.vendor", "?") + ")",
                System.getProperty("java.home"),
                System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "?")),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                places.settings(), places.data(), places.log(), server, user,
                (rt.totalMemory() - rt.freeMemory()) / mb, rt.maxMemory() / mb);
    }

    /** The support text: one "key: value" line each, keys in English so support reads every language the same. */
    public String diagnostics() {
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("EvPower Console", build.version() + " (built " + build.built() + ")");
        lines.put("Java", java + ", " + javaHome);
        lines.put("JavaFX", javafx);
        lines.put("OS", os + ", locale " + Locale.getDefault().toLanguageTag());
        lines.put("Settings", settings);
        lines.put("Data", data);
        lines.put("Log", log);
        lines.put("Server", server);
        lines.put("User", user);
        lines.put("Heap", heapUsedMb + " MB used of " + heapMaxMb + " MB");
        StringBuilder out = new StringBuilder();
        lines.forEach((k, v) -> out.append(k).append(": ").append(v == null ? "-" : v).append('\n'));
        return out.toString();
    }
}
