package kg.evpower.console.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import kg.evpower.console.domain.ConnectorCounts;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.stations.StationsViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A burst of live updates reaches a station table through {@link InPlaceRows}: every visible cell shows the newer
 * version, a row the filter no longer lets through goes, and the table still sorts by a column (permutations pass
 * through). What it saves, the rebuild of every row cell, is measured by {@code MapBenchmark}, not here.
 */
class InPlaceRowsIT {

    private static Station st(int i, StationStatus status) {
        return new Station(String.format("S-%03d", i), null, "M", "X", "L" + i, "Локация " + i, null, "Бишкек", 42.0, 74.0, null, status,
                "active", true, null, null, ConnectorCounts.NONE, List.of(), null, null, true);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aFilteredTableShowsTheNewerVersions() throws Exception {
        FxToolkit.registerPrimaryStage();
        StationsViewModel state = new StationsViewModel();
        FilteredList<Station> shown = new FilteredList<>(state.stations(), s -> s.status() != StationStatus.OFFLINE);
        TableView<Station> table = new TableView<>();
        InPlaceRows.show(table, shown);
        TableColumn<Station, String> status = new TableColumn<>("status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status().name()));
        table.getColumns().add(status);
        table.setFixedCellSize(24);
        showWithStations(table, state, 200);
        WaitForAsyncUtils.waitForFxEvents();

        List<Station> burst = new ArrayList<>();
        for (int i = 0; i < 200; i += 2) {
            burst.add(st(i, StationStatus.OCCUPIED));
        }
        WaitForAsyncUtils.asyncFx(() -> state.upsert(burst)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertCellsShowTheList(table, shown);
        assertEquals("OCCUPIED", shown.get(0).status().name());

        WaitForAsyncUtils.asyncFx(() -> state.upsert(List.of(st(0, StationStatus.OFFLINE)))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(199, shown.size());
        assertEquals("S-001", shown.get(0).id());
        assertCellsShowTheList(table, shown);
    }

    @Test
    void aSortedTableFollowsUpdatesAndItsColumnSort() throws Exception {
        FxToolkit.registerPrimaryStage();
        StationsViewModel state = new StationsViewModel();
        TableView<Station> table = new TableView<>();
        TableColumn<Station, String> status = new TableColumn<>("status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status().name()));
        table.getColumns().add(status);
        SortedList<Station> sorted = new SortedList<>(state.stations());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        InPlaceRows.show(table, sorted);
        showWithStations(table, state, 50);
        WaitForAsyncUtils.asyncFx(() -> {
            status.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().add(status);
        }).get();
        WaitForAsyncUtils.asyncFx(() -> state.upsert(List.of(st(40, StationStatus.OFFLINE)))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("S-040", table.getItems().get(0).id(), "OFFLINE sorts first, descending");
        assertCellsShowTheList(table, table.getItems());
        WaitForAsyncUtils.asyncFx(() -> status.setSortType(TableColumn.SortType.ASCENDING)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("S-040", table.getItems().get(49).id());
        assertCellsShowTheList(table, table.getItems());
    }

    /** Shows the table and loads {@code count} available stations into the state. */
    private static void showWithStations(TableView<Station> table, StationsViewModel state, int count) throws Exception {
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(table, 300, 400));
            stage.show();
        });
        List<Station> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(st(i, StationStatus.AVAILABLE));
        }
        WaitForAsyncUtils.asyncFx(() -> state.replaceAll(all)).get();
    }

    /** Every visible status cell shows the status of the list's item at its row. */
    private static void assertCellsShowTheList(TableView<Station> table, List<Station> shown) {
        int checked = 0;
        for (Node n : table.lookupAll(".table-cell")) {
            TableCell<?, ?> cell = (TableCell<?, ?>) n;
            TableRow<?> row = cell.getTableRow();
            if (row == null || row.getIndex() < 0 || row.getIndex() >= shown.size() || !cell.isVisible() || row.isEmpty()) {
                continue;
            }
            assertEquals(shown.get(row.getIndex()).status().name(), cell.getText(), "row " + row.getIndex());
            checked++;
        }
        assertTrue(checked >= 10, "visible cells checked: " + checked);
    }
}
