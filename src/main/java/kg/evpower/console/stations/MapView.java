package kg.evpower.console.stations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.InPlaceRows;
import kg.evpower.console.fx.KeepSelection;
import kg.evpower.console.fx.StatusPalette;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.stations.tiles.LocalTileServer;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The station map: filters on top, the filtered station list on the left, the map in the middle with its legend,
 * and the selected location's details on the right. Binds to {@link MapViewModel}; the map itself is a
 * {@link LeafletMapView}.
 */
public final class MapView extends BorderPane {

    private static final List<Integer> POWERS = List.of(7, 22, 50, 100, 150);
    private static final List<Integer> SILENT_MINUTES = List.of(10, 30, 60, 240, 1440);

    private final MapViewModel vm;
    private final Messages m;
    private final Formats f;
    private final LeafletMapView map;
    private final VBox details = new VBox(10);
    private final StationActionsView actions;
    private final Consumer<String> openUrl;
    private boolean syncing;

    /** Holds the offline/OSM map and, when Google is active, the Google map over it. */
    private final StackPane mapHost = new StackPane();
    private GoogleMapsView google;
    private Consumer<MapViewModel.MarkerDelta> googleFeed;
    private Consumer<double[]> onViewChanged = v -> { };

    public MapView(MapViewModel vm, Messages m, Formats f, LeafletMapView map, Consumer<String> openUrl, StationActionsView actions) {
        this.actions = actions;
        this.vm = vm;
        this.m = m;
        this.f = f;
        this.map = map;
        this.openUrl = openUrl;
        setPadding(new Insets(12));
        Node list = list();
        setTop(new javafx.scene.layout.VBox(8, filters(), kg.evpower.console.fx.StaleBanner.of(vm.freshness(), m, f)));
        kg.evpower.console.fx.StaleBanner.dim(vm.freshness(), list, mapHost);
        SplitPane split = new SplitPane(list, mapPane(), detailsPane());
        split.setDividerPositions(0.27, 0.73);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        SplitPane.setResizableWithParent(split.getItems().get(2), false);
        setCenter(split);

        vm.addMarkerListener(d -> map.apply(d, f));
        map.setOnTilesFailed(why -> vm.background().providerFailed(MapProvider.OSM, "noTiles"));
        vm.background().activeMapProperty().addListener((o, a, b) -> {
            useProvider(b);
            useLocalTiles();
        });
        useProvider(vm.background().activeMapProperty().get());
        vm.background().localTilesProperty().addListener((o, a, b) -> useLocalTiles());
        useLocalTiles();
        map.setOnMarkerClicked(vm::selectLocation);
        vm.selectedLocationProperty().addListener((o, a, b) -> selectOnMap(b, false));
        // another screen asked to see a station here: go to it, now or as the map is built
        vm.revealLocationProperty().addListener((o, a, b) -> reveal(b));
        reveal(vm.revealLocationProperty().get());
        vm.detailsProperty().addListener((o, a, b) -> showDetails(b));
        showDetails(vm.detailsProperty().get());
        // relative times in the panel move on by themselves
        Controls.tickWhileShowing(this, Duration.seconds(10), () -> showDetails(vm.detailsProperty().get()));
    }

    // ---- filters

    private Node filters() {
        Label title = new Label(m.get("map.title"));
        title.getStyleClass().add("title-3");
        title.setMinWidth(Region.USE_PREF_SIZE);
        TextField search = Controls.searchField("map-search", m.get("map.search.prompt"), 24, vm.searchProperty());

        // several statuses, cities, owners or connector types at once (ControlsFX CheckComboBox)
        Node status = Controls.checks("map-status", FXCollections.observableArrayList(StationFilter.STATUSES), f::status,
                m.get("overview.filter.allStatuses"), vm.statusProperty());
        Node city = Controls.checks("map-city", vm.cities(), f::city, m.get("overview.filter.allCities"), vm.cityProperty());
        Node type = Controls.checks("map-type", vm.connectorTypes(), t -> t, m.get("map.filter.type.all"), vm.connectorTypeProperty());
        ComboBox<Integer> power = choice("map-power", POWERS, p -> p == null ? m.get("map.filter.power.any") : m.format("map.filter.power", p));
        power.setValue(vm.minPowerProperty().get() == null ? null : vm.minPowerProperty().get().intValue());
        power.valueProperty().addListener((o, a, b) -> vm.minPowerProperty().set(b == null ? null : BigDecimal.valueOf(b)));
        vm.minPowerProperty().addListener((o, a, b) -> power.setValue(b == null ? null : b.intValue()));
        ComboBox<Integer> silent = choice("map-offline", SILENT_MINUTES, n -> n == null ? m.get("map.filter.offline.any")
                : m.format("map.filter.offline", n >= 60 ? m.format("time.h", n / 60) : m.format("time.m", n)));
        silent.valueProperty().bindBidirectional(vm.offlineMinutesProperty());
        CheckBox faulted = new CheckBox(m.get("map.filter.faulted"));
        faulted.setId("map-faulted");
        faulted.selectedProperty().bindBidirectional(vm.faultedOnlyProperty());
        Button reset = new Button(null, new FontIcon("mdi2f-filter-remove-outline"));
        reset.setId("map-reset");
        reset.setTooltip(new Tooltip(m.get("map.filter.reset")));
        reset.setOnAction(e -> vm.clearFilters());

        FlowPane bar = new FlowPane(8, 8, search, status, city);
        if (vm.showOwners()) {
            bar.getChildren().add(Controls.checks("map-owner", vm.owners(), vm::ownerName, m.get("map.filter.owner.all"), vm.ownerProperty()));
        }
        bar.getChildren().addAll(type, power, silent, faulted, reset);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label count = new Label();
        count.setId("map-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> m.format("map.count", vm.shownStationsProperty().get(),
                vm.totalStationsProperty().get(), vm.shownLocationsProperty().get()), vm.shownStationsProperty(),
                vm.shownLocationsProperty(), vm.totalStationsProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(16, title, grow, count);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, top, bar);
        box.setPadding(new Insets(0, 0, 8, 0));
        return box;
    }

    private static <T> ComboBox<T> choice(String id, List<T> items, java.util.function.Function<T, String> text) {
        return Controls.choice(id, items, text, null);
    }

    // ---- list

    private Node list() {
        // live updates refresh the rows in place instead of rebuilding the table's cells; the order is the list's own
        TableView<Station> table = new TableView<>();
        InPlaceRows.show(table, vm.stations());
        table.setId("map-list");
        table.setPlaceholder(Controls.placeholder(m.get("overview.loading")));
        table.setFixedCellSize(28);
        TableColumn<Station, StationStatus> st = new TableColumn<>("");
        st.setPrefWidth(28);
        st.setMaxWidth(28);
        st.setMinWidth(28);
        st.setSortable(false);
        st.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(vm.state(c.getValue())));
        st.setCellFactory(c -> new TableCell<>() {
            // one dot per cell, recoloured: cells are reused while rows scroll and update
            private final Circle dot = new Circle(5);

            @Override
            protected void updateItem(StationStatus s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                } else {
                    dot.setFill(StatusPalette.of(s));
                    setGraphic(dot);
                }
            }
        });
        TableColumn<Station, String> id = new TableColumn<>(m.get("map.list.station"));
        id.setPrefWidth(100);
        id.setMinWidth(95);
        id.setSortable(false);
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        TableColumn<Station, String> loc = new TableColumn<>(m.get("map.list.location"));
        loc.setSortable(false);
        loc.setPrefWidth(150);
        loc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().locationName()));
        table.getColumns().add(st);
        table.getColumns().add(id);
        table.getColumns().add(loc);
        // the location takes what the pane leaves (shortened, whole in the side panel), no sideways scrolling; the id stays whole
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        kg.evpower.console.fx.ColumnFit.mustRead(id, 0, List.of("EVP-000-00")); // the network's ids are of this form
        KeepSelection<Station> keep = KeepSelection.on(table, Station::id);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing && !keep.isRestoring() && b != null) {
                syncing = true;
                vm.selectStation(b.id());
                selectOnMap(b.locationId(), true);
                syncing = false;
            }
        });
        vm.selectedStationProperty().addListener((o, a, b) -> {
            if (syncing) {
                return;
            }
            syncing = true;
            Station s = b == null ? null : vm.stations().stream().filter(x -> x.id().equals(b)).findFirst().orElse(null);
            if (s == null) {
                keep.forget();
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().select(s);
                table.scrollTo(s);
            }
            syncing = false;
        });
        table.setMinWidth(260);
        return table;
    }

    // ---- map and legend

    private Node mapPane() {
        VBox legend = new VBox(4);
        legend.getStyleClass().add("map-legend");
        Label lt = new Label(m.get("map.legend"));
        lt.getStyleClass().add("text-bold");
        legend.getChildren().add(lt);
        for (LocationStatus s : List.of(LocationStatus.AVAILABLE, LocationStatus.PARTIAL, LocationStatus.OCCUPIED,
                LocationStatus.FAULTED, LocationStatus.MAINTENANCE, LocationStatus.OFFLINE)) {
            legend.getChildren().add(new Label(f.locationStatus(s), new Circle(6, StatusPalette.of(s))));
        }
        legend.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(legend, Pos.BOTTOM_LEFT);
        StackPane.setMargin(legend, new Insets(0, 0, 24, 10));
        legend.setMouseTransparent(true);

        Label note = new Label();
        note.setId("map-note");
        note.getStyleClass().add("map-note");
        note.setWrapText(true);
        note.textProperty().bind(Bindings.createStringBinding(() -> vm.background().note(m), vm.background().failureProperty(), vm.background().localTilesErrorProperty()));
        note.visibleProperty().bind(note.textProperty().isNotNull());
        note.setMaxHeight(Region.USE_PREF_SIZE);
        note.setMaxWidth(380);
        // under the provider chooser it speaks of, clear of the zoom buttons on the left
        StackPane.setAlignment(note, Pos.TOP_RIGHT);
        StackPane.setMargin(note, new Insets(50, 8, 0, 56));
        mapHost.getChildren().setAll(map);
        StackPane pane = new StackPane(mapHost, legend, note, providerChooser());
        pane.setMinWidth(300);
        return pane;
    }

    // ---- providers

    private void useProvider(MapBackgroundViewModel.ActiveMap active) {
        vm.background().stopWatching();
        if (active.provider() == MapProvider.GOOGLE) {
            map.setTiles(null, null, 0);
            showGoogle(active.googleKey());
            return;
        }
        dropGoogle();
        if (active.provider() != MapProvider.OSM) {
            map.setTiles(null, null, 0);
            return;
        }
        vm.background().loadStreetTiles(active, template -> map.setTiles(template, m.get("map.attribution.osm"), 19), () -> map.tileLoads() > 0);
    }

    /** Local street tiles under the offline map (also when the offline map stands in for a provider that failed). */
    private void useLocalTiles() {
        vm.background().loadLocalTiles(map::setLocalTiles);
    }

    /** Google Maps over the offline map, which keeps drawing underneath so a fall back shows it at once. */
    private void showGoogle(String key) {
        dropGoogle();
        GoogleMapsView g = new GoogleMapsView(key, m.locale().getLanguage(), f);
        g.setId("map-google");
        google = g;
        g.setOnMarkerClicked(vm::selectLocation);
        g.setOnViewChanged(v -> onViewChanged.accept(v));
        g.setOnFailed(why -> {
            if (google == g) { // not a surface already replaced by one with a new key
                vm.background().providerFailed(MapProvider.GOOGLE, why);
            }
        });
        g.setOnReady(() -> {
            vm.background().stopWatching();
            g.select(vm.selectedLocationProperty().get(), false);
        });
        googleFeed = g::apply;
        vm.addMarkerListener(googleFeed);
        mapHost.getChildren().add(g);
        map.setVisible(false);
        vm.background().watchLoading(vm.background().activeMapProperty().get(), () -> google != g || g.isReady(), "noScript");
    }

    private void dropGoogle() {
        if (google == null) {
            return;
        }
        vm.removeMarkerListener(googleFeed);
        mapHost.getChildren().remove(google);
        google.dispose();
        google = null;
        map.setVisible(true);
        map.reportView(); // what is on screen is the offline map's view again
    }

    /** Where the map looks now (whichever map is shown): centre lat, lon, zoom, then south, west, north, east. */
    public void setOnViewChanged(Consumer<double[]> c) {
        onViewChanged = c;
        map.setOnViewChanged(v -> {
            if (google == null) {
                c.accept(v);
            }
        });
    }

    private void reveal(String locationId) {
        if (locationId != null) {
            selectOnMap(locationId, true);
            vm.revealLocationProperty().set(null);
        }
    }

    private void selectOnMap(String locationId, boolean reveal) {
        map.select(locationId, reveal);
        if (google != null) {
            google.select(locationId, reveal);
        }
    }

    private Node providerChooser() {
        ComboBox<MapProvider> chooser = new ComboBox<>();
        chooser.setId("map-provider");
        chooser.getItems().setAll(MapProvider.values());
        chooser.setCellFactory(x -> Controls.textCell(p -> p == null ? "" : m.get("map.provider." + p.name().toLowerCase()), null));
        chooser.setButtonCell(Controls.textCell(p -> p == null ? "" : m.get("map.provider." + p.name().toLowerCase()), null));
        chooser.valueProperty().bindBidirectional(vm.background().chosenProviderProperty());
        chooser.setTooltip(new Tooltip(m.get("map.provider.label")));
        Button settings = new Button(null, new FontIcon("mdi2c-cog-outline"));
        settings.setId("map-provider-settings");
        settings.setTooltip(new Tooltip(m.get("map.settings.title")));
        settings.setOnAction(e -> settingsDialog());
        HBox box = new HBox(4, chooser, settings);
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(box, Pos.TOP_RIGHT);
        StackPane.setMargin(box, new Insets(8, 8, 0, 0));
        return box;
    }

    private void settingsDialog() {
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> d = new javafx.scene.control.Dialog<>();
        d.setTitle(m.get("map.settings.title"));
        d.setHeaderText(m.get("map.settings.header"));
        TextField url = new TextField(vm.background().tileUrlProperty().get());
        url.setId("map-settings-tiles");
        url.setPrefColumnCount(36);
        Label hint = new Label(m.get("map.settings.tiles.hint"));
        hint.setWrapText(true);
        hint.setMaxWidth(460);
        hint.getStyleClass().add("text-muted");
        TextField key = new TextField(vm.background().googleKeyProperty().get());
        key.setId("map-settings-google-key");
        key.setPromptText(m.get("map.settings.googleKey.prompt"));
        Label keyHint = new Label(m.get("map.settings.googleKey.hint"));
        keyHint.setWrapText(true);
        keyHint.setMaxWidth(460);
        keyHint.getStyleClass().add("text-muted");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE); // the labels are never cut short
        g.getColumnConstraints().add(labels);
        g.addRow(0, new Label(m.get("map.settings.tiles")), url);
        g.add(hint, 1, 1);
        g.addRow(2, new Label(m.get("map.settings.googleKey")), key);
        g.add(keyHint, 1, 3);
        TextField local = new TextField(vm.background().localTilesProperty().get());
        local.setId("map-settings-local-tiles");
        local.setPromptText(m.get("map.settings.localTiles.prompt"));
        HBox.setHgrow(local, Priority.ALWAYS);
        Button choose = new Button(m.get("map.settings.localTiles.choose"));
        choose.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle(m.get("map.settings.localTiles"));
            fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("MBTiles, PMTiles", "*.mbtiles", "*.pmtiles"));
            java.io.File picked = fc.showOpenDialog(d.getDialogPane().getScene().getWindow());
            if (picked != null) {
                local.setText(picked.getAbsolutePath());
            }
        });
        Button clear = new Button(m.get("map.settings.localTiles.clear"));
        clear.setOnAction(e -> local.clear());
        HBox localRow = new HBox(6, local, choose, clear);
        localRow.setAlignment(Pos.CENTER_LEFT);
        Label localHint = new Label(m.get("map.settings.localTiles.hint"));
        localHint.setWrapText(true);
        localHint.setMaxWidth(460);
        localHint.getStyleClass().add("text-muted");
        g.addRow(4, new Label(m.get("map.settings.localTiles")), localRow);
        g.add(localHint, 1, 5);
        d.getDialogPane().setContent(g);
        javafx.scene.control.ButtonType ok = Controls.okCancel(d, m);
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(
                () -> !url.getText().matches("https?://.+\\{z}.*\\{x}.*\\{y}.*"), url.textProperty()));
        d.showAndWait().filter(b -> b == ok).ifPresent(b -> {
            vm.background().tileUrlProperty().set(url.getText().trim());
            if (!key.getText().trim().equals(vm.background().googleKeyProperty().get())) {
                vm.background().googleKeyProperty().set(key.getText().trim());
            }
            String path = local.getText() == null || local.getText().isBlank() ? null : local.getText().trim();
            vm.background().localTilesProperty().set(path);
        });
    }

    // ---- details

    private Node detailsPane() {
        details.setPadding(new Insets(12));
        details.setId("map-details");
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(280);
        scroll.setPrefWidth(340);
        return scroll;
    }

    private void showDetails(MapViewModel.LocationDetails d) {
        details.getChildren().clear();
        if (d == null) {
            Label empty = new Label(m.get("map.details.empty"));
            empty.setWrapText(true);
            empty.getStyleClass().add("text-muted");
            details.getChildren().add(empty);
            return;
        }
        MapMarker mk = d.marker();
        Label name = new Label(mk.name(), new Circle(7, StatusPalette.of(mk.status())));
        name.setId("map-details-name");
        name.getStyleClass().add("title-4");
        name.setWrapText(true);
        Label status = new Label(f.locationStatus(mk.status()));
        status.getStyleClass().add("text-muted");
        Label address = new Label(mk.address());
        address.setWrapText(true);
        details.getChildren().addAll(name, status, address);
        if (d.city() != null) {
            Label city = new Label(m.format("map.details.city", f.city(d.city())));
            city.setWrapText(true);
            details.getChildren().add(city);
        }
        if (d.ownerName() != null) {
            Label owner = new Label(m.format("map.details.owner", d.ownerName()));
            owner.setWrapText(true); // a company's whole name, on two lines where the panel is narrow
            details.getChildren().add(owner);
        }
        Button center = new Button(m.get("map.details.center"), new FontIcon("mdi2c-crosshairs-gps"));
        center.setId("map-center");
        center.setOnAction(e -> {
            map.centerOn(mk.lat(), mk.lon(), 15);
            if (google != null) {
                google.centerOn(mk.lat(), mk.lon(), 15);
            }
        });
        Button external = new Button(m.get("map.details.external"), new FontIcon("mdi2o-open-in-new"));
        external.setId("map-external");
        external.setOnAction(e -> openUrl.accept(String.format(java.util.Locale.ROOT,
                "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", mk.lat(), mk.lon(), mk.lat(), mk.lon())));
        FlowPane buttons = new FlowPane(6, 6, center, external);
        details.getChildren().add(buttons);
        Instant now = Instant.now();
        for (Station s : d.stations()) {
            details.getChildren().addAll(StationCardView.of(s, now, m, f), actions.controls(s));
        }
        details.getChildren().add(actions.panel());
    }
}
