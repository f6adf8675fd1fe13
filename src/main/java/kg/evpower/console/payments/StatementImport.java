package kg.evpower.console.payments;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.i18n.Messages;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Reads a provider statement (CSV or XLSX) through a column mapping: which column holds the invoice id, the payment
 * time, the amount (in tyiyn or som) and, optionally, the transaction id, order id and commission. Every line is
 * checked before anything is returned: a file with any bad line gives {@link Rejected} with every problem and its line
 * number, and no lines at all, so a statement is never half-imported.
 */
public final class StatementImport {

    /** Amounts in the file. */
    public enum Unit { TYIYN, SOM }

    /**
     * Which header names hold which field ({@code null} for an optional field the file lacks), the amounts' unit, and
     * the zone of payment times that carry no offset.
     */
    public record Mapping(String invoiceId, String paidAt, String amount, String transactionId, String orderId, String commission, Unit unit,
                          ZoneId zone) {

        /** The O!Dengi merchant statement as {@code docs/odengi-statement.md} describes it. */
        public static final Mapping ODENGI = new Mapping("invoice_id", "paid_at", "amount_tyiyn", "transaction_id", "order_id",
                "commission_tyiyn", Unit.TYIYN, Period.BISHKEK);

        /** The same columns, amounts in {@code u}. */
        public Mapping withUnit(Unit u) {
            return new Mapping(invoiceId, paidAt, amount, transactionId, orderId, commission, u, zone);
        }
    }

    /** A column whose value is checked, named in the operator's language in a problem. */
    public enum Field {
        AMOUNT, COMMISSION
    }

    /**
     * One bad line: its number in the file (1 = the header) and what is wrong, as a message key ({@code
     * recon.import.*}) and its values, said in the operator's language by {@link #text}.
     */
    public record Problem(int line, String key, List<Object> args) {

        public Problem {
            args = java.util.Collections.unmodifiableList(new ArrayList<>(args));
        }

        static Problem of(int line, String key, Object... args) {
            return new Problem(line, "recon.import." + key, java.util.Arrays.asList(args));
        }

        public String text(Messages m) {
            Object[] shown = args.stream().map(a -> a instanceof Field f ? m.get("recon.import.field." + f.name()) : a == null ? "—"
                    : a.toString()).toArray();
            return m.format(key, shown);
        }

        @Override
        public String toString() {
            return "line " + line + ": " + text(ENGLISH);
        }
    }

    private static final Messages ENGLISH = new Messages("en");

    /** A value that cannot be read, with the problem's key and values. */
    static final class BadValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String key;
        final transient Object[] args;

        BadValue(String key, Object... args) {
            super(key, null);
            this.key = key;
            this.args = args;
        }
    }

    /** The file was refused; nothing of it was imported. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        Rejected(List<Problem> problems) {
            super(problems.size() + " problem(s), first: " + problems.get(0), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The largest single topup the backend accepts, in som: a bigger "som" amount is almost surely tyiyn. */
    static final BigDecimal MAX_TOPUP_SOM = new BigDecimal("100000");
    private static final int MAX_PROBLEMS = 200;

    private StatementImport() {
    }

    public static List<StatementLine> read(Path file, Mapping m) throws IOException, Rejected {
        return parse(rows(file, Integer.MAX_VALUE), m);
    }

    /** The file's header row (for the column-mapping step). */
    public static List<String> header(Path file) throws IOException, Rejected {
        List<List<String>> rows = isXlsx(file) ? rows(file, 1) : Csv.parse(firstRecord(file), 1);
        if (rows.isEmpty()) {
            throw new Rejected(List.of(Problem.of(1, "empty")));
        }
        return rows.get(0).stream().map(String::trim).toList();
    }

    /** A CSV file's first record without reading the rest: its first line, or more while a quote is open. */
    private static String firstRecord(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                b.append(line).append('\n');
                if (b.chars().filter(c -> c == '"').count() % 2 == 0) {
                    break;
                }
            }
        }
        return b.length() > 0 && b.charAt(0) == '\uFEFF' ? b.substring(1) : b.toString();
    }

    static boolean isXlsx(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    private static List<List<String>> rows(Path file, int max) throws IOException, Rejected {
        if (isXlsx(file)) {
            List<List<String>> out = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file); ReadableWorkbook wb = new ReadableWorkbook(in)) {
                Sheet sheet = wb.getFirstSheet();
                try (var stream = sheet.openStream()) {
                    for (var it = stream.iterator(); it.hasNext() && out.size() < max;) {
                        Row r = it.next();
                        List<String> cells = new ArrayList<>();
                        for (int i = 0; i < r.getCellCount(); i++) {
                            cells.add(r.getCellText(i));
                        }
                        out.add(cells);
                    }
                }
            } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new Rejected(List.of(Problem.of(1, "xlsx", String.valueOf(e.getMessage()))));
            }
            return out;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return Csv.parse(text, max);
    }

    /** Checks and converts every row; row 0 is the header. */
    static List<StatementLine> parse(List<List<String>> rows, Mapping m) throws Rejected {
        List<Problem> problems = new ArrayList<>();
        if (rows.isEmpty()) {
            throw new Rejected(List.of(Problem.of(1, "empty")));
        }
        List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int inv = column(header, m.invoiceId(), true, problems);
        int at = column(header, m.paidAt(), true, problems);
        int amt = column(header, m.amount(), true, problems);
        int tx = column(header, m.transactionId(), false, problems);
        int ord = column(header, m.orderId(), false, problems);
        int com = column(header, m.commission(), false, problems);
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        List<StatementLine> out = new ArrayList<>(rows.size());
        Map<String, Integer> seenInvoice = new HashMap<>();
        Map<String, Integer> seenTx = new HashMap<>();
        for (int i = 1; i < rows.size() && problems.size() < MAX_PROBLEMS; i++) {
            List<String> r = rows.get(i);
            int line = i + 1;
            if (r.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            if (r.size() < header.size()) {
                problems.add(Problem.of(line, "columns", header.size(), r.size()));
                continue;
            }
            String invoice = r.get(inv).trim();
            if (invoice.isEmpty()) {
                problems.add(Problem.of(line, "noInvoice"));
                continue;
            }
            Instant paidAt = time(r.get(at).trim(), m.zone());
            if (paidAt == null) {
                problems.add(Problem.of(line, "time", r.get(at).trim()));
                continue;
            }
            BigDecimal amount;
            BigDecimal commission;
            try {
                amount = amount(r.get(amt), m.unit(), Field.AMOUNT);
                commission = com < 0 || r.get(com).isBlank() ? BigDecimal.ZERO : amount(r.get(com), m.unit(), Field.COMMISSION);
            } catch (BadValue e) {
                problems.add(Problem.of(line, e.key, e.args));
                continue;
            }
            Integer dup = seenInvoice.putIfAbsent(invoice, line);
            if (dup != null) {
                problems.add(Problem.of(line, "dupInvoice", invoice, dup));
                continue;
            }
            String txId = tx < 0 ? null : r.get(tx).trim();
            if (txId != null && !txId.isEmpty()) {
                Integer dupTx = seenTx.putIfAbsent(txId, line);
                if (dupTx != null) {
                    problems.add(Problem.of(line, "dupTransaction", txId, dupTx));
                    continue;
                }
            }
            out.add(new StatementLine(line, txId, invoice, ord < 0 ? null : r.get(ord).trim(), paidAt, amount, commission));
        }
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        return out;
    }

    private static int column(List<String> header, String name, boolean required, List<Problem> problems) {
        if (name == null || name.isBlank()) {
            if (required) {
                problems.add(Problem.of(1, "unmapped"));
            }
            return -1;
        }
        int i = header.indexOf(name.trim().toLowerCase(Locale.ROOT));
        if (i < 0 && required) {
            problems.add(Problem.of(1, "noColumn", name, String.join(", ", header)));
        }
        return i;
    }

    /** An amount in the file's unit, as som; refuses what looks like the other unit. */
    static BigDecimal amount(String raw, Unit unit, Field what) {
        String s = raw == null ? "" : raw.trim().replace(" ", "").replace("\u00A0", "");
        if (s.isEmpty()) {
            throw new BadValue("missing", what);
        }
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
            s = s.replace(',', '.');
        }
        BigDecimal v;
        try {
            v = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new BadValue("notANumber", what, raw.trim());
        }
        if (v.signum() < 0) {
            throw new BadValue("negative", what, raw.trim());
        }
        if (unit == Unit.TYIYN) {
            if (v.stripTrailingZeros().scale() > 0) {
                throw new BadValue("fraction", what, raw.trim());
            }
            return v.movePointLeft(2).setScale(2);
        }
        if (v.stripTrailingZeros().scale() > 2) {
            throw new BadValue("decimals", what, raw.trim());
        }
        if (what == Field.AMOUNT && v.compareTo(MAX_TOPUP_SOM) > 0) {
            throw new BadValue("tooLarge", what, raw.trim());
        }
        return v.setScale(2);
    }

    private static final DateTimeFormatter[] LOCAL = {DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"), DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss"),
        DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm"), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")};

    /** A time with an offset as it says; without one, in {@code zone}; null when unreadable. */
    static Instant time(String s, ZoneId zone) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // not ISO with an offset
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(s, f).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        return null;
    }
}
