package kg.evpower.console.shell;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window after login: navigation on the left (only features that exist are shown) with language, theme and
 * logout at its foot; the feature in the centre; a status bar with the server, the live-feed state, the request
 * budget, and who is signed in with which role.
 */
public final class MainView extends BorderPane {

    /**
     * One entry of the navigation: its view is built the first time it is shown, then kept; {@code refresh} (F5)
     * reads its data again, null when the screen has nothing to refresh.
     */
    public record NavItem(String id, String text, String icon, java.util.function.Supplier<Node> view, Runnable refresh) {

        public NavItem(String id, String text, String icon, java.util.function.Supplier<Node> view) {
            this(id, text, icon, view, null);
        }
    }

    private NavItem current;

    private final java.util.Map<String, Node> built = new java.util.HashMap<>();
    private VBox buttons;

    public MainView(Messages m, java.util.List<NavItem> items, String server, String userName, String role,
                    javafx.beans.value.ObservableValue<String> liveState, javafx.beans.value.ObservableValue<String> budget, Node preferences, Runnable about, Runnable logout,
                    java.util.function.Consumer<String> onShown, String roleNote) {
        ToggleGroup nav = new ToggleGroup();
        VBox buttons = new VBox(6);
        for (NavItem item : items) {
            ToggleButton b = new ToggleButton(item.text(), new FontIcon(item.icon()));
            b.setId("nav-" + item.id());
            int n = buttons.getChildren().size() + 1;
            if (n <= 9) {
                b.setTooltip(new Tooltip(item.text() + " (Ctrl+" + n + ")"));
            }
            b.setToggleGroup(nav);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setOnAction(e -> {
                b.setSelected(true); // a selected feature stays selected when clicked again
                setCenter(built.computeIfAbsent(item.id(), k -> item.view().get()));
                current = item;
                onShown.accept(item.id());
            });
            buttons.getChildren().add(b);
        }
        Label brand = new Label("EvPower", new FontIcon("mdi2e-ev-station"));
        brand.getStyleClass().add("title-4");

        Button out = new Button(m.get("status.logout"), new FontIcon("mdi2l-logout"));
        out.setId("status-logout");
        out.setMaxWidth(Double.MAX_VALUE);
        out.setOnAction(e -> logout.run());
        Region push = new Region();
        VBox.setVgrow(push, Priority.ALWAYS);
        HBox.setHgrow(out, Priority.ALWAYS);
        HBox foot = new HBox(8, out, PreferencesBar.aboutButton(m, about));
        VBox left = new VBox(10, brand, buttons, push, preferences, foot);
        if (roleNote != null) {
            // what this role may do, in one sentence, under the screens it has
            Label note = new Label(roleNote);
            note.setId("nav-role-note");
            note.setWrapText(true);
            note.getStyleClass().addAll("text-muted", "text-small");
            left.getChildren().add(2, note);
        }
        left.setPadding(new Insets(12));
        left.setPrefWidth(210);
        left.setMinWidth(210);
        left.getStyleClass().add("nav-pane");

        Label serverLabel = new Label(server, new FontIcon("mdi2s-server"));
        serverLabel.setId("status-server");
        serverLabel.setTooltip(new Tooltip(m.format("status.server", server)));
        serverLabel.setMinWidth(80);
        Label live = new Label(null, new FontIcon("mdi2a-access-point"));
        live.setId("status-live");
        live.textProperty().bind(liveState);
        live.setMinWidth(Region.USE_PREF_SIZE);
        Label budgetLabel = new Label(null, new FontIcon("mdi2s-speedometer"));
        budgetLabel.setId("status-budget");
        budgetLabel.textProperty().bind(budget);
        budgetLabel.setMinWidth(Region.USE_PREF_SIZE);
        budgetLabel.setTooltip(new Tooltip(m.get("status.budget.tip")));
        Label user = new Label(userName + " · " + role, new FontIcon("mdi2a-account"));
        user.setId("status-user");
        user.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox status = new HBox(20, serverLabel, live, budgetLabel, grow, user);
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(4, 12, 4, 12));
        status.getStyleClass().add("status-bar");

        setLeft(left);
        setBottom(status);
        this.buttons = buttons;
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (Shortcuts.handle(e, this, m)) {
                e.consume();
            }
        });
        if (!items.isEmpty()) {
            ((ToggleButton) buttons.getChildren().get(0)).fire();
        }
    }

    /** The navigation's buttons, in order (Ctrl+1 is the first). */
    java.util.List<ToggleButton> navButtons() {
        return buttons.getChildren().stream().map(ToggleButton.class::cast).toList();
    }

    /** The screen shown now, or null. */
    NavItem current() {
        return current;
    }

    /** Shows the feature with this id, as if its button was pressed. */
    public void show(String id) {
        buttons.getChildren().stream().filter(n -> ("nav-" + id).equals(n.getId())).findFirst()
                .ifPresent(n -> ((ToggleButton) n).fire());
    }
}
