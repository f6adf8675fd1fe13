package kg.evpower.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.WireMapper;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.MeterSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the operator API's session stream ({@code /api/v1/admin/ws/sessions}). It authenticates with the session
 * cookie, takes the snapshot the server sends on connect as the whole truth, and applies events after it. Every frame
 * carries a per-connection {@code seq}: a gap means frames were lost, so the feed asks for a resync and the next
 * snapshot replaces everything. After a drop it reconnects with back-off and jitter; the server's first frame is again
 * a snapshot. Malformed and unknown frames are counted and logged, never fatal. Callbacks run on the socket or
 * scheduler thread, never the FX thread.
 */
public final class SessionsFeed extends ReconnectingFeed {

    private static final Logger LOG = LoggerFactory.getLogger(SessionsFeed.class);

    /** What the feed reports. */
    public interface Listener {
        void onState(LocationsFeed.State state, int failedAttempts, Duration nextRetry);

        /** Everything that is running now; replaces what was known. */
        void onSnapshot(List<ChargingSession> running);

        void onStarted(ChargingSession session);

        void onMeter(String sessionId, Integer connectorId, BigDecimal energyKwh, BigDecimal cost, MeterSample sample);

        /** A session ended; {@code session} is its final state when the server sent it. */
        void onStopped(String sessionId, Optional<ChargingSession> session);

        void onStationStatus(String stationId, int connectorId, String ocppStatus, String errorCode);
    }

    private final Supplier<Optional<String>> cookie;
    private final Listener listener;
    private final ObjectMapper json = EvPowerClient.mapper();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    /** The last sequence number seen on this connection; 0 before the first frame. */
    private long lastSeq;
    /** A resync was asked for and its snapshot has not come yet. */
    private boolean awaitingSnapshot;

    public SessionsFeed(Supplier<URI> uri, Supplier<Optional<String>> cookieHeader, ScheduledExecutorService scheduler, Listener listener,
                        Duration baseBackoff) {
        super("sessions feed", uri, scheduler, baseBackoff);
        this.cookie = cookieHeader;
        this.listener = listener;
    }

    @Override
    protected Map<String, String> headers() {
        return cookie.get().map(c -> Map.of("Cookie", c)).orElse(Map.of());
    }

    @Override
    protected void onState(LocationsFeed.State state, int failedAttempts, Duration nextRetry) {
        listener.onState(state, failedAttempts, nextRetry);
    }

    /** Every connection starts with the server's snapshot; until then nothing else is applied. */
    @Override
    protected synchronized void onConnecting() {
        lastSeq = 0;
        awaitingSnapshot = true;
    }

    /** How many times a gap in the sequence made the feed ask for a resync. */
    public long gaps() {
        return gaps.get();
    }

    public long snapshots() {
        return snapshots.get();
    }

    /** Asks the server for a fresh snapshot (after a gap, or when the caller wants one). */
    public synchronized void resync() {
        awaitingSnapshot = true;
        send("{\"action\":\"resync\"}");
    }

    @Override
    protected void dispatch(String type, JsonNode node, String text) throws java.io.IOException {
        if (!sequenceOk(node.path("seq").asLong(-1), type)) {
            return;
        }
        switch (type) {
            case "snapshot" -> {
                List<ChargingSession> running = new ArrayList<>();
                for (JsonNode s : node.path("sessions")) {
                    running.add(WireMapper.session(json.treeToValue(s, Dto.AdminSession.class)));
                }
                synchronized (this) {
                    awaitingSnapshot = false;
                }
                snapshots.incrementAndGet();
                listener.onSnapshot(running);
            }
            case "session_started" -> listener.onStarted(WireMapper.session(json.treeToValue(node.path("session"), Dto.AdminSession.class)));
            case "meter_update" -> listener.onMeter(node.path("session_id").asText(), node.path("connector_id").isInt()
                    ? node.path("connector_id").asInt() : null, decimal(node.path("energy_kwh")), decimal(node.path("cost")),
                    WireMapper.meter(json.treeToValue(node.path("meter"), Dto.MeterDto.class)));
            case "session_stopped" -> listener.onStopped(node.path("session_id").asText(), node.path("session").isObject()
                    ? Optional.of(WireMapper.session(json.treeToValue(node.path("session"), Dto.AdminSession.class))) : Optional.empty());
            case "station_status" -> listener.onStationStatus(node.path("station_id").asText(), node.path("connector_id").asInt(),
                    node.path("ocpp_status").asText(null), node.path("error_code").asText(null));
            case "pong" -> { }
            case "error" -> LOG.info("sessions feed error frame: {}", node.path("message").asText());
            default -> unknownType(type);
        }
    }

    /** Checks the per-connection sequence; after a gap asks for a resync, and drops events until its snapshot. */
    private synchronized boolean sequenceOk(long seq, String type) {
        if (seq > 0) {
            if (lastSeq > 0 && seq != lastSeq + 1) {
                gaps.incrementAndGet();
                LOG.info("sessions feed: seq {} after {}, asking for a resync", seq, lastSeq);
                lastSeq = seq;
                if (!"snapshot".equals(type)) {
                    resync();
                    return false;
                }
            }
            lastSeq = seq;
        }
        return "snapshot".equals(type) || !awaitingSnapshot;
    }

    private static BigDecimal decimal(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.decimalValue();
    }

}
