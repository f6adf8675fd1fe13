package kg.evpower.console.sessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.ChargingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polling mode, for a server without the operator API (today's production): nothing lists sessions there, so the
 * console follows the sessions it knows of (ids an operator added) through the public
 * {@code GET /api/v1/charging/status/{id}}, one session per step, round-robin, and only when the request budget has
 * a background slot. With {@code perMinute} polls a minute, each of n sessions is read about every
 * {@code max(step, n × step)}. A session that ended is read once more for its final figures, then left; one the server
 * does not know is dropped.
 */
public final class SessionPoller {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPoller.class);

    /** What the view shows about the polling: how many sessions, how often each is read. */
    public record Status(int sessions, Duration eachEvery, int perMinute) {
    }

    private final EvPowerClient api;
    private final SessionsService service;
    private final ScheduledExecutorService io;
    private final int perMinute;
    private final Consumer<Status> onStatus;
    private final Consumer<Set<String>> onWatchedChanged;
    private final LinkedHashSet<String> watched = new LinkedHashSet<>();
    private final List<String> turn = new ArrayList<>();
    private ScheduledFuture<?> task;

    /**
     * @param perMinute        the share of the request budget the poller may use
     * @param onWatchedChanged told the ids to remember (to keep them across restarts)
     */
    public SessionPoller(EvPowerClient api, SessionsService service, ScheduledExecutorService io, int perMinute,
                         Consumer<Status> onStatus, Consumer<Set<String>> onWatchedChanged) {
        this.api = api;
        this.service = service;
        this.io = io;
        this.perMinute = perMinute;
        this.onStatus = onStatus;
        this.onWatchedChanged = onWatchedChanged;
    }

    public synchronized void start(Set<String> remembered) {
        watched.addAll(remembered);
        long step = 60_000L / perMinute;
        task = io.scheduleWithFixedDelay(this::step, 0, step, TimeUnit.MILLISECONDS);
        report();
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Follows a session by its id (any thread); it is read at the next step. */
    public synchronized void watch(String sessionId) {
        String id = sessionId.trim();
        if (!id.isEmpty() && watched.add(id)) {
            turn.add(0, id);
            changed();
        }
    }

    private void step() {
        String id;
        synchronized (this) {
            if (turn.isEmpty()) {
                turn.addAll(watched);
            }
            if (turn.isEmpty()) {
                return;
            }
            id = turn.get(0);
        }
        if (!api.budget().hasBackgroundRoom()) {
            return; // the window is busy with other work: this session waits for the next step
        }
        synchronized (this) {
            turn.remove(id);
        }
        try {
            ChargingSession s = api.sessions().chargingStatus(id);
            service.polled(s);
            if (s.status() != ChargingSession.Status.STARTED) {
                forget(id);
            }
        } catch (ApiException e) {
            if (e.kind() == ApiException.Kind.NOT_FOUND) {
                LOG.info("session {} is not known to the server; no longer polled", id);
                service.lost(id);
                forget(id);
            } else {
                LOG.info("session {} poll failed: {}", id, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("session {} poll failed", id, e);
        }
    }

    private synchronized void forget(String id) {
        if (watched.remove(id)) {
            turn.remove(id);
            changed();
        }
    }

    private void changed() {
        onWatchedChanged.accept(Set.copyOf(watched));
        report();
    }

    private synchronized void report() {
        long step = 60_000L / perMinute;
        onStatus.accept(new Status(watched.size(), Duration.ofMillis(step * Math.max(1, watched.size())), perMinute));
    }
}
