package kg.evpower.console.people;

import java.util.Arrays;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.fx.ColumnFit;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The list of people as the people screen and the notifications screen show it: a heading with the reload button,
 * the search, the role and active filters, the table (name, role, stations; contact in a row's tooltip) and the
 * status line. Node ids start with the screen's prefix ({@code people-search}, {@code push-people} …).
 */
public final class PeopleListView extends VBox {

    public PeopleListView(PeopleListViewModel vm, Messages m, Formats formats, String prefix, String title, Runnable reload) {
        super(8);
        Label heading = new Label(title);
        heading.getStyleClass().add("title-4");
        TextField search = Controls.searchField(prefix + "-search", m.get("people.list.search"), 16, vm.searchProperty());
        ComboBox<PeopleListViewModel.RoleFilter> role = Controls.boundChoice(prefix + "-role", List.of(PeopleListViewModel.RoleFilter.values()),
                r -> m.get("people.filter.role." + r.name().toLowerCase()), vm.roleFilterProperty());
        ComboBox<PeopleListViewModel.ActiveFilter> active = Controls.boundChoice(prefix + "-active", List.of(PeopleListViewModel.ActiveFilter.values()),
                a -> m.get("people.filter.active." + a.name().toLowerCase()), vm.activeFilterProperty());
        Button reloadButton = new Button(null, new FontIcon("mdi2r-refresh"));
        reloadButton.setId(prefix + "-people-reload");
        reloadButton.setTooltip(new Tooltip(m.get("people.list.reload")));
        reloadButton.setOnAction(e -> reload.run());
        // each keeps its longest entry whole
        role.setMinWidth(Region.USE_PREF_SIZE);
        active.setMinWidth(Region.USE_PREF_SIZE);
        // the two filters side by side where they fit, one under the other where the list is narrow
        FlowPane filters = new FlowPane(6, 6, role, active);
        filters.setAlignment(Pos.CENTER_LEFT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(6, heading, gap, reloadButton);
        head.setAlignment(Pos.CENTER_LEFT);

        TableView<StaffMember> table = new TableView<>(vm.shown());
        table.setId(prefix + "-people");
        table.setPlaceholder(Controls.placeholder(m.get("people.list.empty")));
        table.getColumns().add(Controls.wrappingColumn(m.get("people.list.name"),
                s -> s.displayName() + (s.active() ? "" : " " + m.get("people.list.inactive")), 120));
        TableColumn<StaffMember, String> roleColumn = Controls.column(m.get("people.list.role"), s -> formats.role(s.role()), 90);
        table.getColumns().add(roleColumn);
        // who someone is must be read whole: the role keeps the width of the longest role's name
        ColumnFit.mustRead(roleColumn, 0, Arrays.stream(Role.values()).map(formats::role).toList());
        TableColumn<StaffMember, String> stations = Controls.column(m.get("people.list.stations"),
                s -> s.stations() == null ? "—" : String.valueOf(s.stations()), 75);
        table.getColumns().add(stations);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        ColumnFit.install(table, stations);
        table.setRowFactory(tv -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(StaffMember s, boolean empty) {
                super.updateItem(s, empty);
                setTooltip(empty || s == null || s.contact().isEmpty() ? null : new Tooltip(s.contact()));
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Label status = new Label();
        status.setId(prefix + "-people-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        getChildren().addAll(head, search, filters, table, status);
        setPadding(new Insets(0, 8, 0, 0));
        setMinWidth(320);
    }
}
