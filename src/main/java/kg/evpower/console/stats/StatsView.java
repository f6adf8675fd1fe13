package kg.evpower.console.stats;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import kg.evpower.console.fx.ColumnFit;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.FilePicker;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsReport;
import kg.evpower.figures.StatsReport.Bucket;
import kg.evpower.figures.StatsReport.Group;
import kg.evpower.figures.StatsReport.Grouping;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Statistics: the question on top (period, grouping, bars, owner), the headline figures with their change against the
 * period before, then tabs where people look rather than read — revenue, energy and sessions over time beside the
 * comparison with the period before; the groups; the top and bottom stations and the busiest; the hour-of-week map;
 * the idle stations — each with a table of the same numbers under it. A station's row opens it on the map.
 */
public final class StatsView extends VBox {

    /** Bars up to which the time axis names each bar; beyond, the table and the tooltips do. */
    static final int LABELLED_BARS = 40;

    private final StatsViewModel vm;
    private final Messages m;
    private final Formats f;
    private final Consumer<String> openOnMap;
    private final FilePicker files;

    /** The measures the time chart shows, one at a time. */
    enum Measure { REVENUE, ENERGY, SESSIONS }

    private final BarChart<String, Number> timeChart;
    private final javafx.beans.property.ObjectProperty<Measure> measure = new javafx.beans.property.SimpleObjectProperty<>(Measure.REVENUE);
    private final BarChart<String, Number> comparedChart;
    private final BarChart<Number, String> topChart;
    private final BarChart<Number, String> bottomChart;
    private final BarChart<Number, String> busyChart;
    private final TableView<StatsReport.Bar> barsTable = new TableView<>();
    private final TableView<Group> groupsTable = new TableView<>();
    private final TableView<Group> stationsTable = new TableView<>();
    private final TableView<StatsReport.Idle> idleTable = new TableView<>();
    private final TableView<long[]> heatTable = new TableView<>();
    private final GridPane heat = new GridPane();
    private final FlowPane kpis = new FlowPane(6, 6);
    private final java.time.format.DateTimeFormatter dayName;
    private final java.time.format.DateTimeFormatter dayMonth;
    private final java.time.format.DateTimeFormatter date;
    private final java.time.format.DateTimeFormatter monthName;
    private final java.time.format.DateTimeFormatter monthTick;

    public StatsView(StatsViewModel vm, Messages m, Formats f, Consumer<String> openOnMap, Runnable openPayments, FilePicker files) {
        super(8);
        this.vm = vm;
        this.m = m;
        this.f = f;
        this.openOnMap = openOnMap;
        this.files = files;
        setId("stats-view");
        setPadding(new Insets(12));
        dayName = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy, EEE", m.locale());
        dayMonth = java.time.format.DateTimeFormatter.ofPattern("dd.MM", m.locale());
        date = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy", m.locale());
        monthName = java.time.format.DateTimeFormatter.ofPattern("LLLL yyyy", m.locale());
        monthTick = java.time.format.DateTimeFormatter.ofPattern("LLL yy", m.locale());
        timeChart = timeChart("stats-chart-time");
        topChart = stationChart("stats-chart-top");
        bottomChart = stationChart("stats-chart-bottom");
        busyChart = stationChart("stats-chart-busy");
        CategoryAxis cx = new CategoryAxis();
        NumberAxis cy = new NumberAxis();
        cy.setTickLabelFormatter(localNumbers());
        comparedChart = new BarChart<>(cx, cy);
        comparedChart.setId("stats-chart-compared");
        comparedChart.setAnimated(false);
        comparedChart.setLegendVisible(false);

        TabPane tabs = new TabPane(
                tab("time", m.get("stats.tab.time"), timeTab()),
                tab("groups", m.get("stats.tab.groups"), groupsTab()),
                tab("stations", m.get("stats.tab.stations"), stationsTab()),
                tab("heat", m.get("stats.tab.heat"), heatTab()),
                tab("idle", m.get("stats.tab.idle"), idleTab()));
        tabs.setId("stats-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        kpis.setId("stats-kpis");
        getChildren().addAll(questionBar(), statusLine(openPayments), kpis, tabs);
        vm.kpis().addListener((javafx.collections.ListChangeListener<StatsViewModel.Kpi>) c -> showKpis());
        vm.resultProperty().addListener((o, a, b) -> show(b));
        showKpis();
        show(vm.resultProperty().get());
        vm.reload();
    }

    private static Tab tab(String id, String text, Node content) {
        Tab t = new Tab(text, content);
        t.setId("stats-tab-" + id);
        return t;
    }

    // ---- the question ---------------------------------------------------------------------------------------------

    private Node questionBar() {
        ToggleGroup kinds = new ToggleGroup();
        HBox periods = new HBox();
        for (StatsViewModel.Period p : StatsViewModel.Period.values()) {
            ToggleButton b = new ToggleButton(m.get("stats.period." + p.name().toLowerCase(Locale.ROOT)));
            b.setId("stats-period-" + p.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(kinds);
            b.setUserData(p);
            b.setSelected(vm.periodProperty().get() == p);
            b.getStyleClass().add(p.ordinal() == 0 ? "left-pill" : p.ordinal() == StatsViewModel.Period.values().length - 1 ? "right-pill" : "center-pill");
            periods.getChildren().add(b);
        }
        kinds.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one kind is always chosen
            } else {
                vm.periodProperty().set((StatsViewModel.Period) b.getUserData());
            }
        });
        Button back = new Button(null, new FontIcon("mdi2c-chevron-left"));
        back.setId("stats-prev");
        back.setTooltip(new Tooltip(m.get("stats.prev")));
        back.setOnAction(e -> vm.step(-1));
        Button on = new Button(null, new FontIcon("mdi2c-chevron-right"));
        on.setId("stats-next");
        on.setTooltip(new Tooltip(m.get("stats.next")));
        on.setOnAction(e -> vm.step(1));
        Label period = new Label();
        period.setId("stats-period-text");
        period.getStyleClass().add("title-4");
        period.textProperty().bind(vm.periodTextProperty());
        period.setMinWidth(Region.USE_PREF_SIZE);
        Runnable present = () -> on.setDisable(vm.atPresent());
        vm.periodTextProperty().addListener((o, a, b) -> present.run());
        present.run();
        Button today = new Button(m.get("stats.today"));
        today.setId("stats-today");
        today.setOnAction(e -> vm.backToToday());

        DatePicker from = new DatePicker();
        from.setId("stats-from");
        from.valueProperty().bindBidirectional(vm.customFromProperty());
        from.setPrefWidth(130);
        DatePicker to = new DatePicker();
        to.setId("stats-to");
        to.valueProperty().bindBidirectional(vm.customToProperty());
        to.setPrefWidth(130);
        HBox custom = new HBox(6, new Label(m.get("stats.from")), from, new Label(m.get("stats.to")), to);
        custom.setAlignment(Pos.CENTER_LEFT);
        custom.visibleProperty().bind(vm.periodProperty().isEqualTo(StatsViewModel.Period.CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());
        HBox when = new HBox(6, periods, back, period, on, today);
        when.setAlignment(Pos.CENTER_LEFT);

        ComboBox<Grouping> grouping = Controls.boundChoice("stats-grouping", List.of(Grouping.values()),
                g -> g == null ? "" : m.get("stats.grouping." + g.name().toLowerCase(Locale.ROOT)), vm.groupingProperty());
        ComboBox<Bucket> bucket = Controls.boundChoice("stats-bucket", List.of(Bucket.values()),
                b -> b == null ? "" : m.get("stats.bucket." + b.name().toLowerCase(Locale.ROOT)), vm.bucketProperty());
        ComboBox<Integer> idle = new ComboBox<>();
        idle.setId("stats-idle-days");
        idle.getItems().setAll(StatsViewModel.IDLE_CHOICES);
        idle.setValue(vm.idleDaysProperty().get());
        idle.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.idleDaysProperty().set(b);
            }
        });
        idle.setTooltip(new Tooltip(m.get("stats.idleDays.tip")));
        idle.setMinWidth(Region.USE_PREF_SIZE);
        List<Node> how = new java.util.ArrayList<>(List.of(labelled("stats.grouping", grouping), labelled("stats.bucket", bucket),
                labelled("stats.idleDays", idle)));
        if (vm.superadmin()) {
            ComboBox<StatsGateway.Owner> owner = new ComboBox<>(vm.owners());
            owner.setId("stats-owner");
            Function<StatsGateway.Owner, String> name = o -> o == null || o.id() == null ? m.get("stats.owner.all") : o.name();
            owner.setCellFactory(l -> Controls.textCell(name, null));
            owner.setButtonCell(Controls.textCell(name, null));
            owner.valueProperty().bindBidirectional(vm.ownerProperty());
            owner.setMaxWidth(280);
            owner.setOnShowing(e -> vm.loadOwners()); // read when wanted: the request budget is shared
            how.add(labelled("stats.owner", owner));
        }
        Button refresh = new Button(null, new FontIcon("mdi2r-refresh"));
        refresh.setId("stats-refresh");
        refresh.setTooltip(new Tooltip(m.get("stats.refresh")));
        refresh.setOnAction(e -> vm.reload());
        MenuItem xlsx = new MenuItem(m.get("stats.export.xlsx"));
        xlsx.setId("stats-export-xlsx");
        xlsx.setOnAction(e -> export(StatsExport.Format.XLSX));
        MenuItem csv = new MenuItem(m.get("stats.export.csv"));
        csv.setId("stats-export-csv");
        csv.setOnAction(e -> export(StatsExport.Format.CSV));
        MenuButton export = new MenuButton(m.get("stats.export"), new FontIcon("mdi2f-file-export-outline"), xlsx, csv);
        export.setId("stats-export");
        export.disableProperty().bind(vm.resultProperty().isNull());
        how.add(new HBox(6, refresh, export));
        FlowPane bar = new FlowPane(12, 8, when, custom);
        bar.getChildren().addAll(how);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private HBox labelled(String key, Node control) {
        Label l = new Label(m.get(key));
        l.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(6, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node statusLine(Runnable openPayments) {
        Label status = new Label();
        status.setId("stats-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        vm.failedProperty().addListener((o, a, failed) -> status.getStyleClass().setAll(failed ? List.of("label", "warning-text")
                : List.of("label", "text-muted")));
        status.getStyleClass().add("text-muted");
        Button password = new Button(m.get("stats.password.enter"), new FontIcon("mdi2k-key-outline"));
        password.setId("stats-password");
        password.visibleProperty().bind(vm.passwordNeededProperty());
        password.managedProperty().bind(password.visibleProperty());
        password.setOnAction(e -> askPassword());
        Label ledger = new Label();
        ledger.setId("stats-ledger-note");
        ledger.setWrapText(true);
        ledger.getStyleClass().add("warning-text");
        ledger.setGraphic(new FontIcon("mdi2a-alert-outline"));
        ledger.textProperty().bind(vm.ledgerNoteProperty());
        Hyperlink open = new Hyperlink(m.get("stats.ledger.open"));
        open.setId("stats-open-payments");
        open.setOnAction(e -> openPayments.run());
        ledger.setMaxWidth(Double.MAX_VALUE);
        FlowPane note = new FlowPane(6, 2, ledger, open);
        note.setAlignment(Pos.CENTER_LEFT);
        ledger.maxWidthProperty().bind(note.widthProperty().subtract(8));
        note.visibleProperty().bind(vm.ledgerNoteProperty().isNotNull());
        note.managedProperty().bind(note.visibleProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        // the tabs give way when the window is short; what the figures are and whether they agree never does
        status.setMinHeight(Region.USE_PREF_SIZE);
        ledger.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(4, status, password, note);
    }

    private void askPassword() {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(window());
        d.setTitle(m.get("stats.password.title"));
        d.setHeaderText(m.format("stats.password.header", vm.source()));
        PasswordField field = new PasswordField();
        field.setId("stats-password-field");
        d.getDialogPane().setContent(field);
        ButtonType ok = Controls.okCancel(d, m);
        d.setOnShown(e -> field.requestFocus());
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.usePassword(field.getText().toCharArray()));
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void export(StatsExport.Format format) {
        String ext = format.name().toLowerCase(Locale.ROOT);
        Optional<Path> picked = files.save(window(), m.get("stats.export"), m.get("stats.export.filter." + ext), List.of("*." + ext),
                vm.suggestedName(format));
        picked.ifPresent(p -> vm.export(p, format));
    }

    // ---- headline figures -----------------------------------------------------------------------------------------

    private void showKpis() {
        kpis.getChildren().clear();
        for (StatsViewModel.Kpi k : vm.kpis()) {
            Label title = new Label(k.label());
            title.getStyleClass().add("text-muted");
            Label value = new Label(k.value());
            value.setId("stats-kpi-" + k.id());
            value.getStyleClass().add("title-4");
            VBox tile = new VBox(2, title, value);
            if (!k.detail().isEmpty()) {
                Label detail = new Label(k.detail());
                detail.getStyleClass().add("text-small");
                tile.getChildren().add(detail);
            }
            if (!k.change().isEmpty()) {
                Label change = new Label(k.change());
                change.setId("stats-kpi-" + k.id() + "-change");
                change.getStyleClass().addAll("text-small", k.trend() > 0 ? "success" : k.trend() < 0 ? "danger" : "text-muted");
                change.setGraphic(new FontIcon(k.trend() > 0 ? "mdi2t-trending-up" : k.trend() < 0 ? "mdi2t-trending-down" : "mdi2t-trending-neutral"));
                if (!k.before().isEmpty()) {
                    tip(change, k.before());
                }
                tile.getChildren().add(change);
            }
            tile.getStyleClass().add("stats-tile");
            tile.setPadding(new Insets(4, 10, 4, 10));
            tile.setMinWidth(Region.USE_PREF_SIZE);
            kpis.getChildren().add(tile);
        }
    }

    // ---- tabs -----------------------------------------------------------------------------------------------------

    /** Axis numbers as the UI language writes them ("200 000", not "200,000"). */
    private javafx.util.StringConverter<Number> localNumbers() {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null ? "" : java.text.NumberFormat.getIntegerInstance(m.locale()).format(n);
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        };
    }

    private BarChart<String, Number> timeChart(String id) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setTickLabelFormatter(localNumbers());
        BarChart<String, Number> c = new BarChart<>(x, y);
        c.setId(id);
        c.setAnimated(false);
        c.setLegendVisible(false);
        c.setBarGap(0);
        c.setCategoryGap(1);
        c.setMinHeight(120);
        c.getStyleClass().add("stats-chart");
        return c;
    }

    private BarChart<Number, String> stationChart(String id) {
        NumberAxis x = new NumberAxis();
        x.setTickLabelFormatter(localNumbers());
        CategoryAxis y = new CategoryAxis();
        BarChart<Number, String> c = new BarChart<>(x, y);
        c.setId(id);
        c.setAnimated(false);
        c.setLegendVisible(false);
        c.setMinHeight(200);
        c.setPrefHeight(300);
        c.getStyleClass().add("stats-chart");
        return c;
    }

    private Node timeTab() {
        ToggleGroup measures = new ToggleGroup();
        HBox choose = new HBox();
        for (Measure x : Measure.values()) {
            ToggleButton b = new ToggleButton(m.get("stats.chart." + x.name().toLowerCase(Locale.ROOT)));
            b.setId("stats-measure-" + x.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(measures);
            b.setUserData(x);
            b.setSelected(x == measure.get());
            b.getStyleClass().add(x.ordinal() == 0 ? "left-pill" : x.ordinal() == Measure.values().length - 1 ? "right-pill" : "center-pill");
            choose.getChildren().add(b);
        }
        measures.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                measure.set((Measure) b.getUserData());
                show(vm.resultProperty().get());
            }
        });
        timeChart.setPrefHeight(260);
        VBox chart = new VBox(4, choose, timeChart);
        VBox.setVgrow(timeChart, Priority.ALWAYS);
        HBox.setHgrow(chart, Priority.ALWAYS);
        Label comparedTitle = new Label(m.get("stats.compared.title"));
        comparedTitle.setWrapText(true);
        comparedTitle.setMinHeight(Region.USE_PREF_SIZE);
        comparedTitle.getStyleClass().add("text-bold");
        VBox compared = new VBox(4, comparedTitle, comparedChart);
        VBox.setVgrow(comparedChart, Priority.ALWAYS);
        compared.setMinWidth(200);
        compared.setPrefWidth(240);
        compared.setMaxWidth(260);
        HBox top = new HBox(8, chart, compared);
        barsTable.setId("stats-bars-table");
        barsTable.setPlaceholder(Controls.placeholder(m.get("stats.empty")));
        barsTable.getColumns().setAll(List.of(
                Controls.column(m.get("stats.col.period"), this::barName, 150),
                number(m.get("stats.col.sessions"), StatsReport.Bar::sessions, v -> f.exact(BigDecimal.valueOf(v.longValue()))),
                number(m.get("stats.col.failed"), StatsReport.Bar::failed, v -> f.exact(BigDecimal.valueOf(v.longValue()))),
                number(m.get("stats.col.energy"), StatsReport.Bar::energyKwh, v -> f.decimal((BigDecimal) v)),
                number(m.get("stats.col.revenue"), StatsReport.Bar::revenue, v -> f.som((BigDecimal) v))));
        barsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SplitPane split = new SplitPane(top, barsTable);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        return split;
    }

    private static ScrollPane scroll(Node n) {
        ScrollPane s = new ScrollPane(n);
        s.setFitToWidth(true);
        return s;
    }

    private String barName(StatsReport.Bar b) {
        Statistics s = vm.resultProperty().get();
        return switch (s == null ? Bucket.DAY : s.bucket()) {
            case DAY -> b.start().format(dayName);
            case WEEK -> m.format("stats.bar.week", b.start().format(dayMonth), b.end().minusDays(1).format(date));
            case MONTH -> b.start().format(monthName);
            case YEAR -> Integer.toString(b.start().getYear());
        };
    }

    private String barTick(StatsReport.Bar b, Bucket bucket) {
        return switch (bucket) {
            case DAY, WEEK -> b.start().format(dayMonth);
            case MONTH -> b.start().format(monthTick);
            case YEAR -> Integer.toString(b.start().getYear());
        };
    }

    private Node groupsTab() {
        groupsTable.setId("stats-groups-table");
        groupsTable.setPlaceholder(Controls.placeholder(m.get("stats.empty")));
        groupsTable.getColumns().setAll(groupColumns(m.get("stats.col.name"), true));
        ColumnFit.install(groupsTable, new String[0]); // headers whole; no column to give up
        // a group is a station only when grouped by station: then its row opens it on the map
        openOnDoubleClick(groupsTable, x -> grouping() == Grouping.STATION ? x.key() : null);
        return groupsTable;
    }

    private Node stationsTab() {
        topChart.setTitle(m.get("stats.chart.top"));
        bottomChart.setTitle(m.get("stats.chart.bottom"));
        busyChart.setTitle(m.get("stats.chart.busy"));
        HBox charts = new HBox(8, topChart, bottomChart, busyChart);
        charts.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));
        stationsTable.setId("stats-stations-table");
        stationsTable.setPlaceholder(Controls.placeholder(m.get("stats.empty")));
        stationsTable.getColumns().setAll(groupColumns(m.get("stats.col.station"), false));
        ColumnFit.install(stationsTable, new String[0]);
        openOnDoubleClick(stationsTable, Group::key);
        Label hint = new Label(m.get("stats.stations.hint"));
        hint.getStyleClass().add("text-muted");
        VBox below = new VBox(4, hint, stationsTable);
        VBox.setVgrow(stationsTable, Priority.ALWAYS);
        SplitPane split = new SplitPane(scroll(charts), below);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        return split;
    }

    private Node heatTab() {
        heat.setId("stats-heat");
        heat.setHgap(2);
        heat.setVgap(2);
        heatTable.setId("stats-heat-table");
        TableColumn<long[], String> day = new TableColumn<>(m.get("stats.col.day"));
        day.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(m.get("stats.day." + d.getValue()[24])));
        ColumnFit.mustRead(day, 0, java.util.stream.IntStream.range(0, 7).mapToObj(d -> m.get("stats.day." + d)).toList());
        heatTable.getColumns().add(day);
        for (int h = 0; h < 24; h++) {
            int hour = h;
            TableColumn<long[], String> c = new TableColumn<>(String.format(Locale.ROOT, "%02d", h));
            c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(Long.toString(d.getValue()[hour])));
            c.setPrefWidth(44);
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
            heatTable.getColumns().add(c);
        }
        Label hint = new Label(m.get("stats.heat.hint"));
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        VBox box = new VBox(8, hint, heat, heatTable);
        VBox.setVgrow(heatTable, Priority.ALWAYS);
        return scroll(box);
    }

    private Node idleTab() {
        idleTable.setId("stats-idle-table");
        idleTable.setPlaceholder(Controls.placeholder(m.get("stats.idle.none")));
        idleTable.getColumns().setAll(List.of(
                Controls.column(m.get("stats.col.station"), StatsReport.Idle::stationId, 150),
                Controls.column(m.get("stats.col.location"), i -> i.locationName() == null ? "—" : i.locationName(), 260),
                Controls.column(m.get("stats.col.owner"), i -> i.ownerName() == null ? "—" : i.ownerName(), 260)));
        idleTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        openOnDoubleClick(idleTable, StatsReport.Idle::stationId);
        return idleTable;
    }

    private <T> void openOnDoubleClick(TableView<T> table, Function<T, String> station) {
        table.setRowFactory(t -> {
            TableRow<T> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2) {
                    open(row.getItem(), station);
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                open(table.getSelectionModel().getSelectedItem(), station);
            }
        });
    }

    private <T> void open(T item, Function<T, String> station) {
        String id = item == null ? null : station.apply(item);
        if (id != null) {
            openOnMap.accept(id);
        }
    }

    // ---- columns --------------------------------------------------------------------------------------------------

    /** A right-aligned number column that sorts by the number and shows it formatted. */
    private static <T> TableColumn<T, Number> number(String title, Function<T, Number> value, Function<Number, String> text) {
        TableColumn<T, Number> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setComparator((a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : Double.compare(a.doubleValue(), b.doubleValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null ? "—" : text.apply(v));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(100);
        return c;
    }

    /** The grouping of the answer on screen. */
    private Grouping grouping() {
        Statistics s = vm.resultProperty().get();
        return s == null ? vm.groupingProperty().get() : s.grouping();
    }

    /** The figures of a group, one column each; {@code stations}: with the count of stations (not for a station's row). */
    private List<TableColumn<Group, ?>> groupColumns(String nameTitle, boolean stations) {
        TableColumn<Group, String> name = Controls.column(nameTitle, x -> vm.label(grouping(), x), stations ? 220 : 130);
        Function<Number, String> count = v -> f.exact(BigDecimal.valueOf(v.longValue()));
        Function<Number, String> pct = v -> vm.percent(v.doubleValue());
        List<TableColumn<Group, ?>> out = new java.util.ArrayList<>(List.of(name));
        if (stations) {
            out.add(number(m.get("stats.col.stations"), x -> x.stations(), count));
        }
        out.addAll(List.of(
                number(m.get("stats.col.sessions"), x -> x.figures().sessions(), count),
                number(m.get("stats.col.failed"), x -> x.figures().failed(), count),
                number(m.get("stats.col.energy"), x -> x.figures().energyKwh(), v -> f.decimal((BigDecimal) v)),
                number(m.get("stats.col.revenue"), x -> x.figures().revenue(), v -> f.som((BigDecimal) v)),
                number(m.get("stats.col.avgKwh"), x -> x.figures().averageKwh(), v -> f.decimal((BigDecimal) v)),
                number(m.get("stats.col.avgMinutes"), x -> x.figures().averageMinutes() == null ? null : Math.round(x.figures().averageMinutes()),
                        v -> Long.toString(v.longValue())),
                number(m.get("stats.col.avgSom"), x -> x.figures().averageRevenue(), v -> f.som((BigDecimal) v)),
                number(m.get("stats.col.occupied"), x -> x.figures().occupiedShare(), pct),
                number(m.get("stats.col.charging"), x -> x.figures().chargingShare(), pct),
                number(m.get("stats.col.ledgerDisagreements"), x -> x.figures().ledgerDisagreements(), count)));
        return out;
    }

    // ---- showing an answer ----------------------------------------------------------------------------------------

    private void show(Statistics s) {
        if (s == null) {
            return;
        }
        List<StatsReport.Bar> bars = s.series();
        boolean labelled = bars.size() <= LABELLED_BARS;
        switch (measure.get()) {
            case REVENUE -> fill(timeChart, bars, s.bucket(), b -> b.revenue(), labelled, b -> m.format("stats.som", f.som(b.revenue())));
            case ENERGY -> fill(timeChart, bars, s.bucket(), b -> b.energyKwh(), labelled, b -> m.format("stats.kwh", f.decimal(b.energyKwh())));
            case SESSIONS -> fill(timeChart, bars, s.bucket(), b -> b.sessions(), labelled, b -> f.exact(BigDecimal.valueOf(b.sessions())));
        }
        barsTable.getItems().setAll(bars);

        XYChart.Series<String, Number> cmp = new XYChart.Series<>();
        for (StatsViewModel.Compared c : vm.compared()) {
            XYChart.Data<String, Number> d = new XYChart.Data<>(c.label(), c.percentOfPrevious() == null ? 0 : c.percentOfPrevious());
            cmp.getData().add(d);
        }
        comparedChart.getData().setAll(List.of(cmp));
        for (XYChart.Data<String, Number> d : cmp.getData()) {
            tip(d.getNode(), vm.percent(d.getYValue().doubleValue() / 100));
        }

        groupsTable.getItems().setAll(s.groups());
        stationsTable.getItems().setAll(s.stations());
        stations(topChart, vm.top(), x -> x.figures().revenue(), x -> m.format("stats.som", f.som(x.figures().revenue())));
        stations(bottomChart, vm.bottom(), x -> x.figures().revenue(), x -> m.format("stats.som", f.som(x.figures().revenue())));
        stations(busyChart, vm.busiest(StatsViewModel.TOP), x -> x.figures().occupiedShare() == null ? 0 : x.figures().occupiedShare() * 100,
                x -> vm.percent(x.figures().occupiedShare()));
        showHeat(s.heat());
        idleTable.getItems().setAll(s.idle());
    }

    private void fill(BarChart<String, Number> chart, List<StatsReport.Bar> bars, Bucket bucket, Function<StatsReport.Bar, Number> value,
                      boolean labelled, Function<StatsReport.Bar, String> tip) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        List<XYChart.Data<String, Number>> data = new java.util.ArrayList<>(bars.size());
        for (StatsReport.Bar b : bars) {
            data.add(new XYChart.Data<>(labelled ? barTick(b, bucket) : b.start().toString(), value.apply(b)));
        }
        series.getData().setAll(data);
        chart.getXAxis().setTickLabelsVisible(labelled);
        chart.getData().setAll(List.of(series));
        for (int i = 0; i < bars.size(); i++) {
            StatsReport.Bar b = bars.get(i);
            tip(data.get(i).getNode(), barName(b) + ": " + tip.apply(b));
        }
    }

    private void stations(BarChart<Number, String> chart, List<Group> groups, Function<Group, Number> value, Function<Group, String> tip) {
        XYChart.Series<Number, String> series = new XYChart.Series<>();
        // a horizontal chart draws its first category at the bottom: the first of the list goes last
        for (int i = groups.size() - 1; i >= 0; i--) {
            Group g = groups.get(i);
            series.getData().add(new XYChart.Data<>(value.apply(g), g.key()));
        }
        chart.getData().setAll(List.of(series));
        for (XYChart.Data<Number, String> d : series.getData()) {
            Group g = groups.stream().filter(x -> x.key().equals(d.getYValue())).findFirst().orElse(null);
            if (g != null && d.getNode() != null) {
                tip(d.getNode(), g.key() + ": " + tip.apply(g));
                d.getNode().setOnMouseClicked(e -> openOnMap.accept(g.key()));
                d.getNode().setCursor(javafx.scene.Cursor.HAND);
            }
        }
    }

    private static void tip(Node node, String text) {
        if (node != null) {
            Tooltip t = new Tooltip(text);
            t.setShowDelay(javafx.util.Duration.millis(150));
            Tooltip.install(node, t);
        }
    }

    private void showHeat(long[][] counts) {
        heat.getChildren().clear();
        long max = 1;
        for (long[] day : counts) {
            for (long v : day) {
                max = Math.max(max, v);
            }
        }
        for (int h = 0; h < 24; h++) {
            Label hour = new Label(String.format(Locale.ROOT, "%02d", h));
            hour.getStyleClass().add("text-small");
            heat.add(hour, h + 1, 0);
        }
        List<long[]> rows = new java.util.ArrayList<>();
        for (int d = 0; d < 7; d++) {
            Label day = new Label(m.get("stats.day." + d));
            day.setMinWidth(Region.USE_PREF_SIZE);
            heat.add(day, 0, d + 1);
            long[] row = java.util.Arrays.copyOf(counts[d], 25);
            row[24] = d;
            rows.add(row);
            for (int h = 0; h < 24; h++) {
                long v = counts[d][h];
                Region cell = new Region();
                cell.setMinSize(22, 20);
                cell.setPrefSize(28, 22);
                double share = (double) v / max;
                // one accent colour, more opaque where more sessions start
                cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: derive(-color-accent-emphasis, 0%%); -fx-opacity: %.3f;"
                        + " -fx-background-radius: 3;", 0.08 + 0.92 * share));
                tip(cell, m.format("stats.heat.cell", m.get("stats.day." + d), String.format(Locale.ROOT, "%02d:00", h), v));
                heat.add(cell, h + 1, d + 1);
            }
        }
        heatTable.getItems().setAll(rows);
    }
}
