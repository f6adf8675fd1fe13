package kg.evpower.sandbox.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sandbox's stand-in for production's Redis key {@code ocpp:station:{id}} = "online" with a 600 s TTL:
 * set on connect and on every heartbeat, deleted on disconnect (contract §5.2, §5.3). Held in memory; when the sandbox
 * plays production's data tier each change is also written to Redis ({@link Mirror}).
 */
public final class Presence {

    public static final Duration TTL = Duration.ofSeconds(600);

    private final Map<String, Instant> expiresAt = new ConcurrentHashMap<>();
    private final Supplier<Instant> clock;
    private volatile Mirror mirror;

    /** Somewhere else the flags are kept too (production's Redis); told every change, never asked. */
    public interface Mirror {
        void online(String stationId, Duration ttl);

        void offline(String stationId);
    }

    public Presence(Supplier<Instant> clock) {
        this.clock = clock;
    }

    public void mirrorTo(Mirror m) {
        this.mirror = m;
    }

    public void touch(String stationId) {
        expiresAt.put(stationId, clock.get().plus(TTL));
        Mirror m = mirror;
        if (m != null) {
            m.online(stationId, TTL);
        }
    }

    public void remove(String stationId) {
        expiresAt.remove(stationId);
        Mirror m = mirror;
        if (m != null) {
            m.offline(stationId);
        }
    }

    /** The stations whose flag is up now. */
    public java.util.Set<String> online() {
        Instant now = clock.get();
        java.util.Set<String> out = new java.util.HashSet<>();
        expiresAt.forEach((id, exp) -> {
            if (exp.isAfter(now)) {
                out.add(id);
            }
        });
        return out;
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
