package kg.evpower.console.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kg.evpower.console.payments.FindingClass;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Launcher reconcile} against a sandbox over real HTTP: OTP login, the operator API, the provider statement
 * file, the report written as CSV and XLSX, and the exit code telling unexplained from explained from clean, with the
 * console's audit trail of resolutions taken into account.
 */
class ReconcileCommandIT {

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private static Result reconcile(List<String> args, Map<String, String> env, Path audit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("reconcile"));
        all.addAll(args);
        int exit = ReconcileCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), (prompt, secret) -> null, kg.evpower.console.Launcher::sandboxOtp, env, audit);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path statement(SandboxServer s, Instant from, Instant to) throws Exception {
        Path file = dir.resolve("statement.xlsx");
        HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.baseUrl()
                + "/_sandbox/odengi/statement?format=xlsx&from=" + from + "&to=" + to)).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
        assertEquals(200, r.statusCode());
        return file;
    }

    private static List<List<String>> sheet(Path xlsx, int index) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(xlsx); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            try (var stream = wb.getSheet(index).orElseThrow().openStream()) {
                stream.forEach((Row r) -> {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.getCellCount(); i++) {
                        cells.add(r.getCellText(i));
                    }
                    rows.add(cells);
                });
            }
        }
        return rows;
    }

    @Test
    void asProductionTheReportListsEveryFindingAndTheExitCodeSaysUnexplained() throws Exception {
        // three logins in a row: no minute between OTP sends
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOtpResend(Duration.ZERO))) {
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"production\",\"rates\":{\"balance_drift\":0.1}}");
            var replay = Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":4,\"topups\":120,\"sessions\":100,\"seed\":5}");
            Instant from = Instant.parse(replay.path("from").asText()).minus(Duration.ofMinutes(1));
            Instant to = Instant.now().plus(Duration.ofMinutes(1));
            Path file = statement(s, from, to);
            Path xlsx = dir.resolve("out/report.xlsx");
            Path audit = dir.resolve("audit.jsonl");
            List<String> common = List.of("--from", from.toString(), "--to", to.toString(), "--server", s.baseUrl(), "--phone", "+996700000001",
                    "--statement", file.toString());
            List<String> args = new ArrayList<>(common);
            args.addAll(List.of("--out", xlsx.toString()));
            Result r = reconcile(args, Map.of(), audit);
            assertEquals(ReconcileCommand.UNEXPLAINED, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("Необъяснено:"), r.out());
            assertTrue(r.out().contains("Необъяснённое расхождение баланса"), r.out());

            List<List<String>> findings = sheet(xlsx, 1);
            assertTrue(findings.size() > 5, "findings rows: " + findings.size());
            assertEquals("class", findings.get(0).get(0));
            List<List<String>> summary = sheet(xlsx, 0);
            int countedInSummary = 0;
            int header = summary.indexOf(summary.stream().filter(row -> row.get(0).equals("Класс")).findFirst().orElseThrow());
            for (List<String> row : summary.subList(header + 1, summary.size())) {
                countedInSummary += Integer.parseInt(row.get(1));
            }
            assertEquals(findings.size() - 1, countedInSummary, "the summary's counts add up to the findings sheet");
            assertFalse(Files.list(xlsx.getParent()).anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temp file left");

            // the same run as CSV: one line per finding after the header, BOM first
            Path csv = dir.resolve("report.csv");
            List<String> csvArgs = new ArrayList<>(common);
            csvArgs.addAll(List.of("--out", csv.toString()));
            assertEquals(ReconcileCommand.UNEXPLAINED, reconcile(csvArgs, Map.of(), audit).exit());
            String text = Files.readString(csv, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("\uFEFFclass,class_title,"), text.substring(0, 40));
            assertEquals(findings.size(), text.split("\r\n").length);

            // every drift marked resolved in the console's audit trail: what is left is explained
            kg.evpower.console.payments.ResolutionLog log = new kg.evpower.console.payments.ResolutionLog(audit);
            for (List<String> row : findings.subList(1, findings.size())) {
                if (row.get(0).equals(FindingClass.BALANCE_DRIFT.name())) {
                    log.append(new kg.evpower.console.payments.Finding(FindingClass.BALANCE_DRIFT, row.get(3), row.get(4),
                            new java.math.BigDecimal(row.get(5)), null, List.of()), kg.evpower.console.payments.ResolutionLog.Action.RESOLVED,
                            "+996700000001", "checked by hand", Instant.now());
                }
            }
            Result afterResolving = reconcile(common, Map.of(), audit);
            assertEquals(ReconcileCommand.EXPLAINED, afterResolving.exit(), afterResolving.out() + afterResolving.err());
        }
    }

    @Test
    void fixedTrafficIsClean() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"fixed\"}");
            var replay = Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":3,\"topups\":60,\"sessions\":50,\"seed\":5}");
            Instant from = Instant.parse(replay.path("from").asText()).minus(Duration.ofMinutes(1));
            Instant to = Instant.now().plus(Duration.ofMinutes(1));
            Result r = reconcile(List.of("--from", from.toString(), "--to", to.toString(), "--server", s.baseUrl(), "--phone", "+996700000001",
                    "--statement", statement(s, from, to).toString(), "--lang", "en"), Map.of(), dir.resolve("audit.jsonl"));
            assertEquals(ReconcileCommand.CLEAN, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("No discrepancies"), r.out());
        }
    }

    @Test
    void badArgumentsAndServersWithoutTheOperatorApiAreClearErrors() {
        Result noDates = reconcile(List.of("--server", "http://127.0.0.1:1"), Map.of(), dir.resolve("a"));
        assertEquals(ReconcileCommand.USAGE, noDates.exit());
        assertTrue(noDates.err().contains("--from and --to are required"), noDates.err());
        Result badDate = reconcile(List.of("--from", "yesterday", "--to", "2026-11-02"), Map.of(), dir.resolve("a"));
        assertEquals(ReconcileCommand.USAGE, badDate.exit());
        assertTrue(badDate.err().contains("not a date or time: yesterday"), badDate.err());
        Result badOut = reconcile(List.of("--from", "2026-11-01", "--to", "2026-11-02", "--out", "r.pdf"), Map.of(), dir.resolve("a"));
        assertEquals(ReconcileCommand.USAGE, badOut.exit());
        Result dead = reconcile(List.of("--from", "2026-11-01", "--to", "2026-11-02", "--server", "http://127.0.0.1:1", "--phone",
                "+996700000001"), Map.of(), dir.resolve("a"));
        assertEquals(ReconcileCommand.FAILED, dead.exit(), dead.out() + dead.err());
        assertTrue(dead.err().contains("cannot read the data"), dead.err());
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOperatorApi(false))) {
            Result r = reconcile(List.of("--from", "2026-11-01", "--to", "2026-11-02", "--server", s.baseUrl(), "--phone", "+996700000001"),
                    Map.of(), dir.resolve("a"));
            assertEquals(ReconcileCommand.FAILED, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("use --source postgres"), r.err());
        }
    }

    /**
     * The decompression bomb of the report (a 147 KB XLSX with a 150-million-character cell) given to the real command
     * in its own JVM with a small heap: before, an OutOfMemoryError's stack trace and exit 1 ("open findings" to a
     * script); now exit 4 and one line, before any server is asked.
     */
    @Test
    void aStatementBombEndsWithExitFourAndOneLineInASmallHeap() throws Exception {
        Path bomb = kg.evpower.testing.HandMadeXlsx.bomb(dir.resolve("bomb.xlsx"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), "kg.evpower.console.Launcher", "reconcile", "--from", "2026-11-01", "--to",
                "2026-11-30", "--statement", bomb.toString(), "--source", "postgres", "--pg-host", "127.0.0.1", "--pg-user", "reader",
                "--lang", "en").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(ReconcileCommand.FAILED, p.exitValue(), out + err);
        assertEquals(List.of("statement " + bomb + " refused, nothing imported: line 2: a cell longer than 32,767 characters"),
                err.lines().toList(), err);
        assertEquals("", out);
    }

    /**
     * Production sends one code per phone per minute. A script that logs in afresh fails on its second run within the
     * minute; the error now says when the next try can succeed. With {@code --session FILE} the second run needs no
     * code: the session is kept in a file only its owner can read, refreshed as the console refreshes it (the access
     * cookie lives 2 s here, so the second run refreshes and the file keeps the rotated refresh cookie).
     */
    @Test
    void aScriptReusesItsSessionWithinTheMinuteAndIsToldWhenANewCodeCanBeSent() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withTokenTtl(Duration.ofSeconds(2), Duration.ofDays(7)))) {
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"fixed\"}");
            var replay = Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":1,\"topups\":10,\"sessions\":5,\"seed\":5}");
            Instant from = Instant.parse(replay.path("from").asText()).minus(Duration.ofMinutes(1));
            Instant to = Instant.now().plus(Duration.ofMinutes(1));
            Path session = dir.resolve("evpower.session");
            List<String> args = new ArrayList<>(List.of("--from", from.toString(), "--to", to.toString(), "--server", s.baseUrl(),
                    "--phone", "+996700000001", "--lang", "en", "--session", session.toString()));
            Result first = reconcile(args, Map.of(), dir.resolve("audit.jsonl"));
            assertEquals(ReconcileCommand.CLEAN, first.exit(), first.out() + first.err());
            assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(session));
            String kept = Files.readString(session);
            assertTrue(kept.contains("evp_refresh"), kept);

            Thread.sleep(2500); // the access cookie has expired: the next run refreshes it
            Result second = reconcile(args, Map.of(), dir.resolve("audit.jsonl"));
            assertEquals(ReconcileCommand.CLEAN, second.exit(), "no new code was needed within the minute: " + second.err());
            assertFalse(Files.readString(session).equals(kept), "the rotated cookies are kept");

            // without the file, the second login of the minute is refused, and the error says when to try again
            List<String> noSession = args.subList(0, args.size() - 2);
            Result third = reconcile(noSession, Map.of(), dir.resolve("audit.jsonl"));
            assertEquals(ReconcileCommand.FAILED, third.exit(), third.err());
            assertTrue(third.err().matches("(?s)no new code for \\+996700000001 yet: the server sends one code per phone per minute\\. "
                    + "The next try can succeed in \\d{1,2} s \\(at \\d\\d:\\d\\d:\\d\\d\\); --session FILE keeps the session between runs\\.\\s*"),
                    third.err());

            // a session file others can read is refused, as ssh refuses such a key
            Files.setPosixFilePermissions(session, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Result open = reconcile(args, Map.of(), dir.resolve("audit.jsonl"));
            assertEquals(ReconcileCommand.USAGE, open.exit());
            assertTrue(open.err().contains("can be read by others (rw-r--r--)"), open.err());
        }
    }
}
