package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.console.i18n.Messages;
import kg.evpower.testing.EmbeddedPostgres;
import kg.evpower.testing.ProductionCopy;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL source against a real PostgreSQL 16 (started by the test, TLS on, password authentication) holding
 * production's money schema and the very rows the sandbox's operator API serves: the same findings from both sources,
 * read through a read-only role; a role that can write is reported; a bad password and a cancel end the load cleanly.
 */
class PostgresSourceIT {

    static EmbeddedPostgres pg;
    static Report fromApi;
    static ReconciliationIT.Period period;
    static List<Integer> copied;
    static String busiest;
    static List<String> atBusiest;

    @BeforeAll
    static void setUp() throws Exception {
        pg = EmbeddedPostgres.start();
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            period = ReconciliationIT.replay(s, "production");
            kg.evpower.console.api.EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            MoneyData data = new ApiMoneySource(support).load(period.from(), period.to(), period.statement(),
                    MoneySource.QUIET, () -> false);
            // a station's sessions as the operator API lists them, to find again in the database
            List<kg.evpower.console.domain.ChargingSession> listed = support.sessions().adminSessions(null, null, null, null, 1000, 0).sessions();
            busiest = listed.stream().collect(java.util.stream.Collectors.groupingBy(kg.evpower.console.domain.ChargingSession::stationId,
                    java.util.stream.Collectors.counting())).entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            atBusiest = listed.stream().filter(x -> busiest.equals(x.stationId()))
                    .filter(x -> x.status() == kg.evpower.console.domain.ChargingSession.Status.STARTED || !x.startTime().isBefore(period.from()))
                    .map(kg.evpower.console.domain.ChargingSession::id).sorted().toList();
            fromApi = new Reconciler().run(data);
            try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE evpower");
            }
            try (Connection h2 = s.db().connection(); Connection target = pg.admin("evpower")) {
                ProductionCopy.createSchema(target);
                copied = ProductionCopy.copy(h2, target);
                try (Statement st = target.createStatement()) {
                    st.execute("CREATE ROLE reconciler LOGIN PASSWORD 'read-only-pass'");
                    st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reconciler");
                    st.execute("CREATE ROLE clerk LOGIN PASSWORD 'clerk-pass'");
                    st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO clerk");
                    st.execute("GRANT UPDATE ON clients TO clerk");
                    st.execute("ANALYZE");
                }
            }
        }
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    /** As the console connects by default: verify-full, the server's CA file given, by the name its certificate carries. */
    static PostgresMoneySource source(String user, String password) {
        return new PostgresMoneySource(new PostgresMoneySource.Settings("localhost", pg.port(), "evpower", user, null,
                pg.certificate().toString()), password.toCharArray());
    }

    @Test
    void theSameDataGivesTheSameFindingsAsTheOperatorApi() {
        assertTrue(copied.get(ProductionCopy.TABLES.indexOf("payment_transactions_odengi")) > 500, "ledger rows copied: " + copied);
        assertTrue(fromApi.findings().size() > 10, "the replay should give findings to compare: " + fromApi.findings().size());
        AtomicInteger progressCalls = new AtomicInteger();
        MoneyData data = source("reconciler", "read-only-pass").load(period.from(), period.to(), period.statement(),
                (stage, n) -> progressCalls.incrementAndGet(), () -> false);
        Report fromPostgres = new Reconciler().run(data);
        assertEquals(comparable(fromApi), comparable(fromPostgres));
        assertEquals(fromApi.unexplained(), fromPostgres.unexplained());
        assertTrue(progressCalls.get() >= 4, "progress per stage");
    }

    /** Findings with a drift's time (when its balance was read, {@code asOf}) left out: the two reads are moments apart. */
    static List<Finding> comparable(Report r) {
        return r.findings().stream().map(f -> f.kind() == FindingClass.BALANCE_DRIFT
                ? new Finding(f.kind(), f.clientId(), f.subject(), f.amount(), null, f.evidence()) : f).toList();
    }

    /**
     * Statistics through the read-only role as the console asks them again and again: the first answer from the
     * database, and once the rows are held in memory the same figures from there.
     */
    @Test
    void statisticsFromTheDatabaseAndThenFromMemoryAgree() throws Exception {
        PostgresMoneySource source = source("reconciler", "read-only-pass");
        kg.evpower.figures.StatsCache cache = source.statisticsCache();
        java.time.Instant now = java.time.Instant.now();
        kg.evpower.figures.StatsQuery q = new kg.evpower.figures.StatsQuery(period.from().minus(java.time.Duration.ofDays(1)),
                now.plus(java.time.Duration.ofHours(1)), null, null, null, 7, now);
        kg.evpower.figures.Statistics first = source.statistics(cache, q, kg.evpower.figures.StatsReport.Grouping.STATION,
                kg.evpower.figures.StatsReport.Bucket.DAY);
        cache.awaitLoaded(java.time.Duration.ofSeconds(60));
        assertTrue(cache.indexed(), "the rows are held after the first question");
        kg.evpower.figures.Statistics memory = source.statistics(cache, q, kg.evpower.figures.StatsReport.Grouping.STATION,
                kg.evpower.figures.StatsReport.Bucket.DAY);
        kg.evpower.figures.Statistics direct = source.statistics(q, kg.evpower.figures.StatsReport.Grouping.STATION,
                kg.evpower.figures.StatsReport.Bucket.DAY);
        assertTrue(direct.total().sessions() > 50, direct.total().toString());
        for (kg.evpower.figures.Statistics s : List.of(first, memory)) {
            assertEquals(direct.total().sessions(), s.total().sessions());
            assertEquals(0, direct.total().revenue().compareTo(s.total().revenue()));
            assertEquals(0, direct.total().ledgerRevenue().compareTo(s.total().ledgerRevenue()));
            assertEquals(direct.total().occupiedSeconds(), s.total().occupiedSeconds(), 0.001);
            assertEquals(direct.stations().size(), s.stations().size());
            for (int i = 0; i < direct.stations().size(); i++) {
                assertEquals(direct.stations().get(i).key(), s.stations().get(i).key());
                assertEquals(0, direct.stations().get(i).figures().revenue().compareTo(s.stations().get(i).figures().revenue()));
            }
        }
    }

    @Test
    void aStationsSessionsAreFoundInTheDatabaseAsTheOperatorApiListsThem() {
        List<String> found = source("reconciler", "read-only-pass").sessionsAt(busiest, period.from(), 1000);
        assertTrue(atBusiest.size() > 1, "the replay gives the busiest station several sessions: " + atBusiest);
        assertEquals(atBusiest, found.stream().sorted().toList());
        assertEquals(List.of(), source("reconciler", "read-only-pass").sessionsAt("NO-SUCH-STATION", period.from(), 10));
        assertEquals(2, source("reconciler", "read-only-pass").sessionsAt(busiest, period.from(), 2).size(), "at most the limit");
    }

    @Test
    void aReadOnlyRoleIsReadOnlyAndARoleThatCanWriteIsReported() {
        PostgresMoneySource.Access ro = source("reconciler", "read-only-pass").access();
        assertTrue(ro.readOnly(), ro.toString());
        assertEquals("reconciler", ro.role());

        PostgresMoneySource.Access clerk = source("clerk", "clerk-pass").access();
        assertFalse(clerk.readOnly());
        assertEquals(List.of("clients"), clerk.writable());

        PostgresMoneySource.Access su = new PostgresMoneySource(new PostgresMoneySource.Settings("localhost", pg.port(), "evpower",
                EmbeddedPostgres.SUPERUSER, null, pg.certificate().toString()), pg.superuserPassword()).access();
        assertFalse(su.readOnly());
        assertTrue(su.superuser());
    }

    @Test
    void theCommandLineReadsPostgresAndWarnsAboutAWritableRole() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.nio.file.Path report = java.nio.file.Files.createTempDirectory("recon").resolve("report.csv");
        int exit = kg.evpower.console.cli.ReconcileCommand.run(new String[] {"reconcile", "--source", "postgres", "--from",
            period.from().toString(), "--to", period.to().toString(), "--pg-host", "localhost", "--pg-port", String.valueOf(pg.port()),
            "--pg-database", "evpower", "--pg-user", "clerk", "--pg-rootcert", pg.certificate().toString(), "--out", report.toString()}, new java.io.PrintStream(out, true, "UTF-8"),
            new java.io.PrintStream(err, true, "UTF-8"), (prompt, secret) -> secret ? "clerk-pass" : null, kg.evpower.console.Launcher::sandboxOtp, java.util.Map.of(),
            report.resolveSibling("audit.jsonl"));
        String text = out.toString("UTF-8") + err.toString("UTF-8");
        assertEquals(kg.evpower.console.cli.ReconcileCommand.UNEXPLAINED, exit, text);
        assertTrue(err.toString("UTF-8").contains("роль clerk может изменять таблицы (clients)"), text);
        assertFalse(err.toString("UTF-8").contains("verify-full"), "verify-full is not warned about: " + text);
        // no statement given: the provider-side classes are absent, the database-side ones match the API's
        long apiDbSide = fromApi.findings().stream().filter(f -> f.evidence().stream().noneMatch(Evidence::statementRow)
                && f.kind() != FindingClass.STUCK_PROCESSING).count();
        assertTrue(java.nio.file.Files.readAllLines(report).size() - 1 >= apiDbSide, text);
    }

    @Test
    void aWrongPasswordIsAClearFailureWithoutThePassword() {
        PostgresMoneySource.Failure f = assertThrows(PostgresMoneySource.Failure.class,
                () -> source("reconciler", "not-the-password").load(period.from(), period.to(), null, MoneySource.QUIET, () -> false));
        assertTrue(f.getMessage().contains("reconciler@localhost"), f.getMessage());
        assertTrue(f.getMessage().contains("password authentication failed"), f.getMessage());
        assertFalse(f.getMessage().contains("not-the-password"));
        assertEquals("28P01", f.sqlState());
    }

    @Test
    void aCancelledLoadStops() {
        AtomicInteger asked = new AtomicInteger();
        assertThrows(Reconciler.Cancelled.class, () -> source("reconciler", "read-only-pass").load(period.from(), period.to(), null,
                MoneySource.QUIET, () -> asked.incrementAndGet() > 1));
    }

    private static PostgresMoneySource tls(String host, String sslMode, String rootCert) {
        return new PostgresMoneySource(new PostgresMoneySource.Settings(host, pg.port(), "evpower", "reconciler", sslMode, rootCert),
                "read-only-pass".toCharArray());
    }

    /**
     * The default checks the server: a certificate no trusted authority signed (none of the system's trust store, as
     * here) and one for another name are refused in the operator's words, with no TLS library class in them; the
     * server's own CA file lets the same connection through. Before, {@code require} was the default and all three
     * connected (the first two to whoever answered).
     */
    @Test
    void theDefaultChecksTheServersCertificateAndName() {
        Messages ru = new Messages("ru");
        assertEquals("verify-full", new PostgresMoneySource.Settings("db.kg", 5432, "postgres", "r", null, null).sslMode());
        assertEquals("verify-full", PostgresForm.of(null).sslMode());

        PostgresMoneySource.Failure untrusted = assertThrows(PostgresMoneySource.Failure.class, () -> tls("localhost", null, null).access());
        String said = untrusted.explain(ru);
        assertTrue(said.startsWith("Сертификату PostgreSQL нельзя доверять"), said);
        assertFalse(said.contains("PKIX") || said.contains("sun.") || said.contains("Exception"), said);

        PostgresMoneySource.Failure otherName = assertThrows(PostgresMoneySource.Failure.class,
                () -> tls("127.0.0.1", null, pg.certificate().toString()).access());
        assertEquals("Сертификат PostgreSQL выдан не на 127.0.0.1: подключайтесь по имени, которое в нём указано.",
                otherName.explain(ru).lines().findFirst().orElseThrow());

        PostgresMoneySource.Failure noFile = assertThrows(PostgresMoneySource.Failure.class,
                () -> tls("localhost", null, "/nonexistent/ca.crt").access());
        assertEquals("Файл ЦС /nonexistent/ca.crt не читается.", noFile.explain(ru).lines().findFirst().orElseThrow());

        assertTrue(tls("localhost", null, pg.certificate().toString()).access().readOnly());
        assertNull(tls("localhost", null, pg.certificate().toString()).warning(ru), "verify-full and a read-only role: nothing to say");
        // a weaker mode still connects, but says what it lets through, in the run's warning
        PostgresMoneySource weak = tls("127.0.0.1", "require", null);
        assertEquals(ru.format("recon.pg.weak.require", "127.0.0.1"), weak.warning(ru));
    }

    @Test
    void theCommandLineWarnsBeforeConnectingWithAWeakerMode() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = kg.evpower.console.cli.ReconcileCommand.run(new String[] {"reconcile", "--source", "postgres", "--from",
            period.from().toString(), "--to", period.to().toString(), "--pg-host", "127.0.0.1", "--pg-port", String.valueOf(pg.port()),
            "--pg-database", "evpower", "--pg-user", "reconciler", "--pg-sslmode", "require", "--lang", "en"},
            new java.io.PrintStream(out, true, "UTF-8"), new java.io.PrintStream(err, true, "UTF-8"),
            (prompt, secret) -> secret ? "read-only-pass" : null, kg.evpower.console.Launcher::sandboxOtp, java.util.Map.of(),
            java.nio.file.Files.createTempDirectory("recon").resolve("audit.jsonl"));
        List<String> lines = err.toString("UTF-8").lines().toList();
        assertEquals(List.of("TLS require encrypts but checks neither the certificate nor the name: the login and the money data go to"
                + " whoever answers as 127.0.0.1. Choose verify-full."), lines, "said once, before the password is asked");
        assertEquals(kg.evpower.console.cli.ReconcileCommand.UNEXPLAINED, exit, out.toString("UTF-8") + lines);
        // and without a CA file against this self-signed server, the default refuses: exit 4, our words
        err.reset();
        exit = kg.evpower.console.cli.ReconcileCommand.run(new String[] {"reconcile", "--source", "postgres", "--from",
            period.from().toString(), "--to", period.to().toString(), "--pg-host", "localhost", "--pg-port", String.valueOf(pg.port()),
            "--pg-database", "evpower", "--pg-user", "reconciler", "--lang", "en"},
            new java.io.PrintStream(out, true, "UTF-8"), new java.io.PrintStream(err, true, "UTF-8"),
            (prompt, secret) -> secret ? "read-only-pass" : null, kg.evpower.console.Launcher::sandboxOtp, java.util.Map.of(),
            java.nio.file.Files.createTempDirectory("recon").resolve("audit.jsonl"));
        assertEquals(kg.evpower.console.cli.ReconcileCommand.FAILED, exit);
        assertTrue(err.toString("UTF-8").startsWith("PostgreSQL's certificate is not trusted"), err.toString("UTF-8"));
    }
}
