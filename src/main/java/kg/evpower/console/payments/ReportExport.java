package kg.evpower.console.payments;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kg.evpower.console.domain.Money;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.platform.AtomicFiles;
import kg.evpower.console.platform.CsvLines;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a reconciliation report as CSV (UTF-8 with a byte-order mark so Excel reads Cyrillic; one row per finding) or
 * XLSX (a summary sheet with the period, source and the count and sum per class, and a findings sheet). The file is
 * written beside the target under a temporary name and moved into place, so a reader never sees half a report and an
 * old report is replaced only by a complete one. Times are Bishkek local; money is som to 0.01.
 */
public final class ReportExport {

    public enum Format { CSV, XLSX }

    /** Bishkek local time, as reports show it. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(Period.BISHKEK);

    private ReportExport() {
    }

    /** CSV or XLSX from the file's extension. */
    public static Format format(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return Format.XLSX;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        throw new IllegalArgumentException("the report must be .csv or .xlsx: " + out.getFileName());
    }

    /**
     * Writes the report. {@code log} (may be null) adds each finding's resolution; {@code source} names where the data
     * came from ("operator API https://…", "PostgreSQL user@host/db").
     */
    public static void write(Report r, ResolutionLog.Loaded log, String source, Messages m, Path out) throws IOException {
        Format format = format(out);
        AtomicFiles.write(out, os -> {
            if (format == Format.CSV) {
                csv(r, log, m, os);
            } else {
                xlsx(r, log, source, m, os);
            }
        });
    }

    static final List<String> COLUMNS = List.of("class", "class_title", "unexplained", "client_id", "subject", "amount_som", "at_bishkek",
            "recommended_action", "evidence", "resolution", "resolved_by", "resolved_at_bishkek", "resolution_note");
    /** The amount's column, written as a number in XLSX. */
    private static final int AMOUNT = COLUMNS.indexOf("amount_som");

    private static List<String> row(Finding f, ResolutionLog.Loaded log, Messages m) {
        ResolutionLog.Entry e = log == null ? null : log.latest(f);
        List<String> row = new ArrayList<>(COLUMNS.size());
        row.add(f.kind().name());
        row.add(m.format("recon.class." + f.kind().name()));
        row.add(f.kind().unexplained() ? "yes" : "no");
        row.add(f.clientId() == null ? "" : f.clientId());
        row.add(f.subject());
        row.add(Money.toTyiyn(f.amount()).toPlainString());
        row.add(f.at() == null ? "" : TIME.format(f.at()));
        row.add(m.format("recon.action." + f.kind().name()));
        row.add(String.join(" | ", f.evidence().stream().map(ev -> ev.text(m)).toList()));
        row.add(e == null ? "open" : e.action().name().toLowerCase(Locale.ROOT));
        row.add(e == null ? "" : e.who());
        row.add(e == null ? "" : TIME.format(e.at()));
        row.add(e == null ? "" : e.note());
        return row;
    }

    private static void csv(Report r, ResolutionLog.Loaded log, Messages m, OutputStream os) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
        CsvLines.start(w);
        CsvLines.line(w, COLUMNS);
        for (Finding f : r.findings()) {
            CsvLines.line(w, row(f, log, m));
        }
        w.flush();
    }

    private static void xlsx(Report r, ResolutionLog.Loaded log, String source, Messages m, OutputStream os) throws IOException {
        Workbook wb = new Workbook(os, "EvPower console", "1.0");
        Worksheet s = wb.newWorksheet(m.get("recon.title"));
        s.value(0, 0, m.get("recon.period"));
        s.value(0, 1, TIME.format(r.from()) + " — " + TIME.format(r.to()));
        s.value(1, 0, m.get("recon.source"));
        s.value(1, 1, source);
        s.value(2, 0, m.get("recon.statement"));
        s.value(2, 1, r.withStatement() ? "yes" : m.get("recon.statement.none"));
        s.value(3, 0, "as of");
        s.value(3, 1, TIME.format(r.asOf()));
        s.value(4, 0, m.format("recon.headline.unexplained", Money.toTyiyn(r.unexplained()).toPlainString()));
        s.value(4, 1, Money.toTyiyn(r.unexplained()));
        s.style(4, 0).bold().set();
        s.value(6, 0, m.get("recon.summary.class"));
        s.value(6, 1, m.get("recon.summary.count"));
        s.value(6, 2, m.get("recon.summary.sum"));
        s.range(6, 0, 6, 2).style().bold().set();
        int row = 7;
        for (Report.ClassTotal t : r.byClass()) {
            s.value(row, 0, m.format("recon.class." + t.kind().name()));
            s.value(row, 1, t.count());
            s.value(row, 2, t.sum());
            row++;
        }
        s.width(0, 48);
        s.width(1, 60);
        Worksheet f = wb.newWorksheet("Findings");
        for (int i = 0; i < COLUMNS.size(); i++) {
            f.value(0, i, COLUMNS.get(i));
        }
        f.range(0, 0, 0, COLUMNS.size() - 1).style().bold().set();
        int i = 1;
        for (Finding x : r.findings()) {
            List<String> cells = row(x, log, m);
            for (int c = 0; c < cells.size(); c++) {
                if (c == AMOUNT) {
                    f.value(i, c, Money.toTyiyn(x.amount()));
                } else {
                    f.value(i, c, cells.get(c));
                }
            }
            i++;
        }
        f.freezePane(0, 1);
        wb.finish();
    }

    /** A file name for the report: its period's first and last Bishkek day, {@code reconciliation-2026-11-01--2026-11-30.xlsx}. */
    public static String suggestedName(Report r, Format f) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(Period.BISHKEK);
        Instant lastDay = r.to().minusSeconds(1);
        return "reconciliation-" + day.format(r.from()) + "--" + day.format(lastDay) + "." + f.name().toLowerCase(Locale.ROOT);
    }
}
