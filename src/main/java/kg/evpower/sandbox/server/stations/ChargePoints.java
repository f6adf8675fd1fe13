package kg.evpower.sandbox.server.stations;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The connected stations as production's OCPP server reaches them: a command is published on {@code ocpp:cmd:{station}}
 * with production's JSON (contract §5.3, its fields and casing per command) and the station answers as OCPP 1.6J says.
 * In the sandbox the simulated chargers implement it; a station that never answers leaves the future incomplete.
 */
public interface ChargePoints {

    /**
     * Sends {@code action} with {@code payload} (production's command JSON, without the action) to a connected station.
     * The future completes with the station's answer payload ({@code {"status":"Accepted"}}, {@code {"configurationKey":
     * [...], "unknownKey": [...]}}), or never when the station does not answer.
     */
    CompletableFuture<Map<String, Object>> send(String stationId, String action, Map<String, Object> payload);

    /** No station listens: every command is left unanswered. */
    ChargePoints NONE = (station, action, payload) -> new CompletableFuture<>();
}
