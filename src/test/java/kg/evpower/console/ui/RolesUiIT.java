package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import kg.evpower.console.i18n.Messages;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Another person signing in starts on their role's first screen, and an operator is told in one sentence what they may do. */
class RolesUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @Test
    void anOperatorAfterSupportStartsOnTheFirstScreenAndIsToldWhatTheRoleMayDo() throws Exception {
        Path home = Files.createTempDirectory("evpower-roles");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withOtpResend(java.time.Duration.ZERO));
        ui.logIn("+996700000001");
        ui.awaitOverview(1);
        assertFalse(ui.present("#nav-role-note"), "support staff may do everything");
        ui.robot().clickOn("#nav-payments");
        ui.waitUntil(10, () -> ui.present("#recon-run"));
        ui.robot().clickOn("#status-logout");
        ui.awaitSandboxLogin();
        ui.logIn("+996700201001");
        ui.waitUntil(20, () -> ui.present("#nav-overview") && ui.node("#nav-overview", ToggleButton.class).isSelected());
        assertFalse(ui.present("#nav-payments"), "no reconciliation for an operator");
        assertEquals(new Messages("ru").get("role.note.operator"), ui.node("#nav-role-note", Label.class).getText());
        assertTrue(ui.node("#nav-role-note", Label.class).isVisible());
    }
}
