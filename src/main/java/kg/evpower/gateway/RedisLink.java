package kg.evpower.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.RedisClient;

/**
 * The gateway's use of production's Redis, exactly as production's own code uses it (contract §5.3,
 * {@code backend/ocpp_ws_server/redis_manager.py}): whether a station is online is whether the key
 * {@code ocpp:station:{id}} exists; a command for a station is a JSON message PUBLISHed on {@code ocpp:cmd:{id}}, and
 * the number of receivers PUBLISH answers says whether any OCPP server holds that station's link (0: none — production
 * logs "НЕ ДОСТАВЛЕН" and so does the gateway). Nothing else is read or written. Pooled connections; each call fails
 * fast (2 s) when Redis is down and works again when it is back.
 */
final class RedisLink implements AutoCloseable {

    private static final String KEY = "ocpp:station:";
    private static final int CHUNK = 1000;

    private final RedisClient client;

    RedisLink(URI uri) {
        this.client = RedisClient.create(uri);
    }

    /** Which of {@code stations} have their online key now (MGET in chunks: one round trip per thousand). */
    Set<String> online(Collection<String> stations) {
        List<String> ids = new ArrayList<>(stations);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            List<String> values = client.mget(chunk.stream().map(id -> KEY + id).toArray(String[]::new));
            for (int k = 0; k < chunk.size(); k++) {
                if (values.get(k) != null) {
                    out.add(chunk.get(k));
                }
            }
        }
        return out;
    }

    boolean online(String station) {
        return client.exists(KEY + station);
    }

    /** Publishes production's command JSON for {@code station}; answers how many subscribers received it. */
    long publish(String station, String json) {
        return client.publish("ocpp:cmd:" + station, json);
    }

    /** "ok", or why Redis cannot be used now. */
    String health() {
        try {
            return "PONG".equals(client.ping()) ? "ok" : "unexpected answer to PING";
        } catch (RuntimeException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
