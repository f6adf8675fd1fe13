package kg.evpower.sandbox.server.stations;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;

/**
 * The sandbox's stations on Redis as production's OCPP server keeps them (contract §5.2, §5.3;
 * {@code backend/ocpp_ws_server/redis_manager.py}, {@code ws_handler.py}): while a station is connected the key
 * {@code ocpp:station:{id}} = "online" with a 600 s TTL (set on connect, refreshed on each heartbeat, re-set if it has
 * gone), deleted on disconnect; and the server is subscribed to {@code ocpp:cmd:{id}} for that station only, so a
 * command published for a station that is not connected reaches nobody (PUBLISH answers 0, as production's does). A
 * command that arrives is handed to the station in production's JSON — its fields and casing — and the station's answer
 * is only logged, as production only logs it; {@code RemoteStopTransaction} ends the transaction the way a station's
 * StopTransaction does, which settles the money.
 *
 * <p>Writes are coalesced per station and sent in one pipeline every {@link #FLUSH_EVERY} by their own thread, so a
 * slow or dead Redis never holds up the simulation; while Redis is down they wait and go when it is back. After a
 * Redis restart the subscriptions are made again; the keys come back with each station's next heartbeat, as they do
 * in production.
 */
public final class RedisStations implements Presence.Mirror, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStations.class);
    static final Duration FLUSH_EVERY = Duration.ofMillis(100);
    private static final String KEY = "ocpp:station:";
    private static final String CHANNEL = "ocpp:cmd:";
    /** A channel of the sandbox's own, so the subscription can start before any station connects. */
    private static final String IDLE = "ocpp:sandbox:idle";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final URI uri;
    private final Supplier<Set<String>> connected;
    private final ChargePoints stations;
    /** Station → its flag's next write: a TTL in seconds, or 0 to delete it. */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private final Object subscriptionLock = new Object();
    private volatile JedisPubSub subscription;
    private volatile boolean closed;
    private volatile String problem = "connecting";
    private final Thread writer;
    private final Thread listener;

    /**
     * @param connected the stations connected now (for the subscriptions to make again after a reconnect)
     * @param stations  who answers a command (the simulated chargers)
     */
    public RedisStations(URI uri, Supplier<Set<String>> connected, ChargePoints stations) {
        this.uri = uri;
        this.connected = connected;
        this.stations = stations;
        this.writer = new Thread(this::writeLoop, "sandbox-redis-keys");
        this.listener = new Thread(this::listenLoop, "sandbox-redis-commands");
        writer.setDaemon(true);
        listener.setDaemon(true);
    }

    public RedisStations start() {
        writer.start();
        listener.start();
        return this;
    }

    /** "ok", or what is wrong with the link to Redis now. */
    public String health() {
        return problem == null ? "ok" : problem;
    }

    @Override
    public void online(String stationId, Duration ttl) {
        pending.put(stationId, ttl.toSeconds());
        if (subscribed.add(stationId)) {
            onSubscription(s -> s.subscribe(CHANNEL + stationId));
        }
    }

    /**
     * Changes the live subscription, if there is one; a link that is down is left alone: the listener subscribes every
     * connected station again when it is back (and none that has left).
     */
    private void onSubscription(java.util.function.Consumer<JedisPubSub> change) {
        JedisPubSub s = subscription;
        if (s != null) {
            synchronized (subscriptionLock) {
                try {
                    change.accept(s);
                } catch (RuntimeException e) {
                    // see above
                }
            }
        }
    }

    @Override
    public void offline(String stationId) {
        pending.put(stationId, 0L);
        if (subscribed.remove(stationId)) {
            onSubscription(s -> s.unsubscribe(CHANNEL + stationId));
        }
    }

    private void writeLoop() {
        Jedis jedis = null;
        while (!closed) {
            try {
                Thread.sleep(FLUSH_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (pending.isEmpty()) {
                continue;
            }
            Map<String, Long> batch = new LinkedHashMap<>();
            for (String id : pending.keySet()) {
                Long v = pending.remove(id);
                if (v != null) {
                    batch.put(id, v);
                }
            }
            try {
                if (jedis == null) {
                    jedis = new Jedis(uri, 2000, 2000);
                }
                try (Pipeline p = jedis.pipelined()) {
                    batch.forEach((id, ttl) -> {
                        if (ttl > 0) {
                            p.setex(KEY + id, ttl, "online");
                        } else {
                            p.del(KEY + id);
                        }
                    });
                    p.sync();
                }
                problem = subscription == null ? "commands not subscribed yet" : null;
            } catch (RuntimeException e) {
                problem = "Redis: " + e.getMessage();
                LOG.warn("Redis: {} station flags not written ({}); trying again", batch.size(), e.getMessage());
                batch.forEach(pending::putIfAbsent); // a newer write for a station wins over this one
                if (jedis != null) {
                    try {
                        jedis.close();
                    } catch (RuntimeException ignored) {
                        // already broken
                    }
                    jedis = null;
                }
                sleep(Duration.ofSeconds(1));
            }
        }
        if (jedis != null) {
            jedis.close();
        }
    }

    private void listenLoop() {
        while (!closed) {
            try (Jedis jedis = new Jedis(uri, 2000, 0)) {
                JedisPubSub s = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        if (IDLE.equals(channel)) {
                            subscription = this;
                            // every station connected now (and any that connects from here on, through online())
                            subscribed.clear();
                            Set<String> now = connected.get();
                            subscribed.addAll(now);
                            if (!now.isEmpty()) {
                                synchronized (subscriptionLock) {
                                    subscribe(now.stream().map(id -> CHANNEL + id).toArray(String[]::new));
                                }
                            }
                            problem = null;
                            LOG.info("Redis: taking commands for {} connected stations on ocpp:cmd:{{id}}", now.size());
                        }
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        command(channel.substring(CHANNEL.length()), message);
                    }
                };
                jedis.subscribe(s, IDLE);
            } catch (RuntimeException e) {
                subscription = null;
                if (!closed) {
                    problem = "Redis: " + e.getMessage();
                    LOG.warn("Redis: command subscription lost ({}); subscribing again", e.getMessage());
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** One message on a station's channel, as production's {@code _handle_redis_commands} takes it. */
    private void command(String stationId, String message) {
        Map<String, Object> command;
        try {
            command = JSON.readValue(message, MAP);
        } catch (java.io.IOException e) {
            LOG.warn("Redis: unreadable command for {}: {}", stationId, message);
            return;
        }
        Object action = command.remove("action");
        if (!(action instanceof String a)) {
            LOG.warn("Redis: command without an action for {}: {}", stationId, message);
            return;
        }
        LOG.info("Received command for {}: {}", stationId, message);
        stations.send(stationId, a, command).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.warn("Error executing command {} on {}: {}", a, stationId, failure.toString());
            } else {
                LOG.info("{} response from {}: {}", a, stationId, answer);
            }
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        onSubscription(JedisPubSub::unsubscribe);
        writer.interrupt();
        listener.interrupt();
    }
}
