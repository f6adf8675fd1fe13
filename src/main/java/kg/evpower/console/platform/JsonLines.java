package kg.evpower.console.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An append-only file of one JSON object per line, for the console's local journals. A line is appended and forced to
 * disk before the call returns; a line a crash left half-written stays on its own line, and reading skips it and says
 * which line it was, keeping everything else.
 */
public final class JsonLines {

    /** One mapper for every journal: ISO timestamps, unknown fields ignored (a newer console's lines still read). */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** What was read: the records in file order and the 1-based numbers of lines that could not be read. */
    public record Read<T>(List<T> records, List<Integer> damagedLines) {
    }

    private JsonLines() {
    }

    /** Reads every line as a {@code type}; a line that does not parse, or that {@code whole} refuses, is damaged. */
    public static <T> Read<T> read(Path file, Class<T> type, Predicate<T> whole) throws IOException {
        List<T> records = new ArrayList<>();
        List<Integer> damaged = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Read<>(records, damaged);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                T record = JSON.readValue(line, type);
                if (whole.test(record)) {
                    records.add(record);
                } else {
                    damaged.add(i + 1);
                }
            } catch (IOException | RuntimeException e) {
                damaged.add(i + 1);
            }
        }
        return new Read<>(records, damaged);
    }

    /** Appends {@code record} as one line of JSON and forces it to disk. */
    public static void append(Path file, Object record) throws IOException {
        String json = JSON.writeValueAsString(record); // compact: no newline inside
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            long size = ch.size();
            ch.position(size);
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    ch.write(ByteBuffer.wrap(new byte[] {'\n'})); // a crash's half line stays on its own line
                }
            }
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }
}
