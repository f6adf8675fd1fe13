package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation against the sandbox over real HTTP: past traffic is replayed through the sandbox's money paths,
 * the console reads it through the operator API and the provider's statement download, and its findings are scored
 * against the sandbox's truth table. "As production" every injected defect is found with its class and amount;
 * "fixed", the same traffic gives no finding at all.
 */
class ReconciliationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Replays traffic in the given mode and reconciles it; returns the report and the truth. */
    record Run(Report report, JsonNode truth, JsonNode replay) {
    }

    /** A replayed period: its bounds, the provider's statement downloaded for it, and what the replay reported. */
    record Period(Instant from, Instant to, List<StatementLine> statement, JsonNode replay) {
    }

    /** Replays ten hours of traffic in the given mode (double refunds and drift made frequent) and downloads the statement. */
    static Period replay(SandboxServer s, String mode) throws Exception {
        Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"" + mode + "\",\"rates\":{\"double_refund\":0.5,\"balance_drift\":0.05,\"stuck_processing\":0.25}}");
        JsonNode replay = Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":10,\"topups\":300,\"sessions\":260,\"seed\":11,\"hourly_cleanup\":false}");
        assertTrue(replay.path("sessions").asInt() > 150, replay.toString());
        Instant from = Instant.parse(replay.path("from").asText()).minus(Duration.ofMinutes(1));
        Instant to = Instant.now().plus(Duration.ofMinutes(1));
        HttpResponse<Path> file = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/_sandbox/odengi/statement?format=csv&from="
                + from + "&to=" + to)).GET().build(), HttpResponse.BodyHandlers.ofFile(Files.createTempFile("statement", ".csv")));
        List<StatementLine> statement = StatementImport.read(file.body(), StatementImport.Mapping.ODENGI);
        assertTrue(statement.size() > 150, "statement lines: " + statement.size());
        return new Period(from, to, statement, replay);
    }

    static Run run(String mode) throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            Period p = replay(s, mode);
            EvPowerClient api = Sandboxes.loggedIn(s, "+996700000001");
            MoneyData data = new ApiMoneySource(api).load(p.from(), p.to(), p.statement(), MoneySource.QUIET, () -> false);
            Report report = new Reconciler().run(data);
            // the engine is deterministic: a second run over the same data gives the same findings
            assertEquals(report.findings(), new Reconciler().run(data).findings());
            return new Run(report, Sandboxes.read(s, "/_sandbox/money/truth"), p.replay());
        }
    }

    static final Map<String, FindingClass> CLASS_OF = Map.of("paid_old_qr", FindingClass.PAID_NOT_CREDITED_OLD_QR,
            "paid_late", FindingClass.PAID_NOT_CREDITED_LATE, "double_credit", FindingClass.DOUBLE_CREDIT,
            "stuck_processing", FindingClass.STUCK_PROCESSING, "double_refund", FindingClass.DOUBLE_REFUND,
            "double_charge", FindingClass.DOUBLE_CHARGE, "refund_unlogged", FindingClass.REFUND_UNLOGGED,
            "extra_charge_as_topup", FindingClass.EXTRA_CHARGE_AS_TOPUP, "balance_drift", FindingClass.BALANCE_DRIFT);

    /** "class subject" → som, summed (a client's drifts add up to one finding). */
    static Map<String, BigDecimal> expected(JsonNode truth) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (JsonNode d : truth.path("defects")) {
            FindingClass k = CLASS_OF.get(d.path("defect").asText());
            String subject = k == FindingClass.BALANCE_DRIFT ? "client:" + d.path("client_id").asText()
                    : !d.path("invoice_id").isNull() ? "invoice:" + d.path("invoice_id").asText() : "session:" + d.path("session_id").asText();
            out.merge(k.name() + " " + subject, d.path("amount").decimalValue(), BigDecimal::add);
        }
        out.replaceAll((key, v) -> v.setScale(2));
        return out;
    }

    static Map<String, BigDecimal> found(Report r) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Finding f : r.findings()) {
            out.merge(f.kind().name() + " " + f.subject(), f.amount(), BigDecimal::add);
        }
        out.replaceAll((key, v) -> v.setScale(2, java.math.RoundingMode.HALF_UP));
        return out;
    }

    @Test
    void asProductionEveryInjectedDefectIsFoundWithItsClassAndAmount() throws Exception {
        Run run = run("production");
        Map<String, BigDecimal> expected = expected(run.truth());
        Map<String, BigDecimal> found = found(run.report());
        List<String> classes = new ArrayList<>();
        for (FindingClass k : List.of(FindingClass.PAID_NOT_CREDITED_OLD_QR, FindingClass.PAID_NOT_CREDITED_LATE, FindingClass.DOUBLE_CREDIT,
                FindingClass.STUCK_PROCESSING, FindingClass.DOUBLE_REFUND, FindingClass.REFUND_UNLOGGED, FindingClass.EXTRA_CHARGE_AS_TOPUP,
                FindingClass.BALANCE_DRIFT)) {
            if (expected.keySet().stream().noneMatch(key -> key.startsWith(k.name() + " "))) {
                classes.add(k.name());
            }
        }
        assertEquals(List.of(), classes, "the replay produced no defect of these classes, so the test would prove nothing for them");
        assertEquals(expected, found);
        assertTrue(run.report().unexplained().signum() > 0);
    }

    @Test
    void fixedTheSameTrafficGivesNoFinding() throws Exception {
        Run run = run("fixed");
        assertEquals(0, run.truth().path("defects").size(), run.truth().toString());
        assertEquals(List.of(), run.report().findings());
    }
}
