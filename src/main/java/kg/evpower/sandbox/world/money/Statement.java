package kg.evpower.sandbox.world.money;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import kg.evpower.sandbox.server.store.Database;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The O!Dengi merchant statement for a period: every payment the provider accepted, as it lets a merchant download it
 * (format in {@code docs/odengi-statement.md}): one line per payment, amounts in tyiyn, the payment time in Bishkek
 * local time without an offset, CSV (UTF-8, comma, header line) or XLSX (one sheet, the same columns).
 */
public final class Statement {

    public static final List<String> COLUMNS = List.of("transaction_id", "invoice_id", "order_id", "paid_at", "amount_tyiyn",
            "commission_tyiyn", "net_tyiyn", "currency", "status", "payer");
    static final ZoneId BISHKEK = ZoneId.of("Asia/Bishkek");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BISHKEK);

    /** One payment line. */
    public record Line(String transactionId, String invoiceId, String orderId, Instant paidAt, long amount, long commission, String payer) {
    }

    private Statement() {
    }

    /** Payments accepted in [from, to), oldest first. */
    public static List<Line> lines(Database db, Instant from, Instant to) {
        return db.query("SELECT transaction_id, invoice_id, order_id, paid_at, paid_tyiyn, commission_tyiyn, payer_phone"
                + " FROM sandbox_odengi_invoices WHERE status = 'approved' AND paid_at >= ? AND paid_at < ? ORDER BY paid_at, invoice_id",
                rs -> new Line(rs.getString(1), rs.getString(2), rs.getString(3), Database.instant(rs, "paid_at"), rs.getLong(5),
                        rs.getLong(6), rs.getString(7)), from, to);
    }

    private static String[] cells(Line l) {
        return new String[] {l.transactionId(), l.invoiceId(), l.orderId(), LOCAL.format(l.paidAt()), Long.toString(l.amount()),
            Long.toString(l.commission()), Long.toString(l.amount() - l.commission()), "KGS", "approved", l.payer() == null ? "" : l.payer()};
    }

    public static void csv(List<Line> lines, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(String.join(",", COLUMNS));
        w.write("\r\n");
        for (Line l : lines) {
            String[] c = cells(l);
            for (int i = 0; i < c.length; i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(c[i]);
            }
            w.write("\r\n");
        }
        w.flush();
    }

    public static void xlsx(List<Line> lines, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "EvPower sandbox O!Dengi", "1.0");
        Worksheet ws = wb.newWorksheet("Выписка");
        for (int i = 0; i < COLUMNS.size(); i++) {
            ws.value(0, i, COLUMNS.get(i));
        }
        int r = 1;
        for (Line l : lines) {
            String[] c = cells(l);
            for (int i = 0; i < c.length; i++) {
                if (i >= 4 && i <= 6) {
                    ws.value(r, i, Long.parseLong(c[i]));
                } else {
                    ws.value(r, i, c[i]);
                }
            }
            r++;
        }
        wb.finish();
    }
}
