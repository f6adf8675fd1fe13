package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import kg.evpower.console.domain.StatementLine;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider statement import: wrong columns, bad numbers, tyiyn/som mix-ups, duplicates — all refused whole, with line numbers. */
class StatementImportTest {

    @TempDir
    Path dir;

    static final String HEADER = "transaction_id,invoice_id,order_id,paid_at,amount_tyiyn,commission_tyiyn,net_tyiyn,currency,status,payer\n";

    private Path csv(String body) throws Exception {
        Path f = dir.resolve("s" + System.nanoTime() + ".csv");
        Files.writeString(f, body, StandardCharsets.UTF_8);
        return f;
    }

    private static StatementImport.Rejected refused(Path f, StatementImport.Mapping m) {
        return assertThrows(StatementImport.Rejected.class, () -> StatementImport.read(f, m));
    }

    private static String problems(StatementImport.Rejected r) {
        return r.problems().stream().map(p -> "line=" + p.line() + ", message=" + p.text(new kg.evpower.console.i18n.Messages("en")))
                .toList().toString();
    }

    @Test
    void aGoodOdengiStatementReadsInSomWithBishkekTimes() throws Exception {
        List<StatementLine> lines = StatementImport.read(csv("\uFEFF" + HEADER
                + "T1,7100000001,qr_topup_a_1,2026-11-20 10:15:00,50000,500,49500,KGS,approved,+996700111222\n"
                + "T2,7100000002,qr_topup_b_2,2026-11-20 23:59:59,12345,0,12345,KGS,approved,\n"), StatementImport.Mapping.ODENGI);
        assertEquals(2, lines.size());
        assertEquals(new BigDecimal("500.00"), lines.get(0).amount());
        assertEquals(new BigDecimal("5.00"), lines.get(0).commission());
        assertEquals(new BigDecimal("123.45"), lines.get(1).amount());
        assertEquals(Instant.parse("2026-11-20T04:15:00Z"), lines.get(0).paidAt(), "Bishkek is UTC+6");
        assertEquals(2, lines.get(0).line());
        assertEquals("7100000002", lines.get(1).invoiceId());
    }

    @Test
    void wrongColumnsAreNamedAndNothingIsImported() throws Exception {
        StatementImport.Rejected r = refused(csv("id,invoice,when,sum\nT1,1,2026-11-20 10:00:00,100\n"), StatementImport.Mapping.ODENGI);
        assertTrue(problems(r).contains("no column \"invoice_id\""), problems(r));
        assertTrue(problems(r).contains("no column \"amount_tyiyn\""), problems(r));
        assertEquals(1, r.problems().get(0).line());
        // the same file maps fine once its columns are named
        StatementImport.Mapping own = new StatementImport.Mapping("invoice", "when", "sum", "id", null, null, StatementImport.Unit.SOM,
                ZoneId.of("Asia/Bishkek"));
        assertEquals(new BigDecimal("100.00"), StatementImport.read(csv("id,invoice,when,sum\nT1,1,2026-11-20 10:00:00,100\n"), own).get(0).amount());
    }

    @Test
    void badNumbersAndTimesAreReportedWithTheirLines() throws Exception {
        StatementImport.Rejected r = refused(csv(HEADER
                + "T1,7100000001,o1,2026-11-20 10:15:00,50000,0,50000,KGS,approved,\n"
                + "T2,7100000002,o2,2026-11-20 10:16:00,пятьсот,0,0,KGS,approved,\n"
                + "T3,7100000003,o3,20/11/2026,100,0,100,KGS,approved,\n"
                + "T4,7100000004,o4,2026-11-20 10:18:00,-100,0,-100,KGS,approved,\n"
                + "T5,7100000005,o5\n"), StatementImport.Mapping.ODENGI);
        List<Integer> lines = r.problems().stream().map(StatementImport.Problem::line).toList();
        assertEquals(List.of(3, 4, 5, 6), lines, problems(r));
        assertTrue(problems(r).contains("amount is not a number: \"пятьсот\""), problems(r));
        assertTrue(problems(r).contains("not a date and time: \"20/11/2026\""), problems(r));
        assertTrue(problems(r).contains("amount is negative"), problems(r));
        assertTrue(problems(r).contains("expected 10 columns, found 3"), problems(r));
        // and in the console's default language
        kg.evpower.console.i18n.Messages ru = new kg.evpower.console.i18n.Messages("ru");
        assertEquals("сумма — не число: «пятьсот»", r.problems().get(0).text(ru));
        assertEquals("ожидалось столбцов: 10, найдено: 3", r.problems().get(3).text(ru));
    }

    @Test
    void somInATyiynFileAndTyiynInASomFileAreCaught() throws Exception {
        StatementImport.Rejected somInTyiyn = refused(csv(HEADER + "T1,7100000001,o1,2026-11-20 10:15:00,500.50,0,500.50,KGS,approved,\n"),
                StatementImport.Mapping.ODENGI);
        assertTrue(problems(somInTyiyn).contains("is the file in som?"), problems(somInTyiyn));
        StatementImport.Mapping som = new StatementImport.Mapping("invoice_id", "paid_at", "amount_tyiyn", null, null, null,
                StatementImport.Unit.SOM, ZoneId.of("Asia/Bishkek"));
        StatementImport.Rejected tyiynInSom = refused(csv(HEADER + "T1,7100000001,o1,2026-11-20 10:15:00,15000000,0,0,KGS,approved,\n"), som);
        assertTrue(problems(tyiynInSom).contains("is the file in tyiyn?"), problems(tyiynInSom));
        StatementImport.Rejected threeDecimals = refused(csv(HEADER + "T1,7100000001,o1,2026-11-20 10:15:00,12.345,0,0,KGS,approved,\n"), som);
        assertTrue(problems(threeDecimals).contains("more than 2 decimals"), problems(threeDecimals));
        // a decimal comma is a decimal point
        assertEquals(new BigDecimal("12.50"), StatementImport.read(csv("invoice_id;paid_at;amount_tyiyn\n1;2026-11-20 10:15:00;12,5\n"), som)
                .get(0).amount());
    }

    @Test
    void duplicateInvoicesAndTransactionsAreRefused() throws Exception {
        StatementImport.Rejected r = refused(csv(HEADER
                + "T1,7100000001,o1,2026-11-20 10:15:00,50000,0,50000,KGS,approved,\n"
                + "T2,7100000001,o1,2026-11-20 10:15:00,50000,0,50000,KGS,approved,\n"
                + "T1,7100000009,o9,2026-11-20 10:15:00,50000,0,50000,KGS,approved,\n"), StatementImport.Mapping.ODENGI);
        assertTrue(problems(r).contains("line=3, message=invoice 7100000001 again (first on line 2)"), problems(r));
        assertTrue(problems(r).contains("line=4, message=transaction T1 again (first on line 2)"), problems(r));
    }

    @Test
    void xlsxReadsLikeCsvAndAnEmptyOrBrokenFileIsRefused() throws Exception {
        Path x = dir.resolve("s.xlsx");
        try (OutputStream out = Files.newOutputStream(x)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet("s");
            String[] h = HEADER.trim().split(",");
            for (int i = 0; i < h.length; i++) {
                ws.value(0, i, h[i]);
            }
            Object[] row = {"T1", "7100000001", "o1", "2026-11-20 10:15:00", 50000L, 0L, 50000L, "KGS", "approved", ""};
            for (int i = 0; i < row.length; i++) {
                if (row[i] instanceof Long l) {
                    ws.value(1, i, l);
                } else {
                    ws.value(1, i, (String) row[i]);
                }
            }
            wb.finish();
        }
        assertEquals(new BigDecimal("500.00"), StatementImport.read(x, StatementImport.Mapping.ODENGI).get(0).amount());
        assertEquals(List.of("transaction_id", "invoice_id"), StatementImport.header(x).subList(0, 2));
        assertTrue(problems(refused(csv(""), StatementImport.Mapping.ODENGI)).contains("the file is empty"));
        Path broken = dir.resolve("broken.xlsx");
        Files.writeString(broken, "this is not a zip");
        assertTrue(problems(refused(broken, StatementImport.Mapping.ODENGI)).contains("not an XLSX file"));
    }
}
