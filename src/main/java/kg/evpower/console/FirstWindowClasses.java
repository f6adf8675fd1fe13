package kg.evpower.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a thread of its own while the JavaFX toolkit starts, the classes the first window needs (controls, skins,
 * CSS, icons, the login screen's own) so the FX thread finds them loaded rather than loading some 1,900 of them itself
 * between {@code start} and the window shown. Loaded only, not initialised: nothing runs before the toolkit is up. The
 * list ({@code first-window-classes.txt}) is the class-loading log of a start, between {@code start} and the window;
 * a class not found (a library updated) is passed over. {@code bench/StartupBenchmark} measures the effect.
 */
final class FirstWindowClasses {

    static final String LIST = "first-window-classes.txt";

    private FirstWindowClasses() {
    }

    /** Starts the loading in the background; answers the thread (a daemon: it never holds the JVM). */
    static Thread preload() {
        Thread t = new Thread(FirstWindowClasses::load, "first-window-classes");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
        return t;
    }

    /** Loads every class of the list; answers how many were found. */
    static int load() {
        ClassLoader loader = FirstWindowClasses.class.getClassLoader();
        int found = 0;
        try (InputStream in = FirstWindowClasses.class.getResourceAsStream(LIST)) {
            if (in == null) {
                return 0;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name;
            while ((name = r.readLine()) != null) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    Class.forName(name.strip(), false, loader);
                    found++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // not on this class path (a library changed): the FX thread loads what it needs itself
                }
            }
        } catch (IOException e) {
            // the list is an optimisation only
        }
        return found;
    }
}
