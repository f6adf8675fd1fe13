package kg.evpower.console.shell;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window after login: navigation on the left (only features that exist are shown), the feature in the
 * centre, and a status bar with server, live-feed state, request budget, user and role, and logout.
 */
public final class MainView extends BorderPane {

    public MainView(Messages m, Node overview, String server, String user, StringProperty liveState, StringProperty budget,
                    Node preferences, Runnable logout) {
        ToggleGroup nav = new ToggleGroup();
        ToggleButton overviewButton = new ToggleButton(m.get("nav.overview"), new FontIcon("mdi2v-view-list"));
        overviewButton.setId("nav-overview");
        overviewButton.setToggleGroup(nav);
        overviewButton.setSelected(true);
        overviewButton.setMaxWidth(Double.MAX_VALUE);
        overviewButton.setAlignment(Pos.CENTER_LEFT);
        Label brand = new Label("EvPower", new FontIcon("mdi2e-ev-station"));
        brand.getStyleClass().add("title-4");
        VBox left = new VBox(10, brand, overviewButton);
        left.setPadding(new Insets(12));
        left.setPrefWidth(190);
        left.getStyleClass().add("nav-pane");

        Label serverLabel = new Label(m.format("status.server", server));
        Label live = new Label();
        live.setId("status-live");
        live.textProperty().bind(liveState);
        Label budgetLabel = new Label();
        budgetLabel.textProperty().bind(budget);
        Label userLabel = new Label(user, new FontIcon("mdi2a-account"));
        userLabel.setId("status-user");
        Button out = new Button(m.get("status.logout"), new FontIcon("mdi2l-logout"));
        out.setId("status-logout");
        out.setOnAction(e -> logout.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox status = new HBox(16, serverLabel, live, budgetLabel, grow, preferences, userLabel, out);
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(4, 12, 4, 12));
        status.getStyleClass().add("status-bar");

        setLeft(left);
        setCenter(overview);
        setBottom(status);
    }
}
