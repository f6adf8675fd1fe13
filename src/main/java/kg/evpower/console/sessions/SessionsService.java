package kg.evpower.console.sessions;

import kg.evpower.console.api.SessionsApi;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.MeterSample;
import kg.evpower.console.domain.Station;
import kg.evpower.console.live.LocationsFeed;
import kg.evpower.console.live.SessionsFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console knows about charging sessions, kept off the FX thread: every running session (and those that
 * ended in the last half hour) with its meter history, the problems each has, and the totals. It is fed by the session
 * stream ({@link SessionsFeed.Listener}) or, without the operator API, by the {@link SessionPoller}. Every change is
 * handed to the {@link Sink} as a new immutable {@link SessionRow}; the caller coalesces them per session and applies
 * them once per pulse. {@link #evaluate()}, called about once a second, applies the time-based problem rules, evicts
 * old ended sessions and reports totals and new problems.
 */
public final class SessionsService implements SessionsFeed.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionsService.class);
    /** Ended sessions stay in the table all their day (Bishkek), and this long after it. */
    public static final Duration KEEP_ENDED = Duration.ofMinutes(30);

    /** Where the service's results go; called on the feed's or the evaluator's thread. */
    public interface Sink {
        void changed(SessionRow row);

        void removed(String sessionId);

        /** After each evaluation: the totals, every open problem (oldest first) and those new since the last one. */
        void evaluated(Totals totals, List<SessionProblem> problems, List<SessionProblem> fresh);

        void feedState(LocationsFeed.State state, int failedAttempts, Duration nextRetry);
    }

    /** The count, energy and money of sessions stopped in a period, as of a server time (the operator API's summary). */
    @FunctionalInterface
    public interface StoppedTotalsSource {
        SessionsApi.StoppedTotals stopped(Instant from, Instant to);
    }

    /**
     * Keeps the last known totals of a day's ended sessions beyond this service (a language switch rebuilds it, a restart
     * too), so that when the server cannot be asked the totals bar keeps that figure with its time instead of dropping
     * to the running sessions alone.
     */
    public interface TotalsMemory {
        /** The last totals kept for {@code day}, or null. */
        SessionsApi.StoppedTotals recall(LocalDate day);

        void keep(LocalDate day, SessionsApi.StoppedTotals totals);

        TotalsMemory NONE = new TotalsMemory() {
            @Override
            public SessionsApi.StoppedTotals recall(LocalDate day) {
                return null;
            }

            @Override
            public void keep(LocalDate day, SessionsApi.StoppedTotals totals) {
            }
        };
    }

    /**
     * The totals bar. "Today" is the Bishkek day: sessions that ended today plus those running now.
     *
     * @param todayKnown false when the ended part is not known (polling mode, or its request failed with nothing kept
     *                   from earlier today): kWh and revenue then count only running sessions
     * @param endedAsOf  null while the ended part is the server's current figure; the time of the figure kept earlier
     *                   today when the server could not be asked (plus what the console saw end since)
     */
    public record Totals(int active, BigDecimal powerKw, BigDecimal energyTodayKwh, BigDecimal revenueToday, boolean todayKnown,
                         int endedToday, Instant endedAsOf) {

        /** Totals on the server's current figure ({@code endedAsOf} null). */
        public Totals(int active, BigDecimal powerKw, BigDecimal energyTodayKwh, BigDecimal revenueToday, boolean todayKnown, int endedToday) {
            this(active, powerKw, energyTodayKwh, revenueToday, todayKnown, endedToday, null);
        }
    }

    private static final class Tracked {
        ChargingSession session;
        BigDecimal cost;
        final MeterHistory history = new MeterHistory();
        Instant lastSampleAt;
        Instant zeroSince;
        String connectorState;
        boolean endedUnseen;
        Instant endedAt;
        final EnumMap<SessionProblem.Kind, Instant> problems = new EnumMap<>(SessionProblem.Kind.class);
        Set<SessionProblem.Kind> problemKinds = Set.of();

        Tracked(ChargingSession s) {
            this.session = s;
        }

        boolean running() {
            return session.status() == ChargingSession.Status.STARTED && !endedUnseen;
        }

        /** It ended at {@code at}; {@code unseen}: the console did not get its final figures. An ended session has no problems. */
        void ended(Instant at, boolean unseen) {
            endedAt = at;
            endedUnseen = unseen;
            problems.clear();
            problemKinds = Set.of();
        }
    }

    private record Ended(BigDecimal energyKwh, BigDecimal amount) {
    }

    private record StationState(Boolean online, Instant since) {
    }

    private final Sink sink;
    private final Supplier<Instant> clock;
    private final StoppedTotalsSource stoppedSource;
    private final Executor io;
    private final Map<String, Tracked> sessions = new HashMap<>();
    private final Map<String, Set<String>> byStation = new HashMap<>();
    private final Map<String, String> connectorStates = new HashMap<>();
    private final Map<String, StationState> stations = new HashMap<>();
    /** Ended today before {@code stoppedAsOf}, from the server; null while not known. */
    private SessionsApi.StoppedTotals stoppedBase;
    private LocalDate stoppedDay;
    /** Sessions seen ending at or after the base's server time, so they are counted once. */
    private final Map<String, Ended> endedSinceBase = new HashMap<>();
    private boolean reloadPending;
    private Instant lastReload;
    private TotalsMemory memory = TotalsMemory.NONE;
    /** The base is a remembered figure (the server could not be asked): its time is shown, and the server asked again. */
    private boolean recalled;

    /** Where the day's ended totals are kept beyond this service; none by default. */
    public synchronized void remember(TotalsMemory m) {
        this.memory = m == null ? TotalsMemory.NONE : m;
    }

    /**
     * @param stoppedSource where today's ended sessions are totalled (the operator API), or null in polling mode
     */
    public SessionsService(Sink sink, Supplier<Instant> clock, StoppedTotalsSource stoppedSource, Executor io) {
        this.sink = sink;
        this.clock = clock;
        this.stoppedSource = stoppedSource;
        this.io = io;
    }

    // ---- the stream ------------------------------------------------------------------------------------------

    @Override
    public void onState(LocationsFeed.State state, int failedAttempts, Duration nextRetry) {
        sink.feedState(state, failedAttempts, nextRetry);
    }

    @Override
    public synchronized void onSnapshot(List<ChargingSession> running) {
        long nanos = System.nanoTime();
        Set<String> seen = new HashSet<>();
        for (ChargingSession s : running) {
            seen.add(s.id());
            Tracked t = sessions.get(s.id());
            if (t == null) {
                t = track(s);
            } else {
                t.session = s;
                t.endedUnseen = false;
                t.endedAt = null;
            }
            t.cost = SessionRules.runningCost(s, null);
            sampled(t, s.meter(), clock.get());
            emit(t, nanos);
        }
        // what ran before and is not in the snapshot ended while we were not listening
        for (Tracked t : sessions.values()) {
            if (t.running() && !seen.contains(t.session.id())) {
                t.ended(clock.get(), true);
                emit(t, nanos);
            }
        }
        reloadStopped();
    }

    @Override
    public synchronized void onStarted(ChargingSession session) {
        Tracked t = sessions.get(session.id());
        if (t == null) {
            t = track(session);
        } else {
            t.session = session;
        }
        t.cost = SessionRules.runningCost(session, null);
        sampled(t, session.meter(), clock.get());
        emit(t, System.nanoTime());
    }

    @Override
    public synchronized void onMeter(String sessionId, Integer connectorId, BigDecimal energyKwh, BigDecimal cost, MeterSample sample) {
        long nanos = System.nanoTime();
        Tracked t = sessions.get(sessionId);
        if (t == null || !t.running()) {
            return; // a session the snapshot did not have yet; its start or the next snapshot brings it
        }
        t.session = t.session.withMeter(sample, energyKwh, connectorId);
        t.cost = SessionRules.runningCost(t.session, cost);
        sampled(t, sample, clock.get());
        emit(t, nanos);
    }

    @Override
    public synchronized void onStopped(String sessionId, Optional<ChargingSession> finalState) {
        Tracked t = sessions.get(sessionId);
        Instant now = clock.get();
        if (t == null) {
            if (finalState.isEmpty()) {
                return;
            }
            t = track(finalState.get());
        }
        ChargingSession s = finalState.orElse(t.session);
        if (s.status() == ChargingSession.Status.STARTED) {
            s = s.stoppedAt(now);
        }
        t.session = s;
        t.cost = s.amount();
        t.ended(now, false);
        countEnded(s);
        emit(t, System.nanoTime());
    }

    @Override
    public synchronized void onStationStatus(String stationId, int connectorId, String ocppStatus, String errorCode) {
        connectorStates.put(stationId + "#" + connectorId, ocppStatus);
        long nanos = System.nanoTime();
        for (String id : byStation.getOrDefault(stationId, Set.of())) {
            Tracked t = sessions.get(id);
            if (t != null && t.running() && (t.session.connectorId() == null || t.session.connectorId() == connectorId)) {
                t.connectorState = ocppStatus;
                emit(t, nanos);
            }
        }
    }

    // ---- polling mode and stations ---------------------------------------------------------------------------

    /** A session read by the public status poll (polling mode); its fields the poll cannot give stay as they were. */
    public synchronized void polled(ChargingSession polled) {
        Tracked t = sessions.get(polled.id());
        Instant now = clock.get();
        if (t == null) {
            t = track(polled);
        }
        // the poll knows neither the client nor the connector: what the console knew stays; the sample is dated now
        ChargingSession merged = polled.orElse(t.session);
        if (polled.meter() != null) {
            MeterSample m = polled.meter();
            merged = merged.withMeter(new MeterSample(now, m.energyWh(), m.powerW(), m.currentA(), m.voltageV(), m.soc()), null, null);
        }
        boolean wasRunning = t.running();
        t.session = merged;
        if (merged.status() == ChargingSession.Status.STARTED) {
            t.cost = SessionRules.runningCost(merged, null);
            sampled(t, polled.meter() == null ? null : merged.meter(), now);
        } else {
            t.cost = merged.amount();
            if (wasRunning || t.endedAt == null) {
                t.ended(now, false);
            }
        }
        emit(t, System.nanoTime());
    }

    /** A session the poll no longer finds: it is kept as ended, its final figures unknown. */
    public synchronized void lost(String sessionId) {
        Tracked t = sessions.get(sessionId);
        if (t != null && t.running()) {
            t.ended(clock.get(), true);
            emit(t, System.nanoTime());
        }
    }

    /** Stations as the network view knows them: their online flag decides the "station offline" queue. */
    public synchronized void stationsChanged(Collection<Station> changed) {
        for (Station s : changed) {
            if (s.online() == null) {
                continue;
            }
            StationState before = stations.get(s.id());
            if (before == null || !s.online().equals(before.online())) {
                Instant since = s.online() ? null : s.lastHeartbeat() != null ? s.lastHeartbeat() : clock.get();
                stations.put(s.id(), new StationState(s.online(), since));
            }
        }
    }

    // ---- evaluation ------------------------------------------------------------------------------------------

    /** Applies the time rules, evicts old ended sessions and reports totals and problems. Any thread. */
    public void evaluate() {
        List<SessionProblem> fresh = new ArrayList<>();
        List<SessionProblem> all = new ArrayList<>();
        Totals totals;
        synchronized (this) {
            Instant now = clock.get();
            long nanos = System.nanoTime();
            LocalDate today = LocalDate.ofInstant(now, kg.evpower.console.fx.Formats.BISHKEK);
            if (stoppedDay != null && !today.equals(stoppedDay)
                    || (stoppedBase == null || recalled) && lastReload != null && lastReload.plusSeconds(60).isBefore(now)) {
                reloadStopped(); // a new day, or the last try failed
            }
            int active = 0;
            BigDecimal power = BigDecimal.ZERO;
            BigDecimal energy = BigDecimal.ZERO;
            BigDecimal revenue = BigDecimal.ZERO;
            List<String> evict = new ArrayList<>();
            for (Tracked t : sessions.values()) {
                if (!t.running()) {
                    if (t.endedAt != null && t.endedAt.plus(KEEP_ENDED).isBefore(now) && !sameDay(t.endedAt, now)) {
                        evict.add(t.session.id());
                    }
                    continue;
                }
                active++;
                ChargingSession s = t.session;
                if (s.meter() != null && s.meter().powerW() != null && t.lastSampleAt != null
                        && !t.lastSampleAt.plus(SessionProblem.Kind.NO_METER.threshold()).isBefore(now)) {
                    power = power.add(s.meter().powerW());
                }
                if (s.energyKwh() != null) {
                    energy = energy.add(s.energyKwh());
                }
                if (t.cost != null) {
                    revenue = revenue.add(t.cost);
                }
                EnumMap<SessionProblem.Kind, Instant> found = rules(t, now);
                for (Map.Entry<SessionProblem.Kind, Instant> e : found.entrySet()) {
                    Instant kept = t.problems.get(e.getKey());
                    if (kept != null) {
                        e.setValue(kept);
                    }
                }
                if (!found.keySet().equals(t.problems.keySet())) {
                    for (Map.Entry<SessionProblem.Kind, Instant> e : found.entrySet()) {
                        if (!t.problems.containsKey(e.getKey())) {
                            fresh.add(problem(t, e.getKey(), e.getValue()));
                        }
                    }
                    t.problems.clear();
                    t.problems.putAll(found);
                    t.problemKinds = found.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(found.keySet()));
                    emit(t, nanos);
                }
                for (Map.Entry<SessionProblem.Kind, Instant> e : t.problems.entrySet()) {
                    all.add(problem(t, e.getKey(), e.getValue()));
                }
            }
            for (String id : evict) {
                Tracked t = sessions.remove(id);
                Set<String> on = byStation.get(t.session.stationId());
                if (on != null) {
                    on.remove(id);
                }
                sink.removed(id);
            }
            boolean known = stoppedBase != null;
            int endedToday = 0;
            if (known) {
                energy = energy.add(stoppedBase.energyKwh());
                revenue = revenue.add(stoppedBase.amount());
                endedToday = (int) stoppedBase.count() + endedSinceBase.size();
                for (Ended e : endedSinceBase.values()) {
                    energy = energy.add(e.energyKwh());
                    revenue = revenue.add(e.amount());
                }
            }
            totals = new Totals(active, power.movePointLeft(3).setScale(1, RoundingMode.HALF_UP), energy.setScale(2, RoundingMode.HALF_UP),
                    revenue.setScale(2, RoundingMode.HALF_UP), known, endedToday, known && recalled ? stoppedBase.serverTime() : null);
        }
        Comparator<SessionProblem> order = Comparator.comparing(SessionProblem::since).thenComparing(SessionProblem::sessionId);
        all.sort(order);
        fresh.sort(order);
        sink.evaluated(totals, all, fresh);
    }

    private EnumMap<SessionProblem.Kind, Instant> rules(Tracked t, Instant now) {
        StationState st = stations.get(t.session.stationId());
        return SessionRules.problems(t.session, t.cost, t.lastSampleAt, t.zeroSince, t.connectorState, st == null ? null : st.online(),
                st == null ? null : st.since(), now);
    }

    private static SessionProblem problem(Tracked t, SessionProblem.Kind kind, Instant since) {
        return new SessionProblem(kind, t.session.id(), t.session.stationId(), t.session.connectorId(), since);
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** The meter history of a session, or null when it is not tracked. */
    public synchronized MeterHistory history(String sessionId) {
        Tracked t = sessions.get(sessionId);
        return t == null ? null : t.history;
    }

    /** Ids of the sessions running now, as far as the console knows. */
    public synchronized Set<String> runningIds() {
        Set<String> ids = new HashSet<>();
        for (Tracked t : sessions.values()) {
            if (t.running()) {
                ids.add(t.session.id());
            }
        }
        return ids;
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    private Tracked track(ChargingSession s) {
        Tracked t = new Tracked(s);
        sessions.put(s.id(), t);
        if (s.stationId() != null) {
            byStation.computeIfAbsent(s.stationId(), k -> new HashSet<>()).add(s.id());
            if (s.connectorId() != null) {
                t.connectorState = connectorStates.get(s.stationId() + "#" + s.connectorId());
            }
        }
        return t;
    }

    private void sampled(Tracked t, MeterSample sample, Instant receivedAt) {
        if (sample == null) {
            return;
        }
        t.history.add(sample, t.session.energyKwh(), receivedAt);
        Instant at = sample.at() != null ? sample.at() : receivedAt;
        if (t.lastSampleAt == null || at.isAfter(t.lastSampleAt)) {
            t.lastSampleAt = at;
        }
        if (sample.powerW() != null) {
            if (sample.powerW().signum() == 0) {
                if (t.zeroSince == null) {
                    t.zeroSince = at;
                }
            } else {
                t.zeroSince = null;
            }
        }
    }

    private void emit(Tracked t, long nanos) {
        sink.changed(row(t, nanos));
    }

    private SessionRow row(Tracked t, long nanos) {
        ChargingSession s = t.session;
        return new SessionRow(s, t.cost, SessionRules.progress(s, t.cost), t.connectorState, t.problemKinds, t.endedUnseen, t.lastSampleAt, nanos);
    }

    private void countEnded(ChargingSession s) {
        if (stoppedBase == null || s.stopTime() == null) {
            return;
        }
        Instant asOf = stoppedBase.serverTime();
        if (asOf != null && s.stopTime().isBefore(asOf)) {
            return; // already in the server's total
        }
        if (!LocalDate.ofInstant(s.stopTime(), kg.evpower.console.fx.Formats.BISHKEK).equals(stoppedDay)) {
            return;
        }
        endedSinceBase.put(s.id(), new Ended(s.energyKwh() == null ? BigDecimal.ZERO : s.energyKwh(),
                s.amount() == null ? BigDecimal.ZERO : s.amount()));
    }

    private static boolean sameDay(Instant a, Instant b) {
        return LocalDate.ofInstant(a, kg.evpower.console.fx.Formats.BISHKEK).equals(LocalDate.ofInstant(b, kg.evpower.console.fx.Formats.BISHKEK));
    }

    /** Asks the server (off this thread) for today's ended sessions; counted locally after its answer's time. */
    private void reloadStopped() {
        if (stoppedSource == null || reloadPending) {
            return;
        }
        reloadPending = true;
        lastReload = clock.get();
        LocalDate day = LocalDate.ofInstant(clock.get(), kg.evpower.console.fx.Formats.BISHKEK);
        Instant from = day.atStartOfDay(kg.evpower.console.fx.Formats.BISHKEK).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(kg.evpower.console.fx.Formats.BISHKEK).toInstant();
        io.execute(() -> {
            SessionsApi.StoppedTotals base = null;
            try {
                base = stoppedSource.stopped(from, to);
            } catch (ApiException e) {
                LOG.info("today's ended sessions not known: {}", e.getMessage());
            }
            synchronized (this) {
                reloadPending = false;
                if (base != null) {
                    memory.keep(day, new SessionsApi.StoppedTotals(base.count(), base.energyKwh(), base.amount(), base.serverTime()));
                    recalled = false;
                } else if (stoppedBase != null && day.equals(stoppedDay)) {
                    return; // asked again and not answered: what is known stays, counted as before
                } else {
                    // not answered: the figure kept earlier today (before a language switch or a restart), with its time
                    base = memory.recall(day);
                    recalled = base != null && base.serverTime() != null;
                    if (!recalled) {
                        base = null;
                    }
                }
                stoppedDay = day;
                stoppedBase = base;
                endedSinceBase.clear();
                if (base != null) {
                    for (Tracked t : sessions.values()) {
                        if (t.session.status() == ChargingSession.Status.STOPPED) {
                            countEnded(t.session);
                        }
                    }
                    // every session that ended today, not only those seen ending since the console connected
                    long nanos = System.nanoTime();
                    for (ChargingSession s : base.sessions()) {
                        if (s.status() != ChargingSession.Status.STARTED && !sessions.containsKey(s.id())) {
                            Tracked t = track(s);
                            t.cost = s.amount();
                            t.ended(s.stopTime() != null ? s.stopTime() : clock.get(), false);
                            emit(t, nanos);
                        }
                    }
                }
            }
        });
    }
}
