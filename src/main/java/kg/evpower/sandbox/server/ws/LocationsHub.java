package kg.evpower.sandbox.server.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kg.evpower.sandbox.server.stations.LocationUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client WebSocket {@code /api/v1/ws/locations} (and its alias) as production serves it (contract §5.1): no auth,
 * Origin allow-list checked before accept, a {@code connection} greeting, a {@code ping} every 20 s with the event
 * loop's monotonic time, {@code pong} and {@code subscription} acknowledgements that change nothing, and every
 * {@code location_status_update} to every client — through production's registry keyed by {@code client_id}
 * ({@code LocationWebSocketManager}): a later connection with the same id takes the entry over, so every
 * connection's listener sends to the latest socket only; when any of them closes, the entry goes and every listener
 * of that id stops, while the sockets left open keep getting their pings and look healthy.
 */
public final class LocationsHub implements LocationUpdates, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocationsHub.class);
    static final List<String> CORS_ORIGINS = List.of("http://localhost:3000", "http://localhost:9210", "https://app.evpower.kg",
            "https://staging.evpower.kg", "https://ocpp.evpower.kg");
    private static final int PER_IP = 20;
    private static final int PER_CLIENT_ID = 10;
    private static final String CLIENT_ID = "evpower.client_id";

    private final ObjectMapper json = new ObjectMapper();
    /** Every open socket by session, for pings and the connection limits (each connection has its own heartbeat). */
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /** Production's {@code active_connections}: client id → the socket registered last under it. */
    private final Map<String, Peer> registry = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> daemon(r, "sandbox-ws-send"));
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sandbox-ws-ping"));
    private final long startNanos = System.nanoTime();

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One connected client; sends are serialised per connection. */
    private static final class Peer {
        final WsContext ctx;
        final String clientId;
        final String ip;
        final Deque<Long> inbound = new ArrayDeque<>();
        /** This connection's Redis listener runs (production cancels it when the socket closes, and it stops by itself once its id is gone). */
        volatile boolean listening = true;

        Peer(WsContext ctx, String clientId, String ip) {
            this.ctx = ctx;
            this.clientId = clientId;
            this.ip = ip;
        }

        synchronized void send(String text) {
            try {
                if (ctx.session.isOpen()) {
                    ctx.send(text);
                }
            } catch (RuntimeException e) {
                LOG.debug("send to {} failed: {}", clientId, e.toString());
            }
        }

        /** Production allows 10 inbound messages per second. */
        synchronized boolean allowInbound() {
            long now = System.nanoTime();
            while (!inbound.isEmpty() && now - inbound.peekFirst() > 1_000_000_000L) {
                inbound.pollFirst();
            }
            if (inbound.size() >= 10) {
                return false;
            }
            inbound.addLast(now);
            return true;
        }
    }

    public LocationsHub(Duration pingInterval) {
        long ms = pingInterval.toMillis();
        pinger.scheduleAtFixedRate(this::pingAll, ms, ms, TimeUnit.MILLISECONDS);
    }

    public void install(Javalin app) {
        for (String path : List.of("/api/v1/ws/locations", "/api/v1/locations/ws/locations")) {
            app.wsBeforeUpgrade(path, this::beforeUpgrade);
            app.ws(path, this::configure);
        }
    }

    private void beforeUpgrade(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !CORS_ORIGINS.contains(origin)) {
            throw new ForbiddenResponse("Origin not allowed"); // production closes with 1008 before accept
        }
        String clientId = ctx.queryParam("client_id");
        String ip = ctx.ip();
        long byIp = peers.values().stream().filter(p -> p.ip.equals(ip)).count();
        long byClient = clientId == null ? 0 : peers.values().stream().filter(p -> p.clientId.equals(clientId)).count();
        if (byIp >= PER_IP || byClient >= PER_CLIENT_ID) {
            throw new ServiceUnavailableResponse("Too many connections"); // production: 1013 before accept
        }
    }

    private void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(Duration.ofMinutes(10));
            String clientId = ctx.queryParam("client_id");
            if (clientId == null || clientId.isBlank()) {
                clientId = UUID.randomUUID().toString();
            }
            Peer peer = new Peer(ctx, clientId, ctx.session.getRemoteAddress().toString().replaceAll(":\\d+$", ""));
            peers.put(ctx.sessionId(), peer);
            registry.put(clientId, peer);
            peer.send(write(Map.of("type", "connection", "status", "connected", "client_id", clientId,
                    "message", "Подключено к обновлениям локаций")));
        });
        ws.onMessage(ctx -> {
            Peer peer = peers.get(ctx.sessionId());
            if (peer == null) {
                return;
            }
            if (!peer.allowInbound()) {
                peer.send(write(Map.of("type", "error", "message", "rate_limited")));
                return;
            }
            JsonNode msg = Inbound.parse(ctx.message());
            if (msg == null || !msg.isObject()) {
                peer.send(write(Map.of("type", "error", "message", "Неверный формат JSON")));
                return;
            }
            String action = msg.path("action").asText("");
            switch (action) {
                case "ping" -> peer.send(write(Map.of("type", "pong", "timestamp", loopTime())));
                case "subscribe", "unsubscribe" -> peer.send(write(Map.of("type", "subscription",
                        "status", action.equals("subscribe") ? "subscribed" : "unsubscribed",
                        "channel", msg.path("channel").asText(""))));
                default -> { } // production ignores unknown actions
            }
        });
        ws.onClose(ctx -> closed(ctx.sessionId()));
        ws.onError(ctx -> closed(ctx.sessionId()));
    }

    /** A socket closed: its listener stops and production's {@code disconnect(client_id)} removes the id's entry, whoever holds it. */
    private void closed(String sessionId) {
        Peer p = peers.remove(sessionId);
        if (p != null) {
            p.listening = false;
            registry.remove(p.clientId);
        }
    }

    /** Production's ping timestamp is asyncio's monotonic loop time in seconds, not wall-clock time. */
    private double loopTime() {
        return (System.nanoTime() - startNanos) / 1e9 + 1000.0;
    }

    private void pingAll() {
        String text = write(Map.of("type", "ping", "timestamp", loopTime()));
        for (Peer p : peers.values()) {
            sender.execute(() -> p.send(text));
        }
    }

    /**
     * Every connection's listener hears the update; one whose id is no longer registered stops for good, the others
     * send it to the socket registered last under their id (so two connections of one id deliver it twice to the
     * later socket and never to the earlier).
     */
    @Override
    public void publish(Map<String, Object> message) {
        String text = write(message);
        for (Peer p : peers.values()) {
            if (!p.listening) {
                continue;
            }
            Peer to = registry.get(p.clientId);
            if (to == null) {
                p.listening = false;
                continue;
            }
            sender.execute(() -> to.send(text));
        }
    }

    public int connectionCount() {
        return peers.size();
    }

    /** Closes every client connection (sandbox control: lets a client's reconnect logic be exercised). */
    public void dropAll() {
        for (Peer p : peers.values()) {
            try {
                p.ctx.closeSession(1012, "Service restart");
            } catch (RuntimeException e) {
                LOG.debug("close failed: {}", e.toString());
            }
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        sender.shutdownNow();
    }
}
