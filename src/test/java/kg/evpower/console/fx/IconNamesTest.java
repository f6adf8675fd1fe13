package kg.evpower.console.fx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kordamp.ikonli.IkonHandler;
import org.junit.jupiter.api.Test;

/** Every icon literal in the sources names an icon that exists: a typo would otherwise throw when a view is built. */
class IconNamesTest {

    private static final Pattern LITERAL = Pattern.compile("\"(mdi2[a-z]-[a-z0-9-]+)\"");

    @Test
    void everyIconLiteralResolves() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = LITERAL.matcher(Files.readString(p));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertFalse(names.isEmpty());
        List<IkonHandler> handlers = new ArrayList<>();
        ServiceLoader.load(IkonHandler.class).forEach(handlers::add);
        List<String> broken = new ArrayList<>();
        for (String name : names) {
            boolean ok = false;
            for (IkonHandler h : handlers) {
                if (h.supports(name)) {
                    try {
                        ok = h.resolve(name) != null;
                    } catch (IllegalArgumentException e) {
                        ok = false;
                    }
                }
            }
            if (!ok) {
                broken.add(name);
            }
        }
        assertTrue(broken.isEmpty(), "unknown icons: " + broken);
    }
}
