package kg.evpower.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.WireMapper;
import kg.evpower.console.domain.LocationUpdate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the locations WebSocket (contract §5.1): stable {@code client_id}, no {@code Origin} header, a
 * {@code {"action":"ping"}} liveness probe, reconnect with exponential back-off and jitter, and a resync signal after
 * every reconnect because the server replays nothing. Malformed and unknown messages are counted and logged, never
 * fatal. Callbacks run on the WebSocket or scheduler thread — never the FX thread.
 */
public final class LocationsFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocationsFeed.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(25);

    /** Connection state, shown in the status bar. */
    public enum State { CONNECTING, CONNECTED, RECONNECTING, STOPPED }

    /** What the feed reports. */
    public interface Listener {
        void onState(State state, int failedAttempts, Duration nextRetry);

        void onUpdate(LocationUpdate update);

        /** Connected again after a gap (or for the first time): re-fetch what may have been missed. */
        void onResync(boolean firstConnect);
    }

    private final Supplier<URI> uri;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final ObjectMapper json = EvPowerClient.mapper();
    private final Random random = new Random();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final Duration baseBackoff;
    private WebSocketClient socket;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> probe;
    private int failures;
    private boolean everConnected;
    private volatile boolean stopped;
    private volatile State state = State.STOPPED;

    public LocationsFeed(Supplier<URI> uri, ScheduledExecutorService scheduler, Listener listener, Duration baseBackoff) {
        this.uri = uri;
        this.scheduler = scheduler;
        this.listener = listener;
        this.baseBackoff = baseBackoff;
    }

    public synchronized void start() {
        stopped = false;
        connect();
        probe = scheduler.scheduleAtFixedRate(this::probe, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    public State state() {
        return state;
    }

    public long received() {
        return received.get();
    }

    public long malformed() {
        return malformed.get();
    }

    public long unknownTypes() {
        return unknown.get();
    }

    private void setState(State s, Duration next) {
        state = s;
        listener.onState(s, failures, next);
    }

    private synchronized void connect() {
        if (stopped) {
            return;
        }
        setState(failures == 0 ? State.CONNECTING : State.RECONNECTING, Duration.ZERO);
        WebSocketClient ws = new Socket(uri.get());
        ws.setConnectionLostTimeout(60);
        socket = ws;
        ws.connect();
    }

    private synchronized void scheduleReconnect(WebSocketClient from) {
        if (stopped || from != socket || (retry != null && !retry.isDone())) {
            return;
        }
        failures++;
        long base = baseBackoff.toMillis() * (1L << Math.min(failures - 1, 10));
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        long delay = (long) (capped * (0.7 + 0.6 * random.nextDouble()));
        setState(State.RECONNECTING, Duration.ofMillis(delay));
        retry = scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void probe() {
        WebSocketClient ws = socket;
        if (ws != null && ws.isOpen()) {
            try {
                ws.send("{\"action\":\"ping\"}");
            } catch (RuntimeException e) {
                LOG.debug("probe failed: {}", e.toString());
            }
        }
    }

    /** Handles one text frame; public for the decoder benchmark and tests. */
    public void handle(String text) {
        received.incrementAndGet();
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (java.io.IOException e) {
            malformed.incrementAndGet();
            LOG.warn("malformed message on locations feed ({} so far): {}", malformed.get(), abbreviate(text));
            return;
        }
        String type = node == null ? "" : node.path("type").asText("");
        switch (type) {
            case "location_status_update" -> {
                try {
                    Dto.LocationUpdateDto dto = json.treeToValue(node, Dto.LocationUpdateDto.class);
                    if (dto.locationId() == null) {
                        malformed.incrementAndGet();
                        LOG.warn("location_status_update without location_id: {}", abbreviate(text));
                        return;
                    }
                    listener.onUpdate(WireMapper.locationUpdate(dto));
                } catch (java.io.IOException | IllegalArgumentException e) {
                    malformed.incrementAndGet();
                    LOG.warn("unreadable location_status_update: {}", abbreviate(text));
                }
            }
            case "connection", "ping", "pong", "subscription" -> { }
            case "error" -> LOG.info("locations feed error message: {}", node.path("message").asText());
            default -> {
                unknown.incrementAndGet();
                LOG.info("unknown message type '{}' on locations feed ({} so far)", type, unknown.get());
            }
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private final class Socket extends WebSocketClient {
        Socket(URI u) {
            super(u, Map.of()); // no Origin header: production closes the handshake for unknown origins
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            boolean first;
            synchronized (LocationsFeed.this) {
                first = !everConnected;
                everConnected = true;
                failures = 0;
            }
            setState(State.CONNECTED, Duration.ZERO);
            listener.onResync(first);
        }

        @Override
        public void onMessage(String message) {
            handle(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            LOG.info("locations feed closed: {} {}{}", code, reason, remote ? " (by server)" : "");
            scheduleReconnect(this);
        }

        @Override
        public void onError(Exception ex) {
            LOG.debug("locations feed error: {}", ex.toString());
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (retry != null) {
            retry.cancel(false);
        }
        if (probe != null) {
            probe.cancel(false);
        }
        if (socket != null) {
            socket.close();
        }
        setState(State.STOPPED, Duration.ZERO);
    }
}
