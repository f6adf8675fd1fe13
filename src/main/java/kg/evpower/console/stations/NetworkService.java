package kg.evpower.console.stations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.WireMapper;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.LocationUpdate;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the station list of the network overview current within the request budget (no JavaFX). It loads
 * everything at start, every minute (the backend does not push every change, contract §5.1) and after each
 * WebSocket reconnect; a {@code location_status_update} marks its location dirty, and dirty locations are
 * re-fetched together at most every {@code minInterval}: one by one when few, as one full reload when many.
 * Against a server without the operator API it also trickles {@code /station/status} calls to learn heartbeats,
 * only while the budget is less than half used.
 */
public final class NetworkService {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkService.class);
    private static final int FULL_RELOAD_ABOVE = 4;

    /** Where results go (called on a background thread). */
    public interface Sink {
        void replaceAll(List<Station> stations);

        void upsert(List<Station> stations);

        void failed(ApiException error);
    }

    private final EvPowerClient client;
    private final ServerCapabilities caps;
    private final ScheduledExecutorService io;
    private final Sink sink;
    private final long minIntervalMs;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile ScheduledFuture<?> pendingDrain;
    /** The newest copy of each station this service handed out, so a status poll starts from current data. */
    private final Map<String, Station> latest = new ConcurrentHashMap<>();
    /** Station ids in the order of the last full load, for the round-robin trickle. */
    private volatile List<String> order = List.of();
    private volatile java.util.function.Predicate<String> worthFetching = id -> true;
    private volatile ScheduledFuture<?> watch;
    private int trickleIndex;

    public NetworkService(EvPowerClient client, ServerCapabilities caps, ScheduledExecutorService io, Sink sink, long minIntervalMs) {
        this.client = client;
        this.caps = caps;
        this.io = io;
        this.sink = sink;
        this.minIntervalMs = minIntervalMs;
    }

    public boolean operatorApi() {
        return caps.adminStations();
    }

    public void start() {
        tasks.add(io.scheduleWithFixedDelay(this::reloadAllSafely, 0, 60, TimeUnit.SECONDS));
        if (!operatorApi()) {
            tasks.add(io.scheduleWithFixedDelay(this::trickleLiveness, 3, 2, TimeUnit.SECONDS));
        }
    }

    /**
     * Which changed locations are worth a request (on screen or selected on the map); the others wait for the
     * minute's full reload. Any thread may call it; the predicate must be thread-safe.
     */
    public void setWorthFetching(java.util.function.Predicate<String> p) {
        worthFetching = p == null ? id -> true : p;
    }

    /**
     * Polls {@code /api/v1/station/status/{id}} for the station whose panel is open (contract §5.1: not everything is
     * pushed), every {@code period} while the budget has room; null stops it.
     */
    public void watchStation(String stationId, java.time.Duration period) {
        ScheduledFuture<?> old = watch;
        if (old != null) {
            old.cancel(false);
        }
        if (stationId == null) {
            watch = null;
            return;
        }
        watch = io.scheduleWithFixedDelay(() -> refreshStatus(stationId, 0.75), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        watchStation(null, null);
        tasks.forEach(t -> t.cancel(false));
        if (pendingDrain != null) {
            pendingDrain.cancel(false);
        }
    }

    /** Reload now (the user pressed refresh, or the live feed reconnected). */
    public void reloadSoon() {
        io.execute(this::reloadAllSafely);
    }

    /** A hint from the WebSocket: this location changed. */
    public void onUpdate(LocationUpdate u) {
        dirty.add(u.locationId());
        ScheduledFuture<?> p = pendingDrain;
        if (p == null || p.isDone()) {
            pendingDrain = io.schedule(this::drain, minIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private List<Station> loadAll() {
        if (operatorApi()) {
            return client.stations().adminStations();
        }
        List<Station> out = new ArrayList<>();
        for (Location l : client.stations().locations(true)) {
            out.addAll(l.stations());
        }
        return out;
    }

    private void reloadAllSafely() {
        try {
            dirty.clear();
            List<Station> all = loadAll();
            latest.clear();
            all.forEach(st -> latest.put(st.id(), st));
            order = all.stream().map(Station::id).toList();
            sink.replaceAll(all);
        } catch (ApiException e) {
            LOG.info("station reload failed: {}", e.getMessage());
            sink.failed(e);
        } catch (RuntimeException e) {
            LOG.warn("station reload failed", e);
        }
    }

    private void drain() {
        java.util.function.Predicate<String> worth = worthFetching;
        List<String> ids = new ArrayList<>();
        for (String id : dirty) {
            if (worth.test(id)) {
                ids.add(id);
            }
        }
        // the rest stay out of date until the minute's reload, which clears them
        dirty.clear();
        if (ids.isEmpty()) {
            return;
        }
        try {
            if (ids.size() > FULL_RELOAD_ABOVE) {
                reloadAllSafely();
                return;
            }
            for (String id : ids) {
                List<Station> stations = operatorApi() ? client.stations().adminStationsAt(id) : client.stations().location(id).stations();
                hand(stations);
            }
        } catch (ApiException e) {
            LOG.info("location refresh failed: {}", e.getMessage());
            dirty.addAll(ids);
            sink.failed(e);
        }
    }

    /** Public API only: learn one station's heartbeat and online flag when the budget has room. */
    private void trickleLiveness() {
        List<String> ids = order;
        if (!ids.isEmpty()) {
            refreshStatus(ids.get(trickleIndex++ % ids.size()), 0.5);
        }
    }

    /**
     * {@code /station/status} of one station, merged into the newest copy we have, while the window is less than
     * {@code budgetShare} full (the rest is kept for what the operator asks for).
     */
    private void refreshStatus(String stationId, double budgetShare) {
        Station base = latest.get(stationId);
        if (base == null || client.budget().inWindow() > client.budget().perWindow() * budgetShare) {
            return;
        }
        try {
            hand(List.of(WireMapper.withStatus(base, client.stations().stationStatus(stationId))));
        } catch (ApiException e) {
            LOG.debug("status of {} failed: {}", stationId, e.getMessage());
        }
    }

    private void hand(List<Station> stations) {
        stations.forEach(st -> latest.put(st.id(), st));
        sink.upsert(stations);
    }
}
