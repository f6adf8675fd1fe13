package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import kg.evpower.console.payments.FindingClass;
import kg.evpower.console.payments.Period;
import kg.evpower.console.payments.PaymentsViewModel;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The payment reconciliation screen on the sandbox the console starts (real HTTP, Monocle headless): money traffic is
 * replayed "as production", the operator reconciles the last two days through the operator API, sees the unexplained
 * som and the classes, opens a finding's evidence and resolves it with a note that lands in the audit trail and is
 * still there after the console restarts.
 */
class PaymentsUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    /** Opens the reconciliation screen with the period yesterday..today (Bishkek), which covers a fresh replay. */
    static void openPayments(ConsoleDriver ui) throws Exception {
        // the main window may still be coming up after the login
        ui.waitUntil(20, () -> ui.present("#nav-payments"));
        ui.robot().interact(() -> ui.node("#nav-payments", javafx.scene.control.ButtonBase.class).fire());
        ui.waitUntil(10, () -> ui.present("#recon-run"));
        LocalDate today = LocalDate.now(Period.BISHKEK);
        Platform.runLater(() -> {
            ui.node("#recon-from", DatePicker.class).setValue(today.minusDays(1));
            ui.node("#recon-to", DatePicker.class).setValue(today);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return ui.node(id, Label.class).getText();
    }

    @Test
    @SuppressWarnings("unchecked")
    void reconcileDrillDownAndResolveWithANote() throws Exception {
        Path home = Files.createTempDirectory("evpower-payments-ui");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withOtpResend(java.time.Duration.ZERO));
        ui.logIn("+996700000001");
        Sandboxes.control(ui.server(), "/_sandbox/money", "{\"mode\":\"production\",\"rates\":{\"balance_drift\":0.2}}");
        Sandboxes.control(ui.server(), "/_sandbox/money/replay", "{\"hours\":3,\"topups\":80,\"sessions\":70,\"seed\":3}");
        openPayments(ui);
        ui.robot().clickOn("#recon-run");
        ui.waitUntil(30, () -> text("#recon-status").startsWith("Готово:"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text("#recon-headline").startsWith("Необъяснено:"), text("#recon-headline"));
        assertTrue(text("#recon-status").startsWith("Готово:"), text("#recon-status"));
        assertTrue(text("#recon-totals").contains("Выписка не загружена"), "no statement loaded is said: " + text("#recon-totals"));
        TableView<PaymentsViewModel.ClassRow> summary = ui.node("#recon-summary", TableView.class);
        assertTrue(summary.getItems().stream().anyMatch(r -> r.kind() == FindingClass.BALANCE_DRIFT), summary.getItems().toString());
        TableView<PaymentsViewModel.FindingRow> findings = ui.node("#recon-findings", TableView.class);
        int all = findings.getItems().size();
        assertEquals(summary.getItems().get(0).count(), all, "the 'all classes' row counts every finding");

        // the drift class only, then the first drift's evidence
        int driftRow = summary.getItems().indexOf(summary.getItems().stream().filter(r -> r.kind() == FindingClass.BALANCE_DRIFT).findFirst()
                .orElseThrow());
        Platform.runLater(() -> summary.getSelectionModel().select(driftRow));
        try {
            ui.waitUntil(5, () -> findings.getItems().stream().allMatch(r -> r.finding().kind() == FindingClass.BALANCE_DRIFT));
        } catch (Exception e) {
            throw new AssertionError("selected " + summary.getSelectionModel().getSelectedItem() + ", shown "
                    + findings.getItems().stream().map(r -> r.finding().kind()).distinct().toList(), e);
        }
        Platform.runLater(() -> findings.getSelectionModel().select(0));
        ui.waitUntil(5, () -> !ui.node("#recon-evidence", ListView.class).getItems().isEmpty());
        String subject = findings.getSelectionModel().getSelectedItem().finding().subject();
        assertTrue(((String) ui.node("#recon-evidence", ListView.class).getItems().get(0)).startsWith("Баланс клиента"));
        assertTrue(text("#recon-action").contains("вручную"), text("#recon-action"));

        // resolve: a note is required, then the decision is logged and shown
        Platform.runLater(() -> ui.node("#recon-resolve", javafx.scene.control.Button.class).fire());
        ui.awaitDialog("#recon-note");
        ui.robot().clickOn("Отметить решённым");
        assertTrue(ui.present("#recon-note"), "an empty note keeps the dialog open");
        ui.robot().clickOn("#recon-note").write("Проверено вручную: потерянное обновление баланса");
        ui.robot().clickOn("Отметить решённым");
        ui.waitUntil(5, () -> !ui.node("#recon-history", ListView.class).getItems().isEmpty());
        String entry = (String) ui.node("#recon-history", ListView.class).getItems().get(0);
        assertTrue(entry.contains("решено") && entry.contains("+996700000001") && entry.contains("Проверено вручную"), entry);
        Path audit = home.resolve("reconciliation-audit.jsonl");
        List<String> lines = Files.readAllLines(audit);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains(subject) && lines.get(0).contains("RESOLVED"), lines.get(0));
        ui.waitUntil(5, () -> findings.getItems().stream().filter(r -> r.finding().subject().equals(subject)).allMatch(
                PaymentsViewModel.FindingRow::resolved));
        assertTrue(text("#recon-totals").contains("решено: 1"), text("#recon-totals"));
    }
}
