package kg.evpower.console.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** A failure a command did not foresee ends it with the given exit code and one line, whatever was thrown. */
class UnforeseenTest {

    private static List<String> lines(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static int guarded(IntSupplier body, ByteArrayOutputStream err) {
        return Unforeseen.guard("reconcile", ReconcileCommand.FAILED, new PrintStream(err, true, StandardCharsets.UTF_8), body);
    }

    @Test
    void anythingThrownEndsWithTheFailureCodeAndOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(ReconcileCommand.FAILED, guarded(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, err));
        assertEquals(List.of("reconcile: stopped, not enough memory (the Java heap, -Xmx); nothing was written"), lines(err));
        err.reset();
        assertEquals(ReconcileCommand.FAILED, guarded(() -> {
            throw new IllegalStateException("deep inside");
        }, err));
        assertEquals(List.of("reconcile: stopped by an internal error (IllegalStateException); nothing was written"), lines(err));
        err.reset();
        assertEquals(ReconcileCommand.UNEXPLAINED, guarded(() -> ReconcileCommand.UNEXPLAINED, err), "a result passes through");
        assertEquals(List.of(), lines(err));
    }
}
