package kg.evpower.console.payments;

import java.math.BigDecimal;
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
     * One bad line: its number in the file (1 = the header; 0 when it is about the whole file) and what is wrong, as a message key ({@code
     * recon.import.*}) and its values, said in the operator's language by {@link #text}.
     */
    public record Problem(int line, String key, List<Object> args) {

        public Problem {
            args = java.util.Collections.unmodifiableList(new ArrayList<>(args));
        }

        static Problem of(int line, String key, Object... args) {
            return new Problem(line, "recon.import." + key, java.util.Arrays.asList(args));
        }

        /** What is wrong with its line in front ("line 3: ..."), or alone when it is about the whole file. */
        public String describe(Messages m) {
            return line > 0 ? m.format("recon.import.line", String.valueOf(line), text(m)) : text(m);
        }

        public String text(Messages m) {
            // numbers (limits, counts) in the language's form; line numbers are given as text, as "line {0}" shows them
            Object[] shown = args.stream().map(a -> a instanceof Field f ? m.get("recon.import.field." + f.name()) : a == null ? "—"
                    : a instanceof Number ? a : a.toString()).toArray();
            return m.format(key, shown);
        }

        @Override
        public String toString() {
            return describe(ENGLISH);
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

    public static List<StatementLine> read(Path file, Mapping m) throws Rejected {
        try (StatementFile.Rows rows = StatementFile.open(file)) {
            return parse(rows, m);
        }
    }

    /** The file's header row (for the column-mapping step). */
    public static List<String> header(Path file) throws Rejected {
        try (StatementFile.Rows rows = StatementFile.open(file)) {
            List<String> header = rows.next();
            if (header == null) {
                throw new Rejected(List.of(Problem.of(1, "empty")));
            }
            return header.stream().map(String::trim).toList();
        }
    }

    /** Checks and converts every row as it is read; the first row is the header. */
    static List<StatementLine> parse(StatementFile.Rows rows, Mapping m) throws Rejected {
        List<Problem> problems = new ArrayList<>();
        List<String> first = rows.next();
        if (first == null) {
            throw new Rejected(List.of(Problem.of(1, "empty")));
        }
        List<String> header = first.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int inv = column(header, m.invoiceId(), true, problems);
        int at = column(header, m.paidAt(), true, problems);
        int amt = column(header, m.amount(), true, problems);
        int tx = column(header, m.transactionId(), false, problems);
        int ord = column(header, m.orderId(), false, problems);
        int com = column(header, m.commission(), false, problems);
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        List<StatementLine> out = new ArrayList<>();
        Map<String, Integer> seenInvoice = new HashMap<>();
        Map<String, Integer> seenTx = new HashMap<>();
        for (List<String> r = rows.next(); r != null && problems.size() < MAX_PROBLEMS; r = rows.next()) {
            int line = rows.line();
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
                problems.add(Problem.of(line, "time", shorten(r.get(at).trim(), 40)));
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
                problems.add(Problem.of(line, "dupInvoice", shorten(invoice, 40), String.valueOf(dup)));
                continue;
            }
            String txId = tx < 0 ? null : r.get(tx).trim();
            if (txId != null && !txId.isEmpty()) {
                Integer dupTx = seenTx.putIfAbsent(txId, line);
                if (dupTx != null) {
                    problems.add(Problem.of(line, "dupTransaction", shorten(txId, 40), String.valueOf(dupTx)));
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

    /**
     * An amount in the file's unit, as som: plain digits with at most one decimal mark (no exponent, no sign but a
     * minus that is refused), whole tyiyn in a tyiyn file, at most two decimals in a som file, and never above
     * {@link #MAX_TOPUP_SOM} in either unit, so a damaged or hostile cell cannot become a finding of 10^38 som.
     */
    static BigDecimal amount(String raw, Unit unit, Field what) {
        String s = raw == null ? "" : raw.trim().replace(" ", "").replace("\u00A0", "");
        if (s.isEmpty()) {
            throw new BadValue("missing", what);
        }
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
            s = s.replace(',', '.');
        }
        String shown = shorten(raw.trim(), 40);
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        if (!PLAIN.matcher(digits).matches()) {
            throw new BadValue(EXPONENT.matcher(digits).matches() ? "exponent" : "notANumber", what, shown);
        }
        if (negative) {
            throw new BadValue("negative", what, shown);
        }
        int dot = digits.indexOf('.');
        if ((dot < 0 ? digits.length() : dot) > MAX_INTEGER_DIGITS) {
            throw new BadValue(unit == Unit.TYIYN ? "tooLargeTyiyn" : "tooLarge", what, shown);
        }
        BigDecimal v = new BigDecimal(digits);
        BigDecimal som;
        if (unit == Unit.TYIYN) {
            if (v.stripTrailingZeros().scale() > 0) {
                throw new BadValue("fraction", what, shown);
            }
            som = v.movePointLeft(2).setScale(2);
        } else {
            if (v.stripTrailingZeros().scale() > 2) {
                throw new BadValue("decimals", what, shown);
            }
            som = v.setScale(2);
        }
        if (som.compareTo(MAX_TOPUP_SOM) > 0) {
            throw new BadValue(unit == Unit.TYIYN ? "tooLargeTyiyn" : "tooLarge", what, shown);
        }
        return som;
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("\\d+(\\.\\d+)?");
    private static final java.util.regex.Pattern EXPONENT = java.util.regex.Pattern.compile("[+]?(\\d+\\.?\\d*|\\.\\d+)[eE][-+]?\\d+");
    /** Digits before the decimal mark beyond which no amount is read at all (10^15 tyiyn is far above any bound). */
    private static final int MAX_INTEGER_DIGITS = 15;

    /** A cell's text as quoted back in a problem: at most {@code max} characters. */
    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
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
