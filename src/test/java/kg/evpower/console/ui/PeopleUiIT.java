package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.i18n.Messages;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The people screen as an owner uses it, through the real UI on the sandbox: the owner adds an operator by phone (the
 * number written as people write it), the operator signs in by code and is not given the screen, the owner deactivates
 * them after a question that warns they can still sign in by code — and the server does sign them in, which this console
 * then refuses.
 */
class PeopleUiIT {

    private static final Messages RU = new Messages("ru");
    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    private String text(String id) {
        return ui.node(id, Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private TableView<StaffMember> people() {
        return ui.node("#people-people", TableView.class);
    }

    /** Presses the dialog's button of {@code data} (OK or Cancel) in the dialog holding {@code field}. */
    private void dialogButton(String field, ButtonBar.ButtonData data) {
        Platform.runLater(() -> {
            javafx.scene.Node n = ui.node(field, javafx.scene.Node.class);
            while (!(n instanceof DialogPane)) { // ControlsFX's decorations wrap the dialog's root
                n = n.getParent();
            }
            DialogPane pane = (DialogPane) n;
            pane.getButtonTypes().stream().filter(b -> b.getButtonData() == data).findFirst().map(pane::lookupButton)
                    .map(Button.class::cast).orElseThrow().fire();
        });
    }

    /** Fires a button as a click would, without the robot's hunt for it while the main window is being built. */
    private void press(String id) {
        ui.robot().interact(() -> ui.node(id, javafx.scene.control.ButtonBase.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openPeople() throws Exception {
        ui.waitUntil(20, () -> ui.present("#nav-people"));
        press("#nav-people");
        ui.waitUntil(20, () -> ui.present("#people-people") && !people().getItems().isEmpty());
    }

    private StaffMember row(String phone) {
        return people().getItems().stream().filter(p -> phone.equals(p.phone())).findFirst().orElse(null);
    }

    @Test
    void anOwnerAddsAnOperatorWhoSignsIn_thenDeactivatesThem() throws Exception {
        Path home = Files.createTempDirectory("evpower-people");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withOtpResend(Duration.ZERO));
        ui.logIn("+996700100001");
        openPeople();
        int before = people().getItems().size();
        assertFalse(ui.present("#people-create-staff"), "owners add operators, not staff");

        // add an operator, the number as people write it; OK waits for a Kyrgyz number
        Platform.runLater(() -> ui.node("#people-add-operator", Button.class).fire()); // showAndWait: not inside interact
        ui.awaitDialog("#people-form-phone");
        ui.type("#people-form-phone", "0555 98 76 54");
        ui.waitUntil(5, () -> text("#people-form-phone-normalised").contains("+996555987654"));
        ui.type("#people-form-name", "Нурлан");
        dialogButton("#people-form-phone", ButtonBar.ButtonData.OK_DONE);
        ui.waitUntil(20, () -> row("+996555987654") != null);
        assertEquals(before + 1, people().getItems().size());
        assertTrue(text("#people-action-status").startsWith("Оператор добавлен: Нурлан"), text("#people-action-status"));

        // the operator signs in by code and is not given the people screen
        press("#status-logout");
        ui.awaitSandboxLogin();
        ui.logIn("+996555987654");
        ui.waitUntil(20, () -> ui.present("#nav-overview"));
        assertFalse(ui.present("#nav-people"), "operators read neither listing in production: no screen");
        assertEquals(RU.get("role.note.operator"), text("#nav-role-note"));

        // the owner deactivates them: the question warns that a code still signs them in
        press("#status-logout");
        ui.awaitSandboxLogin();
        ui.logIn("+996700100001");
        openPeople();
        StaffMember nurlan = row("+996555987654");
        Platform.runLater(() -> people().getSelectionModel().select(nurlan));
        ui.waitUntil(10, () -> "Нурлан".equals(text("#people-detail-name")) && ui.node("#people-deactivate", Button.class).isVisible());
        Platform.runLater(() -> ui.node("#people-deactivate", Button.class).fire());
        ui.awaitDialog("#people-confirm-text");
        String question = text("#people-confirm-text");
        assertTrue(question.startsWith("Отключить Нурлан?"), question);
        assertTrue(question.contains("всё ещё может войти"), question);
        dialogButton("#people-confirm-text", ButtonBar.ButtonData.OK_DONE);
        ui.waitUntil(20, () -> row("+996555987654") != null && !row("+996555987654").active());
        assertEquals("Оператор деактивирован", text("#people-action-status"));
        ui.waitUntil(10, () -> text("#people-detail-warning").contains("всё ещё может войти"));
        assertTrue(ui.node("#people-activate", Button.class).isVisible(), "and can be switched on again");
        WaitForAsyncUtils.waitForFxEvents();

        // production does not check it: the server signs the deactivated operator in (this console then refuses them)
        press("#status-logout");
        ui.awaitSandboxLogin();
        ui.logIn("+996555987654");
        ui.waitUntil(20, () -> RU.get("login.inactive").equals(text("#login-error")));
        assertFalse(ui.present("#nav-overview"));
    }
}
