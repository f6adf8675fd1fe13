package kg.evpower.console.shell;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.settings.Settings;
import org.kordamp.ikonli.javafx.FontIcon;

/** Server profile, language and theme controls, and the About button; binds to {@link PreferencesViewModel}. */
public final class PreferencesBar extends HBox {

    /** With {@code about} null, no About button (the main window puts it beside "log out"). */
    public PreferencesBar(PreferencesViewModel vm, Messages m, boolean withProfiles, Runnable about) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        if (withProfiles) {
            ComboBox<Settings.Profile> profiles = new ComboBox<>(vm.profiles());
            profiles.setId("prefs-profile");
            profiles.setTooltip(new Tooltip(m.get("profile.label")));
            profiles.setCellFactory(x -> profileCell(m));
            profiles.setButtonCell(profileCell(m));
            profiles.valueProperty().bindBidirectional(vm.selectedProperty());
            profiles.setMaxWidth(320);
            Button add = new Button(null, new FontIcon("mdi2p-plus"));
            add.setId("prefs-profile-add");
            add.setTooltip(new Tooltip(m.get("profile.add")));
            add.setOnAction(e -> addDialog(vm, m));
            Button remove = new Button(null, new FontIcon("mdi2d-delete-outline"));
            remove.setId("prefs-profile-remove");
            remove.setTooltip(new Tooltip(m.get("profile.remove")));
            remove.visibleProperty().bind(Bindings.createBooleanBinding(() -> PreferencesViewModel.isCustom(vm.selectedProperty().get()),
                    vm.selectedProperty()));
            remove.managedProperty().bind(remove.visibleProperty());
            remove.setOnAction(e -> vm.removeProfile(vm.selectedProperty().get()));
            Label label = new Label(m.get("profile.label"));
            getChildren().addAll(label, profiles, add, remove);
        }
        ComboBox<String> language = new ComboBox<>();
        language.setId("prefs-language");
        language.getItems().setAll(PreferencesViewModel.LANGUAGES);
        language.setTooltip(new Tooltip(m.get("prefs.language")));
        language.setCellFactory(x -> languageCell(m));
        language.setButtonCell(languageCell(m));
        language.valueProperty().bindBidirectional(vm.languageProperty());
        Button theme = new Button();
        theme.setId("prefs-theme");
        theme.graphicProperty().bind(Bindings.createObjectBinding(() -> new FontIcon(vm.darkProperty().get()
                ? "mdi2w-white-balance-sunny" : "mdi2w-weather-night"), vm.darkProperty()));
        theme.setTooltip(new Tooltip(m.get("prefs.theme")));
        theme.setOnAction(e -> vm.darkProperty().set(!vm.darkProperty().get()));
        getChildren().addAll(language, theme);
        if (about != null) {
            getChildren().add(aboutButton(m, about));
        }
    }

    /** The ⓘ button that opens «О программе». */
    public static Button aboutButton(Messages m, Runnable about) {
        Button info = new Button(null, new FontIcon("mdi2i-information-outline"));
        info.setId("prefs-about");
        info.setTooltip(new Tooltip(m.get("about.open")));
        info.setOnAction(e -> about.run());
        return info;
    }

    private static javafx.scene.control.ListCell<Settings.Profile> profileCell(Messages m) {
        return Controls.textCell(p -> p == null ? null : p.url() == null ? m.get("profile.sandbox")
                : PreferencesViewModel.isCustom(p) ? p.name() + " — " + p.url() + (p.gateway() == null ? "" : " + " + p.gateway()) : p.name(), null);
    }

    private static javafx.scene.control.ListCell<String> languageCell(Messages m) {
        return Controls.textCell(code -> code == null ? null : m.get("language." + code), null);
    }

    private static TextField urlField(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    /** Under an address field: what to type while blank, what the console will do with it, or that it is not usable. */
    private static Label hint(TextField field, Messages m, String blankKey, String willKey) {
        Label hint = new Label();
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        hint.textProperty().bind(Bindings.createStringBinding(() -> {
            String n = PreferencesViewModel.normalizeUrl(field.getText());
            return field.getText().isBlank() ? m.get(blankKey) : n == null ? m.get("profile.url.invalid") : m.format(willKey, n);
        }, field.textProperty()));
        return hint;
    }

    private static void addDialog(PreferencesViewModel vm, Messages m) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(m.get("profile.add"));
        dialog.setHeaderText(m.get("profile.add.header"));
        TextField name = new TextField();
        name.setId("profile-name");
        name.setPromptText(m.get("profile.name.prompt"));
        TextField url = urlField("profile-url", "https://ocpp.example.kg");
        Label hint = hint(url, m, "profile.url.hint", "profile.url.will");
        TextField gateway = urlField("profile-gateway", "https://gateway.example.kg");
        Label gatewayHint = hint(gateway, m, "profile.gateway.hint", "profile.gateway.will");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label(m.get("profile.name")), name);
        grid.addRow(1, new Label(m.get("profile.url")), url);
        grid.add(hint, 0, 2, 2, 1);
        grid.addRow(3, new Label(m.get("profile.gateway")), gateway);
        grid.add(gatewayHint, 0, 4, 2, 1);
        hint.setMaxWidth(420);
        gatewayHint.setMaxWidth(420);
        for (Label l : new Label[] {hint, gatewayHint}) {
            // a hint that wraps onto another line as the address is typed grows the dialog instead of being cut
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            l.textProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(() -> {
                javafx.stage.Window w = dialog.getDialogPane().getScene() == null ? null : dialog.getDialogPane().getScene().getWindow();
                if (w != null) {
                    w.sizeToScene();
                }
            }));
        }
        dialog.getDialogPane().setContent(grid);
        ButtonType ok = kg.evpower.console.fx.Controls.okCancel(dialog, m);
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(
                () -> PreferencesViewModel.normalizeUrl(url.getText()) == null
                        || !gateway.getText().isBlank() && PreferencesViewModel.normalizeUrl(gateway.getText()) == null,
                url.textProperty(), gateway.textProperty()));
        dialog.showAndWait().filter(b -> b == ok).ifPresent(b -> vm.addProfile(name.getText(), url.getText(), gateway.getText()));
    }
}
