package kg.evpower.console.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {

    @Test
    void eachRunStartsAFreshLogAndKeepsTheLastFourBeforeIt(@TempDir Path dir) throws Exception {
        for (int run = 1; run <= 6; run++) {
            LogFile.rotate(dir, 4);
            Files.writeString(dir.resolve(LogFile.NAME), "run " + run);
        }
        assertEquals("run 6", Files.readString(dir.resolve("console.log")));
        assertEquals("run 5", Files.readString(dir.resolve("console.1.log")));
        assertEquals("run 2", Files.readString(dir.resolve("console.4.log")));
        assertFalse(Files.exists(dir.resolve("console.5.log")));
    }

    @Test
    void standardErrorGoesToTheFileAsWellAsToTheConsole(@TempDir Path dir) throws Exception {
        PrintStream before = System.err;
        try {
            Path file = LogFile.start(dir.resolve("logs"), 4);
            assertEquals(dir.resolve("logs").resolve("console.log"), file);
            System.err.println("привет, журнал");
            assertTrue(Files.readString(file).contains("привет, журнал"));
        } finally {
            System.setErr(before);
        }
    }

    @Test
    void aFolderThatCannotBeMadeLeavesStandardErrorAlone(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        PrintStream before = System.err;
        try {
            assertNull(LogFile.start(notAFolder.resolve("logs"), 4));
            assertSame(before, System.err);
        } finally {
            System.setErr(before);
        }
    }
}
