package kg.evpower.console.stations;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kg.evpower.console.domain.Station;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Station actions on screen: the commands menu and history button of one station (in the map's station card and the
 * session's detail), a dialog per action (its fields, a required reason, what it will do said beforehand, in the UI's
 * language), and one panel with the last answer in words, the keys a GetConfiguration read, and the chosen station's
 * timeline. Decisions are {@link StationActionsViewModel}'s.
 */
public final class StationActionsView {

    private final StationActionsViewModel vm;
    private final Messages m;
    private final Formats f;
    private final VBox panel;

    public StationActionsView(StationActionsViewModel vm, Messages m, Formats f) {
        this.vm = vm;
        this.m = m;
        this.f = f;
        this.panel = buildPanel();
    }

    /**
     * The commands menu and the history button of {@code s}; without the operator API, one sentence says why there are
     * no commands (the history of what the console saw is still there).
     */
    public Node controls(Station s) {
        Button history = new Button(m.get("actions.timeline.show"), new FontIcon("mdi2h-history"));
        history.setId("station-history-" + s.id());
        history.setOnAction(e -> vm.showTimeline(s));
        FlowPane row = new FlowPane(6, 6);
        row.setAlignment(Pos.CENTER_LEFT);
        if (!vm.actions().isEmpty()) {
            MenuButton menu = new MenuButton(m.get("actions.menu"), new FontIcon("mdi2c-console-line"));
            menu.setId("station-actions-" + s.id());
            for (StationActionsViewModel.Action a : vm.actions()) {
                MenuItem item = new MenuItem(vm.label(a));
                item.setId("station-action-" + a.name().toLowerCase(java.util.Locale.ROOT));
                item.setOnAction(e -> dialog(vm.form(a, s), menu));
                menu.getItems().add(item);
            }
            menu.disableProperty().bind(vm.busyProperty());
            row.getChildren().add(menu);
        }
        row.getChildren().add(history);
        if (vm.unavailableNote() == null) {
            return row;
        }
        Label why = new Label(vm.unavailableNote());
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        why.getStyleClass().add("text-muted");
        return new VBox(4, row, why);
    }

    /** The panel of the last answer and the chosen station's timeline (one node, shown under the cards). */
    public Node panel() {
        return panel;
    }

    private VBox buildPanel() {
        Label result = new Label();
        result.setId("station-action-result");
        result.setWrapText(true);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.textProperty().bind(vm.resultProperty());
        result.managedProperty().bind(result.textProperty().isNotEmpty());
        vm.resultFailedProperty().addListener((o, was, failed) -> result.getStyleClass().setAll(failed ? List.of("label", "warning-text")
                : List.of("label")));
        Label keysTitle = new Label();
        keysTitle.getStyleClass().add("text-bold");
        keysTitle.setWrapText(true);
        keysTitle.setMinHeight(Region.USE_PREF_SIZE);
        keysTitle.textProperty().bind(vm.configurationTitleProperty());
        ListView<String> keyList = new ListView<>(vm.configuration());
        keyList.setId("station-config");
        keyList.setPrefHeight(160);
        keyList.setCellFactory(Controls::wrappingListCell);
        VBox keys = new VBox(4, keysTitle, keyList);
        keys.visibleProperty().bind(Bindings.isNotEmpty(vm.configuration()));
        keys.managedProperty().bind(keys.visibleProperty());

        Label title = new Label();
        title.setId("station-timeline-title");
        title.getStyleClass().add("text-bold");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.timelineStationProperty().get() == null ? ""
                : m.get("actions.timeline.title") + ": " + vm.timelineStationProperty().get().id(), vm.timelineStationProperty()));
        Label status = new Label();
        status.setWrapText(true);
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.timelineStatusProperty());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        ListView<StationActionsViewModel.Entry> list = new ListView<>(vm.timeline());
        list.setId("station-timeline");
        list.setPrefHeight(220);
        list.setPlaceholder(Controls.placeholder(m.get("actions.timeline.empty")));
        list.setCellFactory(l -> Controls.wrappingListCell(l, e -> f.clock(e.time(), java.time.Instant.now()) + "  " + e.text(),
                StationActionsViewModel.Entry::problem));
        VBox timeline = new VBox(4, title, status, list);
        timeline.visibleProperty().bind(vm.timelineStationProperty().isNotNull());
        timeline.managedProperty().bind(timeline.visibleProperty());
        VBox box = new VBox(8, result, keys, timeline);
        box.setId("station-command-panel");
        return box;
    }

    /** The form of one action: its fields, what it will do, a required reason; sent on OK, nothing while it is incomplete. */
    private void dialog(StationActionsViewModel.Form form, Node owner) {
        GridPane g = Controls.formGrid();
        int row = 0;
        ComboBox<Integer> connector = null;
        ComboBox<String> message = null;
        TextField keys = null;
        TextField key = null;
        TextField value = null;
        for (StationActionsViewModel.Field fl : form.fields()) {
            switch (fl) {
                case CONNECTOR, CONNECTOR_OR_STATION, CONNECTOR_OPTIONAL -> {
                    List<Integer> choices = new ArrayList<>();
                    if (fl != StationActionsViewModel.Field.CONNECTOR) {
                        choices.add(0);
                    }
                    choices.addAll(form.connectors());
                    String zero = fl == StationActionsViewModel.Field.CONNECTOR_OPTIONAL ? "—" : m.get("actions.wholeStation");
                    connector = Controls.boundChoice("station-form-connector", choices, n -> n == 0 ? zero : "#" + n,
                            new javafx.beans.property.SimpleObjectProperty<>(choices.size() == 1 || fl == StationActionsViewModel.Field.CONNECTOR
                                    ? choices.get(0) : fl == StationActionsViewModel.Field.CONNECTOR_OPTIONAL ? 0 : null));
                    g.addRow(row++, new Label(m.get("actions.form.connector")), connector);
                }
                case MESSAGE -> {
                    message = Controls.boundChoice("station-form-message", StationActionsViewModel.MESSAGES, s -> s,
                            new javafx.beans.property.SimpleObjectProperty<>(StationActionsViewModel.MESSAGES.get(0)));
                    g.addRow(row++, new Label(m.get("actions.form.message")), message);
                }
                case KEYS -> {
                    keys = new TextField();
                    keys.setId("station-form-keys");
                    g.addRow(row++, new Label(m.get("actions.form.keys")), keys);
                }
                case KEY_VALUE -> {
                    key = new TextField();
                    key.setId("station-form-key");
                    value = new TextField();
                    value.setId("station-form-value");
                    g.addRow(row++, new Label(m.get("actions.form.key")), key);
                    g.addRow(row++, new Label(m.get("actions.form.value")), value);
                }
                default -> {
                }
            }
        }
        TextArea reason = new TextArea();
        reason.setId("station-form-reason");
        reason.setPrefRowCount(2);
        reason.setWrapText(true);
        reason.setPrefColumnCount(28);
        Label effect = new Label(form.consequence());
        effect.setId("station-form-effect");
        effect.setWrapText(true);
        effect.setMaxWidth(460);
        effect.setMinHeight(Region.USE_PREF_SIZE);
        Label reasonLabel = new Label(m.get("actions.form.reason"));
        VBox content = new VBox(10, effect, g, reasonLabel, reason);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(form.title());
        d.setHeaderText(form.title());
        d.getDialogPane().setContent(content);
        d.initOwner(owner.getScene() == null ? null : owner.getScene().getWindow());
        ButtonType ok = Controls.okCancel(d, m, m.get("actions.send"));
        ComboBox<Integer> c = connector;
        ComboBox<String> msg = message;
        TextField ks = keys;
        TextField k = key;
        TextField v = value;
        java.util.function.Supplier<StationActionsViewModel.Answers> answers = () -> new StationActionsViewModel.Answers(
                c == null ? null : c.getValue(), msg == null ? null : msg.getValue(), ks == null ? null : ks.getText(),
                k == null ? null : k.getText(), v == null ? null : v.getText(), reason.getText());
        List<javafx.beans.Observable> inputs = new ArrayList<>(List.of(reason.textProperty()));
        if (c != null) {
            inputs.add(c.valueProperty());
        }
        if (k != null) {
            inputs.add(k.textProperty());
            inputs.add(v.textProperty());
        }
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(() -> vm.problem(form, answers.get()) != null,
                inputs.toArray(javafx.beans.Observable[]::new)));
        d.setOnShown(e -> {
            new org.controlsfx.validation.ValidationSupport().registerValidator(reason, org.controlsfx.validation.Validator
                    .createPredicateValidator((String t) -> t != null && t.strip().length() >= 3, m.get("actions.reason.required")));
            reason.requestFocus();
        });
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.send(form, answers.get()));
    }
}
