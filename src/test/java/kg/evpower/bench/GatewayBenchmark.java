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
import kg.evpower.testing.EmbeddedRedis;
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
 * <p>With {@code restarts}: production's Redis too (the writer keeps the 10,000 stations' online keys as production's OCPP
 * server does, re-setting them every 5 s), the gateway on it; a third of the way through PostgreSQL is restarted (3 s
 * down), two thirds through Redis (1 s down, every key lost). Measured besides: how long the gateway's {@code /health}
 * said each was down, the listings that failed meanwhile, and, per console, every sample written (each batch one
 * transaction, so a batch the restart cut is not counted) received once — none missing, none twice, {@code seq} without
 * a gap.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.GatewayBenchmark [SECONDS] [RATE] [restarts]
 * </pre>
 */
public final class GatewayBenchmark {

    static final int CONSOLES = 50;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        boolean restarts = args.length > 2 && args[2].equals("restarts");
        ObjectMapper json = new ObjectMapper();
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(); SandboxServer sandbox = Sandboxes.start(Sandboxes.quiet());
             EmbeddedRedis redis = restarts ? EmbeddedRedis.start() : null) {
            try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE gw");
            }
            try (Connection c = pg.admin("gw"); Statement st = c.createStatement()) {
                ProductionCopy.createSchema(c);
                StatsBenchmark.generate(c, 300_000); // 10,000 stations, a history, the last 5,000 sessions running
                st.execute("CREATE ROLE gateway_reader LOGIN PASSWORD 'reader-pass'");
                st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO gateway_reader");
            }
            List<String> gatewayArgs = new ArrayList<>(List.of("--port", "0", "--pg-url", pg.url("gw") + "?sslmode=require", "--pg-user",
                "gateway_reader", "--backend", "http://127.0.0.1:" + sandbox.port(), "--data-dir",
                java.nio.file.Files.createTempDirectory("gw-bench").toString()));
            List<String> stations = new ArrayList<>();
            if (redis != null) {
                gatewayArgs.addAll(List.of("--redis", redis.uri().toString()));
                try (Connection c = pg.admin("gw"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM stations")) {
                    while (rs.next()) {
                        stations.add(rs.getString(1));
                    }
                }
            }
            GatewayConfig config = GatewayConfig.parse(gatewayArgs.toArray(String[]::new), Map.of(GatewayConfig.PASSWORD_ENV, "reader-pass"));
            Connection firstWriter = pg.admin("gw");
            try (GatewayServer gateway = GatewayServer.start(config)) {
                Connection writer = firstWriter;
                EvPowerClient support = Sandboxes.loggedIn(sandbox, "+996700000001");
                String cookie = "evp_access=" + support.auth().sessionCookies().get("evp_access");
                HttpClient http = HttpClient.newHttpClient();
                // the consoles
                ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<long[]> timedLags = new ConcurrentLinkedQueue<>(); // [row's time, lag]
                List<Map<String, Integer>> received = new ArrayList<>();
                List<long[]> seqs = new ArrayList<>(); // per console: last seq, gaps
                AtomicLong frames = new AtomicLong();
                AtomicLong measuring = new AtomicLong(0);
                CountDownLatch snapshots = new CountDownLatch(CONSOLES);
                List<WebSocket> sockets = new ArrayList<>();
                for (int i = 0; i < CONSOLES; i++) {
                    Map<String, Integer> mine = new java.util.concurrent.ConcurrentHashMap<>();
                    long[] seq = new long[2];
                    received.add(mine);
                    seqs.add(seq);
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
                                            long n = f.path("seq").asLong();
                                            if (seq[0] != 0 && n != seq[0] + 1) {
                                                seq[1]++;
                                            }
                                            seq[0] = n;
                                            if (type.equals("meter_update")) {
                                                mine.merge(f.path("session_id").asText() + "|" + Math.round(f.path("meter").path("energy_wh")
                                                        .asDouble()), 1, Integer::sum);
                                            }
                                            if (type.equals("snapshot")) {
                                                snapshots.countDown();
                                            } else if (type.equals("meter_update") && measuring.get() == 1) {
                                                frames.incrementAndGet();
                                                long ts = Instant.parse(f.path("meter").path("timestamp").asText()).toEpochMilli();
                                                lags.add(now - ts);
                                                timedLags.add(new long[] {ts, now - ts});
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
                Random rnd = new Random(7);
                Map<String, Double> energy = new HashMap<>();
                List<SessionWatcher.Round> rounds = new ArrayList<>();
                List<Long> listings = new ArrayList<>();
                java.util.Set<String> writtenKeys = new java.util.HashSet<>();
                long written = 0;
                int listingFailures = 0;
                // the gateway's own view of its database and Redis, every 250 ms: [since, until] of each "not ok"
                List<String> health = new java.util.concurrent.CopyOnWriteArrayList<>();
                java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean(true);
                Thread prober = new Thread(() -> {
                    while (probing.get()) {
                        long at = System.currentTimeMillis();
                        try {
                            JsonNode h = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/health"))
                                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
                            health.add(at + " " + h.path("database").asText().equals("ok") + " " + !h.has("redis")
                                    + " " + (h.path("redis").asText().equals("ok") || h.path("redis").asText().equals("not configured")));
                        } catch (Exception e) {
                            health.add(at + " false false false");
                        }
                        try {
                            Thread.sleep(250);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "bench-health");
                prober.setDaemon(true);
                prober.start();
                long[] restartAt = {0, 0};
                Thread restarter = new Thread(() -> {
                    try {
                        Thread.sleep(seconds * 1000L / 3);
                        restartAt[0] = System.currentTimeMillis();
                        System.out.println("restarting PostgreSQL (3 s down)");
                        pg.restart(Duration.ofSeconds(3));
                        Thread.sleep(seconds * 1000L / 3);
                        restartAt[1] = System.currentTimeMillis();
                        System.out.println("restarting Redis (1 s down, every key lost)");
                        redis.restart(Duration.ofSeconds(1));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "bench-restarts");
                if (restarts) {
                    restarter.start();
                }
                measuring.set(1);
                long end = System.currentTimeMillis() + seconds * 1000L;
                long nextRound = System.currentTimeMillis();
                long nextKeys = 0;
                int batch = Math.max(1, rate / 5);
                String insert = "INSERT INTO ocpp_meter_values (transaction_id, ocpp_transaction_id, station_id,"
                        + " connector_id, timestamp, energy_active_import_register, power_active_import) VALUES (1, ?, ?, ?, now(), ?, 22000)";
                String updateSql = "UPDATE charging_sessions SET energy = ? WHERE id = ?";
                writer.setAutoCommit(false);
                PreparedStatement meter = writer.prepareStatement(insert);
                PreparedStatement update = writer.prepareStatement(updateSql);
                while (System.currentTimeMillis() < end) {
                    long t0 = System.currentTimeMillis();
                    List<String> keys = new ArrayList<>();
                    try {
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
                            keys.add(s[0] + "|" + Math.round(kwh * 1000));
                        }
                        meter.executeBatch();
                        update.executeBatch();
                        writer.commit(); // the batch is written whole or not at all
                        written += batch;
                        writtenKeys.addAll(keys);
                    } catch (java.sql.SQLException e) {
                        // PostgreSQL went away: this batch was not written; the OCPP server, played, connects again
                        try {
                            writer.close();
                        } catch (java.sql.SQLException ignored) {
                            // already broken
                        }
                        while (true) {
                            try {
                                Thread.sleep(200);
                                writer = pg.admin("gw");
                                writer.setAutoCommit(false);
                                meter = writer.prepareStatement(insert);
                                update = writer.prepareStatement(updateSql);
                                break;
                            } catch (java.sql.SQLException again) {
                                if (System.currentTimeMillis() > end + 60_000) {
                                    throw again;
                                }
                            }
                        }
                    }
                    if (redis != null && t0 >= nextKeys) {
                        // production's OCPP server: each connected station's key, refreshed (and set again after a Redis restart)
                        try (redis.clients.jedis.Jedis j = redis.client(); redis.clients.jedis.Pipeline p = j.pipelined()) {
                            stations.forEach(id -> p.setex("ocpp:station:" + id, 600, "online"));
                            p.sync();
                        } catch (RuntimeException e) {
                            // Redis is down: the next heartbeat sets them again
                        }
                        nextKeys = t0 + 5000;
                    }
                    if (t0 >= nextRound) {
                        SessionWatcher.Round r = gateway.watcher().lastRound();
                        if (r != null) {
                            rounds.add(r);
                        }
                        long l0 = System.nanoTime();
                        try {
                            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                                    + (redis != null && (t0 / 2000) % 2 == 0 ? "/api/v1/admin/stations" : "/api/v1/admin/sessions?status=started&limit=100")))
                                    .timeout(Duration.ofSeconds(15)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
                            if (page.statusCode() != 200) {
                                listingFailures++;
                            } else {
                                listings.add((System.nanoTime() - l0) / 1_000_000);
                            }
                        } catch (java.io.IOException e) {
                            listingFailures++;
                        }
                        nextRound = t0 + 2000; // one user for all 50 consoles here: its 120 a minute are shared
                    }
                    long sleep = 200 - (System.currentTimeMillis() - t0);
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    }
                }
                if (restarts) {
                    restarter.join();
                }
                Thread.sleep(3000); // the last samples' frames
                measuring.set(0);
                List<Long> sorted = new ArrayList<>(lags);
                Collections.sort(sorted);
                long expected = written * CONSOLES;
                System.out.printf("samples written: %,d in %d s (%,d/s); frames received: %,d of %,d expected (%.2f %%)%n", written, seconds,
                        written / seconds, frames.get(), expected, 100.0 * frames.get() / expected);
                int missing = 0;
                int doubled = 0;
                long gaps = 0;
                for (int i = 0; i < CONSOLES; i++) {
                    for (String k : writtenKeys) {
                        Integer n = received.get(i).get(k);
                        if (n == null) {
                            missing++;
                        } else if (n > 1) {
                            doubled++;
                        }
                    }
                    gaps += seqs.get(i)[1];
                }
                System.out.printf("per console, each sample written: missing %,d, received twice %,d (of %,d × %d); seq gaps %,d%n", missing, doubled,
                        writtenKeys.size(), CONSOLES, gaps);
                probing.set(false);
                if (restarts) {
                    System.out.printf("PostgreSQL restart: /health said the database was down for %,d ms; Redis restart: %,d ms; listings failed"
                            + " meanwhile: %d%n", down(health, 1, restartAt[0], restartAt[1]), down(health, 3, restartAt[1], Long.MAX_VALUE),
                            listingFailures);
                }
                if (restarts) {
                    // the samples written while neither restart was under way (from 1 s before each to 15 s after it)
                    List<Long> calm = new ArrayList<>();
                    for (long[] l : timedLags) {
                        boolean near = false;
                        for (long r : restartAt) {
                            near |= l[0] >= r - 1000 && l[0] < r + 15_000;
                        }
                        if (!near) {
                            calm.add(l[1]);
                        }
                    }
                    Collections.sort(calm);
                    System.out.printf("lag away from the restarts: p50 %,d ms, p99 %,d ms (%,d frames)%n", pct(calm, 0.5), pct(calm, 0.99), calm.size());
                }
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
                writer.close();
            }
        }
        System.exit(0);
    }

    /** From the health probes ("at db redis-field redis"): the time from the first "not ok" of {@code field} in [from, to) to the next "ok". */
    static long down(List<String> probes, int field, long from, long to) {
        long first = -1;
        for (String p : probes) {
            String[] f = p.split(" ");
            long at = Long.parseLong(f[0]);
            if (at < from || at >= to) {
                continue;
            }
            boolean ok = Boolean.parseBoolean(f[field]);
            if (!ok && first < 0) {
                first = at;
            } else if (ok && first >= 0) {
                return at - first;
            }
        }
        return first < 0 ? 0 : -1;
    }

    static <T extends Comparable<T>> T pct(List<T> sorted, double p) {
        return sorted.isEmpty() ? null : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
