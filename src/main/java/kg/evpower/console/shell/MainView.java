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

    /** Below this window width the navigation shows icons only, unless the person chose otherwise. */
    static final double AUTO_COLLAPSE_BELOW = 1200;

    private NavItem current;

    private final java.util.Map<String, Node> built = new java.util.HashMap<>();
    private VBox buttons;

    public MainView(Messages m, java.util.List<NavItem> items, String server, String userName, String role,
                    javafx.beans.value.ObservableValue<String> liveState, javafx.beans.value.ObservableValue<String> budget, Node preferences, Runnable about, Runnable logout,
                    java.util.function.Consumer<String> onShown, String roleNote, javafx.beans.property.Property<Boolean> collapseChoice) {
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
        Button collapse = new Button();
        collapse.setId("nav-collapse");
        collapse.getStyleClass().addAll("flat", "button-icon");
        Region brandGap = new Region();
        HBox.setHgrow(brandGap, Priority.ALWAYS);
        HBox top = new HBox(4, brand, brandGap, collapse);
        top.setAlignment(Pos.CENTER_LEFT);

        Button out = new Button(m.get("status.logout"), new FontIcon("mdi2l-logout"));
        out.setId("status-logout");
        out.setTooltip(new Tooltip(m.get("status.logout")));
        out.setMaxWidth(Double.MAX_VALUE);
        out.setOnAction(e -> logout.run());
        Button info = PreferencesBar.aboutButton(m, about);
        Region push = new Region();
        VBox.setVgrow(push, Priority.ALWAYS);
        HBox.setHgrow(out, Priority.ALWAYS);
        HBox foot = new HBox(8, out, info);
        Label note = roleNote == null ? null : new Label(roleNote);
        // as wide as its buttons, brand and foot need; a wrapping note takes the width it is given, not its one-line width
        VBox left = new VBox(10, top, buttons, push, preferences, foot) {
            @Override
            protected double computePrefWidth(double height) {
                double widest = 0;
                for (Node child : getChildren()) {
                    if (child != note && child.isManaged()) {
                        widest = Math.max(widest, child.prefWidth(-1));
                    }
                }
                return snappedLeftInset() + widest + snappedRightInset();
            }

            @Override
            protected double computeMinWidth(double height) {
                return computePrefWidth(height);
            }
        };
        if (note != null) {
            // what this role may do, in one sentence, under the screens it has
            note.setId("nav-role-note");
            note.setWrapText(true);
            note.setMinWidth(0);
            note.getStyleClass().addAll("text-muted", "text-small");
            left.getChildren().add(2, note);
        }
        left.setPadding(new Insets(12));
        left.getStyleClass().add("nav-pane");

        // collapsed to icons by choice, or by itself when the window is narrow and nobody chose
        javafx.beans.binding.BooleanBinding collapsed = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> collapseChoice.getValue() != null ? collapseChoice.getValue() : getWidth() > 0 && getWidth() < AUTO_COLLAPSE_BELOW,
                collapseChoice, widthProperty());
        Runnable apply = () -> {
            boolean c = collapsed.get();
            javafx.scene.control.ContentDisplay shown = c ? javafx.scene.control.ContentDisplay.GRAPHIC_ONLY
                    : javafx.scene.control.ContentDisplay.LEFT;
            buttons.getChildren().forEach(n -> {
                ((ToggleButton) n).setContentDisplay(shown);
                ((ToggleButton) n).setAlignment(c ? Pos.CENTER : Pos.CENTER_LEFT);
            });
            out.setContentDisplay(shown);
            brand.setVisible(!c);
            brand.setManaged(!c);
            for (Node hidden : note == null ? java.util.List.of(preferences) : java.util.List.of(preferences, note)) {
                hidden.setVisible(!c);
                hidden.setManaged(!c);
            }
            // collapsed, the foot's two buttons stand one above the other
            if (c && foot.getChildren().contains(info)) {
                foot.getChildren().remove(info);
                left.getChildren().add(info);
            } else if (!c && !foot.getChildren().contains(info)) {
                left.getChildren().remove(info);
                foot.getChildren().add(info);
            }
            collapse.setGraphic(new FontIcon(c ? "mdi2c-chevron-double-right" : "mdi2c-chevron-double-left"));
            collapse.setTooltip(new Tooltip(m.get(c ? "nav.expand" : "nav.collapse")));
            left.requestLayout();
        };
        collapsed.addListener((o, a, b) -> apply.run());
        apply.run();
        collapse.setOnAction(e -> collapseChoice.setValue(!collapsed.get()));

        Label serverLabel = new Label(server, new FontIcon("mdi2s-server"));
        serverLabel.setId("status-server");
        serverLabel.setTooltip(new Tooltip(m.format("status.server", server)));
        serverLabel.setMinWidth(Region.USE_PREF_SIZE);
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
        // who is signed in gives way first (whole in its tooltip): the server, the feed and the budget stay readable
        user.setMinWidth(0);
        user.setTooltip(new Tooltip(userName + " · " + role));
        user.getStyleClass().add(kg.evpower.console.fx.Controls.MAY_ELIDE);
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
