package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.payments.MoneySource;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against today's production API only (no operator API): the console says what it cannot know and picks what works. */
class PublicApiUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();
    private final Messages ru = new Messages("ru");

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @Test
    void anOwnerIsToldTheServerNamesNoOwner_supportGetsThePostgresSourceForPayments() throws Exception {
        Path home = Files.createTempDirectory("evpower-public");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withOperatorApi(false).withOtpResend(java.time.Duration.ZERO));
        ui.logIn("+996700100001");
        ui.awaitOverview(1);
        assertTrue(ui.node("#overview-source", Label.class).getText().endsWith(ru.get("overview.mode.publicNoOwner")),
                ui.node("#overview-source", Label.class).getText());
        ui.robot().clickOn("#status-logout");
        ui.awaitSandboxLogin();
        ui.logIn("+996700000001");
        ui.awaitOverview(1);
        assertEquals(ru.get("overview.mode.public"), ui.node("#overview-source", Label.class).getText(), "support staff see all anyway");
        ui.robot().clickOn("#nav-payments");
        ui.waitUntil(10, () -> ui.present("#recon-source"));
        assertEquals(MoneySource.Kind.POSTGRES, ui.node("#recon-source", ComboBox.class).getValue(), "the source that works here");
    }
}
