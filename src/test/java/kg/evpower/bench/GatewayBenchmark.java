package kg.evpower.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.gateway.GatewayConfig;
import kg.evpower.gateway.GatewayServer;
import kg.evpower.gateway.SessionWatcher;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.EmbeddedPostgres;
import kg.evpower.testing.ProductionCopy;
import kg.evpower.testing.Sandboxes;

/**
 * The operator gateway's session stream at the size: production's schema in a real PostgreSQL 16 with 10,000
 * stations, a history of sessions and 5,000 of them running; a writer plays production's OCPP server (a meter row per
 * sample, the session's energy updated, {@code RATE} samples a second); 50 consoles hold the stream open through the
 * gateway (one watcher round a second for all of them). Measured: lag from a sample's row (its {@code timestamp}, the
 * database's {@code now()} at insert) to its {@code meter_update} frame at each console, p50/p99/max; the watcher's
 * rounds (queries, rows, ms); the session listing's latency while it runs; the heap after a collection. The sandbox
 * only answers {@code /api/v1/profile} (who calls); gateway, consoles, writer and sandbox share this JVM and the two
 * cores with PostgreSQL.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.GatewayBenchmark [SECONDS] [RATE]
 * </pre>
 */
public final class GatewayBenchmark {

    static final int CONSOLES = 50;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        ObjectMapper json = new ObjectMapper();
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(); SandboxServer sandbox = Sandboxes.start(Sandboxes.quiet())) {
            try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE gw");
            }
            try (Connection c = pg.admin("gw"); Statement st = c.createStatement()) {
                ProductionCopy.createSchema(c);
                StatsBenchmark.generate(c, 300_000); // 10,000 stations, a history, the last 5,000 sessions running
                st.execute("CREATE ROLE gateway_reader LOGIN PASSWORD 'reader-pass'");
                st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO gateway_reader");
            }
            GatewayConfig config = GatewayConfig.parse(new String[] {"--port", "0", "--pg-url", pg.url("gw") + "?sslmode=require", "--pg-user",
                "gateway_reader", "--backend", "http://127.0.0.1:" + sandbox.port()}, Map.of(GatewayConfig.PASSWORD_ENV, "reader-pass"));
            try (GatewayServer gateway = GatewayServer.start(config); Connection writer = pg.admin("gw")) {
                EvPowerClient support = Sandboxes.loggedIn(sandbox, "+996700000001");
                String cookie = "evp_access=" + support.auth().sessionCookies().get("evp_access");
                HttpClient http = HttpClient.newHttpClient();
                // the consoles
                ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
                AtomicLong frames = new AtomicLong();
                AtomicLong measuring = new AtomicLong(0);
                CountDownLatch snapshots = new CountDownLatch(CONSOLES);
                List<WebSocket> sockets = new ArrayList<>();
                for (int i = 0; i < CONSOLES; i++) {
                    sockets.add(http.newWebSocketBuilder().header("Cookie", cookie).buildAsync(URI.create("ws://127.0.0.1:" + gateway.port()
                            + "/api/v1/admin/ws/sessions"), new WebSocket.Listener() {
                                private final StringBuilder text = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                    text.append(data);
                                    if (last) {
                                        long now = System.currentTimeMillis();
                                        try {
                                            JsonNode f = json.readTree(text.toString());
                                            String type = f.path("type").asText();
                                            if (type.equals("snapshot")) {
                                                snapshots.countDown();
                                            } else if (type.equals("meter_update") && measuring.get() == 1) {
                                                frames.incrementAndGet();
                                                lags.add(now - Instant.parse(f.path("meter").path("timestamp").asText()).toEpochMilli());
                                            }
                                        } catch (Exception e) {
                                            throw new IllegalStateException(e);
                                        }
                                        text.setLength(0);
                                    }
                                    ws.request(1);
                                    return null;
                                }
                            }).join());
                }
                if (!snapshots.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not every console had its snapshot");
                }
                // production's OCPP server, played: samples of the running sessions, each with the session's energy
                List<String[]> running = new ArrayList<>();
                try (Statement st = writer.createStatement(); ResultSet rs = st.executeQuery("SELECT s.id, t.id, t.station_id, t.connector_id"
                        + " FROM charging_sessions s JOIN ocpp_transactions t ON t.charging_session_id = s.id WHERE s.status = 'started'")) {
                    while (rs.next()) {
                        running.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                }
                System.out.printf("network: 10,000 stations, %,d sessions running; %d consoles connected, each with its snapshot%n", running.size(),
                        CONSOLES);
                writer.setAutoCommit(true);
                Random rnd = new Random(7);
                Map<String, Double> energy = new HashMap<>();
                List<SessionWatcher.Round> rounds = new ArrayList<>();
                List<Long> listings = new ArrayList<>();
                long written = 0;
                measuring.set(1);
                long end = System.currentTimeMillis() + seconds * 1000L;
                long nextRound = System.currentTimeMillis();
                int batch = Math.max(1, rate / 5);
                try (PreparedStatement meter = writer.prepareStatement("INSERT INTO ocpp_meter_values (transaction_id, ocpp_transaction_id, station_id,"
                        + " connector_id, timestamp, energy_active_import_register, power_active_import) VALUES (1, ?, ?, ?, now(), ?, 22000)");
                     PreparedStatement update = writer.prepareStatement("UPDATE charging_sessions SET energy = ? WHERE id = ?")) {
                    while (System.currentTimeMillis() < end) {
                        long t0 = System.currentTimeMillis();
                        for (int i = 0; i < batch; i++) {
                            String[] s = running.get(rnd.nextInt(running.size()));
                            double kwh = energy.merge(s[0], 0.05, Double::sum);
                            meter.setLong(1, Long.parseLong(s[1]));
                            meter.setString(2, s[2]);
                            meter.setInt(3, Integer.parseInt(s[3]));
                            meter.setDouble(4, kwh * 1000);
                            meter.addBatch();
                            update.setDouble(1, kwh);
                            update.setString(2, s[0]);
                            update.addBatch();
                        }
                        meter.executeBatch();
                        update.executeBatch();
                        written += batch;
                        if (t0 >= nextRound) {
                            SessionWatcher.Round r = gateway.watcher().lastRound();
                            if (r != null) {
                                rounds.add(r);
                            }
                            long l0 = System.nanoTime();
                            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                                    + "/api/v1/admin/sessions?status=started&limit=100")).header("Cookie", cookie).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (page.statusCode() != 200) {
                                throw new IllegalStateException(page.body());
                            }
                            listings.add((System.nanoTime() - l0) / 1_000_000);
                            nextRound = t0 + 2000; // one user for all 50 consoles here: its 120 a minute are shared
                        }
                        long sleep = 200 - (System.currentTimeMillis() - t0);
                        if (sleep > 0) {
                            Thread.sleep(sleep);
                        }
                    }
                }
                Thread.sleep(3000); // the last samples' frames
                measuring.set(0);
                List<Long> sorted = new ArrayList<>(lags);
                Collections.sort(sorted);
                long expected = written * CONSOLES;
                System.out.printf("samples written: %,d in %d s (%,d/s); frames received: %,d of %,d expected (%.2f %%)%n", written, seconds,
                        written / seconds, frames.get(), expected, 100.0 * frames.get() / expected);
                System.out.printf("lag, row to frame at the console: p50 %,d ms, p99 %,d ms, max %,d ms%n", pct(sorted, 0.50), pct(sorted, 0.99),
                        sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
                List<Long> ms = rounds.stream().map(SessionWatcher.Round::millis).sorted().toList();
                List<Integer> rows = rounds.stream().map(SessionWatcher.Round::rows).sorted().toList();
                System.out.printf("watcher rounds (sampled every 2 s; 1 a second for all %d consoles): median %,d ms, p99 %,d ms; %d queries; median %,d rows read%n", CONSOLES,
                        pct(ms, 0.5), pct(ms, 0.99), rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1).queries(), pct(rows, 0.5));
                Collections.sort(listings);
                System.out.printf("listing (100 running sessions) during the run: median %,d ms, p99 %,d ms%n", pct(listings, 0.5), pct(listings, 0.99));
                System.gc();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("heap after a collection (gateway, 50 consoles, writer and sandbox together): %,d MB%n",
                        (rt.totalMemory() - rt.freeMemory()) >> 20);
                sockets.forEach(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
            }
        }
        System.exit(0);
    }

    static <T extends Comparable<T>> T pct(List<T> sorted, double p) {
        return sorted.isEmpty() ? null : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
