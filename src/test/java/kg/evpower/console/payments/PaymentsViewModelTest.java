package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.SynchronousTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciliation screen's decisions, without a stage: period, runs, the headline, filters, resolutions, export, dialogs. */
class PaymentsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final Messages m = new Messages("en");
    private final Formats f = new Formats(m);
    private final SynchronousTaskExecutor tasks = new SynchronousTaskExecutor(e -> ErrorTexts.describe(m, e));
    @TempDir
    Path dir;

    private static Finding finding(FindingClass kind, String subject, String som) {
        return new Finding(kind, "client-" + subject, subject, new BigDecimal(som), NOW, List.of());
    }

    private static final Report REPORT = new Report(NOW.minusSeconds(86_400), NOW, NOW, false, List.of(
            finding(FindingClass.DOUBLE_CREDIT, "inv-1", "100.00"),
            finding(FindingClass.DOUBLE_CREDIT, "inv-2", "50.00"),
            finding(FindingClass.BALANCE_DRIFT, "client-9", "12.34")));

    private PaymentsViewModel vm(PaymentsViewModel.Runner runner) {
        return new PaymentsViewModel(m, f, tasks, runner, new ResolutionLog(dir.resolve("audit.jsonl")), () -> "Support (+996700000001)",
                () -> NOW);
    }

    private PaymentsViewModel ran() {
        PaymentsViewModel vm = vm((kind, period, statement, password, progress, cancelled) -> new ReconciliationRun(REPORT, "sandbox", null));
        vm.run(null);
        return vm;
    }

    @Test
    void thePeriodStartsAtTheMonthInBishkekAndAnEmptyOrBackwardsPeriodCannotRun() {
        PaymentsViewModel vm = vm(null);
        assertEquals(LocalDate.of(2026, 12, 1), vm.fromDayProperty().get());
        assertEquals(LocalDate.of(2026, 12, 3), vm.toDayProperty().get());
        vm.preset(PaymentsViewModel.Preset.LAST_MONTH);
        assertEquals(LocalDate.of(2026, 11, 1), vm.fromDayProperty().get());
        assertEquals(LocalDate.of(2026, 11, 30), vm.toDayProperty().get());
        vm.fromDayProperty().set(LocalDate.of(2026, 12, 2));
        assertFalse(vm.canRun(), "to before from");
        vm.toDayProperty().set(null);
        assertFalse(vm.canRun());
    }

    @Test
    void aRunShowsTheUnexplainedHeadlineThePerClassSummaryAndFiltersTheFindings() {
        PaymentsViewModel vm = ran();
        assertFalse(vm.runningProperty().get());
        assertEquals(m.format("recon.headline.unexplained", f.som(new BigDecimal("12.34"))), vm.headlineProperty().get());
        assertTrue(vm.headlineBadProperty().get());
        assertEquals(3, vm.classes().size(), "all, then one line per class found");
        assertEquals(3, vm.classes().get(0).count());
        assertEquals(new BigDecimal("150.00"), vm.classes().get(1).sum());
        assertTrue(vm.totalsProperty().get().contains(m.get("recon.headline.noStatement")), "says that no statement was compared");
        vm.classFilterProperty().set(FindingClass.DOUBLE_CREDIT);
        assertEquals(2, vm.findings().size());
        vm.searchProperty().set("INV-2");
        assertEquals(List.of("inv-2"), vm.findings().stream().map(r -> r.finding().subject()).toList());
        vm.classFilterProperty().set(null);
        vm.searchProperty().set("");
        vm.unexplainedOnlyProperty().set(true);
        assertEquals(List.of("client-9"), vm.findings().stream().map(r -> r.finding().subject()).toList());
    }

    @Test
    void aResolutionNeedsANote_goesToTheAuditTrail_andCanBeHiddenFromTheList() throws Exception {
        PaymentsViewModel vm = ran();
        vm.selectedProperty().set(vm.findings().get(0));
        vm.decide(ResolutionLog.Action.RESOLVED, " ");
        assertEquals(m.get("recon.resolve.required"), vm.statusProperty().get());
        assertTrue(vm.failedProperty().get());
        vm.decide(ResolutionLog.Action.RESOLVED, "refunded by hand, ticket 42");
        assertTrue(vm.findings().get(0).resolved());
        assertEquals(1, vm.history().size());
        assertTrue(vm.history().get(0).contains("refunded by hand, ticket 42"));
        assertTrue(Files.readString(dir.resolve("audit.jsonl")).contains("Support (+996700000001)"), "who resolved it");
        vm.showResolvedProperty().set(false);
        assertEquals(2, vm.findings().size());
        PaymentsViewModel again = ran();
        again.showResolvedProperty().set(false);
        assertEquals(2, again.findings().size(), "the audit trail is read at the next run");
    }

    @Test
    void aFailedRunSaysWhyInTheUsersWords_aCancelledOneSaysSo() {
        PaymentsViewModel vm = vm((kind, period, statement, password, progress, cancelled) -> {
            throw new IllegalStateException(m.get("recon.noOperatorApi"));
        });
        vm.run(null);
        assertTrue(vm.failedProperty().get());
        assertEquals(m.format("recon.progress.failed", m.get("recon.noOperatorApi")), vm.statusProperty().get());
        assertFalse(vm.runningProperty().get());

        tasks.hold();
        List<String> steps = new ArrayList<>();
        PaymentsViewModel[] slow = new PaymentsViewModel[1];
        slow[0] = vm((kind, period, statement, password, progress, cancelled) -> {
            progress.rows("ledger", 10);
            slow[0].cancel(); // the operator presses «Отмена» while the ledger is read
            steps.add(cancelled.getAsBoolean() ? "cancelled" : "going on");
            return new ReconciliationRun(REPORT, "sandbox", null);
        });
        slow[0].run(null);
        assertTrue(slow[0].runningProperty().get());
        tasks.runQueued();
        assertEquals(List.of("cancelled"), steps, "the work is told");
        PaymentsViewModel slowVm = slow[0];
        assertEquals(m.get("recon.progress.cancelled"), slowVm.statusProperty().get());
        assertFalse(slowVm.failedProperty().get());
        assertFalse(slowVm.runningProperty().get());
        assertTrue(slowVm.classes().isEmpty(), "a cancelled run shows nothing of its own");
    }

    @Test
    void anExportGetsItsExtensionAndSaysWhereItWent_withNothingToExportItSaysSo() throws Exception {
        PaymentsViewModel empty = vm(null);
        empty.export(dir.resolve("report"), ReportExport.Format.CSV);
        assertTrue(empty.failedProperty().get());
        PaymentsViewModel vm = ran();
        vm.export(dir.resolve("report"), ReportExport.Format.CSV);
        Path csv = dir.resolve("report.csv");
        assertTrue(Files.exists(csv));
        assertEquals(m.format("recon.export.done", csv.toAbsolutePath()), vm.statusProperty().get());
        assertFalse(vm.failedProperty().get());
    }

    @Test
    void theColumnMappingStepStartsFromTheRememberedColumnsAndNeedsTheFirstThree() throws Exception {
        Path file = dir.resolve("statement.csv");
        Files.writeString(file, "Invoice;Paid at;Sum;Txn\ninv-1;2026-12-01 10:00:00;10000;t1\n");
        PaymentsViewModel vm = vm(null);
        StatementImport.Mapping remembered = new StatementImport.Mapping("invoice", "paid at", "sum", null, null, null,
                StatementImport.Unit.TYIYN, StatementImport.Mapping.ODENGI.zone());
        vm.statementChosen(file, remembered);
        MappingRequest asked = vm.mappingRequestProperty().get();
        assertNotNull(asked, "the step is asked for");
        assertEquals(List.of("Invoice", "Paid at", "Sum", "Txn"), asked.header());
        assertEquals("Invoice", asked.initial(0), "matched without case");
        assertEquals("Sum", asked.initial(2));
        assertNull(asked.initial(3));
        assertFalse(MappingRequest.complete(Arrays.asList("Invoice", null, "Sum", null, null, null)));
        List<String> picks = Arrays.asList("Invoice", "Paid at", "Sum", "Txn", null, null);
        assertTrue(MappingRequest.complete(picks));
        vm.mappingChosen(asked, asked.mapping(picks, false));
        assertNull(vm.mappingRequestProperty().get());
        assertEquals(1, vm.statementProperty().get().size());
        assertEquals(new BigDecimal("100.00"), vm.statementProperty().get().get(0).amount().setScale(2), "tyiyn read as som");
    }

    @Test
    void aHostileOrForeignFileIsRefusedInOneSentenceAndKeepsTheLoadedStatement() throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "invoice_id,paid_at,amount_tyiyn\ninv-1,2026-12-01 10:00:00,10000\n");
        PaymentsViewModel vm = vm(null);
        vm.loadStatement(good, StatementImport.Mapping.ODENGI);
        assertEquals(1, vm.statementProperty().get().size());
        // the bomb, chosen in the window: the mapping step is not asked for, the reason is one sentence
        Path bomb = kg.evpower.testing.HandMadeXlsx.bomb(dir.resolve("bomb.xlsx"));
        vm.statementChosen(bomb, null);
        assertNull(vm.mappingRequestProperty().get());
        assertTrue(vm.failedProperty().get());
        assertEquals(m.format("recon.statement.rejected", 1) + "\n" + m.format("recon.import.line", "2", m.format("recon.import.cellTooLong", 32_767)),
                vm.statusProperty().get());
        // a CSV saved as UTF-16: named so, not "Input length = 1"
        Path utf16 = dir.resolve("u16.csv");
        Files.write(utf16, "invoice_id,paid_at,amount_tyiyn\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        vm.loadStatement(utf16, StatementImport.Mapping.ODENGI);
        assertEquals(m.format("recon.statement.rejected", 1) + "\n" + m.get("recon.import.utf16"), vm.statusProperty().get());
        assertEquals(1, vm.statementProperty().get().size(), "the statement loaded before stays");
    }

    @Test
    void thePostgresDialogStartsFromTheDefaultsAndAcceptsOnlyACompleteConnection() {
        PostgresForm blank = PostgresForm.of(null);
        assertEquals("5432", blank.port());
        assertEquals("verify-full", blank.sslMode(), "the server's certificate and name are checked unless the operator says otherwise");
        assertEquals("", blank.tlsWarning(m));
        assertEquals(m.format("recon.pg.weak.require", "db.kg"), new PostgresForm("db.kg", "5432", "evpower", "clerk", "require", "").tlsWarning(m));
        assertEquals(m.format("recon.pg.weak.verifyCa", "db.kg"),
                new PostgresForm("db.kg", "5432", "evpower", "clerk", "verify-ca", "").tlsWarning(m));
        assertEquals(m.format("recon.pg.weak.plain", "db.kg"), new PostgresForm("db.kg", "5432", "evpower", "clerk", "disable", "").tlsWarning(m));
        assertNull(blank.settings(), "no host, no user");
        assertNull(new PostgresForm("db.kg", "70000", "evpower", "clerk", "require", "").settings(), "no such port");
        PostgresMoneySource.Settings s = new PostgresForm(" db.kg ", "5433", "evpower", "clerk", "verify-full", " ").settings();
        assertEquals("db.kg", s.host());
        assertEquals(5433, s.port());
        assertNull(s.sslRootCert());
        assertEquals("db.kg", PostgresForm.of(s).host());
    }

    @Test
    void aRunThatFailsLeavesTheLastReportDimmedUnderTheBannerWithItsTime_theNextGoodRunEndsIt() {
        boolean[] down = {false};
        PaymentsViewModel vm = vm((kind, period, statement, password, progress, cancelled) -> {
            if (down[0]) {
                throw new IllegalStateException(m.get("stale.noLink"));
            }
            return new ReconciliationRun(REPORT, "sandbox", null);
        });
        vm.run(null);
        assertFalse(vm.freshness().downProperty().get());
        assertEquals(NOW, vm.freshness().asOfProperty().get(), "the report's own time");
        down[0] = true;
        vm.run(null);
        assertTrue(vm.freshness().downProperty().get());
        assertTrue(vm.freshness().whyProperty().get().contains(m.get("stale.noLink")), vm.freshness().whyProperty().get());
        assertEquals(3, vm.classes().size(), "the last report stays");
        down[0] = false;
        vm.run(null);
        assertFalse(vm.freshness().downProperty().get());
    }
}
