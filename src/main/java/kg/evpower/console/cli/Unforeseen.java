package kg.evpower.console.cli;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * The last word of a headless command: a failure it did not handle (a bug, memory running out) ends it with its
 * "could not" exit code and one line, never a stack trace and never an exit code that a script reads as a result.
 */
public final class Unforeseen {

    private Unforeseen() {
    }

    public static int guard(String command, int exit, PrintStream err, IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (OutOfMemoryError e) {
            err.println(command + ": stopped, not enough memory (the Java heap, -Xmx); nothing was written");
            return exit;
        } catch (Throwable e) {
            err.println(command + ": stopped by an internal error (" + e.getClass().getSimpleName() + "); nothing was written");
            return exit;
        }
    }
}
