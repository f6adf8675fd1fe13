package kg.evpower.console.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import kg.evpower.console.domain.PushDelivery;
import kg.evpower.console.domain.PushSent;
import kg.evpower.console.domain.PushSubscription;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.fx.BackgroundTask;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.TaskExecutor;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.people.PeopleListViewModel;

/**
 * The notifications view's state: the people the operator may reach (filtered here, loaded once), the chosen person's
 * subscriptions, the message being composed with its exact JSON, the results of the last send, one row per device,
 * filled as each answer arrives, and the local history. All I/O goes through the gateway in background tasks; every
 * change of state happens on the FX thread.
 */
public final class PushViewModel {

    /** One device of the last send: pending (state null) until its answer arrives. */
    public static final class ResultRow {
        private final PushSubscription subscription;
        private final String device;
        private final String service;
        private final ReadOnlyObjectWrapper<PushHistory.Delivery> delivery = new ReadOnlyObjectWrapper<>();

        ResultRow(PushSubscription subscription, String device, String service) {
            this.subscription = subscription;
            this.device = device;
            this.service = service;
        }

        public PushSubscription subscription() {
            return subscription;
        }

        public String device() {
            return device;
        }

        public String service() {
            return service;
        }

        /** Null while the answer is awaited. */
        public ReadOnlyObjectProperty<PushHistory.Delivery> deliveryProperty() {
            return delivery.getReadOnlyProperty();
        }

        public PushHistory.Delivery delivery() {
            return delivery.get();
        }
    }

    private final Messages m;
    private final PushTexts texts;
    private final PushGateway gateway;
    private final TaskExecutor tasks;
    private final PushHistory history;
    private final Supplier<String> who;
    private final Supplier<Instant> clock;

    private final PeopleListViewModel list;

    private final ObservableList<PushSubscription> subscriptions = FXCollections.observableArrayList();
    private final StringProperty subscriptionsStatus = new SimpleStringProperty("");
    private int subscriptionsGeneration;

    private final StringProperty template = new SimpleStringProperty(PushTemplates.IDS.get(0));
    private final StringProperty language = new SimpleStringProperty("ru");
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("/");
    private final StringProperty preview = new SimpleStringProperty("");
    private final StringProperty size = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty();

    private final BooleanProperty sending = new SimpleBooleanProperty(false);
    private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
    private final StringProperty sendStatus = new SimpleStringProperty("");
    private final StringProperty payloadCheck = new SimpleStringProperty("");
    private final StringProperty sentPayload = new SimpleStringProperty("");

    private final ObservableList<PushHistory.Entry> historyEntries = FXCollections.observableArrayList();
    private final StringProperty historyStatus = new SimpleStringProperty("");

    public PushViewModel(Messages m, Formats f, PushGateway gateway, TaskExecutor tasks, PushHistory history, Supplier<String> who,
                         Supplier<Instant> clock) {
        this.m = m;
        this.texts = new PushTexts(m, f);
        this.gateway = gateway;
        this.tasks = tasks;
        this.history = history;
        this.who = who;
        this.clock = clock;
        this.list = new PeopleListViewModel(m, f);
        list.selectedProperty().addListener((o, a, b) -> loadSubscriptions());
        template.addListener((o, a, b) -> applyTemplate());
        language.addListener((o, a, b) -> applyTemplate());
        title.addListener((o, a, b) -> recompose());
        body.addListener((o, a, b) -> recompose());
        url.addListener((o, a, b) -> recompose());
        applyTemplate();
    }

    public PushGateway.Mode mode() {
        return gateway.mode();
    }

    // ---- people ----------------------------------------------------------------------------------------------

    /** Loads everyone the operator may reach (operator API mode) and the history. */
    public void start() {
        loadHistory();
        if (mode() == PushGateway.Mode.OPERATOR_API) {
            reloadPeople();
        }
    }

    /** Reads the people again, and the chosen person's subscriptions. */
    public void reloadPeople() {
        list.loading();
        BackgroundTask.of(gateway::people).onFailure((text, err) -> list.failed(ErrorTexts.message(err))).onSuccess(listing -> {
            if (list.show(listing)) {
                loadSubscriptions(); // unchanged person: the refresh still re-reads their devices
            }
        }).executeWith(tasks);
    }

    /** The list of people: search, filters, the chosen person. */
    public PeopleListViewModel list() {
        return list;
    }

    public ObservableList<StaffMember> people() {
        return list.shown();
    }

    public ObjectProperty<StaffMember> selectedProperty() {
        return list.selectedProperty();
    }

    // ---- subscriptions -----------------------------------------------------------------------------------------

    public void loadSubscriptions() {
        StaffMember who = list.selectedProperty().get();
        int gen = ++subscriptionsGeneration;
        subscriptions.clear(); // filled again only by a successful read: non-empty means loaded
        if (who == null) {
            subscriptionsStatus.set(m.get("push.subs.choose"));
            return;
        }
        subscriptionsStatus.set(m.get("push.subs.loading"));
        BackgroundTask.of(() -> gateway.subscriptions(who.id())).onFailure((text, err) -> {
            if (gen == subscriptionsGeneration) {
                subscriptionsStatus.set(m.format("push.subs.failed", ErrorTexts.message(err)));
            }
        }).onSuccess(list -> {
            if (gen == subscriptionsGeneration) {
                subscriptions.setAll(list);
                subscriptionsStatus.set(list.isEmpty() ? m.get("push.subs.none") : m.format("push.subs.count", list.size()));
            }
        }).executeWith(tasks);
    }

    public ObservableList<PushSubscription> subscriptions() {
        return subscriptions;
    }

    public StringProperty subscriptionsStatusProperty() {
        return subscriptionsStatus;
    }

    // ---- compose -----------------------------------------------------------------------------------------------

    private void applyTemplate() {
        if (template.get() == null || language.get() == null) {
            return;
        }
        PushMessage t = PushTemplates.message(template.get(), language.get(), null);
        title.set(t.title());
        body.set(t.body());
        recompose();
    }

    /** The message as composed now. */
    public PushMessage message() {
        return new PushMessage(title.get(), body.get(), url.get());
    }

    private void recompose() {
        PushMessage msg = message();
        Instant now = clock.get();
        String why = msg.problem();
        problem.set(why == null ? null : m.format(why, PushMessage.MAX_BYTES));
        preview.set(msg.pretty(now));
        size.set(m.format("push.compose.size", msg.bytes(now), PushMessage.MAX_BYTES));
    }

    public StringProperty templateProperty() {
        return template;
    }

    public StringProperty languageProperty() {
        return language;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty previewProperty() {
        return preview;
    }

    public StringProperty sizeProperty() {
        return size;
    }

    /** Why the message cannot be sent, or null. */
    public StringProperty problemProperty() {
        return problem;
    }

    // ---- send ---------------------------------------------------------------------------------------------------

    /** True while sending is possible: someone chosen with subscriptions, a valid message, nothing in flight. */
    public BooleanBinding canSend() {
        return Bindings.createBooleanBinding(() -> !sending.get() && list.selectedProperty().get() != null && problem.get() == null
                && !subscriptions.isEmpty(), sending, list.selectedProperty(), problem, subscriptions);
    }

    /**
     * Sends the composed message to {@code chosen} (all of the person's subscriptions when empty), one request per
     * subscription so each device's result shows as it arrives. When all are in: the history entry, and the person's
     * subscriptions read again (a device that answered 404/410 is gone).
     */
    public void send(List<PushSubscription> chosen) {
        StaffMember target = list.selectedProperty().get();
        if (target == null || sending.get() || problem.get() != null) {
            return;
        }
        List<PushSubscription> to = chosen == null || chosen.isEmpty() ? List.copyOf(subscriptions) : List.copyOf(chosen);
        if (to.isEmpty()) {
            return;
        }
        Instant at = clock.get();
        PushMessage msg = message();
        String composed = msg.payload(at);
        preview.set(msg.pretty(at));
        sending.set(true);
        payloadCheck.set("");
        sentPayload.set(PushMessage.pretty(composed));
        List<ResultRow> rows = new ArrayList<>();
        for (PushSubscription s : to) {
            rows.add(new ResultRow(s, Devices.describe(s.userAgent(), m), Devices.service(s.endpointHost())));
        }
        results.setAll(rows);
        sendStatus.set(m.format("push.send.progress", 0, rows.size()));
        AtomicInteger done = new AtomicInteger();
        List<String> serverPayloads = new ArrayList<>();
        for (ResultRow row : rows) {
            Consumer<PushHistory.Delivery> arrived = d -> {
                row.delivery.set(d);
                int n = done.incrementAndGet();
                sendStatus.set(m.format("push.send.progress", n, rows.size()));
                if (n == rows.size()) {
                    finish(target, msg, at, composed, rows, serverPayloads);
                }
            };
            BackgroundTask.of(() -> gateway.send(target.id(), row.subscription(), msg, at)).onSuccess(sent -> {
                if (sent.payload() != null) {
                    serverPayloads.add(sent.payload());
                }
                arrived.accept(delivery(row, sent, null));
            }).onFailure((text, err) -> arrived.accept(delivery(row, null, err))).executeWith(tasks);
        }
    }

    private PushHistory.Delivery delivery(ResultRow row, PushSent sent, Throwable err) {
        String id = row.subscription().id();
        if (err != null) {
            return new PushHistory.Delivery(id, row.device(), row.service(), 0, PushHistory.State.NOT_SENT, -1, ErrorTexts.message(err));
        }
        PushDelivery d = sent.results().stream().filter(r -> id.equals(r.subscriptionId())).findFirst().orElse(null);
        if (d == null) {
            return new PushHistory.Delivery(id, row.device(), row.service(), 0, PushHistory.State.NOT_SENT, -1, m.get("push.error.noResult"));
        }
        PushHistory.State state = switch (d.outcome()) {
            case DELIVERED -> PushHistory.State.DELIVERED;
            case REMOVED -> PushHistory.State.REMOVED;
            case GONE -> PushHistory.State.GONE;
            case FAILED -> PushHistory.State.FAILED;
            case UNKNOWN -> PushHistory.State.UNKNOWN;
        };
        String error = d.error() == null || d.error().isBlank() ? null : d.error().strip();
        if (error != null && error.length() > 200) {
            error = error.substring(0, 200) + "…";
        }
        return new PushHistory.Delivery(id, row.device(), row.service(), d.status(), state, d.latencyMs(), error);
    }

    private void finish(StaffMember target, PushMessage msg, Instant at, String composed, List<ResultRow> rows, List<String> serverPayloads) {
        sending.set(false);
        List<PushHistory.Delivery> deliveries = rows.stream().map(ResultRow::delivery).toList();
        PushHistory.Entry entry = new PushHistory.Entry(at, who.get(), target.id(), target.displayName(), "operator_api", msg.title(),
                msg.body(), msg.url(), serverPayloads.isEmpty() ? composed : serverPayloads.get(0), deliveries, null);
        sendStatus.set(summary(entry));
        boolean differs = serverPayloads.stream().anyMatch(p -> !p.equals(composed));
        if (serverPayloads.isEmpty()) {
            payloadCheck.set(m.get("push.payload.unconfirmed"));
        } else if (differs) {
            payloadCheck.set(m.get("push.payload.differs"));
            sentPayload.set(PushMessage.pretty(serverPayloads.stream().filter(p -> !p.equals(composed)).findFirst().orElseThrow()));
        } else {
            payloadCheck.set(m.format("push.payload.same", composed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        record(entry);
        if (Objects.equals(list.selectedProperty().get(), target)) {
            loadSubscriptions();
        }
    }

    /** Production's own test to the signed-in person's subscriptions (the only send a server without the operator API has). */
    public void sendSelf() {
        if (sending.get()) {
            return;
        }
        Instant at = clock.get();
        sending.set(true);
        results.clear();
        sendStatus.set(m.get("push.self.sending"));
        Consumer<String> done = note -> {
            sending.set(false);
            sendStatus.set(note);
            PushMessage t = PushMessage.PRODUCTION_TEST;
            record(new PushHistory.Entry(at, who.get(), null, m.get("push.self.target"), "self", t.title(), t.body(), null, null, List.of(),
                    note));
        };
        BackgroundTask.of(gateway::sendSelf).onSuccess(sent -> done.accept(m.format("push.self.sent", sent.sentTo())))
                .onFailure((text, t) -> done.accept(t instanceof PushGateway.Failure f && f.noSubscriptions() ? m.get("push.self.none")
                        : m.format("push.send.failed", ErrorTexts.message(t)))).executeWith(tasks);
    }

    private String summary(PushHistory.Entry e) {
        return m.format("push.send.summary", e.count(PushHistory.State.DELIVERED), e.count(PushHistory.State.REMOVED),
                e.count(PushHistory.State.GONE) + e.count(PushHistory.State.FAILED) + e.count(PushHistory.State.UNKNOWN)
                        + e.count(PushHistory.State.NOT_SENT));
    }

    /** The outcome of one history entry in words. */
    public String outcome(PushHistory.Entry e) {
        return "self".equals(e.mode()) ? Objects.requireNonNullElse(e.note(), "") : summary(e);
    }

    public BooleanProperty sendingProperty() {
        return sending;
    }

    public ObservableList<ResultRow> results() {
        return results;
    }

    public StringProperty sendStatusProperty() {
        return sendStatus;
    }

    /** Whether the server encrypted exactly the composed JSON. */
    public StringProperty payloadCheckProperty() {
        return payloadCheck;
    }

    /** The JSON of the last send as the server reported it (the composed one while it has not). */
    public StringProperty sentPayloadProperty() {
        return sentPayload;
    }

    // ---- history -------------------------------------------------------------------------------------------------

    private void loadHistory() {
        BackgroundTask.of(history::load).onFailure((text, err) -> historyStatus.set(m.format("push.history.failed", ErrorTexts.message(err))))
                .onSuccess(loaded -> {
                    historyEntries.setAll(loaded.entries());
                    historyStatus.set(loaded.damagedLines().isEmpty() ? m.format("push.history.count", loaded.entries().size())
                            : m.format("push.history.damaged", loaded.entries().size(), loaded.damagedLines().toString()));
                }).executeWith(tasks);
    }

    private void record(PushHistory.Entry e) {
        historyEntries.add(0, e);
        BackgroundTask.run(() -> history.append(e)).onSuccess(v -> historyStatus.set(m.format("push.history.count", historyEntries.size())))
                .onFailure((text, err) -> historyStatus.set(m.format("push.history.notSaved", ErrorTexts.message(err)))).executeWith(tasks);
    }

    /** What one device's answer means, in words: delivered, removed, rate-limited, the service failing, unreachable. */
    public String detail(PushHistory.Delivery d) {
        return texts.detail(d);
    }

    /** One history entry in full: when, who, to whom, and what each device got. */
    public String historyDetail(PushHistory.Entry e) {
        return texts.historyDetail(e);
    }

    public ObservableList<PushHistory.Entry> history() {
        return historyEntries;
    }

    public StringProperty historyStatusProperty() {
        return historyStatus;
    }
}
