package kg.evpower.console.stations;

import java.time.Instant;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.InPlaceRows;
import kg.evpower.console.fx.KeepSelection;
import kg.evpower.console.fx.StatusPalette;
import kg.evpower.console.i18n.Messages;

/** The network overview: a live, sortable, filterable table of every station. Binds to its view model only. */
public final class NetworkOverviewView extends BorderPane {

    /** {@code source}: where the stations come from and what that means for the signed-in person, in words. */
    public NetworkOverviewView(NetworkOverviewViewModel vm, Messages m, Formats f, String source) {
        setPadding(new Insets(12));
        Label title = new Label(m.get("overview.title"));
        title.getStyleClass().add("title-3");
        title.setMinWidth(Region.USE_PREF_SIZE);

        TextField search = Controls.searchField("overview-search", m.get("overview.search.prompt"), 22, vm.searchProperty());
        search.setMinWidth(160);
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMaxWidth(380);

        // several statuses or cities at once, as on the map (ControlsFX CheckComboBox)
        javafx.scene.Node status = Controls.checks("overview-status", javafx.collections.FXCollections.observableArrayList(StationFilter.STATUSES),
                f::status, m.get("overview.filter.allStatuses"), vm.statusFilterProperty());
        javafx.scene.Node city = Controls.checks("overview-city", vm.cities(), f::city, m.get("overview.filter.allCities"), vm.cityFilterProperty());

        Label count = new Label();
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> m.format("overview.count", vm.shownProperty().get(),
                vm.totalProperty().get()), vm.shownProperty(), vm.totalProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, title, grow, search, status, city, count);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<Station> table = new TableView<>();
        table.setId("overview-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Controls.placeholder(m.get("overview.loading")));
        table.getColumns().add(col(m.get("overview.col.location"), 165, s -> s.locationName()));
        TableColumn<Station, String> cityColumn = col(m.get("overview.col.city"), 85, s -> f.city(s.city()));
        cityColumn.setMinWidth(70); // the constrained table squeezed it to nothing at 1024 px
        table.getColumns().add(cityColumn);
        TableColumn<Station, String> id = col(m.get("overview.col.station"), 105, s -> s.id());
        id.setMinWidth(100);
        table.getColumns().add(id);
        TableColumn<Station, String> model = col(m.get("overview.col.model"), 140, s -> s.manufacturer() + " " + s.model());
        table.getColumns().add(model);
        TableColumn<Station, java.math.BigDecimal> power = new TableColumn<>(m.get("overview.col.power"));
        power.setPrefWidth(55);
        power.setMinWidth(50);
        power.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().powerKw()));
        power.setCellFactory(c -> cell(f::power, null));
        power.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(power);
        TableColumn<Station, StationStatus> st = new TableColumn<>(m.get("overview.col.status"));
        st.setId("col-status");
        st.setPrefWidth(115);
        st.setMinWidth(110);
        st.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(vm.state(c.getValue())));
        st.setCellFactory(c -> cell(f::status, item -> new Circle(5, StatusPalette.of(item))));
        table.getColumns().add(st);
        TableColumn<Station, Integer> connectors = new TableColumn<>(m.get("overview.col.connectors"));
        connectors.getColumns().add(count(m.get("overview.col.free"), s -> s.connectors().free()));
        connectors.getColumns().add(count(m.get("overview.col.busy"), s -> s.connectors().busy()));
        TableColumn<Station, Integer> faulted = count(m.get("overview.col.faulted"), s -> s.connectors().faulted());
        faulted.setPrefWidth(82);
        faulted.setMinWidth(80);
        connectors.getColumns().add(faulted);
        table.getColumns().add(connectors);
        TableColumn<Station, Instant> hb = new TableColumn<>(m.get("overview.col.heartbeat"));
        hb.setPrefWidth(110);
        hb.setMinWidth(100);
        hb.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().lastHeartbeat()));
        hb.setCellFactory(c -> cell(item -> f.ago(item, Instant.now()), null));
        table.getColumns().add(hb);
        // a narrow window gives up the model first, the city last; the station, its status and connectors stay
        kg.evpower.console.fx.ColumnFit.install(table, model, power, hb, cityColumn);
        SortedList<Station> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        // live updates refresh the rows in place instead of rebuilding the table's cells
        InPlaceRows.show(table, sorted);
        KeepSelection.on(table, Station::id);
        // relative times ("3 мин назад") move on by themselves
        Controls.tickWhileShowing(this, Duration.seconds(5), table::refresh);

        Label mode = new Label(source);
        mode.setId("overview-source");
        mode.getStyleClass().add("text-muted");
        mode.setWrapText(true);
        mode.setMinWidth(0);
        // the server or the live feed lost: one banner with the time of what is shown, the figures dimmed
        Label problem = kg.evpower.console.fx.StaleBanner.of(vm.freshness(), m, f);
        kg.evpower.console.fx.StaleBanner.dim(vm.freshness(), table, count);
        Label updated = new Label();
        updated.getStyleClass().add("text-muted");
        updated.setMinWidth(Region.USE_PREF_SIZE); // the time stays whole; the source note beside it wraps
        updated.textProperty().bind(Bindings.createStringBinding(() -> vm.updatedAtProperty().get() == null ? ""
                : m.format("overview.updated", f.time(vm.updatedAtProperty().get())), vm.updatedAtProperty()));
        Region grow2 = new Region();
        HBox.setHgrow(grow2, Priority.ALWAYS);
        HBox footer = new HBox(10, mode, grow2, updated);
        VBox top = new VBox(8, bar, problem);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
        setCenter(table);
        footer.setPadding(new Insets(6, 0, 0, 0));
        setBottom(footer);
    }

    /** A narrow, right-aligned, numerically sorted count column. */
    private static TableColumn<Station, Integer> count(String title, java.util.function.Function<Station, Integer> value) {
        TableColumn<Station, Integer> c = new TableColumn<>(title);
        c.setPrefWidth(70);
        c.setMinWidth(68);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        return c;
    }

    private static TableColumn<Station, String> col(String title, double width, java.util.function.Function<Station, String> value) {
        TableColumn<Station, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        // long names are cut by the column; the whole text is one hover away
        c.setCellFactory(x -> new TableCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                tip.setText(item);
                setTooltip(empty || item == null ? null : tip);
            }
        });
        return c;
    }

    /** A table cell showing {@code text} (null items included) and an optional graphic for non-null items. */
    private static <T> TableCell<Station, T> cell(java.util.function.Function<T, String> text,
                                                  java.util.function.Function<T, javafx.scene.Node> graphic) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null && graphic != null ? null : text.apply(item));
                setGraphic(empty || item == null || graphic == null ? null : graphic.apply(item));
            }
        };
    }
}
