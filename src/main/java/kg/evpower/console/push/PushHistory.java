package kg.evpower.console.push;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import kg.evpower.console.platform.JsonLines;

/**
 * The local history of test pushes: who sent what to whom, when, and what each device got. One JSON object per line
 * beside the settings, appended and forced to disk, never rewritten; a half-written line is skipped when read.
 */
public final class PushHistory {

    /** How one device's delivery ended, as the console saw it. */
    public enum State {
        /** The push service accepted it. */
        DELIVERED,
        /** The push service said the subscription is gone (404/410); the server deleted it. */
        REMOVED,
        /** The push service said the subscription is gone; the server may not delete it (it stays in production's database). */
        GONE,
        /** The push service refused or could not be reached (429, 5xx, …). */
        FAILED,
        /** The server named an outcome this console does not know. */
        UNKNOWN,
        /** The request to the EvPower server itself failed, so nothing is known about the device. */
        NOT_SENT
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String subscriptionId, String device, String service, int status, State state, long latencyMs, String error) {
    }

    /**
     * One test sent. {@code mode} is {@code operator_api} (to a chosen person's devices) or {@code self} (production's
     * {@code /notifications/test} to the sender's own). {@code payload} is what the server says it encrypted, or what
     * the console composed when the server does not say.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant at, String who, String targetId, String targetName, String mode, String title, String body, String url,
                        String payload, List<Delivery> deliveries, String note) {

        public long count(State s) {
            return deliveries == null ? 0 : deliveries.stream().filter(d -> d.state() == s).count();
        }
    }

    /** Entries newest first, and the line numbers that could not be read. */
    public record Loaded(List<Entry> entries, List<Integer> damagedLines) {
    }

    private final Path file;

    public PushHistory(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized Loaded load() throws IOException {
        JsonLines.Read<Entry> read = JsonLines.read(file, Entry.class, e -> e.at() != null && e.mode() != null);
        List<Entry> newest = new ArrayList<>(read.records());
        Collections.reverse(newest);
        return new Loaded(List.copyOf(newest), read.damagedLines());
    }

    public synchronized void append(Entry e) throws IOException {
        JsonLines.append(file, e);
    }
}
