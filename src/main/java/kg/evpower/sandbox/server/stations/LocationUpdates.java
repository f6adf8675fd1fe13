package kg.evpower.sandbox.server.stations;

import java.util.Map;

/** Where station events publish {@code location_status_update} messages (production: Redis {@code location_updates:all}). */
@FunctionalInterface
public interface LocationUpdates {
    void publish(Map<String, Object> message);
}
