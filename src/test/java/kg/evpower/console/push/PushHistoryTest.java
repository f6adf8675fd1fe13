package kg.evpower.console.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local history: appended lines come back newest first; a crash's half line is skipped and named, nothing else lost. */
class PushHistoryTest {

    @TempDir
    Path dir;

    private static PushHistory.Entry entry(String title, Instant at, PushHistory.State... states) {
        List<PushHistory.Delivery> d = new java.util.ArrayList<>();
        int i = 0;
        for (PushHistory.State s : states) {
            d.add(new PushHistory.Delivery("sub-" + i, "Chrome · Windows", "Google FCM", s == PushHistory.State.DELIVERED ? 201 : 429, s, 12, null));
            i++;
        }
        return new PushHistory.Entry(at, "Служба поддержки (+996700000001)", "u1", "Азамат", "operator_api", title, "текст", "/", "{}", d, null);
    }

    @Test
    void roundTripNewestFirstAndAHalfLineIsSkipped() throws Exception {
        PushHistory h = new PushHistory(dir.resolve("sub/push-history.jsonl"));
        assertEquals(0, h.load().entries().size());
        h.append(entry("первый", Instant.parse("2026-11-23T08:00:00Z"), PushHistory.State.DELIVERED, PushHistory.State.FAILED));
        // a crash in the middle of the next line
        Files.writeString(h.file(), "{\"at\":\"2026-11-23T08:01:00Z\",\"who\":\"x\",\"mode\":\"oper", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        h.append(entry("второй", Instant.parse("2026-11-23T08:02:00Z"), PushHistory.State.REMOVED));
        PushHistory.Loaded loaded = new PushHistory(h.file()).load();
        assertEquals(List.of(2), loaded.damagedLines());
        assertEquals(List.of("второй", "первый"), loaded.entries().stream().map(PushHistory.Entry::title).toList());
        PushHistory.Entry first = loaded.entries().get(1);
        assertEquals(1, first.count(PushHistory.State.DELIVERED));
        assertEquals(1, first.count(PushHistory.State.FAILED));
        assertEquals(429, first.deliveries().get(1).status());
        assertEquals(3, Files.readAllLines(h.file()).size());
    }
}
