package kg.evpower.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import kg.evpower.console.api.EvPowerClient;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket that stays connected: it reconnects after every close with exponential back-off (capped at 30 s) and
 * jitter, and reports its state. Subclasses read the frames and say what to send on connect. Callbacks run on the
 * socket or scheduler thread, never the FX thread.
 */
abstract class ReconnectingFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingFeed.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = EvPowerClient.mapper();
    private final String name;
    private final Supplier<URI> uri;
    protected final ScheduledExecutorService scheduler;
    private final Duration baseBackoff;
    private final Random random = new Random();
    protected final AtomicLong received = new AtomicLong();
    protected final AtomicLong malformed = new AtomicLong();
    protected final AtomicLong unknown = new AtomicLong();
    private WebSocketClient socket;
    private ScheduledFuture<?> retry;
    private int failures;
    private boolean everConnected;
    private volatile boolean stopped;
    private volatile LocationsFeed.State state = LocationsFeed.State.STOPPED;

    ReconnectingFeed(String name, Supplier<URI> uri, ScheduledExecutorService scheduler, Duration baseBackoff) {
        this.name = name;
        this.uri = uri;
        this.scheduler = scheduler;
        this.baseBackoff = baseBackoff;
    }

    /** Headers of the handshake (none for the public feed: production refuses unknown Origins). */
    protected abstract Map<String, String> headers();

    /**
     * One frame of a known shape, by its {@code type}. A frame whose body does not map throws an IOException or
     * IllegalArgumentException and is counted as malformed.
     */
    protected abstract void dispatch(String type, JsonNode frame, String text) throws IOException;

    /**
     * Handles one text frame: counted, read as a JSON object and handed to {@link #dispatch} by its type; a frame
     * that is not JSON, or whose body does not map, is counted and logged as malformed, never fatal. The socket calls
     * it; public for the decoder benchmark and tests.
     */
    public final void handle(String text) {
        JsonNode node = parse(text);
        if (node == null) {
            return;
        }
        String type = node.path("type").asText("");
        try {
            dispatch(type, node, text);
        } catch (IOException | IllegalArgumentException e) {
            unreadable(type, text);
        }
    }

    /** Counts and logs a frame of a known type that could not be read. */
    protected void unreadable(String type, String text) {
        malformed.incrementAndGet();
        LOG.warn("unreadable {} frame on the {}: {}", type, name, abbreviate(text));
    }

    /** Counts and logs a frame of a type this feed does not know. */
    protected void unknownType(String type) {
        unknown.incrementAndGet();
        LOG.info("unknown frame type '{}' on the {} ({} so far)", type, name, unknown.get());
    }

    /** Reports the connection state (for the status bar). */
    protected abstract void onState(LocationsFeed.State state, int failedAttempts, Duration nextRetry);

    /** A connection was opened; {@code first} when it is the first one of this feed. */
    protected void onOpened(boolean first) {
    }

    /** A new socket is about to connect. */
    protected void onConnecting() {
    }

    public synchronized void start() {
        stopped = false;
        connect();
    }

    public LocationsFeed.State state() {
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

    private void setState(LocationsFeed.State s, Duration next) {
        state = s;
        onState(s, failures, next);
    }

    private synchronized void connect() {
        if (stopped) {
            return;
        }
        setState(failures == 0 ? LocationsFeed.State.CONNECTING : LocationsFeed.State.RECONNECTING, Duration.ZERO);
        WebSocketClient ws = new Socket(uri.get(), headers());
        ws.setConnectionLostTimeout(60);
        socket = ws;
        onConnecting();
        ws.connect();
    }

    private synchronized void scheduleReconnect(WebSocketClient from) {
        if (stopped || from != socket || (retry != null && !retry.isDone())) {
            return;
        }
        failures++;
        long base = baseBackoff.toMillis() * (1L << Math.min(failures - 1, 10));
        long delay = (long) (Math.min(base, MAX_BACKOFF.toMillis()) * (0.7 + 0.6 * random.nextDouble()));
        setState(LocationsFeed.State.RECONNECTING, Duration.ofMillis(delay));
        retry = scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Sends a text frame when connected; false when there is no open connection. */
    protected boolean send(String text) {
        WebSocketClient ws = socket;
        if (ws == null || !ws.isOpen()) {
            return false;
        }
        try {
            ws.send(text);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("{}: send failed: {}", name, e.toString());
            return false;
        }
    }

    /** Counts a received frame and reads it as a JSON object; null (counted and logged as malformed) when it is not one. */
    private JsonNode parse(String text) {
        received.incrementAndGet();
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            malformed.incrementAndGet();
            LOG.warn("malformed frame on the {} ({} so far): {}", name, malformed.get(), abbreviate(text));
            return null;
        }
        return node;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private final class Socket extends WebSocketClient {
        Socket(URI u, Map<String, String> headers) {
            super(u, headers);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            boolean first;
            synchronized (ReconnectingFeed.this) {
                first = !everConnected;
                everConnected = true;
                failures = 0;
            }
            setState(LocationsFeed.State.CONNECTED, Duration.ZERO);
            onOpened(first);
        }

        @Override
        public void onMessage(String message) {
            handle(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            LOG.info("{} closed: {} {}{}", name, code, reason, remote ? " (by server)" : "");
            scheduleReconnect(this);
        }

        @Override
        public void onError(Exception ex) {
            LOG.debug("{} error: {}", name, ex.toString());
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (retry != null) {
            retry.cancel(false);
        }
        if (socket != null) {
            socket.close();
        }
        setState(LocationsFeed.State.STOPPED, Duration.ZERO);
    }
}
