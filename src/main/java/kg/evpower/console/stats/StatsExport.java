package kg.evpower.console.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.platform.AtomicFiles;
import kg.evpower.console.platform.CsvLines;
import kg.evpower.figures.Figures;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsReport;
import kg.evpower.figures.StatsReport.Grouping;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes the statistics on screen to XLSX (a sheet each: summary with the period and filters, the groups, the bars
 * over time, every station, the hour-of-week map, the idle stations) or CSV (the same tables one after another, each
 * under its title, after the period and filters). Numbers keep their machine form (a dot, no grouping): som to the
 * tyiyn, kWh to the Wh, shares 0..1. The file is written beside the target and moved into place, so a reader never
 * sees half of it.
 */
public final class StatsExport {

    public enum Format { XLSX, CSV }

    private StatsExport() {
    }

    /** A table: its title, its column titles, its rows (text or numbers). */
    record Table(String title, List<String> columns, List<List<Object>> rows) {
    }

    public static void write(Statistics s, List<String[]> header, Format format, Messages m, Path out) throws IOException {
        List<Table> tables = tables(s, m);
        AtomicFiles.write(out, os -> {
            if (format == Format.CSV) {
                csv(header, tables, os);
            } else {
                xlsx(header, s, tables, m, os);
            }
        });
    }

    /** A group's name in words: the network, owners and locations by name, unknown ones said so. */
    public static String label(Messages m, Grouping g, StatsReport.Group x) {
        if (g == Grouping.NETWORK) {
            return m.get("stats.group.network");
        }
        if (x.key().isEmpty()) {
            return m.get(g == Grouping.OWNER ? "stats.group.noOwner" : g == Grouping.LOCATION ? "stats.group.noLocation" : "stats.group.unknown");
        }
        return x.label();
    }

    static List<Table> tables(Statistics s, Messages m) {
        List<Table> out = new ArrayList<>();
        out.add(groups(m.format("stats.export.sheet.groups", m.get("stats.grouping." + s.grouping().name().toLowerCase(Locale.ROOT))),
                s.grouping(), s.groups(), m));
        List<List<Object>> bars = new ArrayList<>();
        for (StatsReport.Bar b : s.series()) {
            bars.add(List.of(b.start().toString(), b.end().minusDays(1).toString(), b.sessions(), b.ended(), b.failed(), kwh(b.energyKwh()),
                    som(b.revenue())));
        }
        out.add(new Table(m.get("stats.export.sheet.series"), List.of(m.get("stats.col.from"), m.get("stats.col.to"), m.get("stats.col.sessions"),
                m.get("stats.col.ended"), m.get("stats.col.failed"), m.get("stats.col.energy"), m.get("stats.col.revenue")), bars));
        out.add(groups(m.get("stats.export.sheet.stations"), Grouping.STATION, s.stations(), m));
        List<List<Object>> heat = new ArrayList<>();
        List<String> hours = new ArrayList<>(List.of(m.get("stats.col.day")));
        for (int h = 0; h < 24; h++) {
            hours.add(String.format(Locale.ROOT, "%02d", h));
        }
        for (int d = 0; d < 7; d++) {
            List<Object> row = new ArrayList<>();
            row.add(m.get("stats.day." + d));
            for (int h = 0; h < 24; h++) {
                row.add(s.heat()[d][h]);
            }
            heat.add(row);
        }
        out.add(new Table(m.get("stats.export.sheet.heat"), hours, heat));
        List<List<Object>> idle = new ArrayList<>();
        for (StatsReport.Idle i : s.idle()) {
            idle.add(List.of(i.stationId(), nz(i.locationName()), nz(i.ownerName())));
        }
        out.add(new Table(m.format("stats.export.sheet.idle", s.idleDays()), List.of(m.get("stats.col.station"), m.get("stats.col.location"),
                m.get("stats.col.owner")), idle));
        return out;
    }

    private static Table groups(String title, Grouping g, List<StatsReport.Group> groups, Messages m) {
        List<String> cols = List.of(m.get("stats.col.key"), m.get("stats.col.name"), m.get("stats.col.stations"), m.get("stats.col.connectors"),
                m.get("stats.col.sessions"), m.get("stats.col.ended"), m.get("stats.col.failed"), m.get("stats.col.running"),
                m.get("stats.col.energy"), m.get("stats.col.revenue"), m.get("stats.col.ledgerRevenue"), m.get("stats.col.ledgerDisagreements"),
                m.get("stats.col.avgKwh"), m.get("stats.col.avgMinutes"), m.get("stats.col.avgSom"), m.get("stats.col.occupied"),
                m.get("stats.col.charging"));
        List<List<Object>> rows = new ArrayList<>();
        for (StatsReport.Group x : groups) {
            Figures f = x.figures();
            List<Object> row = new ArrayList<>();
            row.add(x.key());
            row.add(label(m, g, x));
            row.add((long) x.stations());
            row.add((long) x.connectors());
            row.add(f.sessions());
            row.add(f.ended());
            row.add(f.failed());
            row.add(f.running());
            row.add(kwh(f.energyKwh()));
            row.add(som(f.revenue()));
            row.add(som(f.ledgerRevenue()));
            row.add(f.ledgerDisagreements());
            row.add(f.averageKwh() == null ? "" : kwh(f.averageKwh()));
            row.add(f.averageMinutes() == null ? "" : BigDecimal.valueOf(f.averageMinutes()).setScale(1, RoundingMode.HALF_UP));
            row.add(f.averageRevenue() == null ? "" : som(f.averageRevenue()));
            row.add(share(f.occupiedShare()));
            row.add(share(f.chargingShare()));
            rows.add(row);
        }
        return new Table(title, cols, rows);
    }

    private static BigDecimal som(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal kwh(BigDecimal v) {
        return v.setScale(3, RoundingMode.HALF_UP);
    }

    private static Object share(Double v) {
        return v == null ? "" : BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String text(Object v) {
        return v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v);
    }

    private static void csv(List<String[]> header, List<Table> tables, OutputStream os) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
        CsvLines.start(w);
        for (String[] h : header) {
            CsvLines.line(w, List.of(h));
        }
        for (Table t : tables) {
            w.write("\r\n");
            CsvLines.line(w, List.of(t.title()));
            CsvLines.line(w, t.columns());
            for (List<Object> row : t.rows()) {
                CsvLines.line(w, row.stream().map(StatsExport::text).toList());
            }
        }
        w.flush();
    }

    private static void xlsx(List<String[]> header, Statistics s, List<Table> tables, Messages m, OutputStream os) throws IOException {
        Workbook wb = new Workbook(os, "EvPower console", "1.0");
        Worksheet summary = wb.newWorksheet(m.get("stats.export.sheet.summary"));
        int r = 0;
        for (String[] h : header) {
            summary.value(r, 0, h[0]);
            summary.value(r, 1, h[1]);
            r++;
        }
        summary.range(0, 0, r - 1, 0).style().bold().set();
        r++;
        Figures t = s.total();
        Figures p = s.previous();
        summary.value(r, 1, m.get("stats.export.thisPeriod"));
        summary.value(r, 2, m.get("stats.export.previousPeriod"));
        summary.range(r, 0, r, 2).style().bold().set();
        r++;
        Object[][] lines = {
            {m.get("stats.col.sessions"), t.sessions(), p.sessions()},
            {m.get("stats.col.ended"), t.ended(), p.ended()},
            {m.get("stats.col.failed"), t.failed(), p.failed()},
            {m.get("stats.col.running"), t.running(), p.running()},
            {m.get("stats.col.energy"), kwh(t.energyKwh()), kwh(p.energyKwh())},
            {m.get("stats.col.revenue"), som(t.revenue()), som(p.revenue())},
            {m.get("stats.col.ledgerRevenue"), som(t.ledgerRevenue()), ""},
            {m.get("stats.col.ledgerDisagreements"), t.ledgerDisagreements(), ""},
            {m.get("stats.col.occupied"), share(t.occupiedShare()), ""},
            {m.get("stats.col.charging"), share(t.chargingShare()), ""},
        };
        for (Object[] line : lines) {
            for (int c = 0; c < line.length; c++) {
                cell(summary, r, c, line[c]);
            }
            r++;
        }
        summary.width(0, 34);
        summary.width(1, 48);
        summary.width(2, 20);
        for (Table table : tables) {
            Worksheet w = wb.newWorksheet(sheetName(table.title()));
            for (int c = 0; c < table.columns().size(); c++) {
                w.value(0, c, table.columns().get(c));
            }
            w.range(0, 0, 0, table.columns().size() - 1).style().bold().set();
            int row = 1;
            for (List<Object> cells : table.rows()) {
                for (int c = 0; c < cells.size(); c++) {
                    cell(w, row, c, cells.get(c));
                }
                row++;
            }
            w.freezePane(0, 1);
        }
        wb.finish();
    }

    private static void cell(Worksheet w, int r, int c, Object v) {
        if (v instanceof Number n) {
            w.value(r, c, n);
        } else {
            w.value(r, c, v == null ? "" : v.toString());
        }
    }

    /** Excel's rules for a sheet's name: at most 31 characters, none of {@code []:*?/\}. */
    static String sheetName(String title) {
        String n = title.replaceAll("[\\[\\]:*?/\\\\]", " ").trim();
        return n.length() > 31 ? n.substring(0, 31) : n;
    }
}
