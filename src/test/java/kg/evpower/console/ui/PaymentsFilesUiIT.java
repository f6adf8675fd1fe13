package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import kg.evpower.console.payments.FindingClass;
import kg.evpower.console.payments.MoneySource;
import kg.evpower.console.payments.PaymentsViewModel;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.EmbeddedPostgres;
import kg.evpower.testing.PickedFiles;
import kg.evpower.testing.ProductionCopy;
import kg.evpower.testing.Sandboxes;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The reconciliation screen's files and second source, on the sandbox the console starts: a damaged statement is
 * refused with its line and nothing loaded, the good one goes through the column-mapping step, the report is exported
 * to XLSX and CSV where the operator chose, and the same period is read from a real PostgreSQL through the connection
 * and password dialogs (a wrong password said plainly, the password never saved), giving the same findings.
 */
class PaymentsFilesUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();
    private EmbeddedPostgres pg;

    @AfterEach
    void stop() throws Exception {
        ui.close();
        if (pg != null) {
            pg.close();
        }
    }

    private String text(String id) {
        return ui.node(id, Label.class).getText();
    }

    /** Waits; on a timeout, says what the status line showed. */
    private void until(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            ui.waitUntil(seconds, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; status: " + text("#recon-status") + "; statement: " + text("#recon-statement"), e);
        }
    }

    /** Clicks the button {@code label} of the dialog that holds {@code field} (the main window may have one of that name). */
    private void dialogButton(String field, String label) {
        javafx.scene.Parent root = ui.node(field, javafx.scene.Node.class).getScene().getRoot();
        javafx.scene.control.Button b = root.lookupAll(".button").stream().filter(n -> n instanceof javafx.scene.control.Button x
                && label.equals(x.getText())).map(javafx.scene.control.Button.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " in the dialog of " + field));
        ui.robot().clickOn(b);
    }

    private void gone(String id) throws Exception {
        ui.waitUntil(10, () -> !ui.present(id));
    }

    private static Path download(SandboxServer s, String format, Path file) throws Exception {
        Instant from = Instant.now().minus(Duration.ofDays(2));
        Instant to = Instant.now().plus(Duration.ofMinutes(1));
        HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.baseUrl()
                + "/_sandbox/odengi/statement?format=" + format + "&from=" + from + "&to=" + to)).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
        assertEquals(200, r.statusCode());
        return file;
    }

    private void runAndWait(String previousStatus) throws Exception {
        ui.robot().clickOn("#recon-run");
        until(60, () -> !text("#recon-status").equals(previousStatus) && text("#recon-status").startsWith("Готово:"));
        WaitForAsyncUtils.waitForFxEvents(); // the status is set first in the runnable that fills the tables
    }

    @Test
    @SuppressWarnings("unchecked")
    void statementExportAndPostgres() throws Exception {
        Path home = Files.createTempDirectory("evpower-payments-files");
        PickedFiles files = new PickedFiles();
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withOtpResend(Duration.ZERO), files);
        ui.logIn("+996700000001");
        SandboxServer s = ui.server();
        Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"production\",\"rates\":{\"paid_old_qr\":0.15,\"paid_late\":0.15}}");
        Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":3,\"topups\":90,\"sessions\":40,\"seed\":5}");
        PaymentsUiIT.openPayments(ui);

        // a statement with a damaged amount on line 3: refused with the line, nothing loaded
        Path csv = download(s, "csv", home.resolve("statement.csv"));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertTrue(lines.size() > 5, "statement lines: " + lines.size());
        String header = lines.get(0).replace("\uFEFF", "");
        int amountCol = List.of(header.split(",")).indexOf("amount_tyiyn");
        String[] third = lines.get(2).split(",", -1);
        third[amountCol] = "12x";
        lines.set(2, String.join(",", third));
        Path damaged = home.resolve("damaged.csv");
        Files.write(damaged, lines, StandardCharsets.UTF_8);
        files.offer(damaged);
        ui.robot().clickOn("#recon-statement-load");
        ui.awaitDialog("#recon-map-invoice");
        assertEquals("invoice_id", ui.node("#recon-map-invoice", ComboBox.class).getValue(), "O!Dengi's columns are chosen already");
        assertEquals("amount_tyiyn", ui.node("#recon-map-amount", ComboBox.class).getValue());
        // the form says on the field what is wrong (ControlsFX decorations): a required column missing, one column twice
        @SuppressWarnings("unchecked")
        ComboBox<String> amountBox = ui.node("#recon-map-amount", ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> orderBox = ui.node("#recon-map-order", ComboBox.class);
        String orderBefore = orderBox.getValue();
        ui.robot().interact(() -> amountBox.setValue(amountBox.getItems().get(0)));
        until(5, () -> !org.controlsfx.control.decoration.Decorator.getDecorations(amountBox).isEmpty());
        ui.robot().interact(() -> orderBox.setValue("invoice_id"));
        until(5, () -> !org.controlsfx.control.decoration.Decorator.getDecorations(orderBox).isEmpty());
        ui.robot().interact(() -> {
            amountBox.setValue("amount_tyiyn");
            orderBox.setValue(orderBefore);
        });
        until(5, () -> org.controlsfx.control.decoration.Decorator.getDecorations(amountBox).isEmpty()
                && org.controlsfx.control.decoration.Decorator.getDecorations(orderBox).isEmpty());
        dialogButton("#recon-map-invoice", "Загрузить выписку");
        until(10, () -> text("#recon-status").startsWith("Выписка не загружена (1 ошибок)"));
        assertTrue(text("#recon-status").contains("строка 3: сумма — не число: «12x»"), text("#recon-status"));
        assertEquals("не загружена", text("#recon-statement"));
        PickedFiles.Ask ask = files.asked().get(0);
        assertFalse(ask.save());
        assertTrue(ask.patterns().contains("*.xlsx") && ask.patterns().contains("*.csv"), ask.toString());

        // the good statement, as XLSX: mapped with the remembered choice
        Path xlsx = download(s, "xlsx", home.resolve("statement.xlsx"));
        files.offer(xlsx);
        ui.robot().clickOn("#recon-statement-load");
        ui.awaitDialog("#recon-map-invoice");
        dialogButton("#recon-map-invoice", "Загрузить выписку");
        until(10, () -> text("#recon-statement").startsWith("statement.xlsx:"));
        assertTrue(Files.readString(home.resolve("settings.json")).contains("amount_tyiyn"), "the mapping is remembered");

        // run over the operator API: the statement-only classes appear
        runAndWait(text("#recon-status"));
        TableView<PaymentsViewModel.ClassRow> summary = ui.node("#recon-summary", TableView.class);
        List<FindingClass> classes = summary.getItems().stream().map(PaymentsViewModel.ClassRow::kind).toList();
        assertTrue(classes.contains(FindingClass.PAID_NOT_CREDITED_LATE) || classes.contains(FindingClass.PAID_NOT_CREDITED_OLD_QR),
                classes + "; status: " + text("#recon-status") + "; totals: " + text("#recon-totals"));
        assertFalse(text("#recon-totals").contains("Выписка не загружена"), text("#recon-totals"));
        TableView<PaymentsViewModel.FindingRow> findings = ui.node("#recon-findings", TableView.class);
        int apiFindings = findings.getItems().size();
        String apiHeadline = text("#recon-headline");

        // export: the operator names a file without an extension; the console adds it
        files.offer(home.resolve("report"));
        MenuButton export = ui.node("#recon-export", MenuButton.class);
        Platform.runLater(() -> export.getItems().get(0).fire());
        until(20, () -> text("#recon-status").startsWith("Отчёт сохранён:"));
        Path report = home.resolve("report.xlsx");
        assertTrue(Files.exists(report), text("#recon-status"));
        PickedFiles.Ask saveAsk = files.asked().get(files.asked().size() - 1);
        assertTrue(saveAsk.save() && saveAsk.suggested().startsWith("reconciliation-") && saveAsk.suggested().endsWith(".xlsx"),
                saveAsk.toString());
        try (InputStream in = Files.newInputStream(report); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertEquals(2, sheets.size());
            List<Row> rows = sheets.get(1).read();
            assertEquals(apiFindings, rows.size() - 1, "one row per finding");
            int evidence = -1;
            for (int c = 0; c < rows.get(0).getCellCount(); c++) {
                if ("evidence".equals(rows.get(0).getCellText(c))) {
                    evidence = c;
                }
            }
            int ev = evidence;
            assertTrue(rows.stream().skip(1).anyMatch(r -> r.getCellText(ev).startsWith("Пополнение #")), "evidence in Russian");
        }
        files.offer(home.resolve("report.csv"));
        Platform.runLater(() -> export.getItems().get(1).fire());
        until(20, () -> text("#recon-status").contains("report.csv"));
        assertEquals(apiFindings + 1, Files.readAllLines(home.resolve("report.csv"), StandardCharsets.UTF_8).size());
        try (var leftovers = Files.list(home)) {
            assertEquals(List.of(), leftovers.filter(p -> p.getFileName().toString().contains(".tmp")).toList(), "no temp file left");
        }

        // the same data in a real PostgreSQL with production's schema, read through a read-only role
        pg = EmbeddedPostgres.start();
        try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE evpower");
        }
        try (Connection h2 = s.db().connection(); Connection target = pg.admin("evpower")) {
            ProductionCopy.createSchema(target);
            ProductionCopy.copy(h2, target);
            try (Statement st = target.createStatement()) {
                st.execute("CREATE ROLE reconciler LOGIN PASSWORD 'read-only-pass'");
                st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reconciler");
            }
        }
        Platform.runLater(() -> ui.node("#recon-source", ComboBox.class).setValue(MoneySource.Kind.POSTGRES));
        WaitForAsyncUtils.waitForFxEvents();
        ui.robot().clickOn("#recon-run");
        // no connection saved yet: the connection dialog comes first, OK only once it is complete
        ui.awaitDialog("#recon-pg-host");
        ui.robot().clickOn("#recon-pg-host").write("localhost");
        // verify-full by default, nothing to warn about; a weaker mode says what it lets through while it is chosen
        assertEquals("verify-full", ui.node("#recon-pg-sslmode", ComboBox.class).getValue());
        assertEquals("", text("#recon-pg-weak"));
        Platform.runLater(() -> ui.node("#recon-pg-sslmode", ComboBox.class).setValue("require"));
        until(5, () -> text("#recon-pg-weak").contains("TLS require"));
        Platform.runLater(() -> ui.node("#recon-pg-sslmode", ComboBox.class).setValue("verify-full"));
        until(5, () -> text("#recon-pg-weak").isEmpty());
        Platform.runLater(() -> ui.node("#recon-pg-rootcert", TextField.class).setText(pg.certificate().toString()));
        TextField port = ui.node("#recon-pg-port", TextField.class);
        Platform.runLater(() -> port.setText(Integer.toString(pg.port())));
        ui.robot().clickOn("#recon-pg-database");
        Platform.runLater(() -> ui.node("#recon-pg-database", TextField.class).setText("evpower"));
        ui.robot().clickOn("#recon-pg-user").write("reconciler");
        WaitForAsyncUtils.waitForFxEvents();
        dialogButton("#recon-pg-host", "Параметры PostgreSQL");
        // then the password, wrong first
        ui.awaitDialog("#recon-pg-password");
        ui.robot().clickOn("#recon-pg-password").write("not-the-password");
        dialogButton("#recon-pg-password", "Сверить");
        until(30, () -> text("#recon-status").contains("PostgreSQL не принял вход: неверное имя пользователя или пароль."));
        assertTrue(text("#recon-status").contains("28P01") || text("#recon-status").contains("password"), text("#recon-status"));
        assertFalse(text("#recon-status").contains("not-the-password"), "the password is never shown");
        assertEquals(apiHeadline, text("#recon-headline"), "a failed run leaves the last report on screen");

        ui.robot().clickOn("#recon-run");
        ui.awaitDialog("#recon-pg-password");
        assertEquals("", ui.node("#recon-pg-password", PasswordField.class).getText(), "the password is asked afresh");
        ui.robot().clickOn("#recon-pg-password").write("read-only-pass");
        dialogButton("#recon-pg-password", "Сверить");
        until(60, () -> text("#recon-status").startsWith("Готово:"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(apiFindings, findings.getItems().size(), "the same findings as over the operator API");
        assertEquals(apiHeadline, text("#recon-headline"));
        assertEquals("", text("#recon-warning"), "a read-only role gives no warning");
        String saved = Files.readString(home.resolve("settings.json"));
        assertTrue(saved.contains("\"reconciler\"") && saved.contains(Integer.toString(pg.port())), "the connection is remembered");
        assertFalse(saved.contains("read-only-pass"), "the password is never saved");
        gone("#recon-pg-password");
        assertTrue(files.asked().stream().map(PickedFiles.Ask::title).collect(Collectors.toSet()).size() >= 2);
    }
}
