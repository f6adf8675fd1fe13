package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kg.evpower.console.i18n.Messages;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A good statement, damaged ten thousand ways (cut short at every few bytes, bytes flipped, inserted and dropped, as
 * XLSX and as CSV): every file is either read or refused with problems in the operator's words. No other exception,
 * no parser's message, never half a statement.
 */
class StatementFuzzTest {

    @TempDir
    Path dir;

    private static byte[] xlsx() throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (OutputStream out = b) {
            Workbook wb = new Workbook(out, "fuzz", "1.0");
            Worksheet ws = wb.newWorksheet("s");
            String[] h = {"transaction_id", "invoice_id", "order_id", "paid_at", "amount_tyiyn", "commission_tyiyn"};
            for (int i = 0; i < h.length; i++) {
                ws.value(0, i, h[i]);
            }
            for (int r = 1; r <= 40; r++) {
                ws.value(r, 0, "T" + r);
                ws.value(r, 1, String.valueOf(7100000000L + r));
                ws.value(r, 2, "qr_topup_" + r);
                ws.value(r, 3, "2026-11-20 10:" + String.format("%02d", r) + ":00");
                ws.value(r, 4, 10_000L + r);
                ws.value(r, 5, 100L);
            }
            wb.finish();
        }
        return b.toByteArray();
    }

    private static byte[] csv() {
        StringBuilder b = new StringBuilder("\uFEFFtransaction_id,invoice_id,order_id,paid_at,amount_tyiyn,commission_tyiyn\r\n");
        for (int r = 1; r <= 40; r++) {
            b.append("T").append(r).append(',').append(7100000000L + r).append(",\"qr, \"\"topup\"\" ").append(r).append("\",2026-11-20 10:")
                    .append(String.format("%02d", r)).append(":00,").append(10_000 + r).append(",100\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> variants(byte[] good, int count, Random random) {
        List<byte[]> out = new ArrayList<>();
        int step = Math.max(1, good.length / (count / 4));
        for (int cut = 0; cut < good.length; cut += step) {
            out.add(java.util.Arrays.copyOf(good, cut));
        }
        while (out.size() < count) {
            byte[] d = good.clone();
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(d.length);
                switch (random.nextInt(3)) {
                    case 0 -> d[at] = (byte) random.nextInt(256);
                    case 1 -> {
                        byte[] longer = new byte[d.length + 1];
                        System.arraycopy(d, 0, longer, 0, at);
                        longer[at] = (byte) random.nextInt(256);
                        System.arraycopy(d, at, longer, at + 1, d.length - at);
                        d = longer;
                    }
                    default -> {
                        byte[] shorter = new byte[d.length - 1];
                        System.arraycopy(d, 0, shorter, 0, at);
                        System.arraycopy(d, at + 1, shorter, at, d.length - at - 1);
                        d = shorter;
                    }
                }
            }
            out.add(d);
        }
        return out;
    }

    @Test
    void tenThousandDamagedStatementsAreReadOrRefusedInTheOperatorsWords() throws Exception {
        Random random = new Random(20261207);
        Messages en = new Messages("en");
        int read = 0;
        int refused = 0;
        int cases = 0;
        for (String kind : List.of("xlsx", "csv")) {
            byte[] good = kind.equals("xlsx") ? xlsx() : csv();
            Path file = dir.resolve("statement." + kind);
            Files.write(file, good);
            assertEquals(40, StatementImport.read(file, StatementImport.Mapping.ODENGI).size(), "the undamaged " + kind);
            for (byte[] v : variants(good, 5_000, random)) {
                cases++;
                Files.write(file, v);
                try {
                    List<kg.evpower.console.domain.StatementLine> lines = StatementImport.read(file, StatementImport.Mapping.ODENGI);
                    assertTrue(lines.size() <= 40, kind + ": more lines than written");
                    read++;
                } catch (StatementImport.Rejected r) {
                    refused++;
                    assertFalse(r.problems().isEmpty());
                    for (StatementImport.Problem p : r.problems()) {
                        String text = p.describe(en);
                        assertFalse(text.startsWith("!") || text.contains("Exception") || text.contains("org.") || text.contains("java."),
                                kind + ": " + text);
                    }
                }
            }
        }
        System.out.printf("statement fuzz: %d damaged files, %d read, %d refused with reasons, 0 other failures%n", cases, read, refused);
        assertEquals(10_000, cases);
        assertTrue(refused > 1_000 && read > 100, "both outcomes are exercised: read " + read + ", refused " + refused);
    }
}
