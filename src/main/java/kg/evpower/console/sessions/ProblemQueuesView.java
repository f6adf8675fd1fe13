package kg.evpower.console.sessions;

import java.time.Instant;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.KeepSelection;
import kg.evpower.console.fx.StatusPalette;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/** The problem queues: each kind with its count; the chosen one's why and what to do, and its sessions. */
final class ProblemQueuesView extends VBox {
    ProblemQueuesView(SessionsViewModel vm, Messages m, Formats f) {
        super(6);
        setPadding(new Insets(8));
        ListView<SessionProblem.Kind> kinds = new ListView<>(javafx.collections.FXCollections.observableArrayList(
                SessionProblem.Kind.values()));
        kinds.setId("problems-kinds");
        kinds.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(SessionProblem.Kind k, boolean empty) {
                super.updateItem(k, empty);
                textProperty().unbind();
                if (empty || k == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                textProperty().bind(Bindings.createStringBinding(() -> m.format("sessions.problem.row",
                        m.get("sessions.problem." + k.key() + ".title"), vm.count(k).get()), vm.count(k)));
                Circle dot = new Circle(5);
                dot.fillProperty().bind(Bindings.when(vm.count(k).greaterThan(0)).then(StatusPalette.FAULT)
                        .otherwise(StatusPalette.QUIET));
                setGraphic(dot);
            }
        });
        kinds.getSelectionModel().select(vm.queueProperty().get());
        kinds.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.queueProperty().get()) {
                vm.chooseQueue(b);
            }
        });
        // the first queue with problems opens by itself until the operator picks one
        vm.queueProperty().addListener((o, a, b) -> kinds.getSelectionModel().select(b));
        Label why = new Label();
        why.setId("problem-why");
        why.setWrapText(true);
        Label action = new Label();
        action.setId("problem-action");
        action.setWrapText(true);
        action.getStyleClass().add("text-bold");
        why.textProperty().bind(Bindings.createStringBinding(() -> m.get("sessions.problem." + vm.queueProperty().get().key() + ".why"),
                vm.queueProperty()));
        action.textProperty().bind(Bindings.createStringBinding(() -> m.format("sessions.problem.do",
                m.get("sessions.problem." + vm.queueProperty().get().key() + ".action")), vm.queueProperty()));
        TableView<SessionProblem> items = new TableView<>(vm.queueItems());
        items.setId("problems-items");
        items.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        items.setPlaceholder(Controls.placeholder(m.get("sessions.problems.none")));
        TableColumn<SessionProblem, String> since = new TableColumn<>(m.get("sessions.problems.since"));
        since.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.dateTime(c.getValue().since())));
        since.setPrefWidth(140);
        TableColumn<SessionProblem, String> station = new TableColumn<>(m.get("sessions.col.station"));
        station.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().stationId()));
        station.setPrefWidth(100);
        TableColumn<SessionProblem, String> session = new TableColumn<>(m.get("sessions.problems.session"));
        session.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sessionId()));
        items.getColumns().add(since);
        items.getColumns().add(station);
        items.getColumns().add(session);
        items.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.select(b.sessionId());
            }
        });
        VBox.setVgrow(items, Priority.ALWAYS);
        VBox right = new VBox(6, why, action, items);
        HBox.setHgrow(right, Priority.ALWAYS);
        kinds.setPrefWidth(290);
        kinds.setMinWidth(250);
        HBox both = new HBox(10, kinds, right);
        VBox.setVgrow(both, Priority.ALWAYS);
        getChildren().addAll(both);
    }
}
