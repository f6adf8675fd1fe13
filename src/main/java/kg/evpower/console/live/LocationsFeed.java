package kg.evpower.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.WireMapper;
import kg.evpower.console.domain.LocationUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the locations WebSocket (contract §5.1): stable {@code client_id}, no {@code Origin} header, a
 * {@code {"action":"ping"}} liveness probe, reconnect with exponential back-off and jitter, and a resync signal after
 * every reconnect because the server replays nothing. Malformed and unknown messages are counted and logged, never
 * fatal. Callbacks run on the WebSocket or scheduler thread — never the FX thread.
 */
public final class LocationsFeed extends ReconnectingFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LocationsFeed.class);
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

    private final Listener listener;
    private final ObjectMapper json = EvPowerClient.mapper();
    private ScheduledFuture<?> probe;

    public LocationsFeed(Supplier<URI> uri, ScheduledExecutorService scheduler, Listener listener, Duration baseBackoff) {
        super("locations feed", uri, scheduler, baseBackoff);
        this.listener = listener;
    }

    @Override
    protected Map<String, String> headers() {
        return Map.of(); // no Origin header: production closes the handshake for unknown origins
    }

    @Override
    protected void onState(State state, int failedAttempts, Duration nextRetry) {
        listener.onState(state, failedAttempts, nextRetry);
    }

    @Override
    protected void onOpened(boolean first) {
        listener.onResync(first);
    }

    @Override
    public synchronized void start() {
        super.start();
        probe = scheduler.scheduleAtFixedRate(() -> send("{\"action\":\"ping\"}"), PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void dispatch(String type, JsonNode node, String text) throws java.io.IOException {
        switch (type) {
            case "location_status_update" -> {
                Dto.LocationUpdateDto dto = json.treeToValue(node, Dto.LocationUpdateDto.class);
                if (dto.locationId() == null) {
                    unreadable(type, text); // a hint without its location says nothing
                    return;
                }
                listener.onUpdate(WireMapper.locationUpdate(dto));
            }
            case "connection", "ping", "pong", "subscription" -> { }
            case "error" -> LOG.info("locations feed error message: {}", node.path("message").asText());
            default -> unknownType(type);
        }
    }

    @Override
    public synchronized void close() {
        if (probe != null) {
            probe.cancel(false);
        }
        super.close();
    }
}
