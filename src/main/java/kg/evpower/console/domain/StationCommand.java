package kg.evpower.console.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A command sent to a station through the operator API, as its audit trail keeps it: who sent it, what, why, and what
 * the station answered — its OCPP 1.6J status word ({@code Accepted}, {@code Unlocked}, {@code Scheduled} …),
 * {@code Timeout} (no answer within the server's wait) or {@code Offline} (nothing was sent); null while awaited.
 * A GetConfiguration's answer is its keys. Through an operator gateway beside today's production, which never hears a
 * station's answer: {@code Observed} (the change the command makes was seen) or {@code Published} (sent, nothing
 * seen), with {@code observed} saying what was seen, in the server's words.
 */
public record StationCommand(long id, String stationId, String userName, String action, Map<String, String> fields, String reason,
                             String status, List<ConfigKey> configuration, List<String> unknownKeys, Instant requestedAt,
                             Instant answeredAt, Long durationMs, List<String> observed) {

    public StationCommand {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
        unknownKeys = unknownKeys == null ? List.of() : List.copyOf(unknownKeys);
        observed = observed == null ? List.of() : List.copyOf(observed);
    }

    /** A station's own answer (nothing observed on its behalf). */
    public StationCommand(long id, String stationId, String userName, String action, Map<String, String> fields, String reason, String status,
                          List<ConfigKey> configuration, List<String> unknownKeys, Instant requestedAt, Instant answeredAt, Long durationMs) {
        this(id, stationId, userName, action, fields, reason, status, configuration, unknownKeys, requestedAt, answeredAt, durationMs, null);
    }

    /** One configuration key of a station: its name, whether it can be changed, its value. */
    public record ConfigKey(String key, boolean readonly, String value) {
    }

    public static final String TIMEOUT = "Timeout";
    public static final String OFFLINE = "Offline";

    /** Whether the station said yes (Accepted, Unlocked, Scheduled, RebootRequired), or was seen doing it (Observed). */
    public boolean accepted() {
        return status != null && List.of("Accepted", "Unlocked", "Scheduled", "RebootRequired", "Observed").contains(status);
    }
}
