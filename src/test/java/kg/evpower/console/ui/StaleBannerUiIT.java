package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The server goes away under a working console: the overview and the sessions say so with the same banner and the
 * time of the data shown, dim it, keep the rows, and the stop button waits for the server.
 */
class StaleBannerUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @Test
    void aDeadServerBringsTheBannerWithTheTimeOfTheDataShown() throws Exception {
        Path home = Files.createTempDirectory("evpower-stale");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withSimulation(true, 5.0));
        ui.logIn("+996700000001");
        ui.awaitOverview(1);
        assertTrue(!ui.node("#stale-banner", Label.class).isVisible(), "no banner while the data flows");
        int rows = ui.overviewTable().getItems().size();

        ui.robot().clickOn("#nav-sessions");
        ui.waitUntil(30, () -> ui.present("#sessions-table") && !ui.node("#sessions-table", TableView.class).getItems().isEmpty());
        ui.robot().interact(() -> ui.node("#sessions-table", TableView.class).getSelectionModel().select(0));
        ui.waitUntil(10, () -> !ui.node("#session-stop", Button.class).isDisabled());

        ui.server().close();
        ui.waitUntil(20, () -> visibleBanner() != null);
        Label banner = visibleBanner();
        assertTrue(banner.getText().matches(".*\\d\\d:\\d\\d:\\d\\d.*"), "says the time of the data: " + banner.getText());
        assertTrue(ui.node("#session-stop", Button.class).isDisabled(), "stopping needs the server");
        assertTrue(ui.node("#sessions-table", Node.class).getOpacity() < 1, "the rows are dimmed");

        ui.robot().clickOn("#nav-overview");
        WaitForAsyncUtils.waitForFxEvents();
        ui.waitUntil(20, () -> visibleBanner() != null);
        assertTrue(ui.overviewTable().getOpacity() < 1, "the overview is dimmed too");
        assertTrue(ui.overviewTable().getItems().size() == rows, "and keeps what it knew");
    }

    /** The banner of the screen on show, when it is visible. */
    private Label visibleBanner() {
        return ui.robot().lookup("#stale-banner").queryAllAs(Label.class).stream()
                .filter(l -> l.isVisible() && l.getScene() != null && l.getParent() != null && l.getParent().isVisible()
                        && l.localToScene(l.getBoundsInLocal()).getWidth() > 0 && isShown(l))
                .findFirst().orElse(null);
    }

    private static boolean isShown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }
}
