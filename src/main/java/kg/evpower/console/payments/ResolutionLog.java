package kg.evpower.console.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.console.domain.Money;
import kg.evpower.console.platform.JsonLines;

/**
 * The local audit trail of resolved discrepancies: who marked which finding resolved or reopened it, when and why. One
 * JSON object per line, appended and forced to disk, never rewritten, so it survives restarts and crashes; a line a
 * crash left half-written is skipped when read (and reported), everything else is kept. A finding is known by its
 * class, subject and amount: the same discrepancy found again is the same finding; a drift that grew is a new one.
 */
public final class ResolutionLog {

    public enum Action { RESOLVED, REOPENED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String key, FindingClass kind, String subject, String clientId, BigDecimal amount, Action action, String who, Instant at,
                        String note) {
    }

    /** What was read: every entry in order, grouped by finding, and the lines that could not be read. */
    public record Loaded(Map<String, List<Entry>> history, List<Integer> damagedLines) {

        /** The finding's latest entry, or null. */
        public Entry latest(Finding f) {
            List<Entry> h = history.get(key(f));
            return h == null || h.isEmpty() ? null : h.get(h.size() - 1);
        }

        public boolean resolved(Finding f) {
            Entry e = latest(f);
            return e != null && e.action() == Action.RESOLVED;
        }

        public List<Entry> of(Finding f) {
            return history.getOrDefault(key(f), List.of());
        }

        /** This log with one more entry (what {@link #append} wrote), without reading the file again. */
        public Loaded with(Entry e) {
            Map<String, List<Entry>> copy = new HashMap<>(history);
            List<Entry> h = new ArrayList<>(copy.getOrDefault(e.key(), List.of()));
            h.add(e);
            copy.put(e.key(), h);
            return new Loaded(copy, damagedLines);
        }

        public static Loaded empty() {
            return new Loaded(Map.of(), List.of());
        }
    }

    private final Path file;

    public ResolutionLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public static String key(Finding f) {
        return f.kind().name() + " " + f.subject() + " " + Money.toTyiyn(f.amount()).toPlainString();
    }

    public synchronized Loaded load() throws IOException {
        Map<String, List<Entry>> history = new HashMap<>();
        JsonLines.Read<Entry> read = JsonLines.read(file, Entry.class, e -> e.key() != null && e.action() != null);
        for (Entry e : read.records()) {
            history.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
        }
        return new Loaded(history, read.damagedLines());
    }

    /** Appends one decision and forces it to disk before answering. */
    public synchronized Entry append(Finding f, Action action, String who, String note, Instant at) throws IOException {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("a note is required");
        }
        Entry e = new Entry(key(f), f.kind(), f.subject(), f.clientId(), f.amount(), action, who, at, note.strip());
        JsonLines.append(file, e);
        return e;
    }
}
