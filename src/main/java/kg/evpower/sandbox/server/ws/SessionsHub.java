package kg.evpower.sandbox.server.ws;

import java.time.Instant;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.auth.Tokens;
import kg.evpower.sandbox.server.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.charging.SessionListener;
import kg.evpower.sandbox.server.http.Roles;
import kg.evpower.sandbox.server.http.Security;
import kg.evpower.sandbox.server.http.SessionViews;
import kg.evpower.sandbox.server.http.Wire;
import kg.evpower.sandbox.server.stations.StationEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator API's session stream {@code /api/v1/admin/ws/sessions} (contract §9.2 item 4, proposed). Authenticated
 * by the {@code evp_access} session cookie and scoped like the listing (superadmin: all; admin: own stations;
 * operator: their admin's). On connect, and whenever the client sends {@code {"action":"resync"}}, a {@code snapshot}
 * of the started sessions; in between, {@code session_started}, {@code meter_update}, {@code session_stopped} and
 * {@code station_status} events. Every frame carries {@code seq}, counting 1, 2, 3… per connection, so a client that
 * sees a gap knows it missed something and asks for a resync.
 */
public final class SessionsHub implements SessionListener, StationEvents.ConnectorListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionsHub.class);
    public static final String PATH = "/api/v1/admin/ws/sessions";

    /**
     * Whose sessions a connection may see, from its access cookie: empty for everything (a superadmin), the owner id
     * otherwise; a {@link UnauthorizedResponse} or {@link ForbiddenResponse} when it may not connect.
     */
    public interface Scopes {
        Optional<String> scopeOf(String accessCookie);
    }

    private final Database db;
    private final Scopes scopes;
    private final Supplier<Instant> clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /** Frames leave in the order their sequence numbers were given, on one thread. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-sessions-send");
        t.setDaemon(true);
        return t;
    });
    /** How long a snapshot waits for other peers of its scope to share its read. */
    static final Duration SNAPSHOT_GATHER = Duration.ofMillis(100);
    /** Scope ("" for everything) → the peers waiting for the next snapshot read. */
    private final Map<String, List<Peer>> batches = new java.util.HashMap<>();
    private final java.util.concurrent.ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sessions-snapshot");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicLong snapshotReads = new java.util.concurrent.atomic.AtomicLong();
    /** Station → owner and rate; stations do not change owners in the sandbox. */
    private final Map<String, StationInfo> stations = new ConcurrentHashMap<>();

    private record StationInfo(String owner, BigDecimal price) {
    }

    private static final class Peer {
        final WsContext ctx;
        final String scope; // null: everything
        long seq;

        Peer(WsContext ctx, String scope) {
            this.ctx = ctx;
            this.scope = scope;
        }
    }

    /** The sandbox's: the cookie verified by its own tokens, the caller read from its {@code users}. */
    public SessionsHub(Database db, Tokens tokens, Supplier<Instant> clock) {
        this.db = db;
        this.clock = clock;
        this.scopes = cookie -> {
            String uid = cookie == null ? null : tokens.verify(cookie).map(c -> c.getSubject()).orElse(null);
            if (uid == null) {
                throw new UnauthorizedResponse("Не авторизован");
            }
            return scopeOf(Roles.lookup(db, uid).orElseThrow(() -> new ForbiddenResponse(Roles.NOT_OWNER)));
        };
    }

    /** Another server's (the operator gateway's): its own way of knowing the caller, its own database to read. */
    public SessionsHub(Database db, Scopes scopes, Supplier<Instant> clock) {
        this.db = db;
        this.scopes = scopes;
        this.clock = clock;
    }

    public void install(Javalin app) {
        app.wsBeforeUpgrade(PATH, this::beforeUpgrade);
        app.ws(PATH, this::configure);
    }

    /** A caller's scope: empty for a superadmin (everything), the owner id otherwise; refused when not active staff. */
    public static Optional<String> scopeOf(Roles.Caller caller) {
        if (!caller.active()) {
            throw new ForbiddenResponse("Аккаунт деактивирован");
        }
        if (!Set.of("operator", "admin", "superadmin").contains(caller.role())) {
            throw new ForbiddenResponse("Доступ запрещён");
        }
        return caller.superadmin() ? Optional.empty() : Optional.ofNullable(caller.scopeOwner());
    }

    private void beforeUpgrade(Context ctx) {
        Security.checkOrigin(ctx);
        scopes.scopeOf(ctx.cookie("evp_access"));
    }

    private void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(Duration.ofMinutes(10));
            Optional<String> scope;
            try {
                scope = scopes.scopeOf(ctx.cookie("evp_access"));
            } catch (RuntimeException e) {
                ctx.closeSession(4401, "unauthorized");
                return;
            }
            Peer peer = new Peer(ctx, scope.orElse(null));
            peers.put(ctx.sessionId(), peer);
            snapshot(peer);
        });
        ws.onMessage(ctx -> {
            Peer peer = peers.get(ctx.sessionId());
            if (peer == null) {
                return;
            }
            JsonNode msg = Inbound.parse(ctx.message());
            String action = msg == null ? null : msg.path("action").asText(null);
            if ("resync".equals(action)) {
                snapshot(peer);
            } else if ("ping".equals(action)) {
                send(peer, frame("pong"));
            } else {
                Map<String, Object> err = frame("error");
                err.put("message", "unknown action; use resync or ping");
                send(peer, err);
            }
        });
        ws.onClose(ctx -> peers.remove(ctx.sessionId()));
        ws.onError(ctx -> peers.remove(ctx.sessionId()));
    }

    private static Map<String, Object> frame(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        return m;
    }

    /**
     * Sends the peer a snapshot of what runs in its scope. Peers asking together share one read: the first asks for a
     * batch that is read {@link #SNAPSHOT_GATHER} later, for every peer of the same scope that asked before the read
     * began (so each of them was already registered for events when it began: nothing falls between the snapshot and
     * the events); a peer asking while a read runs waits for the next batch. Fifty consoles reconnecting at once cost
     * one read, not fifty.
     */
    private void snapshot(Peer peer) {
        String key = peer.scope == null ? "" : peer.scope;
        synchronized (batches) {
            List<Peer> batch = batches.get(key);
            if (batch != null) {
                batch.add(peer);
                return;
            }
            batch = new java.util.ArrayList<>(List.of(peer));
            batches.put(key, batch);
        }
        reader.schedule(() -> readSnapshot(key, peer.scope), SNAPSHOT_GATHER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void readSnapshot(String key, String scope) {
        List<Peer> batch;
        synchronized (batches) {
            batch = batches.remove(key);
        }
        if (batch == null) {
            return;
        }
        SessionViews.Page page;
        try {
            page = new SessionViews(db).page(scope, "started", null, null, null, null, null, Integer.MAX_VALUE, 0);
        } catch (RuntimeException e) {
            LOG.warn("snapshot not read, {} connection(s) closed to reconnect: {}", batch.size(), e.toString());
            batch.forEach(p -> p.ctx.closeSession(1011, "snapshot failed"));
            return;
        }
        snapshotReads.incrementAndGet();
        Map<String, Object> m = frame("snapshot");
        m.put("sessions", page.sessions());
        m.put("total", page.total());
        sendAll(batch, m);
    }

    /** How many snapshot reads the hub has made (peers asking together share one). */
    public long snapshotReads() {
        return snapshotReads.get();
    }

    /** Gives the frame the peer's next sequence number and queues it; frames leave in that order. */
    private void send(Peer peer, Map<String, Object> frame) {
        sendAll(List.of(peer), frame);
    }

    /**
     * The frame to every peer in {@code to}: written as JSON once, each copy opened with that peer's next sequence
     * number and the time; numbering and queueing happen under one lock, so every peer's frames leave in the order of
     * their numbers (one sender thread).
     */
    private void sendAll(List<Peer> to, Map<String, Object> frame) {
        if (to.isEmpty()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String head = ",\"sent_at\":\"" + Wire.iso(clock.get()) + "\"" + (body.length() > 2 ? "," : "");
        String rest = body.substring(1);
        synchronized (sender) {
            String[] texts = new String[to.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = "{\"seq\":" + (++to.get(i).seq) + head + rest;
            }
            sender.execute(() -> {
                for (int i = 0; i < texts.length; i++) {
                    Peer peer = to.get(i);
                    try {
                        if (peer.ctx.session.isOpen()) {
                            peer.ctx.send(texts[i]);
                        }
                    } catch (RuntimeException e) {
                        LOG.debug("send failed: {}", e.toString());
                    }
                }
            });
        }
    }

    private StationInfo station(String stationId) {
        return stations.computeIfAbsent(stationId, id -> db.queryOne("SELECT COALESCE(st.user_id, l.user_id), st.price_per_kwh"
                + " FROM stations st LEFT JOIN locations l ON l.id = st.location_id WHERE st.id = ?",
                rs -> new StationInfo(rs.getString(1), rs.getBigDecimal(2)), id).orElse(new StationInfo(null, null)));
    }

    private void broadcast(String stationId, java.util.function.Supplier<Map<String, Object>> frame) {
        if (peers.isEmpty()) {
            return;
        }
        String owner = station(stationId).owner();
        List<Peer> to = new java.util.ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.scope == null || p.scope.equals(owner)) {
                to.add(p);
            }
        }
        sendAll(to, frame.get());
    }

    @Override
    public void sessionStarted(String sessionId, String stationId) {
        if (peers.isEmpty()) {
            return;
        }
        Map<String, Object> session = new SessionViews(db).one(sessionId);
        if (session == null) {
            return;
        }
        broadcast(stationId, () -> {
            Map<String, Object> m = frame("session_started");
            m.put("session", session);
            return m;
        });
    }

    @Override
    public void meterUpdate(String sessionId, String stationId, int connectorId, ChargingService.Sample sample, BigDecimal energyKwh) {
        if (peers.isEmpty()) {
            return;
        }
        BigDecimal price = station(stationId).price();
        BigDecimal rate = price != null && price.signum() > 0 ? price : ChargingService.DEFAULT_RATE;
        Map<String, Object> meter = SessionViews.meter(sample.timestamp(), sample.energyWh(), sample.powerW(), sample.currentA(),
                sample.voltageV(), sample.socPercent());
        double energy = energyKwh.doubleValue();
        double cost = energyKwh.multiply(rate).setScale(2, RoundingMode.HALF_UP).doubleValue();
        broadcast(stationId, () -> {
            Map<String, Object> m = frame("meter_update");
            m.put("session_id", sessionId);
            m.put("station_id", stationId);
            m.put("connector_id", connectorId);
            m.put("energy_kwh", energy);
            m.put("cost", cost);
            m.put("meter", meter);
            return m;
        });
    }

    @Override
    public void sessionStopped(String sessionId, String stationId) {
        if (peers.isEmpty()) {
            return;
        }
        Map<String, Object> session = new SessionViews(db).one(sessionId);
        broadcast(stationId, () -> {
            Map<String, Object> m = frame("session_stopped");
            m.put("session_id", sessionId);
            m.put("station_id", stationId);
            m.put("session", session);
            return m;
        });
    }

    @Override
    public void connectorStatus(String stationId, int connectorId, String ocppStatus, String errorCode) {
        broadcast(stationId, () -> {
            Map<String, Object> m = frame("station_status");
            m.put("station_id", stationId);
            m.put("connector_id", connectorId);
            m.put("ocpp_status", ocppStatus);
            m.put("connector_status", StationEvents.connectorStatusFor(ocppStatus));
            m.put("error_code", errorCode);
            return m;
        });
    }

    public int connectionCount() {
        return peers.size();
    }

    /** Closes every connection (sandbox control: lets tests check that clients reconnect and resync). */
    public void dropAll() {
        for (Peer p : peers.values()) {
            p.ctx.closeSession(1012, "sandbox drop");
        }
        peers.clear();
    }

    @Override
    public void close() {
        reader.shutdownNow();
        sender.shutdownNow();
    }
}
