package kg.evpower.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import kg.evpower.console.payments.StatementImport;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Reading a large provider statement: 286,693 lines (the reconciliation benchmark's month) written as an O!Dengi XLSX
 * with fastexcel, then read with {@link StatementImport#read} seven times; the median of the last five is printed with
 * the file's size. Run against two builds to compare them (the class path decides which import is measured).
 *
 * <pre>java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.StatementReadBenchmark [FILE]</pre>
 */
public final class StatementReadBenchmark {

    static final int LINES = 286_693;

    private StatementReadBenchmark() {
    }

    static Path write(Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "bench", "1.0");
            Worksheet ws = wb.newWorksheet("statement");
            String[] h = "transaction_id,invoice_id,order_id,paid_at,amount_tyiyn,commission_tyiyn,net_tyiyn,currency,status,payer".split(",");
            for (int i = 0; i < h.length; i++) {
                ws.value(0, i, h[i]);
            }
            java.util.Random random = new java.util.Random(5);
            for (int r = 1; r <= LINES; r++) {
                long amount = 1_000 + random.nextInt(500_000);
                ws.value(r, 0, "T" + (100_000_000 + r));
                ws.value(r, 1, String.valueOf(7_100_000_000L + r));
                ws.value(r, 2, "qr_topup_" + Long.toHexString(random.nextLong()));
                ws.value(r, 3, String.format("2026-11-%02d %02d:%02d:%02d", 1 + r % 30, r % 24, r % 60, (r * 7) % 60));
                ws.value(r, 4, amount);
                ws.value(r, 5, amount / 100);
                ws.value(r, 6, amount - amount / 100);
                ws.value(r, 7, "KGS");
                ws.value(r, 8, "approved");
                ws.value(r, 9, "+99670" + (1_000_000 + r % 9_000_000));
                if (r % 10_000 == 0) {
                    ws.flush();
                }
            }
            wb.finish();
        }
        return file;
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("statement", ".xlsx");
        if (args.length == 0 || !Files.exists(file) || Files.size(file) == 0) {
            write(file);
        }
        long[] ms = new long[5];
        int lines = 0;
        for (int i = 0; i < 7; i++) {
            long t0 = System.nanoTime();
            lines = StatementImport.read(file, StatementImport.Mapping.ODENGI).size();
            long took = (System.nanoTime() - t0) / 1_000_000;
            if (i >= 2) {
                ms[i - 2] = took;
            }
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: %,d bytes, %,d lines read; median %d ms (min %d, max %d) of %s%n", file, Files.size(file), lines, sorted[2],
                sorted[0], sorted[4], Arrays.toString(ms));
        if (args.length == 0) {
            Files.delete(file);
        }
    }
}
