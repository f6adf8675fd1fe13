package kg.evpower.sandbox.server.stations;

import java.util.List;
import java.util.Map;

/**
 * Where the operator API's station commands go and are kept: the sandbox sends them to its stations and records their
 * answers ({@link StationCommands}); the operator gateway publishes them on production's Redis and records what it
 * could observe, in a database of its own.
 */
public interface CommandDesk {

    /**
     * Sends {@code action} to the station and records it with its outcome; {@code fields} are the operator API's (as
     * asked, for the trail), {@code payload} production's command JSON for the station (without the action).
     */
    StationCommands.Entry run(String stationId, String userId, String action, Map<String, Object> fields, Map<String, Object> payload,
                              String reason);

    /** The station's commands, newest first. */
    List<StationCommands.Entry> history(String stationId, int limit);
}
