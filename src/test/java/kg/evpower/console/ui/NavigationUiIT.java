package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Region;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.settings.SettingsStore;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The navigation shows icons only on a narrow window by itself, and as the person chooses once they choose: the
 * choice outlives a restart, the screens keep their names in the tooltips, and the content gets the width back.
 */
class NavigationUiIT {

    private ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @Test
    void narrowWindowCollapsesTheMenu_aChoiceIsKeptAcrossARestart() throws Exception {
        Path home = Files.createTempDirectory("evpower-nav");
        Settings start = new Settings();
        start.windowWidth = 1024;
        start.windowHeight = 768;
        new SettingsStore(home.resolve("settings.json")).save(start);
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet());
        ui.logIn("+996700000001");
        ui.awaitOverview(1);
        ToggleButton map = ui.node("#nav-map", ToggleButton.class);
        assertEquals(ContentDisplay.GRAPHIC_ONLY, map.getContentDisplay(), "at 1024 px the menu shows icons");
        assertTrue(map.getTooltip().getText().startsWith(map.getText()), "the name is one hover away: " + map.getTooltip().getText());
        double collapsedWidth = ((Region) map.getParent().getParent()).getWidth();
        assertTrue(collapsedWidth < 90, "icons only take " + collapsedWidth + " px");

        ui.robot().clickOn("#nav-collapse");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ContentDisplay.LEFT, map.getContentDisplay(), "expanded on request");
        double expandedWidth = ((Region) map.getParent().getParent()).getWidth();
        assertTrue(expandedWidth > collapsedWidth + 80, expandedWidth + " px expanded, " + collapsedWidth + " collapsed");
        java.util.concurrent.atomic.AtomicReference<java.util.List<String>> cut = new java.util.concurrent.atomic.AtomicReference<>();
        ui.robot().interact(() -> cut.set(kg.evpower.testing.LayoutCheck.problems(map.getScene()).stream()
                .filter(p -> p.contains("#nav-")).toList()));
        assertTrue(cut.get().isEmpty(), "every screen's whole name when expanded: " + cut.get());

        ui.close();
        ui = new ConsoleDriver();
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet());
        ui.logIn("+996700000001");
        ui.awaitOverview(1);
        assertEquals(ContentDisplay.LEFT, ui.node("#nav-map", ToggleButton.class).getContentDisplay(),
                "the choice to see the names outlived the restart, though the window is still narrow");
        ui.robot().clickOn("#nav-collapse");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ContentDisplay.GRAPHIC_ONLY, ui.node("#nav-map", ToggleButton.class).getContentDisplay());
    }
}
