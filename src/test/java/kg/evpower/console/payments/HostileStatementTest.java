package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kg.evpower.console.i18n.Messages;
import kg.evpower.testing.HandMadeXlsx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements made to hurt: decompression bombs, cells and rows beyond Excel's limits, columns beyond XFD, a document
 * type declaration, other encodings, old or encrypted workbooks, absurd amounts. Each is refused with one problem in
 * the operator's words — never a parser's class name or message — in bounded memory (the suite runs at -Xmx1g; the
 * 150-million-character cell alone would take 300 MB as a string, more while it grows).
 */
class HostileStatementTest {

    @TempDir
    Path dir;

    private static final Messages EN = new Messages("en");
    private static final Messages RU = new Messages("ru");
    private static StatementImport.Problem refusedOnce(Path f, StatementFile.Limits limits) {
        StatementImport.Rejected r = assertThrows(StatementImport.Rejected.class, () -> {
            try (StatementFile.Rows rows = StatementFile.open(f, limits)) {
                StatementImport.parse(rows, StatementImport.Mapping.ODENGI.withUnit(StatementImport.Unit.TYIYN));
            }
        });
        assertEquals(1, r.problems().size(), r.problems().toString());
        StatementImport.Problem p = r.problems().get(0);
        for (Messages m : List.of(EN, RU, new Messages("ky"))) {
            String text = p.describe(m);
            assertFalse(text.contains("Exception") || text.contains("Input length") || text.contains("org.") || text.contains("{"),
                    "a parser's words reached the operator: " + text);
        }
        return p;
    }

    private static StatementImport.Problem refusedOnce(Path f) {
        return refusedOnce(f, StatementFile.Limits.DEFAULT);
    }

    @Test
    void theDecompressionBombIsRefusedInBoundedMemoryWithOneLine() throws Exception {
        Path f = HandMadeXlsx.bomb(dir.resolve("bomb.xlsx"));
        assertTrue(Files.size(f) < 400_000, "a small file: " + Files.size(f));
        long before = used();
        StatementImport.Problem p = refusedOnce(f);
        assertEquals("recon.import.cellTooLong", p.key());
        assertEquals("line 2: a cell longer than 32,767 characters", p.describe(EN));
        assertTrue(used() - before < 200L << 20, "memory held after the refusal");
        // the mapping step reads the header only, and is refused the same way (the scan comes first)
        assertEquals("recon.import.cellTooLong", assertThrows(StatementImport.Rejected.class, () -> StatementImport.header(f)).problems().get(0).key());
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        System.gc();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void aSheetThatExpandsBeyondItsBoundIsRefusedWhateverItsCells() throws Exception {
        // many small rows: no cell is long, but the part expands past the (here lowered) bound
        Path f = HandMadeXlsx.workbook(dir.resolve("rows.xlsx"), out -> {
            HandMadeXlsx.write(out, HandMadeXlsx.HEADER_XML);
            for (int i = 2; i < 200_000; i++) {
                HandMadeXlsx.write(out, "<row r=\"" + i + "\"><c r=\"A" + i + "\"><v>" + i + "</v></c></row>");
            }
        });
        StatementFile.Limits small = new StatementFile.Limits(64L << 20, 2L << 20, 4L << 20, 100, 1_048_576, 16_384, 32_767);
        StatementImport.Problem p = refusedOnce(f, small);
        assertEquals("the XLSX file expands to more than 2 MB (xl/worksheets/sheet1.xml): refused as a possible ZIP bomb", p.describe(EN));
        StatementFile.Limits fewRows = new StatementFile.Limits(64L << 20, 768L << 20, 1L << 30, 100, 1000, 16_384, 32_767);
        assertEquals("more than 1,000 rows", refusedOnce(f, fewRows).describe(EN));
        assertEquals("больше 1 000 строк", refusedOnce(f, fewRows).describe(RU).replace('\u00A0', ' ').replace('\u202F', ' '));
    }

    @Test
    void aFileLargerThanAStatementMayBeIsRefusedUnread() throws Exception {
        Path f = dir.resolve("big.csv");
        Files.writeString(f, "invoice_id,paid_at,amount_tyiyn\n" + "1,2026-11-20 10:00:00,100\n".repeat(50_000));
        StatementFile.Limits tiny = new StatementFile.Limits(1L << 20, 768L << 20, 1L << 30, 100, 1_048_576, 16_384, 32_767);
        assertEquals("the file takes 2 MB, a statement may take at most 1 MB", refusedOnce(f, tiny).describe(EN));
        assertEquals("file missing.csv not found", refusedOnce(dir.resolve("missing.csv")).describe(EN));
    }

    @Test
    void columnsBeyondXfdAndTooManyCellsInARowAreRefused() throws Exception {
        Path far = HandMadeXlsx.workbook(dir.resolve("far.xlsx"), out -> HandMadeXlsx.write(out, HandMadeXlsx.HEADER_XML + "<row r=\"2\"><c r=\"ZZZZZZ2\"><v>1</v></c></row>"));
        assertEquals("line 2: more than 16,384 columns", refusedOnce(far).describe(EN));
        Path wide = HandMadeXlsx.workbook(dir.resolve("wide.xlsx"), out -> {
            HandMadeXlsx.write(out, HandMadeXlsx.HEADER_XML + "<row r=\"2\">");
            for (int i = 0; i < 20_000; i++) {
                HandMadeXlsx.write(out, "<c><v>1</v></c>");
            }
            HandMadeXlsx.write(out, "</row>");
        });
        assertEquals("recon.import.tooManyColumns", refusedOnce(wide).key());
        Path csv = dir.resolve("wide.csv");
        Files.writeString(csv, "invoice_id,paid_at,amount_tyiyn\n" + "1,".repeat(20_000) + "\n");
        assertEquals("line 2: more than 16,384 columns", refusedOnce(csv).describe(EN));
        Path longCell = dir.resolve("long.csv");
        Files.writeString(longCell, "invoice_id,paid_at,amount_tyiyn\n\"" + "x".repeat(40_000) + "\",2026-11-20 10:00:00,100\n");
        assertEquals("line 2: a cell longer than 32,767 characters", refusedOnce(longCell).describe(EN));
    }

    @Test
    void aDocumentTypeDeclarationIsRefused() throws Exception {
        Path f = dir.resolve("laughs.xlsx");
        HandMadeXlsx.workbook(f, out -> HandMadeXlsx.write(out, HandMadeXlsx.HEADER_XML));
        // the same workbook with a DTD that would expand an entity a billion times
        Path g = dir.resolve("laughs2.xlsx");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(g));
             java.util.zip.ZipFile src = new java.util.zip.ZipFile(f.toFile())) {
            for (ZipEntry e : java.util.Collections.list(src.entries())) {
                z.putNextEntry(new ZipEntry(e.getName()));
                byte[] b = src.getInputStream(e).readAllBytes();
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String s = new String(b, StandardCharsets.UTF_8).replace("<worksheet", "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">"
                            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet");
                    b = s.getBytes(StandardCharsets.UTF_8);
                }
                z.write(b);
                z.closeEntry();
            }
        }
        assertEquals("the XLSX file is damaged", refusedOnce(g).describe(EN));
    }

    @Test
    void otherEncodingsAndOtherFormatsAreNamed() throws Exception {
        String text = "invoice_id,paid_at,amount_tyiyn\n1,2026-11-20 10:00:00,100\n2,2026-11-20 10:00:00,Платёж\n";
        Path utf16 = dir.resolve("u16.csv");
        Files.write(utf16, text.getBytes(StandardCharsets.UTF_16)); // with a BOM
        assertEquals("файл не в UTF-8 (похоже на UTF-16): сохраните его как «CSV UTF-8»", refusedOnce(utf16).describe(RU));
        Path utf16le = dir.resolve("u16le.csv");
        Files.write(utf16le, text.getBytes(StandardCharsets.UTF_16LE)); // no BOM
        assertEquals("recon.import.utf16", refusedOnce(utf16le).key());
        Path cp1251 = dir.resolve("cp1251.csv");
        Files.write(cp1251, text.getBytes(Charset.forName("windows-1251")));
        assertEquals("the file is not in UTF-8 (line 3): save it as \"CSV UTF-8\"", refusedOnce(cp1251).describe(EN));
        Path xls = dir.resolve("old.xlsx");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0});
        assertEquals("recon.import.xlsOrEncrypted", refusedOnce(xls).key());
        Path notZip = dir.resolve("text.xlsx");
        Files.writeString(notZip, text);
        assertEquals("recon.import.notXlsx", refusedOnce(notZip).key());
        Path truncated = dir.resolve("half.xlsx");
        byte[] whole = Files.readAllBytes(HandMadeXlsx.workbook(dir.resolve("whole.xlsx"), out -> HandMadeXlsx.write(out, HandMadeXlsx.HEADER_XML)));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertEquals("recon.import.xlsxDamaged", refusedOnce(truncated).key());
    }

    @Test
    void amountsAreWholeTyiynWithinTheLargestTopupWithoutExponents() throws Exception {
        StatementImport.Unit t = StatementImport.Unit.TYIYN;
        StatementImport.Field a = StatementImport.Field.AMOUNT;
        assertEquals(new BigDecimal("100000.00"), StatementImport.amount("10000000", t, a), "the largest topup itself");
        assertEquals(new BigDecimal("100000.00"), StatementImport.amount("100000", StatementImport.Unit.SOM, a));
        for (String absurd : List.of("10000001", "1234567890123456789012345678901234567890", "99999999999999999999.00")) {
            StatementImport.BadValue e = assertThrows(StatementImport.BadValue.class, () -> StatementImport.amount(absurd, t, a), absurd);
            assertEquals("tooLargeTyiyn", e.key, absurd);
        }
        for (String exp : List.of("1e308", "1E+7", "5.0e2", ".5e1")) {
            assertEquals("exponent", assertThrows(StatementImport.BadValue.class, () -> StatementImport.amount(exp, t, a)).key, exp);
            assertEquals("exponent", assertThrows(StatementImport.BadValue.class,
                    () -> StatementImport.amount(exp, StatementImport.Unit.SOM, a)).key, exp);
        }
        for (String junk : List.of("0x10", "+-1", "1.2.3", "NaN", "Infinity", "١٢٣")) {
            assertEquals("notANumber", assertThrows(StatementImport.BadValue.class, () -> StatementImport.amount(junk, t, a)).key, junk);
        }
        // the commission is bounded too, and a whole statement with such a line is refused with it
        assertEquals("tooLargeTyiyn", assertThrows(StatementImport.BadValue.class,
                () -> StatementImport.amount("1" + "0".repeat(40), t, StatementImport.Field.COMMISSION)).key);
        Path f = dir.resolve("absurd.csv");
        Files.writeString(f, "invoice_id,paid_at,amount_tyiyn\n1,2026-11-20 10:00:00,1e308\n2,2026-11-20 10:00:00,"
                + "1".repeat(40) + "\n");
        StatementImport.Rejected r = assertThrows(StatementImport.Rejected.class, () -> StatementImport.read(f, StatementImport.Mapping.ODENGI));
        assertEquals(List.of("line 2: amount \"1e308\" is written with an exponent (e): write the whole number",
                "line 3: amount 1111111111111111111111111111111111111111 tyiyn is above the largest topup (10000000 tyiyn = 100000 som)"),
                r.problems().stream().map(p -> p.describe(EN)).toList());
    }
}
