package kg.evpower.console.stations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationCommand;
import kg.evpower.console.fx.BackgroundTask;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.TaskExecutor;
import kg.evpower.console.i18n.Messages;

/**
 * What support staff, owners and operators may do to a station, and what has happened to it. The actions the role
 * allows (an operator: no hard reset, no configuration change, no clearing the cache — the operator API refuses them
 * too), the form each asks for with what it will do to a running session and its money said beforehand, the command
 * sent with a required reason and the station's answer said in words (its OCPP word beside), and the station's
 * timeline: commands with their answers, sessions started and ended, status changes and problems seen since the
 * console connected — the place to look before sending someone out. Against a server without the operator API there
 * are no actions, and one sentence says why.
 */
public final class StationActionsViewModel {

    /** The actions, in the order a person reaches for them. */
    public enum Action {
        UNLOCK("UnlockConnector"), RESET_SOFT("Reset"), MAKE_INOPERATIVE("ChangeAvailability"), MAKE_OPERATIVE("ChangeAvailability"),
        TRIGGER("TriggerMessage"), GET_CONFIGURATION("GetConfiguration"), RESET_HARD("Reset"), CHANGE_CONFIGURATION("ChangeConfiguration"),
        CLEAR_CACHE("ClearCache");

        final String ocpp;

        Action(String ocpp) {
            this.ocpp = ocpp;
        }
    }

    /** What a form asks besides the reason. */
    public enum Field { CONNECTOR, CONNECTOR_OR_STATION, MESSAGE, CONNECTOR_OPTIONAL, KEYS, KEY_VALUE }

    /** The dialog of one action on one station: what it asks, and what it will do, in the operator's words. */
    public record Form(Action action, Station station, String title, String consequence, List<Field> fields, List<Integer> connectors) {
    }

    /** What the operator filled in. */
    public record Answers(Integer connector, String message, String keys, String key, String value, String reason) {
    }

    /** One line of a station's timeline. */
    public record Entry(Instant time, String text, boolean problem) {
    }

    public static final List<String> MESSAGES = List.of("StatusNotification", "MeterValues", "Heartbeat", "BootNotification",
            "DiagnosticsStatusNotification", "FirmwareStatusNotification");
    /** How far back the timeline reads sessions. */
    static final Duration TIMELINE_DAYS = Duration.ofDays(1);
    static final int KEPT_PER_STATION = 200;

    private final Messages m;
    private final Formats f;
    private final StationCommandsGateway gateway;
    private final TaskExecutor tasks;
    private final Role role;
    private final boolean available;
    private final Supplier<Instant> clock;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty resultFailed = new SimpleBooleanProperty(false);
    private final ObjectProperty<StationCommand> lastAnswer = new SimpleObjectProperty<>();
    private final ObservableList<String> configuration = FXCollections.observableArrayList();
    private final StringProperty configurationTitle = new SimpleStringProperty("");
    private final ObjectProperty<Station> timelineStation = new SimpleObjectProperty<>();
    private final ObservableList<Entry> timeline = FXCollections.observableArrayList();
    private final StringProperty timelineStatus = new SimpleStringProperty("");
    /** What the console saw happen to each station since it connected (status changes, problems), newest last. */
    private final Map<String, Deque<Entry>> seen = new HashMap<>();
    private List<Entry> fromServer = List.of();
    private int generation;

    public StationActionsViewModel(Messages m, Formats f, StationCommandsGateway gateway, TaskExecutor tasks, Role role, boolean available,
                                   Supplier<Instant> clock) {
        this.m = m;
        this.f = f;
        this.gateway = gateway;
        this.tasks = tasks;
        this.role = role;
        this.available = available;
        this.clock = clock;
    }

    // ---- what may be done -------------------------------------------------------------------------------------------

    /** Whether this server takes station commands (the operator API's). */
    public boolean available() {
        return available;
    }

    /** Why there are no actions, in one sentence; null when there are. */
    public String unavailableNote() {
        return available ? null : m.get("actions.unavailable");
    }

    /** The actions the signed-in person may send, in order; none without the operator API or for a client. */
    public List<Action> actions() {
        if (!available || !role.isStaff()) {
            return List.of();
        }
        List<Action> out = new ArrayList<>(List.of(Action.values()));
        if (role == Role.OPERATOR) {
            out.removeAll(List.of(Action.RESET_HARD, Action.CHANGE_CONFIGURATION, Action.CLEAR_CACHE));
        }
        return out;
    }

    public String label(Action a) {
        return m.get("actions." + a.name());
    }

    /** The form of {@code a} on {@code s}: its fields and what it will do, counting the sessions running there now. */
    public Form form(Action a, Station s) {
        List<Integer> connectors = s.connectorList().stream().map(Connector::number).toList();
        long running = s.connectorList().stream().filter(c -> c.status() == ConnectorStatus.OCCUPIED).count();
        String consequence = switch (a) {
            case RESET_SOFT -> m.format("actions.effect.RESET_SOFT", running);
            case RESET_HARD -> m.format("actions.effect.RESET_HARD", running);
            default -> m.get("actions.effect." + a.name());
        };
        List<Field> fields = switch (a) {
            case UNLOCK -> List.of(Field.CONNECTOR);
            case MAKE_INOPERATIVE, MAKE_OPERATIVE -> List.of(Field.CONNECTOR_OR_STATION);
            case TRIGGER -> List.of(Field.MESSAGE, Field.CONNECTOR_OPTIONAL);
            case GET_CONFIGURATION -> List.of(Field.KEYS);
            case CHANGE_CONFIGURATION -> List.of(Field.KEY_VALUE);
            default -> List.of();
        };
        return new Form(a, s, m.format("actions.title", label(a), s.id()), consequence, fields, connectors);
    }

    /** What is missing before the form can be sent (in the operator's words), or null. */
    public String problem(Form form, Answers a) {
        if (a.reason() == null || a.reason().strip().length() < 3) {
            return m.get("actions.reason.required");
        }
        for (Field fl : form.fields()) {
            switch (fl) {
                case CONNECTOR -> {
                    if (a.connector() == null || a.connector() < 1) {
                        return m.get("actions.connector.required");
                    }
                }
                case CONNECTOR_OR_STATION -> {
                    if (a.connector() == null) {
                        return m.get("actions.connector.required");
                    }
                }
                case MESSAGE -> {
                    if (a.message() == null) {
                        return m.get("actions.message.required");
                    }
                }
                case KEY_VALUE -> {
                    if (a.key() == null || a.key().isBlank() || a.value() == null) {
                        return m.get("actions.key.required");
                    }
                }
                default -> {
                    // optional
                }
            }
        }
        return null;
    }

    /** The request the operator API takes for this form: its fields (snake_case, as the API names them). */
    static Map<String, Object> fields(Form form, Answers a) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (form.action()) {
            case RESET_SOFT -> out.put("type", "Soft");
            case RESET_HARD -> out.put("type", "Hard");
            case UNLOCK -> out.put("connector_id", a.connector());
            case MAKE_INOPERATIVE, MAKE_OPERATIVE -> {
                out.put("connector_id", a.connector());
                out.put("type", form.action() == Action.MAKE_OPERATIVE ? "Operative" : "Inoperative");
            }
            case TRIGGER -> {
                out.put("requested_message", a.message());
                if (a.connector() != null && a.connector() > 0) {
                    out.put("connector_id", a.connector());
                }
            }
            case GET_CONFIGURATION -> out.put("keys", a.keys() == null || a.keys().isBlank() ? List.of()
                    : List.of(a.keys().split("[,\\s]+")).stream().filter(k -> !k.isBlank()).toList());
            case CHANGE_CONFIGURATION -> {
                out.put("key", a.key().strip());
                out.put("value", a.value());
            }
            default -> {
                // ClearCache: nothing
            }
        }
        return out;
    }

    /**
     * Sends the form; while the station answers the view shows progress, then its answer in words. Nothing is sent while
     * the form has a problem. Whatever the answer, the station's timeline is read again.
     */
    public boolean send(Form form, Answers a) {
        if (busy.get() || problem(form, a) != null || !actions().contains(form.action())) {
            return false;
        }
        busy.set(true);
        resultFailed.set(false);
        result.set(m.format("actions.waiting", form.station().id()));
        configuration.clear();
        timelineStation.set(form.station()); // what follows shows in this station's history
        Map<String, Object> fields = fields(form, a);
        String reason = a.reason().strip();
        BackgroundTask.of(() -> gateway.send(form.station().id(), form.action().ocpp, fields, reason)).onSuccess(c -> {
            busy.set(false);
            lastAnswer.set(c);
            showConfiguration(c);
            resultFailed.set(!c.accepted());
            result.set(m.format("actions.answered", label(form.action()), form.station().id(), answer(c)));
            reloadTimeline(form.station());
        }).onFailure((text, e) -> {
            busy.set(false);
            resultFailed.set(true);
            result.set(m.format("actions.failed", text));
            reloadTimeline(form.station());
        }).executeWith(tasks);
        return true;
    }

    /** A GetConfiguration's keys, one line each («HeartbeatInterval = 300»), read-only ones and unknown keys said. */
    private void showConfiguration(StationCommand c) {
        List<String> lines = new ArrayList<>();
        if ("GetConfiguration".equals(c.action())) {
            for (StationCommand.ConfigKey k : c.configuration()) {
                lines.add(m.format("actions.config.line", k.key(), k.value() == null ? "—" : k.value())
                        + (k.readonly() ? " (" + m.get("actions.config.readonly") + ")" : ""));
            }
            for (String k : c.unknownKeys()) {
                lines.add(m.format("actions.config.unknown", k));
            }
        }
        configurationTitle.set(lines.isEmpty() ? "" : m.get("actions.config.title") + ": " + c.stationId());
        configuration.setAll(lines);
    }

    /** A command's answer in words, its OCPP word beside: «принято (Accepted)», «станция не ответила … (Timeout)». */
    public String answer(StationCommand c) {
        if (c.status() == null) {
            return m.get("actions.answer.awaited");
        }
        String key = "actions.answer." + c.status();
        String said = m.get(key);
        String answer = said.startsWith("!") ? c.status() : m.format("actions.answer.with", said, c.status());
        return c.observed().isEmpty() ? answer : answer + ": " + String.join("; ", c.observed());
    }

    // ---- the timeline -----------------------------------------------------------------------------------------------

    /** Shows {@code s}'s timeline: read from the server (commands, sessions) and merged with what the console saw. */
    public void showTimeline(Station s) {
        timelineStation.set(s);
        reloadTimeline(s);
    }

    private void reloadTimeline(Station s) {
        if (s == null) {
            return;
        }
        if (!available) {
            fromServer = List.of();
            timelineStatus.set(m.get("actions.timeline.seenOnly"));
            rebuild();
            return;
        }
        int gen = ++generation;
        timelineStatus.set(m.get("actions.timeline.loading"));
        String id = s.id();
        Instant since = clock.get().minus(TIMELINE_DAYS);
        BackgroundTask.of(() -> {
            List<Entry> out = new ArrayList<>();
            for (StationCommand c : gateway.history(id)) {
                out.add(new Entry(c.requestedAt(), m.format("actions.timeline.command", label(c), c.userName() == null ? "—" : c.userName(),
                        c.reason(), answer(c)), !c.accepted()));
            }
            for (ChargingSession x : gateway.sessions(id, since)) {
                String where = x.connectorId() == null ? "" : " #" + x.connectorId();
                if (x.startTime() != null) {
                    out.add(new Entry(x.startTime(), m.format("actions.timeline.started", where, x.id()), false));
                }
                if (x.stopTime() != null) {
                    out.add(new Entry(x.stopTime(), m.format("actions.timeline.ended", where, x.id(),
                            m.get("sessions.status." + x.status().name().toLowerCase(java.util.Locale.ROOT))), x.status() == ChargingSession.Status.ERROR));
                }
            }
            return out;
        }).onSuccess(list -> {
            if (gen == generation) {
                fromServer = list;
                timelineStatus.set("");
                rebuild();
            }
        }).onFailure((text, e) -> {
            if (gen == generation) {
                timelineStatus.set(m.format("actions.timeline.failed", text));
                rebuild();
            }
        }).executeWith(tasks);
    }

    /** The label of a command from the trail (its action and main field). */
    private String label(StationCommand c) {
        String type = c.fields().get("type");
        String connector = c.fields().get("connector_id");
        String what = switch (c.action()) {
            case "Reset" -> label("Hard".equals(type) ? Action.RESET_HARD : Action.RESET_SOFT);
            case "ChangeAvailability" -> label("Operative".equals(type) ? Action.MAKE_OPERATIVE : Action.MAKE_INOPERATIVE);
            case "UnlockConnector" -> label(Action.UNLOCK);
            case "TriggerMessage" -> label(Action.TRIGGER) + " " + c.fields().getOrDefault("requested_message", "");
            case "GetConfiguration" -> label(Action.GET_CONFIGURATION);
            case "ChangeConfiguration" -> label(Action.CHANGE_CONFIGURATION) + " " + c.fields().getOrDefault("key", "") + "="
                    + c.fields().getOrDefault("value", "");
            case "ClearCache" -> label(Action.CLEAR_CACHE);
            default -> c.action();
        };
        return connector == null ? what : what + " #" + ("0".equals(connector) ? m.get("actions.wholeStation") : connector);
    }

    /**
     * What the console saw happen to a station between two of its states: connectors changing status (a fault is a
     * problem), the station going offline or coming back. Kept per station, the newest {@value #KEPT_PER_STATION}.
     */
    public void observe(Station before, Station after) {
        if (before == null || after == null) {
            return;
        }
        Instant now = clock.get();
        Deque<Entry> kept = seen.computeIfAbsent(after.id(), k -> new ArrayDeque<>());
        Boolean was = before.online();
        Boolean is = after.online();
        if (was != null && is != null && !was.equals(is)) {
            kept.addLast(new Entry(now, m.get(is ? "actions.timeline.online" : "actions.timeline.offline"), !is));
        }
        Map<Integer, Connector> old = new HashMap<>();
        before.connectorList().forEach(c -> old.put(c.number(), c));
        for (Connector c : after.connectorList()) {
            Connector o = old.get(c.number());
            if (o != null && o.status() != c.status()) {
                boolean fault = c.status() == ConnectorStatus.FAULTED;
                String error = c.errorCode() == null || "NoError".equals(c.errorCode()) ? "" : " (" + c.errorCode() + ")";
                kept.addLast(new Entry(c.since() != null ? c.since() : now, m.format("actions.timeline.status", c.number(),
                        f.connectorStatus(o.status()), f.connectorStatus(c.status()) + error), fault));
            }
        }
        while (kept.size() > KEPT_PER_STATION) {
            kept.removeFirst();
        }
        Station shown = timelineStation.get();
        if (shown != null && shown.id().equals(after.id())) {
            rebuild();
        }
    }

    private void rebuild() {
        Station s = timelineStation.get();
        List<Entry> all = new ArrayList<>(fromServer);
        if (s != null) {
            all.addAll(seen.getOrDefault(s.id(), new ArrayDeque<>()));
        }
        all.sort(Comparator.comparing(Entry::time, Comparator.nullsLast(Comparator.reverseOrder())));
        timeline.setAll(all);
    }

    // ---- properties -------------------------------------------------------------------------------------------------

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public BooleanProperty resultFailedProperty() {
        return resultFailed;
    }

    /** The last command's answer (its keys, for a GetConfiguration). */
    public ObjectProperty<StationCommand> lastAnswerProperty() {
        return lastAnswer;
    }

    /** The settings the last GetConfiguration read, one line each; empty after any other command. */
    public ObservableList<String> configuration() {
        return configuration;
    }

    public StringProperty configurationTitleProperty() {
        return configurationTitle;
    }

    public ObjectProperty<Station> timelineStationProperty() {
        return timelineStation;
    }

    public ObservableList<Entry> timeline() {
        return timeline;
    }

    public StringProperty timelineStatusProperty() {
        return timelineStatus;
    }
}
