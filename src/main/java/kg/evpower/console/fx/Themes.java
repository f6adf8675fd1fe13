package kg.evpower.console.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The console's user-agent stylesheet (AtlantaFX Primer, light or dark). AtlantaFX ships it as CSS, and parsing its
 * thousand rules is the largest single piece of the first window (≈ 340 ms cold); JavaFX's own binary form (BSS) of the
 * same stylesheet loads in ≈ 80 ms. The build writes the binary forms beside the classes ({@link #main}, bound to
 * Maven's compile phase); where they are missing (an IDE's build) the CSS is used as before.
 */
public final class Themes {

    private static final String FOLDER = "kg/evpower/console/theme/";

    private Themes() {
    }

    private static Theme theme(boolean dark) {
        return dark ? new PrimerDark() : new PrimerLight();
    }

    private static String binaryName(boolean dark) {
        return FOLDER + (dark ? "primer-dark.bss" : "primer-light.bss");
    }

    /** The stylesheet to give {@code Application.setUserAgentStylesheet}: the binary form when the build made it. */
    public static String userAgent(boolean dark) {
        URL bss = Themes.class.getClassLoader().getResource(binaryName(dark));
        return bss != null ? bss.toExternalForm() : theme(dark).getUserAgentStylesheet();
    }

    /** Build step: {@code Themes OUTPUT_FOLDER} writes both binary stylesheets under the class output folder. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/classes");
        for (boolean dark : new boolean[] {false, true}) {
            String css = theme(dark).getUserAgentStylesheet();
            Path source = Files.createTempFile("evpower-theme", ".css");
            try (InputStream in = Themes.class.getResourceAsStream(css.startsWith("/") ? css : "/" + css)) {
                if (in == null) {
                    throw new IOException("AtlantaFX's stylesheet is not on the class path: " + css);
                }
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            Path target = out.resolve(binaryName(dark));
            Files.createDirectories(target.getParent());
            Path part = Files.createTempFile(target.getParent(), "theme", ".part");
            javafx.css.Stylesheet.convertToBinary(source.toFile(), part.toFile());
            if (Files.getFileStore(part).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(part, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(source);
        }
    }
}
