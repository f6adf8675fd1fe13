package kg.evpower.console.platform;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The desktop console's log: everything written to standard error (our log lines, JavaFX's and the libraries'
 * warnings) also goes to {@code console.log} in the OS's log folder, so support can ask for it after the window is
 * gone. The previous runs' logs are kept as {@code console.1.log} … {@code console.N.log}. Call {@link #start} before
 * the first logger is made: it also sets the simple logger's format.
 */
public final class LogFile {

    public static final String NAME = "console.log";

    private LogFile() {
    }

    /**
     * Where the console's log goes: {@code $XDG_STATE_HOME/evpower-console/logs} (by default ~/.local/state),
     * {@code %LOCALAPPDATA%\EvPower Console\logs}, or ~/Library/Logs/EvPower Console. Not asked of SettingsStore,
     * whose logger would start SLF4J before {@link #start} has set its format.
     */
    public static Path defaultFolder() {
        return OsFolders.of("LOCALAPPDATA", "EvPower Console/logs", "Logs/EvPower Console", "XDG_STATE_HOME", ".local/state",
                "evpower-console/logs");
    }

    /**
     * Rotates the old logs in {@code folder} (keeping {@code keep} previous runs), opens a fresh {@code console.log} and
     * sends standard error to it as well. Returns the file, or null when it cannot be written (then standard error
     * alone carries the log, and the first line there says why).
     */
    public static Path start(Path folder, int keep) {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "false");
        Path file = folder.resolve(NAME);
        try {
            Files.createDirectories(folder);
            rotate(folder, keep);
            OutputStream out = new FileOutputStream(file.toFile(), false);
            System.setErr(new PrintStream(new Tee(System.err, out), true, StandardCharsets.UTF_8));
            return file;
        } catch (IOException | SecurityException e) {
            System.err.println("the log stays on standard error only: " + file + " cannot be written (" + e + ")");
            return null;
        }
    }

    /** console.(N-1).log → console.N.log … console.log → console.1.log; the oldest beyond {@code keep} is dropped. */
    static void rotate(Path folder, int keep) throws IOException {
        Files.deleteIfExists(folder.resolve(numbered(keep)));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = folder.resolve(numbered(i));
            if (Files.exists(from)) {
                Files.move(from, folder.resolve(numbered(i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path current = folder.resolve(NAME);
        if (keep > 0 && Files.exists(current)) {
            Files.move(current, folder.resolve(numbered(1)), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String numbered(int i) {
        return "console." + i + ".log";
    }

    /** Writes to the console's standard error and the file; a file that fails (disk full) is dropped, stderr goes on. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        /** One write to the file, if it still takes them. */
        private interface FileWrite {
            void to(OutputStream file) throws IOException;
        }

        private void toFile(FileWrite write) {
            if (second == null) {
                return;
            }
            try {
                write.to(second);
            } catch (IOException e) {
                try {
                    second.close();
                } catch (IOException ignored) {
                    // already failing
                }
                second = null;
            }
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            toFile(f -> f.write(b));
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            toFile(f -> f.write(b, off, len));
        }

        @Override
        public synchronized void flush() throws IOException {
            first.flush();
            toFile(OutputStream::flush);
        }
    }
}
