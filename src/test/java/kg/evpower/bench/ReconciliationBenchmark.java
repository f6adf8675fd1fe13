package kg.evpower.bench;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import kg.evpower.console.domain.BillingSession;
import kg.evpower.console.domain.ClientBalance;
import kg.evpower.console.domain.LedgerEntry;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.domain.Topup;
import kg.evpower.console.payments.MoneyData;
import kg.evpower.console.payments.MoneySource;
import kg.evpower.console.payments.PostgresMoneySource;
import kg.evpower.console.payments.Reconciler;
import kg.evpower.console.payments.Report;
import kg.evpower.testing.EmbeddedPostgres;
import kg.evpower.testing.ProductionCopy;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The reconciliation at the size: 1,000,000 ledger rows, 300,000 topups, 500,000 sessions and a 300,000-line
 * provider statement over 30 days and 50,000 clients, with every defect class injected at a few percent. Measured in
 * one run:
 * <ol>
 *   <li>the engine alone over the data in memory (median of 5 after 2 warm-ups);</li>
 *   <li>the same data in a real PostgreSQL 16 (production's schema, loaded with COPY): the console's PostgreSQL
 *   source streaming it plus the engine, end to end (median of 3), which must give the same findings;</li>
 *   <li>the same checks written as SQL and run in that PostgreSQL (median of 3), and the ratio.</li>
 * </ol>
 * The JVM is capped at 1 GB of heap; the peak of the heap pools is reported.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.ReconciliationBenchmark [engine]
 * </pre>
 * ({@code engine}: the engine alone, no PostgreSQL.)
 */
public final class ReconciliationBenchmark {

    static final int CLIENTS = 50_000;
    static final int TOPUPS = 300_000;
    static final int SESSIONS = 500_000;
    static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofDays(30));
    static final Instant AS_OF = TO.plus(Duration.ofHours(1));

    /** The generated data, as the engine sees it and as rows for PostgreSQL's COPY. */
    static final class Data {
        final List<Topup> topups = new ArrayList<>(TOPUPS);
        final List<LedgerEntry> ledger = new ArrayList<>(1_100_000);
        final List<BillingSession> sessions = new ArrayList<>(SESSIONS);
        final List<StatementLine> statement = new ArrayList<>(310_000);
        final String[] clients = new String[CLIENTS];
        final BigDecimal[] balances = new BigDecimal[CLIENTS];
        final BigDecimal[] ledgerSums = new BigDecimal[CLIENTS];

        MoneyData moneyData() {
            List<ClientBalance> b = new ArrayList<>(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                b.add(new ClientBalance(clients[i], balances[i], ledgerSums[i]));
            }
            return new MoneyData(FROM, TO, AS_OF, topups, ledger, sessions, b, statement);
        }
    }

    static BigDecimal som(long tyiyn) {
        return BigDecimal.valueOf(tyiyn, 2);
    }

    static Data generate(long seed) {
        Random rnd = new Random(seed);
        Data d = new Data();
        for (int i = 0; i < CLIENTS; i++) {
            d.clients[i] = String.format("%08x-0000-4000-8000-%012x", i, (long) i * 7919);
            d.balances[i] = BigDecimal.ZERO.setScale(2);
            d.ledgerSums[i] = BigDecimal.ZERO.setScale(2);
        }
        long ledgerId = 1;
        long span = Duration.between(FROM, TO).toSeconds();
        long[] topupAmounts = {10_000, 20_000, 30_000, 50_000, 100_000, 150_000, 200_000};
        for (int i = 1; i <= TOPUPS; i++) {
            int c = rnd.nextInt(CLIENTS);
            String client = d.clients[c];
            Instant created = FROM.plusSeconds(rnd.nextInt((int) span - 3600));
            BigDecimal amount = som(topupAmounts[rnd.nextInt(topupAmounts.length)]);
            String invoice = String.valueOf(8_000_000_000L + i);
            int kind = rnd.nextInt(1000);
            Instant paidAt = created.plusSeconds(30 + rnd.nextInt(200));
            Topup.TopupStatus status;
            BigDecimal paid = null;
            Instant paidStamp = null;
            boolean inStatement = false;
            int credits = 0;
            if (kind < 940) { // normal
                status = Topup.TopupStatus.APPROVED;
                paid = amount;
                paidStamp = paidAt;
                inStatement = true;
                credits = 1;
            } else if (kind < 945) { // double credit
                status = Topup.TopupStatus.APPROVED;
                paid = amount;
                paidStamp = paidAt;
                inStatement = true;
                credits = 2;
            } else if (kind < 955) { // paid late: canceled locally, money at the provider
                status = Topup.TopupStatus.CANCELED;
                paidAt = created.plusSeconds(298);
                inStatement = true;
            } else if (kind < 960) { // stuck in processing
                status = Topup.TopupStatus.PROCESSING;
            } else { // never paid
                status = Topup.TopupStatus.CANCELED;
            }
            d.topups.add(new Topup(i, invoice, "qr_topup_" + c + "_" + created.getEpochSecond(), client, amount, paid, status, created,
                    paidStamp, created.plusSeconds(300)));
            if (inStatement) {
                d.statement.add(new StatementLine(d.statement.size() + 2, "T" + invoice, invoice, null, paidAt, amount,
                        amount.movePointLeft(2).setScale(2, java.math.RoundingMode.HALF_UP)));
            }
            for (int k = 0; k < credits; k++) {
                d.ledger.add(new LedgerEntry(ledgerId++, client, LedgerEntry.Type.BALANCE_TOPUP, amount, (long) i, null, paidAt.plusMillis(500)));
                d.balances[c] = d.balances[c].add(amount);
                d.ledgerSums[c] = d.ledgerSums[c].add(amount);
            }
        }
        for (int i = 0; i < SESSIONS; i++) {
            int c = rnd.nextInt(CLIENTS);
            String client = d.clients[c];
            String id = String.format("%08x-5e55-4000-8000-%012x", i, (long) i * 31);
            Instant start = FROM.plusSeconds(rnd.nextInt((int) span - 7200));
            Instant stop = start.plusSeconds(600 + rnd.nextInt(5400));
            long reserve = 10_000 + rnd.nextInt(30_000);
            int kind = rnd.nextInt(1000);
            long cost = kind < 400 ? reserve : kind < 900 ? reserve - 1 - rnd.nextInt((int) reserve - 1) : kind < 950 ? reserve - 500 - rnd.nextInt(5000)
                    : reserve + 100 + rnd.nextInt(5000);
            BigDecimal r = som(reserve);
            BigDecimal cost$ = som(cost);
            d.ledger.add(new LedgerEntry(ledgerId++, client, LedgerEntry.Type.CHARGE_RESERVE, r.negate(), null, id, start));
            d.balances[c] = d.balances[c].subtract(r);
            d.ledgerSums[c] = d.ledgerSums[c].subtract(r);
            BigDecimal diff = r.subtract(cost$);
            boolean ws = kind >= 900;
            if (kind >= 400 && kind < 900) { // API stop: refund logged
                d.ledger.add(new LedgerEntry(ledgerId++, client, LedgerEntry.Type.CHARGE_REFUND, diff, null, id, stop));
                d.ledgerSums[c] = d.ledgerSums[c].add(diff);
            } else if (kind >= 950 && kind < 980) { // ws stop: extra charge logged as a negative topup
                d.ledger.add(new LedgerEntry(ledgerId++, client, LedgerEntry.Type.BALANCE_TOPUP, diff, null, null, stop));
                d.ledgerSums[c] = d.ledgerSums[c].add(diff);
            } else if (kind >= 980) { // API stop: extra charge logged
                d.ledger.add(new LedgerEntry(ledgerId++, client, LedgerEntry.Type.CHARGE_PAYMENT, diff, null, id, stop));
                d.ledgerSums[c] = d.ledgerSums[c].add(diff);
            }
            // kind 900..949: a ws stop refunded with no ledger row (the balance moves, the ledger does not)
            d.balances[c] = d.balances[c].add(diff);
            d.sessions.add(new BillingSession(id, client, "ST-" + (i % 2000), "stopped", start, stop, BigDecimal.valueOf(cost, 3), cost$, r, true,
                    "Stopped", ws ? stop : stop.plusSeconds(3)));
        }
        for (int k = 0; k < CLIENTS / 500; k++) { // lost-update drift on 0.2% of clients
            int c = rnd.nextInt(CLIENTS);
            d.balances[c] = d.balances[c].add(som(100 + rnd.nextInt(5000)));
        }
        return d;
    }



    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String ts(Instant t) {
        return t == null ? "" : t.toString();
    }

    static String n(Object v) {
        return v == null ? "" : v.toString();
    }

    /** Loads the generated data into production's tables with COPY. */
    static void load(Data d, Connection c) throws Exception {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder b = new StringBuilder(1 << 20);
        for (int i = 0; i < CLIENTS; i++) {
            b.append(d.clients[i]).append(',').append(d.balances[i]).append('\n');
        }
        copy.copyIn("COPY clients (id, balance) FROM STDIN WITH (FORMAT csv)", new StringReader(b.toString()));
        b.setLength(0);
        for (Topup t : d.topups) {
            b.append(t.id()).append(',').append(t.invoiceId()).append(',').append(t.orderId()).append(',').append(t.clientId()).append(',')
                    .append(t.requested()).append(',').append(n(t.paid())).append(',').append(t.status().name().toLowerCase()).append(',')
                    .append(ts(t.createdAt())).append(',').append(ts(t.paidAt())).append(',').append(ts(t.expiresAt())).append('\n');
        }
        copy.copyIn("COPY balance_topups (id, invoice_id, order_id, client_id, requested_amount, paid_amount, status, created_at, paid_at,"
                + " invoice_expires_at) FROM STDIN WITH (FORMAT csv)", new StringReader(b.toString()));
        b.setLength(0);
        for (LedgerEntry e : d.ledger) {
            b.append(e.id()).append(',').append(e.clientId()).append(',').append(e.type().name().toLowerCase()).append(',').append(e.amount())
                    .append(',').append(n(e.topupId())).append(',').append(n(e.sessionId())).append(',').append(ts(e.createdAt())).append('\n');
            if (b.length() > 64 << 20) {
                copy.copyIn("COPY payment_transactions_odengi (id, client_id, transaction_type, amount, balance_topup_id, charging_session_id,"
                        + " created_at) FROM STDIN WITH (FORMAT csv)", new StringReader(b.toString()));
                b.setLength(0);
            }
        }
        copy.copyIn("COPY payment_transactions_odengi (id, client_id, transaction_type, amount, balance_topup_id, charging_session_id,"
                + " created_at) FROM STDIN WITH (FORMAT csv)", new StringReader(b.toString()));
        b.setLength(0);
        StringBuilder t = new StringBuilder(1 << 20);
        long tx = 1;
        for (BillingSession s : d.sessions) {
            b.append(s.id()).append(',').append(s.clientId()).append(',').append(s.stationId()).append(',').append(s.status()).append(',')
                    .append(ts(s.startTime())).append(',').append(ts(s.stopTime())).append(',').append(s.energyKwh()).append(',')
                    .append(s.amount()).append(',').append(s.reserved()).append(',').append(s.paymentProcessed()).append('\n');
            t.append(tx++).append(',').append(s.stationId()).append(',').append(s.id()).append(',').append(s.ocppStatus()).append(',')
                    .append(ts(s.ocppStopTime())).append('\n');
        }
        copy.copyIn("COPY charging_sessions (id, user_id, station_id, status, start_time, stop_time, energy, amount, reserved_amount,"
                + " payment_processed) FROM STDIN WITH (FORMAT csv)", new StringReader(b.toString()));
        copy.copyIn("COPY ocpp_transactions (id, station_id, charging_session_id, status, stop_timestamp) FROM STDIN WITH (FORMAT csv)",
                new StringReader(t.toString()));
        b.setLength(0);
        for (StatementLine s : d.statement) {
            b.append(s.transactionId()).append(',').append(s.invoiceId()).append(',').append(ts(s.paidAt())).append(',').append(s.amount())
                    .append('\n');
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE odengi_statement (transaction_id text, invoice_id text, paid_at timestamptz, amount numeric)");
        }
        copy.copyIn("COPY odengi_statement FROM STDIN WITH (FORMAT csv)", new StringReader(b.toString()));
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX ON payment_transactions_odengi(balance_topup_id)");
            st.execute("CREATE INDEX ON payment_transactions_odengi(charging_session_id)");
            st.execute("CREATE INDEX ON ocpp_transactions(charging_session_id)");
            st.execute("VACUUM ANALYZE");
        }
    }

    /**
     * The engine's checks as SQL over the same tables and period: per topup (ledger rows against status and paid
     * amount, the statement against the topups), per session (settlement rows against reserve and cost, twice-settled,
     * long-running, error), negative "topups", per client (balance against the ledger sum). Answers the row count.
     */
    static final List<String> SQL_CHECKS = List.of(
            // approved with 0 or 2+ credits or the wrong amount; credited but not approved
            "SELECT count(*) FROM balance_topups t LEFT JOIN (SELECT balance_topup_id, count(*) n, sum(amount) s FROM payment_transactions_odengi"
                    + " WHERE transaction_type = 'balance_topup' AND balance_topup_id IS NOT NULL GROUP BY balance_topup_id) l"
                    + " ON l.balance_topup_id = t.id WHERE t.created_at >= $1 - interval '5 minutes' AND t.created_at < $2"
                    + " AND ((t.status = 'approved' AND (l.n IS NULL OR l.n <> 1 OR abs(l.s - t.paid_amount) > 0.01"
                    + " OR abs(t.paid_amount - t.requested_amount) > 0.01)) OR (t.status <> 'approved' AND l.n IS NOT NULL)"
                    + " OR (t.status = 'processing' AND t.invoice_expires_at < $3))",
            // the statement against the topups: paid but not credited, amounts, unknown invoices
            "SELECT count(*) FROM odengi_statement s FULL JOIN (SELECT * FROM balance_topups WHERE status = 'approved'"
                    + " AND created_at >= $1 - interval '5 minutes' AND created_at < $2) t ON t.invoice_id = s.invoice_id"
                    + " WHERE s.invoice_id IS NULL OR t.id IS NULL OR abs(t.paid_amount - s.amount) > 0.01",
            // sessions: settlement missing or unlogged, twice settled, long, error
            "SELECT count(*) FROM charging_sessions s LEFT JOIN (SELECT charging_session_id, sum(amount) FILTER (WHERE transaction_type ="
                    + " 'charge_refund') refund, sum(amount) FILTER (WHERE transaction_type = 'charge_payment') payment, count(*) n"
                    + " FROM payment_transactions_odengi WHERE charging_session_id IS NOT NULL AND created_at >= $1 - interval '36 hours'"
                    + " AND created_at < $2 + interval '10 minutes' GROUP BY charging_session_id) l ON l.charging_session_id = s.id"
                    + " LEFT JOIN ocpp_transactions o ON o.charging_session_id = s.id"
                    + " WHERE ((s.start_time >= $1 AND s.start_time < $2) OR (s.stop_time >= $1 AND s.stop_time < $2))"
                    + " AND ((s.status = 'stopped' AND abs(s.reserved_amount - s.amount) > 0.01 AND l.refund IS NULL AND l.payment IS NULL)"
                    + " OR (o.status = 'Stopped' AND NOT s.payment_processed)"
                    + " OR (s.status = 'started' AND s.start_time < $3 - interval '12 hours') OR s.status = 'error')",
            // negative "topups" and the session stopped at that moment
            "SELECT count(*) FROM payment_transactions_odengi l LEFT JOIN charging_sessions s ON s.user_id = l.client_id"
                    + " AND s.stop_time BETWEEN l.created_at - interval '2 seconds' AND l.created_at + interval '2 seconds'"
                    + " WHERE l.transaction_type = 'balance_topup' AND l.amount < 0 AND l.created_at >= $1 AND l.created_at < $2",
            // per client: balance against the ledger sum
            "SELECT count(*) FROM clients c LEFT JOIN (SELECT client_id, sum(amount) s FROM payment_transactions_odengi GROUP BY client_id) l"
                    + " ON l.client_id = c.id WHERE abs(c.balance - COALESCE(l.s, 0)) > 0.01");

    static long sqlChecks(Connection c) throws Exception {
        long rows = 0;
        for (String q : SQL_CHECKS) {
            String sql = q.replaceAll("\\$\\d", "?::timestamptz");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$(\\d)").matcher(q);
                while (m.find()) {
                    Instant v = switch (m.group(1)) {
                        case "1" -> FROM;
                        case "2" -> TO;
                        default -> AS_OF;
                    };
                    ps.setString(p++, v.toString());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("heap max %d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        Data d = generate(42);
        MoneyData data = d.moneyData();
        System.out.printf("generated: %d ledger, %d topups, %d sessions, %d statement lines, %d clients in %d ms%n", d.ledger.size(),
                d.topups.size(), d.sessions.size(), d.statement.size(), CLIENTS, (System.nanoTime() - t0) / 1_000_000);

        double[] engine = new double[5];
        Report report = null;
        for (int i = -2; i < engine.length; i++) {
            System.gc();
            Heap.resetPeaks();
            long s = System.nanoTime();
            report = new Reconciler().run(data);
            if (i >= 0) {
                engine[i] = (System.nanoTime() - s) / 1e6;
            }
        }
        System.out.printf("engine over the data in memory: median %.0f ms of %s; %d findings, unexplained %s som; peak heap %d MB%n",
                median(engine), Arrays.toString(Arrays.stream(engine).mapToLong(Math::round).toArray()), report.findings().size(),
                report.unexplained(), Heap.peak() >> 20);
        java.util.Map<String, Long> byClass = new java.util.TreeMap<>();
        report.findings().forEach(f -> byClass.merge(f.kind().name(), 1L, Long::sum));
        System.out.println("  by class: " + byClass);
        if (args.length > 0 && args[0].equals("engine")) {
            return;
        }

        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE evpower");
            }
            try (Connection c = pg.admin("evpower")) {
                long l0 = System.nanoTime();
                ProductionCopy.createSchema(c);
                load(d, c);
                System.out.printf("PostgreSQL 16 loaded with COPY in %d ms%n", (System.nanoTime() - l0) / 1_000_000);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE ROLE reconciler LOGIN PASSWORD 'bench'");
                    st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reconciler");
                }
            }
            List<StatementLine> statement = d.statement;
            int expected = report.findings().size();
            d = null;
            data = null;
            report = null;
            PostgresMoneySource source = new PostgresMoneySource(new PostgresMoneySource.Settings("127.0.0.1", pg.port(), "evpower", "reconciler",
                    "require", null), "bench".toCharArray());
            double[] endToEnd = new double[3];
            double[] loadOnly = new double[3];
            for (int i = 0; i < endToEnd.length; i++) {
                System.gc();
                Heap.resetPeaks();
                long s = System.nanoTime();
                MoneyData fromPg = source.load(FROM, TO, statement, MoneySource.QUIET, () -> false);
                loadOnly[i] = (System.nanoTime() - s) / 1e6;
                if (i == 0) {
                    System.gc();
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf("  heap held by the loaded period (after a GC): %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
                }
                Report r = new Reconciler().run(fromPg);
                endToEnd[i] = (System.nanoTime() - s) / 1e6;
                if (r.findings().size() != expected) {
                    throw new IllegalStateException("PostgreSQL source gave " + r.findings().size() + " findings, memory " + expected);
                }
                fromPg = null;
            }
            System.out.printf("PostgreSQL source (TLS, streamed, fetch size %d) + engine: median %.0f ms (load %.0f ms); same %d findings%n",
                    10_000, median(endToEnd), median(loadOnly), expected);
            double[] sql = new double[3];
            long rows = 0;
            try (Connection c = pg.admin("evpower")) {
                sqlChecks(c); // warm the caches as the source's reads did
                for (int i = 0; i < sql.length; i++) {
                    long s = System.nanoTime();
                    rows = sqlChecks(c);
                    sql[i] = (System.nanoTime() - s) / 1e6;
                }
            }
            System.out.printf("the same checks as SQL in PostgreSQL: median %.0f ms (%d flagged rows)%n", median(sql), rows);
            System.out.printf("ratio engine / SQL: %.2f; (PostgreSQL read + engine) / SQL: %.2f%n", median(engine) / median(sql),
                    median(endToEnd) / median(sql));
        }
    }
}
