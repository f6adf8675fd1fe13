package kg.evpower.console.people;

import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * People: the list on the left (search, role, active), the chosen person on the right with what the role allows to do
 * with them, and above, what was done last and the server's answer. Creating someone and taking access away go
 * through dialogs; the forms are checked as the server checks them, with ControlsFX's decorations.
 */
public final class PeopleView extends VBox {

    private final PeopleViewModel vm;
    private final Messages m;
    private final Formats formats;

    public PeopleView(PeopleViewModel vm, Messages m, Formats formats) {
        super(8);
        this.vm = vm;
        this.m = m;
        this.formats = formats;
        setId("people-view");
        setPadding(new Insets(12));
        SplitPane split = new SplitPane(new PeopleListView(vm.list(), m, formats, "people", m.get("people.title"), vm::reload), detailPane());
        split.setDividerPositions(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(actionBar(), split);
        vm.reload();
    }

    private Node actionBar() {
        FlowPane bar = new FlowPane(8, 6);
        bar.setAlignment(Pos.CENTER_LEFT);
        if (vm.canCreateStaff()) {
            Button create = new Button(m.get("people.create"), new FontIcon("mdi2a-account-plus"));
            create.setId("people-create-staff");
            create.disableProperty().bind(vm.busyProperty());
            create.setOnAction(e -> createStaffDialog());
            bar.getChildren().add(create);
        }
        if (vm.canAddOperator()) {
            Button add = new Button(m.get("people.addOperator"), new FontIcon("mdi2a-account-plus"));
            add.setId("people-add-operator");
            add.disableProperty().bind(vm.busyProperty());
            add.setOnAction(e -> addOperatorDialog());
            bar.getChildren().add(add);
        }
        Label status = new Label();
        status.setId("people-action-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.actionStatusProperty());
        vm.actionFailedProperty().addListener((o, was, failed) -> status.getStyleClass().setAll(failed ? List.of("label", "warning-text")
                : List.of("label")));
        VBox box = new VBox(6, bar, status);
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        return box;
    }

    // ---- the chosen person

    private Node detailPane() {
        Label name = new Label();
        name.setId("people-detail-name");
        name.getStyleClass().add("title-4");
        name.setWrapText(true);
        GridPane lines = new GridPane();
        lines.setId("people-detail");
        lines.setHgap(12);
        lines.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        lines.getColumnConstraints().addAll(labels, values);
        Label warning = paragraph("people-detail-warning");
        warning.getStyleClass().add("warning-text");
        Label roleNote = paragraph("people-role-note");
        roleNote.getStyleClass().add("text-muted");

        Button deactivate = new Button(m.get("people.deactivate"), new FontIcon("mdi2a-account-off"));
        deactivate.setId("people-deactivate");
        deactivate.visibleProperty().bind(vm.deactivatable());
        deactivate.managedProperty().bind(deactivate.visibleProperty());
        deactivate.setOnAction(e -> confirm(vm.deactivationQuestion(vm.list().selectedProperty().get()), m.get("people.deactivate"))
                .ifPresent(ok -> vm.deactivate()));
        Button activate = new Button(m.get("people.activate"), new FontIcon("mdi2a-account-check"));
        activate.setId("people-activate");
        activate.visibleProperty().bind(vm.activatable());
        activate.managedProperty().bind(activate.visibleProperty());
        activate.setOnAction(e -> vm.activate());
        MenuButton role = new MenuButton(m.get("people.changeRole"), new FontIcon("mdi2s-shield-account"));
        role.setId("people-role");
        role.managedProperty().bind(role.visibleProperty());
        FlowPane actions = new FlowPane(8, 6, deactivate, activate, role);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label none = new Label(m.get("people.detail.none"));
        none.setId("people-detail-empty");
        none.getStyleClass().add("text-muted");
        VBox chosen = new VBox(10, name, lines, warning, actions, roleNote);
        VBox box = new VBox(10, none, chosen);
        box.setPadding(new Insets(0, 0, 0, 12));
        Runnable fill = () -> {
            PeopleViewModel.Detail d = vm.detailProperty().get();
            StaffMember p = vm.list().selectedProperty().get();
            none.setVisible(d == null);
            none.setManaged(d == null);
            chosen.setVisible(d != null);
            chosen.setManaged(d != null);
            lines.getChildren().clear();
            if (d == null) {
                return;
            }
            name.setText(d.name());
            int row = 0;
            for (PeopleViewModel.Line l : d.lines()) {
                Label value = new Label(l.value());
                value.setWrapText(true);
                value.setMinHeight(Region.USE_PREF_SIZE);
                lines.addRow(row++, new Label(l.label()), value);
            }
            warning.setText(d.warning() == null ? "" : d.warning());
            String note = vm.roleNote(p);
            roleNote.setText(note == null ? "" : note);
            role.getItems().clear();
            for (Role r : vm.rolesFor(p)) {
                MenuItem item = new MenuItem(formats.role(r));
                item.setId("people-role-" + r.name().toLowerCase(java.util.Locale.ROOT));
                item.setOnAction(e -> confirm(vm.roleQuestion(p, r), m.get("people.changeRole")).ifPresent(ok -> vm.changeRole(r)));
                role.getItems().add(item);
            }
            role.setVisible(!role.getItems().isEmpty());
        };
        vm.detailProperty().addListener((o, a, b) -> fill.run());
        role.disableProperty().bind(vm.busyProperty());
        fill.run();
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(300);
        return scroll;
    }

    /** A label for a paragraph: wraps at the width it is given, hidden while empty. */
    private static Label paragraph(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    // ---- dialogs

    private Optional<ButtonType> confirm(String question, String okText) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(m.get("people.title"));
        Label text = new Label(question);
        text.setId("people-confirm-text");
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.setMinHeight(Region.USE_PREF_SIZE);
        d.getDialogPane().setContent(text);
        d.initOwner(getScene() == null ? null : getScene().getWindow());
        ButtonType ok = Controls.okCancel(d, m, okText);
        return d.showAndWait().filter(ok::equals);
    }

    private GridPane form(String[] labels, Node[] fields) {
        GridPane g = Controls.formGrid();
        for (int i = 0; i < labels.length; i++) {
            g.addRow(i, new Label(m.get(labels[i])), fields[i]);
        }
        return g;
    }

    /**
     * ControlsFX's decoration on a field, with the view model's own check and words. Installed once the dialog shows:
     * a decoration wraps the dialog's root, which must not happen before the dialog has set it.
     */
    private static void decorate(TextField field, java.util.function.Function<String, String> problem) {
        new ValidationSupport().registerValidator(field, (javafx.scene.control.Control c, String v) -> {
            String p = problem.apply(v);
            return org.controlsfx.validation.ValidationResult.fromErrorIf(c, p == null ? "" : p, p != null);
        });
    }

    private void createStaffDialog() {
        TextField email = new TextField();
        email.setId("people-form-email");
        email.setPrefColumnCount(22);
        PasswordField password = new PasswordField();
        password.setId("people-form-password");
        ComboBox<Role> role = Controls.boundChoice("people-form-role", List.of(Role.ADMIN, Role.SUPERADMIN), formats::role,
                new javafx.beans.property.SimpleObjectProperty<>(Role.ADMIN));
        TextField name = new TextField();
        name.setId("people-form-name");
        Label note = new Label(m.get("people.create.note"));
        note.setWrapText(true);
        note.setMaxWidth(440);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add("text-muted");
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(m.get("people.create"));
        d.getDialogPane().setContent(new VBox(10, form(new String[] {"people.form.email", "people.form.password", "people.form.role",
            "people.form.name"}, new Node[] {email, password, role, name}), note));
        d.initOwner(getScene() == null ? null : getScene().getWindow());
        ButtonType ok = Controls.okCancel(d, m, m.get("people.create.ok"));
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.emailProblem(email.getText()) != null || vm.passwordProblem(password.getText()) != null,
                email.textProperty(), password.textProperty()));
        d.setOnShown(e -> {
            decorate(email, vm::emailProblem);
            decorate(password, vm::passwordProblem);
            email.requestFocus();
        });
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.createStaff(email.getText(), password.getText(), role.getValue(), name.getText()));
        password.clear();
    }

    private void addOperatorDialog() {
        TextField phone = new TextField();
        phone.setId("people-form-phone");
        phone.setPromptText("+996 555 123 456");
        phone.setPrefColumnCount(18);
        TextField name = new TextField();
        name.setId("people-form-name");
        Label normalised = new Label();
        normalised.setId("people-form-phone-normalised");
        normalised.getStyleClass().add("text-muted");
        normalised.textProperty().bind(Bindings.createStringBinding(() -> {
            String n = vm.normalisedPhone(phone.getText());
            return n.isEmpty() ? "" : m.format("people.addOperator.willSend", n);
        }, phone.textProperty()));
        normalised.managedProperty().bind(normalised.textProperty().isNotEmpty());
        Label note = new Label(m.get("people.addOperator.note"));
        note.setWrapText(true);
        note.setMaxWidth(440);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add("text-muted");
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(m.get("people.addOperator"));
        d.getDialogPane().setContent(new VBox(10, form(new String[] {"people.form.phone", "people.form.name"}, new Node[] {phone, name}),
                normalised, note));
        d.initOwner(getScene() == null ? null : getScene().getWindow());
        ButtonType ok = Controls.okCancel(d, m, m.get("people.addOperator.ok"));
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.phoneProblem(phone.getText()) != null, phone.textProperty()));
        d.setOnShown(e -> {
            decorate(phone, vm::phoneProblem);
            phone.requestFocus();
        });
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.addOperator(phone.getText(), name.getText()));
    }
}
