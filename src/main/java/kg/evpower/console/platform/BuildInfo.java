package kg.evpower.console.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version (from pom.xml) and build time Maven wrote into {@code build-info.properties}. */
public record BuildInfo(String version, String built) {

    private static final BuildInfo CURRENT = read();

    /** What this build says about itself; "unknown" for a value the build did not fill in (a run outside Maven). */
    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/kg/evpower/console/build-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the values stay unknown
        }
        return new BuildInfo(filled(p.getProperty("version")), filled(p.getProperty("built")));
    }

    private static String filled(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.trim();
    }
}
