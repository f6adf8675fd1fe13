package kg.evpower.console.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.SynchronousTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import kg.evpower.figures.Figures;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;
import kg.evpower.figures.StatsReport.Bucket;
import kg.evpower.figures.StatsReport.Grouping;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics screen's decisions without a stage: periods, scope, the answer in words, stale answers, export. */
class StatsViewModelTest {

    /** Monday 7 December 2026, noon in Bishkek. */
    static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    static final UserAccount SUPPORT = new UserAccount("sa", "+996700000001", "Support", "support@evpower.kg", Role.SUPERADMIN, null, true, 0, 0);
    static final UserAccount OWNER = new UserAccount("o1", "+996700100001", "Owner One", "owner1@evpower.kg", Role.ADMIN, null, true, 5, 2);
    static final UserAccount OPERATOR = new UserAccount("op1", "+996700201001", "Aibek", null, Role.OPERATOR, "o1", true, 0, 0);

    private final Messages m = new Messages("ru");
    private final SynchronousTaskExecutor tasks = new SynchronousTaskExecutor(e -> ErrorTexts.describe(m, e));

    static Figures figures(long sessions, String energy, String revenue, String ledger, long disagreements, double occupied) {
        return new Figures(sessions, sessions - 1, 1, 0, new BigDecimal(energy), new BigDecimal(revenue), sessions * 1800, new BigDecimal(ledger),
                disagreements, occupied, occupied * 0.8, 1000);
    }

    static StatsReport.Group station(String id, long sessions, String revenue, double occupied) {
        return new StatsReport.Group(id, id, figures(sessions, "10", revenue, revenue, 0, occupied), 1, 2);
    }

    /** A server that answers what it is told and records each question. */
    static final class FakeSource implements StatsGateway {
        final List<StatsQuery> asked = new ArrayList<>();
        final List<String> passwords = new ArrayList<>();
        boolean password;
        RuntimeException refuse;
        Figures total = figures(100, "1234.5", "25000.50", "24900.50", 2, 300);
        Figures previous = figures(80, "1000", "20000", "0", 0, 0);

        @Override
        public String source() {
            return "operator API http://test";
        }

        @Override
        public boolean needsPassword() {
            return password;
        }

        @Override
        public Statistics read(StatsQuery q, Grouping grouping, Bucket bucket, char[] pw) {
            asked.add(q);
            passwords.add(pw == null ? null : new String(pw));
            if (refuse != null) {
                throw refuse;
            }
            long[][] heat = new long[7][24];
            heat[0][18] = 12;
            List<StatsReport.Group> stations = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                stations.add(station(String.format("EVP-%03d-01", i), i, i + "00.00", i * 10));
            }
            List<StatsReport.Bar> bars = List.of(new StatsReport.Bar(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2), 40, 39, 1,
                    new BigDecimal("500.250"), new BigDecimal("10000.25")));
            return new Statistics(q.from(), q.to(), q.previousFrom(), q.asOf(), q.ownerId(), null, null, q.idleDays(), grouping, bucket, total, previous,
                    grouping == Grouping.STATION ? stations : List.of(new StatsReport.Group("network", "network", total, 25, 50)), stations, bars, heat,
                    List.of(new StatsReport.Idle("EVP-099-01", "ТЦ «Дордой Плаза»", "Owner, Inc.")));
        }

        @Override
        public List<Owner> owners() {
            return List.of(new Owner("o1", "Owner One"), new Owner("o2", "Owner Two"));
        }
    }

    /** Russian groups thousands with a no-break space. */
    static String plain(String s) {
        return s.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private StatsViewModel vm(FakeSource source, UserAccount me) {
        return new StatsViewModel(m, new Formats(m), source, tasks, me, () -> NOW);
    }

    @Test
    void periodsAreBishkekDaysAndStepBackAndOn() {
        StatsViewModel vm = vm(new FakeSource(), SUPPORT);
        assertArrayEquals(new LocalDate[] {LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)}, vm.days());
        assertEquals(Instant.parse("2026-11-30T18:00:00Z"), vm.query().from(), "December begins at midnight in Bishkek");
        assertEquals("Декабрь 2026 (по сегодня)", vm.describe());
        assertTrue(vm.atPresent());
        vm.step(-1);
        assertEquals("Ноябрь 2026", vm.describe());
        assertFalse(vm.atPresent());
        vm.periodProperty().set(StatsViewModel.Period.WEEK);
        assertArrayEquals(new LocalDate[] {LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 8)}, vm.days(), "Monday to Sunday");
        assertEquals(Bucket.DAY, vm.bucketProperty().get());
        vm.periodProperty().set(StatsViewModel.Period.YEAR);
        assertEquals(Bucket.MONTH, vm.bucketProperty().get(), "a year is shown per month");
        vm.backToToday();
        assertArrayEquals(new LocalDate[] {LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)}, vm.days());
        vm.customFromProperty().set(LocalDate.of(2026, 9, 1));
        vm.customToProperty().set(LocalDate.of(2026, 12, 9));
        vm.periodProperty().set(StatsViewModel.Period.CUSTOM);
        assertEquals(Bucket.WEEK, vm.bucketProperty().get(), "100 days are shown per week");
        vm.step(-1);
        assertArrayEquals(new LocalDate[] {LocalDate.of(2026, 5, 24), LocalDate.of(2026, 8, 31)}, vm.days(), "custom days step by their length");
    }

    @Test
    void anOwnerAndTheirOperatorsSeeOnlyTheOwnersStationsSupportAnyOwner() {
        FakeSource source = new FakeSource();
        StatsViewModel support = vm(source, SUPPORT);
        assertNull(source.asked.isEmpty() ? null : source.asked.get(0).ownerId());
        support.reload();
        assertNull(source.asked.get(source.asked.size() - 1).ownerId(), "all owners");
        support.loadOwners();
        assertEquals(3, support.owners().size(), "all, then each owner");
        support.ownerProperty().set(support.owners().get(2));
        assertEquals("o2", source.asked.get(source.asked.size() - 1).ownerId());

        StatsViewModel owner = vm(source, OWNER);
        owner.ownerProperty().set(new StatsGateway.Owner("o2", "Owner Two"));
        assertEquals("o1", source.asked.get(source.asked.size() - 1).ownerId(), "an owner's own stations, whatever is chosen");
        owner.loadOwners();
        assertEquals(1, owner.owners().size(), "no owner list for an owner");
        vm(source, OPERATOR).reload();
        assertEquals("o1", source.asked.get(source.asked.size() - 1).ownerId(), "an operator sees their owner's stations");
    }

    @Test
    void theAnswerInWordsWithTheChangeAndTheLedgersDisagreement() {
        FakeSource source = new FakeSource();
        StatsViewModel vm = vm(source, SUPPORT);
        vm.reload();
        assertFalse(vm.failedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Источник: operator API http://test; данные на 07.12.2026 12:00:00"),
                vm.statusProperty().get());
        List<StatsViewModel.Kpi> k = vm.kpis();
        assertEquals(List.of("sessions", "energy", "revenue", "average", "utilisation", "idle"), k.stream().map(StatsViewModel.Kpi::id).toList());
        assertEquals("100", k.get(0).value());
        assertEquals("+25 %", k.get(0).change());
        assertEquals("В прошлом периоде: 80", k.get(0).before());
        assertEquals(1, k.get(0).trend());
        assertEquals("25 000,50 сом", plain(k.get(2).value()));
        assertEquals("журнал платежей расходится", k.get(2).detail());
        assertEquals("30 %", k.get(4).value(), "300 of 1,000 connector-seconds");
        assertEquals("1", k.get(5).value());
        assertEquals("Журнал платежей расходится с сессиями в 2 сеансах: по сессиям 25 000,50 сом, по журналу 24 900,50 сом.",
                plain(vm.ledgerNoteProperty().get()));
        assertEquals("EVP-025-01", vm.top().get(0).key(), "most revenue first");
        assertEquals("EVP-001-01", vm.bottom().get(0).key(), "least revenue first");
        assertEquals("EVP-025-01", vm.busiest(3).get(0).key());
        assertEquals(125.0, vm.compared().get(0).percentOfPrevious(), 1e-9);

        source.total = figures(0, "0", "0", "0", 0, 0);
        source.previous = figures(0, "0", "0", "0", 0, 0);
        vm.reload();
        assertNull(vm.ledgerNoteProperty().get(), "the ledger agrees");
        assertEquals("", vm.kpis().get(0).change(), "nothing then, nothing now: no change to speak of");
        assertNull(vm.compared().get(0).percentOfPrevious());
    }

    @Test
    void aFailureIsSaidAndAnOlderAnswerIsDropped() {
        FakeSource source = new FakeSource();
        StatsViewModel vm = vm(source, SUPPORT);
        source.refuse = new IllegalStateException("На этом сервере нет маршрута статистики.");
        vm.reload();
        assertTrue(vm.failedProperty().get());
        assertEquals("На этом сервере нет маршрута статистики.", vm.statusProperty().get());
        assertNull(vm.resultProperty().get());

        source.refuse = null;
        tasks.hold();
        vm.reload(); // December
        vm.step(-1); // November, asked while December is still on its way
        assertEquals(2, tasks.queuedTasks());
        tasks.runQueued();
        assertEquals(LocalDate.of(2026, 11, 1), LocalDate.ofInstant(vm.resultProperty().get().from(), StatsQuery.BISHKEK),
                "the answer to the last question stays");
        assertFalse(vm.loadingProperty().get());
    }

    @Test
    void thePostgresSourceAsksForItsPasswordFirst() {
        FakeSource source = new FakeSource();
        source.password = true;
        StatsViewModel vm = vm(source, SUPPORT);
        vm.reload();
        assertTrue(source.asked.isEmpty(), "nothing read without the password");
        assertTrue(vm.passwordNeededProperty().get());
        assertEquals(m.get("stats.password.needed"), vm.statusProperty().get());
        vm.usePassword("secret".toCharArray());
        assertEquals(List.of("secret"), source.passwords);
        assertFalse(vm.passwordNeededProperty().get());
    }

    @Test
    void exportsTheTablesWithThePeriodAndFiltersOnTop(@TempDir Path dir) throws Exception {
        FakeSource source = new FakeSource();
        StatsViewModel vm = vm(source, SUPPORT);
        vm.loadOwners();
        vm.step(-1);
        vm.ownerProperty().set(vm.owners().get(1));
        assertEquals("statistics-2026-11-01--2026-11-30.xlsx", vm.suggestedName(StatsExport.Format.XLSX));
        Path xlsx = dir.resolve(vm.suggestedName(StatsExport.Format.XLSX));
        vm.export(xlsx, StatsExport.Format.XLSX);
        assertEquals("Сохранено: " + xlsx.getFileName(), vm.statusProperty().get());
        try (InputStream in = Files.newInputStream(xlsx); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertEquals(List.of("Сводка", "Группы (По станциям)", "По времени", "Станции", "Часы недели", "Простаивают (7 дн.)"),
                    sheets.stream().map(Sheet::getName).toList());
            List<Row> summary = sheets.get(0).read();
            assertEquals("Период", summary.get(0).getCellText(0));
            assertEquals("Ноябрь 2026", summary.get(0).getCellText(1));
            assertEquals("Owner One", summary.get(3).getCellText(1));
            List<Row> stations = sheets.get(3).read();
            assertEquals(26, stations.size(), "a header and every station");
            assertEquals("EVP-001-01", stations.get(1).getCellText(0));
            assertEquals(0, new BigDecimal("100.00").compareTo(stations.get(1).getCellAsNumber(9).orElseThrow()), "revenue as a number");
        }
        Path csv = dir.resolve("s.csv");
        vm.export(csv, StatsExport.Format.CSV);
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFПериод,Ноябрь 2026\r\n"), text.substring(0, 40));
        List<String> lines = text.lines().collect(Collectors.toList());
        assertTrue(lines.contains("Станции"), "each table under its title");
        assertTrue(lines.contains("EVP-099-01,ТЦ «Дордой Плаза»,\"Owner, Inc.\""), "quoted where a comma stands");

        Path unwritable = csv.resolve("x.xlsx"); // under a file, not a folder
        vm.export(unwritable, StatsExport.Format.XLSX);
        assertTrue(vm.failedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Не удалось сохранить x.xlsx"), vm.statusProperty().get());
    }
}
