package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The main window's keys, pressed as a user presses them: Ctrl+N screens, Ctrl+F and Esc for the search, F1 the list. */
class ShortcutsUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @Test
    void ctrlDigitSwitchesScreens_ctrlFFocusesTheSearch_escClearsIt_f1ListsTheKeys() throws Exception {
        Path home = Files.createTempDirectory("evpower-keys");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet());
        ui.logIn("+996700000001");
        ui.awaitOverview(1);
        ui.robot().press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        ui.waitUntil(5, () -> ui.node("#nav-map", ToggleButton.class).isSelected() && ui.present("#map-search"));
        ui.robot().press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        ui.waitUntil(5, () -> ui.node("#map-search", TextField.class).isFocused());
        ui.robot().write("EVP-007");
        ui.waitUntil(5, () -> "EVP-007".equals(ui.node("#map-search", TextField.class).getText()));
        ui.robot().press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        ui.waitUntil(5, () -> ui.node("#map-search", TextField.class).getText().isEmpty());
        ui.robot().press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        ui.waitUntil(5, () -> ui.node("#nav-overview", ToggleButton.class).isSelected());
        ui.robot().press(KeyCode.F1).release(KeyCode.F1);
        ui.waitUntil(5, () -> ui.present("#shortcuts"));
        assertTrue(ui.robot().lookup("#shortcuts").queryAll().size() == 1);
        assertEquals("Ctrl+1", ui.node("#nav-overview", ToggleButton.class).getTooltip().getText().replaceAll(".*\\((.*)\\)", "$1"));
    }
}
