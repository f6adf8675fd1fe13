package kg.evpower.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.api.SandboxApi;
import kg.evpower.console.domain.StationCommand;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;

/**
 * A station command's round trip on the sandbox, as the console makes it: {@code StationsApi.sendCommand} over real
 * HTTP → the operator API (session, CSRF, owner scope, audit row written) → the simulated charger, which answers after
 * 80–480 ms as a charger on a mobile link does → the audit row completed → the answer back. Each command is then
 * looked up in the station's trail ({@code GET …/commands}) to check the row holds the answer. Four harmless commands
 * in turn (TriggerMessage Heartbeat, GetConfiguration of one key, ClearCache, UnlockConnector on a free AC connector)
 * over 16 stations: {@code N} one after another, then {@code N} from 8 threads at once. Printed per phase: the round
 * trip's median and p99, the station's own answer time as the audit row records it, and what is left, the
 * console-and-server overhead (round trip minus the station's time).
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.StationCommandBenchmark [N]</pre>
 */
public final class StationCommandBenchmark {

    private StationCommandBenchmark() {
    }

    private record Sample(long roundTripMs, long stationMs, String status) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Path dir = Files.createTempDirectory("evpower-command-bench");
        SandboxConfig config = SandboxConfig.defaults().withDataDir(dir, true).withSimulation(false, 1.0)
                .withRateLimit(0, Duration.ofSeconds(60)).withOtpResend(Duration.ZERO);
        try (SandboxServer s = SandboxServer.start(config)) {
            EvPowerClient support = new EvPowerClient(java.net.URI.create(s.baseUrl()), new RequestBudget(1_000_000, Duration.ofSeconds(60), 1.0),
                    Duration.ofSeconds(30));
            support.auth().sendOtp("+996700000001");
            support.auth().verifyOtp("+996700000001", new SandboxApi(support).sandboxOtp("+996700000001").orElseThrow());
            List<String> stations = s.db().query("SELECT DISTINCT s.id FROM stations s JOIN connectors c ON c.station_id = s.id"
                    + " WHERE s.status = 'active' AND c.connector_type = 'Type2' AND c.connector_number = 1 AND c.status = 'available'"
                    + " ORDER BY s.id LIMIT 16", rs -> rs.getString(1));
            for (String st : stations) {
                control(s, "/_sandbox/stations/" + st + "/online", "{\"online\":true}");
                control(s, "/_sandbox/stations/" + st + "/answers", "{\"silent\":false}");
            }
            run(support, stations, 50, 1); // warm-up
            print("sequential", run(support, stations, n, 1));
            print("8 threads", run(support, stations, n, 8));
            print("sequential", run(support, stations, n, 1));
        }
        System.exit(0);
    }

    private static List<Sample> run(EvPowerClient api, List<String> stations, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Sample>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> one(api, stations.get(k % stations.size()), k)));
            }
            List<Sample> out = new ArrayList<>();
            for (Future<Sample> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private static Sample one(EvPowerClient api, String station, int k) {
        String reason = "benchmark " + k;
        long t0 = System.nanoTime();
        StationCommand c = switch (k % 4) {
            case 0 -> api.stations().sendCommand(station, "TriggerMessage", Map.of("requested_message", "Heartbeat"), reason);
            case 1 -> api.stations().sendCommand(station, "GetConfiguration", Map.of("keys", List.of("HeartbeatInterval")), reason);
            case 2 -> api.stations().sendCommand(station, "ClearCache", Map.of(), reason);
            default -> api.stations().sendCommand(station, "UnlockConnector", Map.of("connector_id", 1), reason);
        };
        long rt = (System.nanoTime() - t0) / 1_000_000;
        // the trail has the row, answered
        StationCommand kept = api.stations().commands(station, 50).stream().filter(x -> x.id() == c.id()).findFirst()
                .orElseThrow(() -> new IllegalStateException("command " + c.id() + " is not in " + station + "'s trail"));
        if (kept.status() == null || !kept.status().equals(c.status()) || !reason.equals(kept.reason())) {
            throw new IllegalStateException("the trail holds " + kept + " for " + c);
        }
        return new Sample(rt, c.durationMs() == null ? 0 : c.durationMs(), c.status());
    }

    private static void print(String phase, List<Sample> samples) {
        List<Long> rt = new ArrayList<>(samples.stream().map(Sample::roundTripMs).toList());
        List<Long> station = new ArrayList<>(samples.stream().map(Sample::stationMs).toList());
        List<Long> overhead = new ArrayList<>(samples.stream().map(x -> x.roundTripMs() - x.stationMs()).toList());
        long timeouts = samples.stream().filter(x -> !"Accepted".equals(x.status()) && !"Unlocked".equals(x.status())).count();
        System.out.printf("%-10s n=%d  round trip median %d ms p99 %d ms | station median %d p99 %d | overhead median %d p99 %d | not accepted %d%n",
                phase, samples.size(), pct(rt, 50), pct(rt, 99), pct(station, 50), pct(station, 99), pct(overhead, 50), pct(overhead, 99), timeouts);
    }

    private static long pct(List<Long> xs, int p) {
        Collections.sort(xs);
        return xs.get(Math.min(xs.size() - 1, (int) Math.ceil(p / 100.0 * xs.size()) - 1));
    }

    private static void control(SandboxServer s, String path, String json) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(s.baseUrl() + path)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
    }
}
