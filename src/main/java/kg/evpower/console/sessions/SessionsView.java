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
import kg.evpower.console.fx.ColumnFit;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.KeepSelection;
import kg.evpower.console.fx.StatusPalette;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The live sessions dashboard: filters and the totals bar on top, the sessions table, and below it the problem queues
 * beside the selected session's detail with its meter charts. Binds to its view model only.
 */
public final class SessionsView extends BorderPane {

    private final Messages m;
    private final Formats f;
    /** Ticks every second for the durations. */
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>(Instant.now());

    /** @param stationActions the commands and history of a station by id (null when the console does not know it) */
    public SessionsView(SessionsViewModel vm, Messages m, Formats f, java.util.function.Function<String, javafx.scene.Node> stationActions) {
        this.m = m;
        this.f = f;
        setPadding(new Insets(12));
        Controls.tickWhileShowing(this, Duration.seconds(1), () -> now.set(Instant.now()));

        Label title = new Label(m.get("sessions.title"));
        title.getStyleClass().add("title-3");
        title.setMinWidth(Region.USE_PREF_SIZE);
        TextField search = Controls.searchField("sessions-search", m.get("sessions.search.prompt"), 22, vm.searchProperty());
        search.setMinWidth(160);
        search.setMaxWidth(360);
        HBox.setHgrow(search, Priority.ALWAYS);
        // one button per state filter (ControlsFX): all four stay readable, none hides in a collapsed box
        org.controlsfx.control.SegmentedButton show = new org.controlsfx.control.SegmentedButton();
        show.setId("sessions-show");
        for (SessionsViewModel.Show state : SessionsViewModel.Show.values()) {
            ToggleButton b = new ToggleButton(m.get("sessions.show." + state.name().toLowerCase()));
            b.setId("sessions-show-" + state.name().toLowerCase());
            b.setUserData(state);
            b.setMinWidth(Region.USE_PREF_SIZE);
            show.getButtons().add(b);
        }
        Runnable pick = () -> show.getButtons().forEach(b -> b.setSelected(b.getUserData() == vm.showProperty().get()));
        pick.run();
        vm.showProperty().addListener((o, a, b) -> pick.run());
        show.getToggleGroup().selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                pick.run(); // one filter is always on: pressing the chosen one again keeps it
            } else {
                vm.showProperty().set((SessionsViewModel.Show) b.getUserData());
            }
        });
        ToggleButton mute = new ToggleButton();
        mute.setId("sessions-mute");
        mute.selectedProperty().bindBidirectional(vm.mutedProperty());
        mute.graphicProperty().bind(Bindings.createObjectBinding(() -> new FontIcon(mute.isSelected() ? "mdi2b-bell-off" : "mdi2b-bell"),
                mute.selectedProperty()));
        mute.textProperty().bind(Bindings.when(mute.selectedProperty()).then(m.get("sessions.mute.on")).otherwise(m.get("sessions.mute.off")));
        mute.setTooltip(new Tooltip(m.get("sessions.mute.tip")));
        mute.setMinWidth(Region.USE_PREF_SIZE);
        Label count = new Label();
        count.setId("sessions-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, title, grow, search, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        // the state filter and the mute switch on a line of their own, so the title line fits at 1024 px;
        // the stream's state beside them, the polling controls (wider) below
        Node mode = modeLine(vm);
        HBox filters = new HBox(10, show, mute);
        filters.setAlignment(Pos.CENTER_LEFT);
        boolean stream = vm.modeProperty().get() == SessionsViewModel.Mode.STREAM;
        if (stream) {
            filters.getChildren().add(mode);
            HBox.setHgrow(mode, Priority.ALWAYS);
        }

        Node totals = totalsBar(vm);
        // the stream lost: one banner with the time of what is shown, the figures and rows dimmed
        Label stale = kg.evpower.console.fx.StaleBanner.of(vm.freshness(), m, f);
        VBox top = stream ? new VBox(8, bar, filters, stale, totals) : new VBox(8, bar, filters, mode, stale, totals);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        TableView<SessionsViewModel.Entry> table = table(vm);
        kg.evpower.console.fx.StaleBanner.dim(vm.freshness(), totals, table);
        count.textProperty().bind(Bindings.createStringBinding(() -> m.format("sessions.count", table.getItems().size(), vm.total()),
                table.getItems()));
        // below the table, full width: the selected session, or the problem queues
        Tab detail = new Tab(m.get("sessions.tab.detail"), new SessionDetailView(vm, m, f, stationActions));
        detail.setId("tab-session");
        Tab queues = new Tab(null, new ProblemQueuesView(vm, m, f));
        queues.setId("tab-problems");
        queues.textProperty().bind(Bindings.createStringBinding(() -> m.format("sessions.tab.problems", vm.problems().size()),
                vm.problems()));
        TabPane lower = new TabPane(detail, queues);
        lower.setId("sessions-lower");
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // a row picked in the table opens its detail; one picked from a queue leaves the queue open
        table.setOnMouseClicked(e -> {
            if (table.getSelectionModel().getSelectedItem() != null) {
                lower.getSelectionModel().select(detail);
            }
        });
        SplitPane split = new SplitPane(table, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);
    }

    /** Where the data comes from: the stream's state, or the polling-mode notice with a field to follow a session. */
    private Node modeLine(SessionsViewModel vm) {
        if (vm.modeProperty().get() == SessionsViewModel.Mode.STREAM) {
            Label state = new Label(null, new FontIcon("mdi2a-access-point"));
            state.setId("sessions-feed");
            state.textProperty().bind(vm.feedStateProperty());
            state.getStyleClass().add("text-muted");
            state.setWrapText(true); // the whole state on two lines rather than cut on one
            state.setMinWidth(0);
            return state;
        }
        Label notice = new Label();
        notice.setId("sessions-polling");
        notice.setWrapText(true);
        notice.getStyleClass().add("map-note");
        notice.textProperty().bind(Bindings.createStringBinding(() -> {
            SessionPoller.Status s = vm.pollingProperty().get();
            return s == null ? m.get("sessions.polling") : m.format("sessions.polling.status", s.sessions(),
                    Math.max(1, s.eachEvery().toSeconds()), s.perMinute());
        }, vm.pollingProperty()));
        notice.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(notice, Priority.ALWAYS);
        TextField id = new TextField();
        id.setId("sessions-watch-id");
        id.setPromptText(m.get("sessions.watch.prompt"));
        id.setPrefColumnCount(18);
        id.setMinWidth(Region.USE_PREF_SIZE); // the notice beside it wraps onto more lines instead
        notice.setMinWidth(160);
        Button add = new Button(m.get("sessions.watch"), new FontIcon("mdi2e-eye-plus"));
        add.setId("sessions-watch");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.disableProperty().bind(id.textProperty().isEmpty());
        Runnable watch = () -> {
            vm.watch(id.getText());
            id.clear();
        };
        add.setOnAction(e -> watch.run());
        id.setOnAction(e -> watch.run());
        HBox line = new HBox(8, notice, id, add);
        line.setAlignment(Pos.CENTER_LEFT);
        if (!vm.canFind()) {
            return line;
        }
        // the public API lists no station's sessions: the read-only database finds them
        Button find = new Button(m.get("sessions.find"), new FontIcon("mdi2e-ev-station"));
        find.setId("sessions-find");
        find.setMinWidth(Region.USE_PREF_SIZE);
        find.disableProperty().bind(vm.findingProperty());
        find.setOnAction(e -> findDialog(vm));
        line.getChildren().add(find);
        Label outcome = new Label();
        outcome.setId("sessions-find-message");
        outcome.setWrapText(true);
        outcome.textProperty().bind(Bindings.createStringBinding(() -> {
            SessionsViewModel.Found r = vm.foundProperty().get();
            return r == null ? "" : r.error() != null ? r.error() : r.sessions() == 0 ? m.format("sessions.find.none", r.stationId())
                    : m.format("sessions.find.done", r.stationId(), r.sessions());
        }, vm.foundProperty()));
        outcome.managedProperty().bind(outcome.textProperty().isNotEmpty());
        vm.foundProperty().addListener((o, a, b) -> outcome.getStyleClass().setAll("label", b != null && b.error() != null ? "danger" : "text-muted"));
        return new VBox(6, line, outcome);
    }

    /** Asks for the station and the database password (never kept) and starts the search. */
    private void findDialog(SessionsViewModel vm) {
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> d = new javafx.scene.control.Dialog<>();
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.setTitle(m.get("sessions.find.title"));
        d.setHeaderText(m.get("sessions.find.header"));
        javafx.scene.control.ButtonType ok = Controls.okCancel(d, m, m.get("sessions.find.go"));
        TextField station = new TextField();
        station.setId("sessions-find-station");
        station.setPromptText("EVP-001-01");
        javafx.scene.control.PasswordField password = new javafx.scene.control.PasswordField();
        password.setId("sessions-find-password");
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label(m.get("sessions.find.station")), station);
        g.addRow(1, new Label(m.get("sessions.find.password")), password);
        d.getDialogPane().setContent(g);
        org.controlsfx.validation.ValidationSupport valid = new org.controlsfx.validation.ValidationSupport();
        valid.registerValidator(station, org.controlsfx.validation.Validator.createPredicateValidator(
                (String t) -> t != null && !t.isBlank(), m.get("sessions.find.stationRequired")));
        d.getDialogPane().lookupButton(ok).disableProperty().bind(station.textProperty().isEmpty());
        d.setOnShown(e -> station.requestFocus());
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.findByStation(station.getText(), password.getText().toCharArray()));
        password.clear();
    }

    private Node totalsBar(SessionsViewModel vm) {
        Label active = stat("sessions-total-active");
        Label power = stat("sessions-total-power");
        Label energy = stat("sessions-total-energy");
        Label revenue = stat("sessions-total-revenue");
        vm.totalsProperty().addListener((o, a, t) -> {
            active.setText(Integer.toString(t.active()));
            power.setText(m.format("sessions.unit.kw", f.decimal(t.powerKw())));
            energy.setText(m.format("sessions.unit.kwh", f.decimal(t.energyTodayKwh())));
            revenue.setText(m.format("sessions.unit.som", f.decimal(t.revenueToday())));
        });
        Label note = new Label();
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        note.textProperty().bind(Bindings.createStringBinding(() -> {
            SessionsService.Totals t = vm.totalsProperty().get();
            return t == null ? m.get("sessions.totals.waiting") : !t.todayKnown() ? m.get("sessions.totals.runningOnly")
                    : t.endedAsOf() != null ? m.format("sessions.totals.recalled", t.endedToday(), f.time(t.endedAsOf()))
                    : m.format("sessions.totals.today", t.endedToday());
        }, vm.totalsProperty()));
        note.setId("sessions-totals-note");
        note.setMinWidth(0);
        // the figures in one row; what they count on a line of its own under them, not a narrow column beside them
        HBox figures = new HBox(24, card(m.get("sessions.totals.active"), active), card(m.get("sessions.totals.power"), power),
                card(m.get("sessions.totals.energy"), energy), card(m.get("sessions.totals.revenue"), revenue));
        figures.setAlignment(Pos.CENTER_LEFT);
        VBox totals = new VBox(2, figures, note);
        totals.getStyleClass().add("totals-bar");
        totals.setPadding(new Insets(6, 10, 6, 10));
        return totals;
    }

    private static Label stat(String id) {
        Label l = new Label("—");
        l.setId(id);
        l.getStyleClass().add("title-4");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Node card(String caption, Label value) {
        Label c = new Label(caption);
        c.getStyleClass().add("text-muted");
        c.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(0, c, value);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private TableView<SessionsViewModel.Entry> table(SessionsViewModel vm) {
        TableView<SessionsViewModel.Entry> table = new TableView<>();
        table.setId("sessions-table");
        table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = Controls.placeholder(null);
        empty.setId("sessions-empty");
        empty.textProperty().bind(Bindings.createStringBinding(() -> m.format(vm.emptyKey(), vm.searchProperty().get()),
                vm.showProperty(), vm.searchProperty()));
        table.setPlaceholder(empty);
        table.getColumns().add(text("col-station", m.get("sessions.col.stationConnector"), 124, 116, r -> r.session().stationId()
                + (r.session().connectorId() == null ? "" : " #" + r.session().connectorId())));
        table.getColumns().add(text("col-location", m.get("sessions.col.location"), 120, 60, r -> r.session().locationName()));
        table.getColumns().add(text("col-client", m.get("sessions.col.client"), 96, 92, r -> f.maskedPhone(r.session().clientPhone())));
        table.getColumns().add(value("col-started", m.get("sessions.col.started"), 76, r -> r.session().startTime(), t -> f.clock(t, now.get())));
        TableColumn<SessionsViewModel.Entry, SessionRow> duration = new TableColumn<>(m.get("sessions.col.duration"));
        duration.setId("col-duration");
        duration.setPrefWidth(80);
        duration.setMinWidth(74);
        duration.setCellValueFactory(c -> c.getValue().rowProperty());
        duration.setComparator(java.util.Comparator.comparing(r -> r.session().startTime(),
                java.util.Comparator.nullsLast(java.util.Comparator.<Instant>reverseOrder())));
        duration.setCellFactory(c -> new DurationCell());
        table.getColumns().add(duration);
        table.getColumns().add(value("col-energy", m.get("sessions.col.energy"), 66, r -> r.session().energyKwh(), f::decimal));
        table.getColumns().add(value("col-power", m.get("sessions.col.power"), 62, SessionRow::powerKw, f::power1));
        table.getColumns().add(value("col-cost", m.get("sessions.col.cost"), 84, SessionRow::cost, f::decimal));
        table.getColumns().add(value("col-reserve", m.get("sessions.col.reserve"), 76, r -> r.session().reserved(), f::decimal));
        TableColumn<SessionsViewModel.Entry, SessionRow> limit = new TableColumn<>(m.get("sessions.col.limit"));
        limit.setId("col-limit");
        limit.setPrefWidth(104);
        limit.setMinWidth(90);
        limit.setCellValueFactory(c -> c.getValue().rowProperty());
        limit.setComparator(java.util.Comparator.comparing(SessionRow::limitProgress, java.util.Comparator.nullsFirst(Double::compare)));
        limit.setCellFactory(c -> new LimitCell());
        table.getColumns().add(limit);
        table.getColumns().add(value("col-soc", m.get("sessions.col.soc"), 54, r -> r.session().meter() == null ? null
                : r.session().meter().soc(), s -> s == null ? "—" : s + "%"));
        TableColumn<SessionsViewModel.Entry, SessionRow> status = new TableColumn<>(m.get("sessions.col.status"));
        status.setId("col-status");
        status.setPrefWidth(120);
        status.setMinWidth(112);
        status.setCellValueFactory(c -> c.getValue().rowProperty());
        status.setComparator(java.util.Comparator.comparing(this::statusText));
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(SessionRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : statusText(r));
                setGraphic(empty || r == null ? null : new Circle(5, StatusPalette.session(r.running(), !r.problems().isEmpty())));
            }
        });
        table.getColumns().add(status);
        // a narrow window gives up the reserve first; the station, its state and the money stay
        ColumnFit.install(table, "col-reserve", "col-soc", "col-limit", "col-client", "col-power", "col-started", "col-location");
        ColumnFit.mustRead(table.getColumns().get(0));
        java.util.List<String> states = new java.util.ArrayList<>();
        for (kg.evpower.console.domain.ChargingSession.Status st : kg.evpower.console.domain.ChargingSession.Status.values()) {
            states.add(m.get("sessions.status." + st.name().toLowerCase()));
        }
        states.add(m.get("sessions.status.endedUnseen"));
        states.add(m.format("sessions.status.problems", 9));
        ColumnFit.mustRead(status, 14, states);

        SortedList<SessionsViewModel.Entry> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        KeepSelection.on(table, SessionsViewModel.Entry::id);
        // samples change values in place, not the list: the order of a sorted table is brought up to date every 2 s
        Controls.tickWhileShowing(table, Duration.seconds(2), () -> {
            if (!table.getSortOrder().isEmpty()) {
                table.sort();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedIdProperty().set(b.id());
            }
        });
        vm.selectedIdProperty().addListener((o, a, b) -> {
            SessionsViewModel.Entry sel = table.getSelectionModel().getSelectedItem();
            if (b != null && (sel == null || !sel.id().equals(b))) {
                for (SessionsViewModel.Entry r : table.getItems()) {
                    if (r.id().equals(b)) {
                        table.getSelectionModel().select(r);
                        table.scrollTo(r);
                        break;
                    }
                }
            }
        });
        return table;
    }

    private String statusText(SessionRow r) {
        if (r.endedUnseen()) {
            return m.get("sessions.status.endedUnseen");
        }
        if (!r.problems().isEmpty()) {
            return m.format("sessions.status.problems", r.problems().size());
        }
        return m.get("sessions.status." + r.session().status().name().toLowerCase());
    }

    private TableColumn<SessionsViewModel.Entry, String> text(String id, String title, double width, double min, Function<SessionRow, String> value) {
        TableColumn<SessionsViewModel.Entry, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setMinWidth(min);
        c.setCellValueFactory(x -> x.getValue().rowProperty().map(value));
        c.setCellFactory(x -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "—" : item);
                tip.setText(item);
                setTooltip(empty || item == null ? null : tip);
            }
        });
        return c;
    }

    /** A right-aligned column sorted by its value (numbers as numbers), shown through {@code show}. */
    private static <T extends Comparable<T>> TableColumn<SessionsViewModel.Entry, T> value(String id, String title, double width,
                                                                               Function<SessionRow, T> value, Function<T, String> show) {
        TableColumn<SessionsViewModel.Entry, T> c = new TableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setMinWidth(width - 4);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setCellValueFactory(x -> x.getValue().rowProperty().map(value));
        c.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        c.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : show.apply(item));
            }
        });
        return c;
    }

    /** "1 ч 05 мин" since the start (to the stop once ended), moving on every second. */
    private final class DurationCell extends TableCell<SessionsViewModel.Entry, SessionRow> {
        private final javafx.beans.value.ChangeListener<Instant> tick = (o, a, b) -> show();

        DurationCell() {
            setStyle("-fx-alignment: CENTER-RIGHT;");
            now.addListener(new javafx.beans.value.WeakChangeListener<>(tick));
        }

        @Override
        protected void updateItem(SessionRow r, boolean empty) {
            super.updateItem(r, empty);
            show();
        }

        private void show() {
            SessionRow r = isEmpty() ? null : getItem();
            if (r == null || r.session().startTime() == null) {
                setText(r == null ? null : "—");
                return;
            }
            Instant end = r.running() ? now.get() : r.session().stopTime();
            String text = end == null ? "—" : f.duration(java.time.Duration.between(r.session().startTime(), end));
            if (!text.equals(getText())) {
                setText(text);
            }
        }
    }

    /** The limit (or the reserve) used so far as a bar with its percentage; the kind of limit in the tooltip. */
    private final class LimitCell extends TableCell<SessionsViewModel.Entry, SessionRow> {
        private final ProgressBar bar = new ProgressBar();
        private final Label pct = new Label();
        private final HBox box = new HBox(4, bar, pct);
        private final Tooltip tip = new Tooltip();

        LimitCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setPrefWidth(60);
            HBox.setHgrow(bar, Priority.ALWAYS);
            bar.getStyleClass().add("small");
            pct.getStyleClass().add("limit-pct");
            pct.setMinWidth(Region.USE_PREF_SIZE);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(SessionRow r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null || r.limitProgress() == null) {
                setGraphic(null);
                setText(empty || r == null ? null : "—");
                setTooltip(null);
                return;
            }
            setText(null);
            double p = r.limitProgress();
            bar.setProgress(Math.min(1, p));
            pct.setText(Math.round(p * 100) + "%");
            ChargingSession s = r.session();
            tip.setText(switch (s.limitType()) {
                case ENERGY -> m.format("sessions.limit.energy", f.decimal(s.limitValue()));
                case AMOUNT -> m.format("sessions.limit.amount", f.decimal(s.limitValue()));
                default -> m.format("sessions.limit.reserve", f.decimal(s.reserved()));
            });
            setTooltip(tip);
            setGraphic(box);
        }
    }
}
