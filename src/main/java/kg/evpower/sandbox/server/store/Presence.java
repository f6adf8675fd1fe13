package kg.evpower.sandbox.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sandbox's stand-in for production's Redis key {@code ocpp:station:{id}} = "online" with a 600 s TTL:
 * set on connect and on every heartbeat, deleted on disconnect (contract §5.2, §5.3).
 */
public final class Presence {

    public static final Duration TTL = Duration.ofSeconds(600);

    private final Map<String, Instant> expiresAt = new ConcurrentHashMap<>();
    private final Supplier<Instant> clock;

    public Presence(Supplier<Instant> clock) {
        this.clock = clock;
    }

    public void touch(String stationId) {
        expiresAt.put(stationId, clock.get().plus(TTL));
    }

    public void remove(String stationId) {
        expiresAt.remove(stationId);
    }

    public boolean isOnline(String stationId) {
        Instant exp = expiresAt.get(stationId);
        return exp != null && exp.isAfter(clock.get());
    }

    public int onlineCount() {
        Instant now = clock.get();
        return (int) expiresAt.values().stream().filter(e -> e.isAfter(now)).count();
    }
}
