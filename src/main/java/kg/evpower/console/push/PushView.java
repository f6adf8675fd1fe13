package kg.evpower.console.push;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import kg.evpower.console.domain.PushSubscription;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.people.PeopleListView;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Test push notifications. With the operator API: people on the left (search, role, active), and for the chosen person
 * their devices, the message with its exact JSON, a result per device as it arrives, and the history. Without it: what
 * can be done, in one paragraph, and exactly that.
 */
public final class PushView extends BorderPane {

    private final PushViewModel vm;
    private final Messages m;
    private final Formats formats;

    public PushView(PushViewModel vm, Messages m, Formats formats) {
        this.vm = vm;
        this.m = m;
        this.formats = formats;
        setId("push-view");
        setPadding(new Insets(12));
        if (vm.mode() == PushGateway.Mode.OPERATOR_API) {
            SplitPane split = new SplitPane(peoplePane(), tabs());
            split.setDividerPositions(0.31);
            setCenter(split);
        } else {
            setCenter(selfPane());
        }
        vm.start();
    }

    // ---- people

    private Node peoplePane() {
        return new PeopleListView(vm.list(), m, formats, "push", m.get("push.people.title"), vm::reloadPeople);
    }

    // ---- send and history tabs

    private Node tabs() {
        Tab send = new Tab(m.get("push.tab.send"), sendPane());
        send.setId("push-tab-send");
        Tab history = new Tab(m.get("push.tab.history"), historyPane());
        history.setId("push-tab-history");
        TabPane tabs = new TabPane(send, history);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private Node sendPane() {
        Label target = new Label();
        target.setId("push-target");
        target.getStyleClass().add("title-4");
        target.textProperty().bind(Bindings.createStringBinding(() -> {
            StaffMember s = vm.selectedProperty().get();
            return s == null ? m.get("push.target.none")
                    : s.displayName() + " · " + formats.role(s.role()) + (s.contact().isEmpty() ? "" : " · " + s.contact());
        }, vm.selectedProperty()));
        target.setWrapText(true);

        TableView<PushSubscription> subs = new TableView<>(vm.subscriptions());
        subs.setId("push-subs");
        subs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        subs.getColumns().add(Controls.column(m.get("push.subs.device"), s -> Devices.describe(s.userAgent(), m), 150));
        TableColumn<PushSubscription, String> audience = Controls.column(m.get("push.subs.audience"),
                s -> m.get("push.audience." + s.audience().name().toLowerCase()), 80);
        TableColumn<PushSubscription, String> service = Controls.column(m.get("push.subs.service"), s -> Devices.service(s.endpointHost()), 120);
        TableColumn<PushSubscription, String> created = Controls.column(m.get("push.subs.created"),
                s -> s.created() == null ? "—" : formats.dateTime(s.created()), 125);
        subs.getColumns().addAll(List.of(audience, service, created));
        subs.getColumns().add(Controls.column(m.get("push.subs.lastUsed"),
                s -> s.lastUsed() == null ? m.get("push.subs.never") : formats.dateTime(s.lastUsed()), 125));
        subs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // the device and its last delivery stay; when it was subscribed goes first
        kg.evpower.console.fx.ColumnFit.install(subs, created, service, audience);
        fitRows(subs, 3);
        Label subsStatus = new Label();
        subsStatus.setId("push-subs-status");
        subsStatus.textProperty().bind(vm.subscriptionsStatusProperty());
        subsStatus.setWrapText(true);
        subs.setPlaceholder(Controls.placeholder(m.get("push.subs.placeholder")));

        Button sendButton = new Button(null, new FontIcon("mdi2s-send"));
        sendButton.setId("push-send");
        sendButton.getStyleClass().add("accent");
        sendButton.disableProperty().bind(vm.canSend().not());
        sendButton.textProperty().bind(Bindings.createStringBinding(() -> {
            int chosen = subs.getSelectionModel().getSelectedItems().size();
            return chosen == 0 ? m.format("push.send.all", vm.subscriptions().size()) : m.format("push.send.chosen", chosen);
        }, subs.getSelectionModel().getSelectedItems(), vm.subscriptions()));
        sendButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        sendButton.setOnAction(e -> vm.send(List.copyOf(subs.getSelectionModel().getSelectedItems())));
        HBox sendBar = sendBar(sendButton);

        VBox box = new VBox(8, target, section("push.subs.title"), subs, subsStatus, section("push.compose.title"), compose(), sendBar,
                section("push.results.title"), results(), payloadCheck());
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Label section(String key) {
        Label l = new Label(m.get(key));
        l.getStyleClass().add("text-bold");
        return l;
    }

    private Node compose() {
        ComboBox<String> template = Controls.boundChoice("push-template", PushTemplates.IDS, id -> m.get("push.tpl." + id), vm.templateProperty());
        ComboBox<String> language = Controls.boundChoice("push-language", PushTemplates.LANGUAGES, l -> m.get("push.lang." + l), vm.languageProperty());
        TextField title = new TextField();
        title.setId("push-title");
        title.textProperty().bindBidirectional(vm.titleProperty());
        TextArea body = new TextArea();
        body.setId("push-body");
        body.setWrapText(true);
        body.setPrefRowCount(4);
        body.textProperty().bindBidirectional(vm.bodyProperty());
        TextField url = new TextField();
        url.setId("push-url");
        url.setPromptText(m.get("push.compose.urlPrompt"));
        url.textProperty().bindBidirectional(vm.urlProperty());
        Label problem = new Label();
        problem.setId("push-problem");
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setWrapText(true);

        template.setMaxWidth(Double.MAX_VALUE);
        language.setMaxWidth(Double.MAX_VALUE);
        template.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        language.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox templateBox = labelled("push.compose.template", template);
        VBox languageBox = labelled("push.compose.language", language);
        HBox.setHgrow(templateBox, Priority.ALWAYS);
        HBox.setHgrow(languageBox, Priority.ALWAYS);
        VBox form = new VBox(6, new HBox(8, templateBox, languageBox), labelled("push.compose.titleLabel", title),
                labelled("push.compose.body", body), labelled("push.compose.url", url), problem);

        TextArea preview = new TextArea();
        preview.setId("push-preview");
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.getStyleClass().add("json-preview");
        preview.textProperty().bind(vm.previewProperty());
        preview.setPrefRowCount(12);
        Label previewTitle = new Label(m.get("push.compose.preview"));
        Label size = new Label();
        size.setId("push-size");
        size.getStyleClass().add("text-muted");
        size.textProperty().bind(vm.sizeProperty());
        VBox previewBox = new VBox(4, previewTitle, preview, size);
        VBox.setVgrow(preview, Priority.ALWAYS);

        form.setPrefWidth(360);
        previewBox.setPrefWidth(340);
        // the message and its JSON side by side where both fit, the JSON under the message where not
        return Controls.sideBySide(700, 14, form, previewBox);
    }

    private VBox labelled(String key, Node field) {
        Label l = new Label(m.get(key));
        l.setLabelFor(field);
        return new VBox(2, l, field);
    }

    private Node results() {
        TableView<PushViewModel.ResultRow> t = new TableView<>(vm.results());
        t.setId("push-results");
        t.setPlaceholder(Controls.placeholder(m.get("push.results.empty")));
        t.getColumns().add(Controls.column(m.get("push.subs.device"), PushViewModel.ResultRow::device, 150));
        TableColumn<PushViewModel.ResultRow, PushHistory.Delivery> outcome = new TableColumn<>(m.get("push.results.outcome"));
        outcome.setCellValueFactory(d -> d.getValue().deliveryProperty());
        outcome.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(PushHistory.Delivery d, boolean empty) {
                super.updateItem(d, empty);
                if (empty) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(d == null ? m.get("push.state.pending") : m.get("push.state." + d.state().name().toLowerCase()));
                FontIcon icon = new FontIcon(d == null ? "mdi2t-timer-sand" : switch (d.state()) {
                    case DELIVERED -> "mdi2c-check-circle";
                    case REMOVED -> "mdi2d-delete-circle";
                    default -> "mdi2a-alert-circle";
                });
                icon.getStyleClass().add(d == null ? "pending-icon" : "push-" + d.state().name().toLowerCase());
                setGraphic(icon);
            }
        });
        outcome.setPrefWidth(160);
        t.getColumns().add(outcome);
        TableColumn<PushViewModel.ResultRow, PushHistory.Delivery> status = deliveryColumn("push.results.status", 60,
                d -> d.status() == 0 ? "—" : String.valueOf(d.status()));
        TableColumn<PushViewModel.ResultRow, PushHistory.Delivery> latency = deliveryColumn("push.results.latency", 85,
                d -> d.latencyMs() < 0 ? "—" : m.format("push.results.ms", d.latencyMs()));
        t.getColumns().addAll(List.of(status, latency));
        t.getColumns().add(deliveryColumn("push.results.detail", 120, d -> vm.detail(d)));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // the device, what became of the message and why stay; how long it took goes first
        kg.evpower.console.fx.ColumnFit.install(t, latency, status);
        fitRows(t, 3);
        return t;
    }

    /** Lets a table grow with its rows (at least {@code min}), so the page scrolls as one and every row is drawn. */
    private static void fitRows(TableView<?> t, int min) {
        t.setFixedCellSize(30);
        t.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> 42 + 30.0 * Math.max(min, t.getItems().size()), t.getItems()));
        t.minHeightProperty().bind(t.prefHeightProperty());
        t.maxHeightProperty().bind(t.prefHeightProperty());
    }

    private TableColumn<PushViewModel.ResultRow, PushHistory.Delivery> deliveryColumn(String key, double width,
                                                                                       java.util.function.Function<PushHistory.Delivery, String> text) {
        TableColumn<PushViewModel.ResultRow, PushHistory.Delivery> c = new TableColumn<>(m.get(key));
        c.setCellValueFactory(d -> d.getValue().deliveryProperty());
        c.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(PushHistory.Delivery d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : text.apply(d));
                setTooltip(empty || d == null ? null : new javafx.scene.control.Tooltip(text.apply(d)));
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    private Node payloadCheck() {
        Label check = new Label();
        check.setId("push-payload-check");
        check.textProperty().bind(vm.payloadCheckProperty());
        check.setWrapText(true);
        TextArea sent = new TextArea();
        sent.setId("push-sent-payload");
        sent.setEditable(false);
        sent.setWrapText(true);
        sent.setPrefRowCount(6);
        sent.getStyleClass().add("json-preview");
        sent.textProperty().bind(vm.sentPayloadProperty());
        javafx.scene.control.TitledPane pane = new javafx.scene.control.TitledPane(m.get("push.payload.sent"), sent);
        pane.setExpanded(false);
        pane.visibleProperty().bind(vm.sentPayloadProperty().isNotEmpty());
        pane.managedProperty().bind(pane.visibleProperty());
        return new VBox(6, check, pane);
    }

    private Node historyPane() {
        TableView<PushHistory.Entry> t = new TableView<>(vm.history());
        t.setId("push-history");
        t.setPlaceholder(Controls.placeholder(m.get("push.history.empty")));
        t.getColumns().add(Controls.column(m.get("push.history.at"), e -> formats.dateTime(e.at()), 125));
        TableColumn<PushHistory.Entry, String> who = Controls.column(m.get("push.history.who"), PushHistory.Entry::who, 120);
        t.getColumns().add(who);
        t.getColumns().add(Controls.column(m.get("push.history.to"), e -> e.targetName() == null ? "" : e.targetName(), 120));
        TableColumn<PushHistory.Entry, String> title = Controls.column(m.get("push.history.title"), PushHistory.Entry::title, 120);
        t.getColumns().add(title);
        t.getColumns().add(Controls.column(m.get("push.history.outcome"), vm::outcome, 190));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // when, to whom and what came of it stay; the message's title (in the detail below) goes first
        kg.evpower.console.fx.ColumnFit.install(t, title, who);
        TextArea detail = new TextArea();
        detail.setId("push-history-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("json-preview");
        detail.setPrefRowCount(10);
        t.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> detail.setText(e == null ? "" : vm.historyDetail(e)));
        Label status = new Label();
        status.setId("push-history-status");
        status.textProperty().bind(vm.historyStatusProperty());
        SplitPane split = new SplitPane(t, detail);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(8, split, status);
        box.setPadding(new Insets(10));
        return box;
    }

    // ---- without the operator API

    private Node selfPane() {
        Label heading = new Label(m.get("push.self.title"));
        heading.getStyleClass().add("title-3");
        Label explain = new Label(m.get("push.self.explain"));
        explain.setId("push-self-explain");
        explain.setWrapText(true);
        explain.setMaxWidth(760);
        explain.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the whole paragraph, never cut to one line
        TextArea preview = new TextArea(PushMessage.productionPreview(m.get("push.self.serverTime")));
        preview.setId("push-preview");
        preview.setEditable(false);
        preview.getStyleClass().add("json-preview");
        preview.setPrefRowCount(10);
        preview.setMinHeight(190);
        preview.setMaxWidth(760);
        Button send = new Button(m.get("push.self.send"), new FontIcon("mdi2s-send"));
        send.setId("push-self-send");
        send.getStyleClass().add("accent");
        send.disableProperty().bind(vm.sendingProperty());
        send.setOnAction(e -> vm.sendSelf());
        HBox bar = sendBar(send);
        Node history = historyPane();
        VBox.setVgrow(history, Priority.ALWAYS);
        VBox box = new VBox(12, heading, explain, new Label(m.get("push.self.preview")), preview, bar, section("push.tab.history"), history);
        box.setPadding(new Insets(8));
        return box;
    }

    /** A send button with the send's progress and outcome beside it. */
    private HBox sendBar(Button send) {
        Label status = new Label();
        status.setId("push-send-status");
        status.textProperty().bind(vm.sendStatusProperty());
        status.setWrapText(true);
        HBox bar = new HBox(12, send, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
