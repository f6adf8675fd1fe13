package kg.evpower.console.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.fx.BackgroundTask;
import kg.evpower.console.fx.BatchList;
import kg.evpower.console.fx.TaskExecutor;

/**
 * The live sessions dashboard's state, on the FX thread: the table's rows (replaced in one change per pulse), the
 * filters, the totals, the problem queues, the selected session with its meter history, the mute switch and the admin
 * stop command. Touches no Node; fed by {@link #apply}, {@link #evaluated} and the polling status.
 */
public final class SessionsViewModel {

    /** Which rows the table shows. */
    public enum Show { ACTIVE, PROBLEMS, ENDED, ALL }

    /** Where the sessions come from. */
    public enum Mode { STREAM, POLLING }

    /** A notification to raise for new problems. */
    public interface Notifier {
        void notify(List<SessionProblem> fresh);
    }

    /** Stops a session through the operator API (blocking, off the FX thread): a message for the operator, or fails with one. */
    public interface Stopper {
        String stop(String sessionId, String reason) throws Exception;
    }

    /**
     * Finds the ids of a station's recent sessions where the server's API cannot (polling mode: production's public
     * API lists no sessions; the read-only database does), given the database password. Called on the FX thread (it
     * may read the settings there); the search it answers runs in the background.
     */
    public interface Finder {
        java.util.concurrent.Callable<List<String>> search(String stationId, char[] password);
    }

    /** What a search by station came to: the sessions found (now followed), or why it failed. */
    public record Found(String stationId, int sessions, String error) {
    }

    /** One entry per listed session, stable while it is listed; samples change the entry's row, not the list. */
    private final BatchList<Entry> rows = new BatchList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final FilteredList<Entry> shown = new FilteredList<>(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Show> show = new SimpleObjectProperty<>(Show.ACTIVE);
    private final ReadOnlyObjectWrapper<SessionsService.Totals> totals = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SessionProblem> problems = FXCollections.observableArrayList();
    private final Map<SessionProblem.Kind, IntegerProperty> counts = new EnumMap<>(SessionProblem.Kind.class);
    private final ObjectProperty<SessionProblem.Kind> queue = new SimpleObjectProperty<>(SessionProblem.Kind.NO_TRANSACTION);
    private final FilteredList<SessionProblem> queueItems = new FilteredList<>(problems);
    private final ObjectProperty<String> selectedId = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<SessionRow> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MeterHistory.Points> selectedPoints = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty muted = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<Mode> mode;
    private final StringProperty feedState = new SimpleStringProperty("");
    private final kg.evpower.console.fx.Freshness freshness = new kg.evpower.console.fx.Freshness();
    private final ReadOnlyObjectWrapper<SessionPoller.Status> polling = new ReadOnlyObjectWrapper<>();
    private final StringProperty actionMessage = new SimpleStringProperty();
    private final BooleanProperty actionFailed = new SimpleBooleanProperty();
    private final BooleanProperty stopping = new SimpleBooleanProperty();
    private final java.util.function.Function<String, MeterHistory> histories;
    private final Notifier notifier;
    private final Stopper stopper;
    private final Consumer<String> watcher;
    private final Finder finder;
    private final BooleanProperty finding = new SimpleBooleanProperty();
    private final ObjectProperty<Found> found = new SimpleObjectProperty<>();
    private final Supplier<Instant> clock;
    private final TaskExecutor tasks;
    private Consumer<Collection<SessionRow>> onApplied = r -> { };
    private Instant pointsTakenAt = Instant.EPOCH;
    private final List<SessionProblem> unsent = new ArrayList<>();
    private Instant lastNotified = Instant.EPOCH;
    /** The operator picked a queue: it stays open; until then the first queue with problems opens by itself. */
    private boolean queueChosen;

    /**
     * @param histories a session's meter history (from the service), or null when unknown
     * @param stopper   null when the server has no admin stop (polling mode)
     * @param watcher   follows a session by id in polling mode; null in stream mode
     * @param tasks     runs commands off the FX thread
     */
    public SessionsViewModel(Mode mode, java.util.function.Function<String, MeterHistory> histories, Notifier notifier, Stopper stopper,
                             Consumer<String> watcher, Supplier<Instant> clock, TaskExecutor tasks) {
        this(mode, histories, notifier, stopper, watcher, null, clock, tasks);
    }

    /** @param finder finds a station's sessions to follow in polling mode; null where there is no way to */
    public SessionsViewModel(Mode mode, java.util.function.Function<String, MeterHistory> histories, Notifier notifier, Stopper stopper,
                             Consumer<String> watcher, Finder finder, Supplier<Instant> clock, TaskExecutor tasks) {
        this.finder = finder;
        this.mode = new ReadOnlyObjectWrapper<>(mode);
        this.histories = histories;
        this.notifier = notifier;
        this.stopper = stopper;
        this.watcher = watcher;
        this.clock = clock;
        this.tasks = tasks;
        for (SessionProblem.Kind k : SessionProblem.Kind.values()) {
            counts.put(k, new SimpleIntegerProperty());
        }
        search.addListener((o, a, b) -> refilter());
        show.addListener((o, a, b) -> refilter());
        refilter();
        queueItems.setPredicate(p -> p.kind() == queue.get());
        queue.addListener((o, a, b) -> queueItems.setPredicate(p -> p.kind() == b));
        selectedId.addListener((o, a, b) -> {
            Integer i = b == null ? null : index.get(b);
            selected.set(i == null ? null : rows.get(i).row());
            if (!stopping.get()) {
                actionMessage.set(null); // the outcome was about the session shown before
            }
            pointsTakenAt = Instant.EPOCH;
            takePoints();
        });
    }

    // ---- fed by the composition root (FX thread) ----------------------------------------------------------------

    /**
     * Applies one pulse's coalesced changes; an empty value removes the session. A sample only sets the entry's row;
     * the list changes when sessions come or go, and entries whose status or problems changed are re-tested by the
     * filter in one update change.
     */
    public void apply(Map<String, Optional<SessionRow>> batch) {
        List<SessionRow> added = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        List<Integer> retest = new ArrayList<>();
        List<SessionRow> applied = new ArrayList<>(batch.size());
        for (Map.Entry<String, Optional<SessionRow>> e : batch.entrySet()) {
            Integer i = index.get(e.getKey());
            if (e.getValue().isEmpty()) {
                if (i != null) {
                    removed.add(i);
                }
                continue;
            }
            SessionRow row = e.getValue().get();
            applied.add(row);
            if (i == null) {
                added.add(row);
                continue;
            }
            Entry entry = rows.get(i);
            SessionRow before = entry.row();
            entry.set(row);
            if (before.running() != row.running() || before.problems().isEmpty() != row.problems().isEmpty()) {
                retest.add(i);
            }
        }
        if (!retest.isEmpty()) {
            rows.updated(retest.stream().mapToInt(Integer::intValue).toArray());
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            rows.apply(List.of(), added.stream().map(Entry::new).toList(), removed.stream().mapToInt(Integer::intValue).toArray());
            index.clear();
            for (int i = 0; i < rows.size(); i++) {
                index.put(rows.get(i).id(), i);
            }
        }
        String sel = selectedId.get();
        if (sel != null && batch.containsKey(sel)) {
            selected.set(batch.get(sel).orElse(null));
            takePoints();
        }
        onApplied.accept(applied);
    }

    /** The service's evaluation: totals, every open problem and the new ones (FX thread). */
    public void evaluated(SessionsService.Totals t, List<SessionProblem> all, List<SessionProblem> fresh) {
        totals.set(t);
        if (!all.equals(problems)) {
            problems.setAll(all);
            Map<SessionProblem.Kind, Integer> n = new EnumMap<>(SessionProblem.Kind.class);
            for (SessionProblem p : all) {
                n.merge(p.kind(), 1, Integer::sum);
            }
            counts.forEach((k, v) -> v.set(n.getOrDefault(k, 0)));
            if (!queueChosen && n.getOrDefault(queue.get(), 0) == 0) {
                n.keySet().stream().findFirst().ifPresent(queue::set); // EnumMap: the first kind in the view's order
            }
            if (show.get() == Show.PROBLEMS) {
                refilter();
            }
        }
        if (!fresh.isEmpty()) {
            unsent.addAll(fresh);
        }
        Instant now = clock.get();
        // at most one notification every 10 s; what came in between goes out together
        if (!unsent.isEmpty() && Duration.between(lastNotified, now).compareTo(Duration.ofSeconds(10)) >= 0) {
            if (!muted.get()) {
                notifier.notify(List.copyOf(unsent));
                lastNotified = now;
            }
            unsent.clear();
        }
        takePoints();
    }

    /**
     * The stream's state in words, and whether it is connected ({@code true}), lost ({@code false}) or neither
     * (connecting for the first time, stopped: {@code null}); while it is lost the sessions are as of its drop.
     */
    public void feedState(String text, Boolean connected, String lostReason) {
        feedState.set(text);
        freshness.feed("feed", connected, lostReason, clock.get());
    }

    /** How current the sessions and totals shown are. */
    public kg.evpower.console.fx.Freshness freshness() {
        return freshness;
    }

    public void pollingStatus(SessionPoller.Status s) {
        polling.set(s);
    }

    /** Told of every applied batch (for the benchmark's latency figure). */
    public void setOnApplied(Consumer<Collection<SessionRow>> listener) {
        this.onApplied = listener;
    }

    // ---- commands -----------------------------------------------------------------------------------------------

    /** Admin stop with a required reason; the outcome lands in {@link #actionMessageProperty()}. */
    public void stop(String sessionId, String reason) {
        if (stopper == null || reason == null || reason.isBlank() || stopping.get()) {
            return;
        }
        stopping.set(true);
        actionMessage.set(null);
        String why = reason.trim();
        BackgroundTask.of(() -> stopper.stop(sessionId, why)).onSuccess(msg -> {
            actionFailed.set(false);
            actionMessage.set(msg);
        }).onFailure(text -> {
            actionFailed.set(true);
            actionMessage.set(text);
        }).onFinished(() -> stopping.set(false)).executeWith(tasks);
    }

    public boolean canStop() {
        return stopper != null;
    }

    /** Whether sessions can be found by station here (polling mode with a database to ask). */
    public boolean canFind() {
        return finder != null && watcher != null;
    }

    /** Finds the recent sessions at {@code stationId} and follows each; the outcome lands in {@link #foundProperty()}. */
    public void findByStation(String stationId, char[] password) {
        String station = stationId == null ? "" : stationId.trim().toUpperCase(Locale.ROOT);
        if (!canFind() || station.isEmpty() || finding.get()) {
            return;
        }
        finding.set(true);
        found.set(null);
        char[] secret = password == null ? new char[0] : password.clone();
        BackgroundTask.of(finder.search(station, secret)::call).onSuccess(ids -> {
            ids.forEach(this::watch);
            found.set(new Found(station, ids.size(), null));
        }).onFailure(text -> found.set(new Found(station, 0, text))).onFinished(() -> {
            java.util.Arrays.fill(secret, '\0');
            finding.set(false);
        }).executeWith(tasks);
    }

    public ReadOnlyObjectProperty<Found> foundProperty() {
        return found;
    }

    public BooleanProperty findingProperty() {
        return finding;
    }

    /** Polling mode: follow a session by id. */
    public void watch(String sessionId) {
        if (watcher != null && sessionId != null && !sessionId.isBlank()) {
            watcher.accept(sessionId.trim());
        }
    }

    /** Selects the session of a problem (from the queue). */
    public void select(String sessionId) {
        if (sessionId != null && !index.containsKey(sessionId)) {
            return;
        }
        if (sessionId != null && show.get() != Show.ALL && shown.stream().noneMatch(r -> r.id().equals(sessionId))) {
            show.set(Show.ALL);
        }
        selectedId.set(sessionId);
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    public ObservableList<Entry> rows() {
        return shown;
    }

    public int total() {
        return rows.size();
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<Show> showProperty() {
        return show;
    }

    public ReadOnlyObjectProperty<SessionsService.Totals> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ObservableList<SessionProblem> problems() {
        return problems;
    }

    public IntegerProperty count(SessionProblem.Kind kind) {
        return counts.get(kind);
    }

    public ObjectProperty<SessionProblem.Kind> queueProperty() {
        return queue;
    }

    /** The operator opens a queue; from then on it is not switched for them. */
    public void chooseQueue(SessionProblem.Kind kind) {
        if (kind != null) {
            queueChosen = true;
            queue.set(kind);
        }
    }

    /** The table's empty text for what it shows now, as a message key: per filter, or for a search that finds nothing. */
    public String emptyKey() {
        if (search.get() != null && !search.get().isBlank()) {
            return "sessions.empty.search";
        }
        return show.get() == Show.ACTIVE ? "sessions.empty" : "sessions.empty." + show.get().name().toLowerCase(Locale.ROOT);
    }

    public ObservableList<SessionProblem> queueItems() {
        return queueItems;
    }

    public ObjectProperty<String> selectedIdProperty() {
        return selectedId;
    }

    public ReadOnlyObjectProperty<SessionRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MeterHistory.Points> selectedPointsProperty() {
        return selectedPoints.getReadOnlyProperty();
    }

    public BooleanProperty mutedProperty() {
        return muted;
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public StringProperty feedStateProperty() {
        return feedState;
    }

    public ReadOnlyObjectProperty<SessionPoller.Status> pollingProperty() {
        return polling.getReadOnlyProperty();
    }

    public StringProperty actionMessageProperty() {
        return actionMessage;
    }

    public BooleanProperty actionFailedProperty() {
        return actionFailed;
    }

    public BooleanProperty stoppingProperty() {
        return stopping;
    }

    // ---- internals ----------------------------------------------------------------------------------------------

    /** Copies the selected session's history for the charts, at most once a second. */
    private void takePoints() {
        String id = selectedId.get();
        Instant now = clock.get();
        if (id == null) {
            selectedPoints.set(null);
            return;
        }
        if (Duration.between(pointsTakenAt, now).compareTo(Duration.ofSeconds(1)) < 0) {
            return;
        }
        pointsTakenAt = now;
        MeterHistory h = histories.apply(id);
        selectedPoints.set(h == null ? null : h.points());
    }

    private void refilter() {
        String q = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        Show s = show.get();
        shown.setPredicate(e -> matches(e.row(), s) && (q.isEmpty() || text(e.row()).contains(q)));
    }

    private static boolean matches(SessionRow r, Show s) {
        return switch (s) {
            case ACTIVE -> r.running();
            case PROBLEMS -> !r.problems().isEmpty();
            case ENDED -> !r.running();
            case ALL -> true;
        };
    }

    private static String text(SessionRow r) {
        ChargingSession s = r.session();
        StringBuilder b = new StringBuilder(s.id());
        for (String x : new String[] {s.stationId(), s.locationName(), s.clientPhone(), s.clientId()}) {
            if (x != null) {
                b.append(' ').append(x);
            }
        }
        if (s.transactionId() != null) {
            b.append(' ').append(s.transactionId());
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * One session's line in the table, for as long as the session is listed: its current {@link SessionRow} lives in a
     * property, so a new meter sample updates the cells bound to it without touching the list (no list change, no
     * filtering or sorting work, no cells re-indexed). FX thread only.
     */
    public static final class Entry {

        private final String id;
        private final ReadOnlyObjectWrapper<SessionRow> row;

        Entry(SessionRow row) {
            this.id = row.id();
            this.row = new ReadOnlyObjectWrapper<>(row);
        }

        public String id() {
            return id;
        }

        public SessionRow row() {
            return row.get();
        }

        public ReadOnlyObjectProperty<SessionRow> rowProperty() {
            return row.getReadOnlyProperty();
        }

        void set(SessionRow r) {
            row.set(r);
        }
    }
}
