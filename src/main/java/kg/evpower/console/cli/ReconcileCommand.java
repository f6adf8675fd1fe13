package kg.evpower.console.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.domain.Money;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.payments.ApiMoneySource;
import kg.evpower.console.payments.Finding;
import kg.evpower.console.payments.MoneySource;
import kg.evpower.console.payments.Period;
import kg.evpower.console.payments.PostgresMoneySource;
import kg.evpower.console.payments.ReconciliationRun;
import kg.evpower.console.payments.Reconciler;
import kg.evpower.console.payments.Report;
import kg.evpower.console.payments.ReportExport;
import kg.evpower.console.payments.ResolutionLog;
import kg.evpower.console.payments.StatementImport;

/**
 * {@code reconcile}: the payment reconciliation without a window, for accountants' scripts. Reads the period from the
 * operator API (OTP login; a sandbox's code is read from the sandbox) or a read-only PostgreSQL (password from
 * {@code EVPOWER_PG_PASSWORD} or asked on the terminal), optionally with the provider's statement, prints the summary
 * and writes the report. Resolutions from the console's audit trail are included and resolved findings do not count
 * for the exit code: 0 nothing open, 1 open findings that are all explained, 2 open unexplained som, 3 bad arguments,
 * 4 the data or the statement could not be read (and any failure the command did not foresee: see {@link Unforeseen}).
 */
public final class ReconcileCommand {

    public static final int CLEAN = 0;
    public static final int EXPLAINED = 1;
    public static final int UNEXPLAINED = 2;
    public static final int USAGE = 3;
    public static final int FAILED = 4;

    static final String USAGE_TEXT = String.join("\n",
            "usage: reconcile --from DATE --to DATE [--source api|postgres] [--statement FILE [--statement-units tyiyn|som]]",
            "                 [--out report.csv|report.xlsx] [--lang ru|en|ky] [--audit FILE]",
            "  api:      --server URL --phone +996XXXXXXXXX [--session FILE]   (superadmin; the WhatsApp code is read from the",
            "            terminal; --session keeps the session in FILE, readable by you alone, so later runs need no new code)",
            "  postgres: --pg-host HOST [--pg-port 5432] [--pg-database postgres] --pg-user ROLE",
            "            [--pg-sslmode verify-full|verify-ca|require|disable] [--pg-rootcert CA-FILE]; verify-full by default,",
            "            against CA-FILE or the system's trust store; the password from EVPOWER_PG_PASSWORD or the terminal",
            "  DATE: 2026-11-01 (a whole day in Bishkek; --to includes it), 2026-11-01T08:00 (Bishkek) or 2026-11-01T02:00Z",
            "  exit: 0 nothing open, 1 open explained findings, 2 open unexplained som, 3 bad arguments,",
            "        4 the data or the statement not read (or a failure not foreseen), always said in one line");

    private ReconcileCommand() {
    }

    /** Where the answers to prompts come from (the terminal, or a test's input). */
    public interface Terminal {
        String ask(String prompt, boolean secret);
    }

    public static Terminal terminal(InputStream in, PrintStream err) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return (prompt, secret) -> {
            if (secret && System.console() != null) {
                char[] p = System.console().readPassword("%s", prompt);
                return p == null ? null : new String(p);
            }
            err.print(prompt);
            err.flush();
            try {
                return r.readLine();
            } catch (IOException e) {
                return null;
            }
        };
    }

    /** Reads the OTP code a sandbox generated (its own helper route); the launcher gives it, so the CLI knows no sandbox. */
    @FunctionalInterface
    public interface SandboxCodes {
        java.util.Optional<String> code(EvPowerClient api, String phone);
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Terminal terminal, SandboxCodes sandboxCodes, Map<String, String> env,
                          Path defaultAudit) {
        Map<String, String> a = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("unexpected argument: " + args[i]);
                err.println(USAGE_TEXT);
                return USAGE;
            }
            a.put(args[i].substring(2), args[++i]);
        }
        Period period;
        Messages m = new Messages(a.getOrDefault("lang", "ru"));
        MoneySource source;
        List<StatementLine> statement = null;
        String tlsWarning = null;
        SessionFile session = null;
        EvPowerClient sessionApi = null;
        try {
            if (!a.containsKey("from") || !a.containsKey("to")) {
                throw new IllegalArgumentException("--from and --to are required");
            }
            period = Period.parse(a.get("from"), a.get("to"));
            if (a.containsKey("out")) {
                ReportExport.format(Path.of(a.get("out")));
            }
            if (a.containsKey("statement")) {
                StatementImport.Unit unit = switch (a.getOrDefault("statement-units", "tyiyn")) {
                    case "tyiyn" -> StatementImport.Unit.TYIYN;
                    case "som" -> StatementImport.Unit.SOM;
                    default -> throw new IllegalArgumentException("--statement-units is tyiyn or som, not " + a.get("statement-units"));
                };
                try {
                    statement = StatementImport.read(Path.of(a.get("statement")), StatementImport.Mapping.ODENGI.withUnit(unit));
                } catch (StatementImport.Rejected r) {
                    List<StatementImport.Problem> problems = r.problems();
                    String head = "statement " + a.get("statement") + " refused, nothing imported:";
                    if (problems.size() == 1) {
                        err.println(head + " " + problems.get(0).describe(m));
                    } else {
                        err.println(head);
                        problems.stream().limit(20).forEach(p -> err.println("  " + p.describe(m)));
                    }
                    return FAILED;
                }
            }
            String kind = a.getOrDefault("source", "api");
            if (kind.equals("api")) {
                if (!a.containsKey("server") || !a.containsKey("phone")) {
                    throw new IllegalArgumentException("the api source needs --server and --phone");
                }
                EvPowerClient api = new EvPowerClient(URI.create(a.get("server")), RequestBudget.production(), Duration.ofSeconds(30));
                ServerCapabilities caps = api.server().capabilities();
                if (!caps.adminMoney()) {
                    err.println(a.get("server") + " has no operator payments API (" + ServerCapabilities.ADMIN_LEDGER
                            + "): use --source postgres");
                    return FAILED;
                }
                String phone = a.get("phone");
                session = a.containsKey("session") ? new SessionFile(Path.of(a.get("session"))) : null;
                int login = logIn(api, caps, phone, session, terminal, sandboxCodes, err);
                if (login >= 0) {
                    return login;
                }
                sessionApi = api;
                source = new ApiMoneySource(api);
            } else if (kind.equals("postgres")) {
                if (!a.containsKey("pg-host") || !a.containsKey("pg-user")) {
                    throw new IllegalArgumentException("the postgres source needs --pg-host and --pg-user");
                }
                PostgresMoneySource.Settings s = new PostgresMoneySource.Settings(a.get("pg-host"), port(a.getOrDefault("pg-port", "5432")),
                        a.getOrDefault("pg-database", "postgres"), a.get("pg-user"), a.get("pg-sslmode"), a.get("pg-rootcert"));
                if (!PostgresMoneySource.SSL_MODES.contains(s.sslMode())) {
                    throw new IllegalArgumentException("--pg-sslmode is one of " + String.join(", ", PostgresMoneySource.SSL_MODES));
                }
                tlsWarning = s.tlsWarning(m);
                if (tlsWarning != null) {
                    err.println(tlsWarning);
                }
                String password = env.get("EVPOWER_PG_PASSWORD");
                if (password == null) {
                    password = terminal.ask("PostgreSQL password for " + s + ": ", true);
                }
                source = new PostgresMoneySource(s, password == null ? null : password.toCharArray());
            } else {
                throw new IllegalArgumentException("--source is api or postgres, not " + kind);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (ApiException | PostgresMoneySource.Failure e) {
            return unreadable(e, m, err);
        }
        long started = System.nanoTime();
        ReconciliationRun run;
        try {
            run = ReconciliationRun.of(source, period, statement, MoneySource.QUIET, () -> false, m);
        } catch (ApiException | PostgresMoneySource.Failure e) {
            return unreadable(e, m, err);
        } finally {
            // the refresh cookie rotates whenever the session is refreshed: the file keeps the newest
            keep(session, sessionApi, a.get("phone"), err);
        }
        if (run.warning() != null) {
            String said = tlsWarning;
            run.warning().lines().filter(l -> !l.equals(said)).forEach(err::println);
        }
        Report report = run.report();
        ResolutionLog log = new ResolutionLog(a.containsKey("audit") ? Path.of(a.get("audit")) : defaultAudit);
        ResolutionLog.Loaded resolutions;
        try {
            resolutions = log.load();
            resolutions.damagedLines().forEach(l -> err.println(m.format("recon.audit.damaged", l)));
        } catch (IOException e) {
            err.println("resolution log " + log.file() + " unreadable (" + e.getMessage() + "): every finding counts as open");
            resolutions = ResolutionLog.Loaded.empty();
        }
        summary(report, resolutions, run.sourceName(), m, out, Duration.ofNanos(System.nanoTime() - started));
        if (a.containsKey("out")) {
            Path file = Path.of(a.get("out"));
            try {
                ReportExport.write(report, resolutions, run.sourceName(), m, file);
                out.println(m.format("recon.export.done", file.toAbsolutePath()));
            } catch (IOException e) {
                err.println(m.format("recon.export.failed", e.getMessage()));
                return FAILED;
            }
        }
        final ResolutionLog.Loaded r = resolutions;
        List<Finding> open = report.findings().stream().filter(f -> !r.resolved(f)).toList();
        BigDecimal unexplained = open.stream().filter(f -> f.kind().unexplained()).map(Finding::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return unexplained.signum() > 0 ? UNEXPLAINED : open.isEmpty() ? CLEAN : EXPLAINED;
    }

    /**
     * Signs in: with the session kept in {@code session} when it still works, else by OTP (a sandbox's code is read from
     * the sandbox). Production sends one code per phone per minute: when a code was sent too recently, says when the
     * next try can succeed. Returns -1 when signed in, else the exit code.
     */
    private static int logIn(EvPowerClient api, ServerCapabilities caps, String phone, SessionFile session, Terminal terminal,
                             SandboxCodes sandboxCodes, PrintStream err) {
        String server = api.baseUri().toString();
        if (session != null) {
            try {
                java.util.Optional<Map<String, String>> kept = session.read(server, phone);
                if (kept.isPresent()) {
                    api.auth().resumeSession(kept.get());
                    try {
                        api.auth().profile();
                        return -1;
                    } catch (ApiException e) {
                        if (e.kind() != ApiException.Kind.UNAUTHORIZED) {
                            throw e;
                        }
                        err.println("the session in " + session.file() + " has ended: signing in again");
                        api.auth().logout();
                    }
                }
            } catch (SessionFile.Unusable e) {
                err.println(e.getMessage());
                return USAGE;
            }
        }
        try {
            api.auth().sendOtp(phone);
        } catch (ApiException e) {
            if (e.httpStatus() == 429 && "rate_limit".equals(e.code())) {
                long wait = waitSeconds(api, phone, e.serverMessage());
                err.println("no new code for " + phone + " yet: the server sends one code per phone per minute. The next try can succeed in "
                        + wait + " s (at " + java.time.LocalTime.now().plusSeconds(wait).withNano(0) + ")"
                        + (session == null ? "; --session FILE keeps the session between runs." : "."));
                return FAILED;
            }
            throw e;
        }
        String code = caps.sandbox() ? sandboxCodes.code(api, phone).orElse(null) : null;
        if (code == null) {
            code = terminal.ask("WhatsApp code for " + phone + ": ", false);
        }
        if (code == null) {
            err.println("no code given");
            return USAGE;
        }
        api.auth().verifyOtp(phone, code.trim());
        keep(session, api, phone, err);
        return -1;
    }

    /** Seconds until the server sends another code: from {@code /otp/status}, else the number in its message, else 60. */
    private static long waitSeconds(EvPowerClient api, String phone, String message) {
        Integer status;
        try {
            status = api.auth().otpStatus(phone).waitSeconds();
        } catch (ApiException e) {
            status = null;
        }
        if (status != null) {
            return Math.max(1, status);
        }
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("(\\d+)").matcher(message == null ? "" : message);
        return n.find() ? Long.parseLong(n.group(1)) : 60;
    }

    private static void keep(SessionFile session, EvPowerClient api, String phone, PrintStream err) {
        if (session == null || api == null || !api.auth().hasSession()) {
            return;
        }
        try {
            session.write(api.baseUri().toString(), phone, api.auth().sessionCookies());
        } catch (IOException e) {
            err.println("the session could not be kept in " + session.file() + " (" + e.getClass().getSimpleName() + "): the next run signs in again");
        }
    }

    private static int port(String s) {
        if (!s.matches("\\d{1,5}") || Integer.parseInt(s) > 65535) {
            throw new IllegalArgumentException("--pg-port is a port number, not " + s);
        }
        return Integer.parseInt(s);
    }

    private static void summary(Report r, ResolutionLog.Loaded log, String source, Messages m, PrintStream out, Duration took) {
        out.println(m.get("recon.title") + ": " + ReportExport.TIME.format(r.from()) + " — " + ReportExport.TIME.format(r.to())
                + " (" + source + ")");
        if (!r.withStatement()) {
            out.println(m.get("recon.headline.noStatement"));
        }
        for (Report.ClassTotal t : r.byClass()) {
            out.printf("  %-52s %6d %14s%n", m.format("recon.class." + t.kind().name()), t.count(), t.sum().toPlainString());
        }
        long resolved = r.findings().stream().filter(log::resolved).count();
        out.println(r.findings().isEmpty() ? m.get("recon.headline.clean")
                : m.format("recon.headline.total", r.findings().size(), Money.toTyiyn(r.total()).toPlainString(), resolved));
        out.println(m.format("recon.headline.unexplained", Money.toTyiyn(r.unexplained()).toPlainString()));
        out.printf("(%d ms)%n", took.toMillis());
    }

    /** The data could not be read: why, in the operator's language for PostgreSQL; exit {@link #FAILED}. */
    private static int unreadable(RuntimeException e, Messages m, java.io.PrintStream err) {
        err.println(e instanceof PostgresMoneySource.Failure f ? f.explain(m) : "cannot read the data: " + e.getMessage());
        return FAILED;
    }
}
