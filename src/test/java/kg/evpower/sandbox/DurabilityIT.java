package kg.evpower.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kg.evpower.console.api.ApiTransport;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.api.SandboxApi;
import kg.evpower.sandbox.server.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write the server acknowledged survives a crash. The sandbox runs in its own JVM; eight clients create topups
 * over real HTTP as fast as it answers; after a few seconds the process is killed with SIGKILL, mid-traffic; the
 * database is opened again and every invoice that had been answered 200 must be in it. Before the fix H2 kept up to
 * 500 ms of commits in memory (its write delay) and the probe lost 4 of 439. Also: the database files are the
 * owner's alone.
 */
class DurabilityIT {

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the sandbox in a child JVM and waits for its "listening on" line. */
    static Process sandbox(Path data, int port) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "kg.evpower.sandbox.SandboxServer", "--port", String.valueOf(port), "--data-dir",
                data.toString(), "--reset", "--no-sim", "--rate-limit", "0").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("listening on ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (java.io.IOException ignored) {
                        // the process is gone
                    }
                }, "sandbox-output");
                drain.setDaemon(true);
                drain.start();
                return p;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the sandbox did not start");
    }

    @Test
    void everyAcknowledgedTopupSurvivesSigkillUnderLoad() throws Exception {
        Path data = dir.resolve("data");
        int port = freePort();
        Process server = sandbox(data, port);
        URI base = URI.create("http://127.0.0.1:" + port);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        int clients = 8;
        CountDownLatch loggedIn = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                String phone = "+99655591000" + i;
                Thread t = new Thread(() -> {
                    EvPowerClient c = new EvPowerClient(base, new RequestBudget(1_000_000, Duration.ofSeconds(60), 1.0), Duration.ofSeconds(10));
                    try {
                        c.auth().sendOtp(phone);
                        c.auth().verifyOtp(phone, new SandboxApi(c).sandboxOtp(phone).orElseThrow());
                    } finally {
                        loggedIn.countDown();
                    }
                    while (!stop.get()) {
                        try {
                            JsonNode r = c.call("POST", "/api/v1/balance/topup-qr", Map.of("amount", 100), JsonNode.class, ApiTransport.Auth.SESSION);
                            if (r.path("success").asBoolean()) {
                                acknowledged.add(r.path("invoice_id").asText());
                            }
                        } catch (RuntimeException e) {
                            return; // the server is gone
                        }
                    }
                }, "topups-" + i);
                t.start();
                threads.add(t);
            }
            assertTrue(loggedIn.await(60, TimeUnit.SECONDS));
            Thread.sleep(4000);
        } finally {
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
            server.waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertTrue(acknowledged.size() > 100, "the load was real: " + acknowledged.size() + " topups acknowledged");

        try (Database db = Database.open(data, false)) {
            Set<String> present = ConcurrentHashMap.newKeySet();
            present.addAll(db.query("SELECT invoice_id FROM balance_topups", rs -> rs.getString(1)));
            List<String> lost = acknowledged.stream().filter(id -> !present.contains(id)).sorted().toList();
            System.out.printf("durability: %d topups acknowledged before SIGKILL, %d present after, %d lost%n", acknowledged.size(),
                    acknowledged.size() - lost.size(), lost.size());
            assertEquals(List.of(), lost, "acknowledged then lost, of " + acknowledged.size());
        }
        // the files hold phones and login codes: the owner's alone
        try (var files = Files.list(data)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("evpower.")).toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }
}
