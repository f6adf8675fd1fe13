package kg.evpower.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/** 429 from the server (another program behind the same IP used the budget) → back-off → success. */
class RateLimitIT {

    @Test
    void rateLimitedCallBacksOffAndSucceeds() throws Exception {
        try (SandboxServer server = Sandboxes.start(Sandboxes.quiet().withRateLimit(10, Duration.ofSeconds(4)))) {
            HttpClient other = HttpClient.newHttpClient();
            int last = 0;
            for (int i = 0; i < 11; i++) {
                last = other.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            assertEquals(429, last, "the window is full");
            HttpResponse<String> body = other.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"success\":false,\"error\":\"too_many_requests\",\"message\":\"Rate limit exceeded\"}", body.body());
            assertTrue(body.headers().firstValue("Retry-After").isEmpty(), "no Retry-After, like production");

            EvPowerClient c = Sandboxes.client(server);
            long t0 = System.nanoTime();
            Dto.Health h = c.server().health();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("healthy", h.status());
            assertTrue(ms >= 1500, "the client waited before retrying: " + ms + " ms");
        }
    }

    @Test
    void moneyOperationsHaveTheirOwnTenPerMinute() throws Exception {
        try (SandboxServer server = Sandboxes.start(Sandboxes.quiet().withRateLimit(60, Duration.ofSeconds(60)))) {
            HttpClient other = HttpClient.newHttpClient();
            List<Integer> codes = new java.util.ArrayList<>();
            String last = null;
            for (int i = 0; i < 11; i++) {
                HttpResponse<String> r = other.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/charging/start"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                codes.add(r.statusCode());
                last = r.body();
            }
            assertTrue(codes.subList(0, 10).stream().noneMatch(c -> c == 429), codes.toString());
            assertEquals(429, codes.get(10), codes.toString());
            assertEquals("{\"success\":false,\"error\":\"too_many_requests\",\"message\":\"Rate limit exceeded (critical)\"}", last);
            // the default window still has room: other calls go on
            assertEquals(200, other.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    /**
     * Three consoles behind one address, each budgeting nearly the server's whole limit for itself: they meet 429s,
     * each lowers its own share, and every request gets through; the 429s stop once the shares fit the limit.
     */
    @Test
    void threeConsolesBehindOneAddressShareTheLimitAndEveryRequestGetsThrough() throws Exception {
        Duration window = Duration.ofSeconds(2);
        try (SandboxServer server = Sandboxes.start(Sandboxes.quiet().withRateLimit(12, window))) {
            List<EvPowerClient> consoles = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                consoles.add(new EvPowerClient(URI.create(server.baseUrl()), new RequestBudget(11, window, 0.6), Duration.ofSeconds(10)));
            }
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean lowered = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> desks = new java.util.ArrayList<>();
            for (EvPowerClient c : consoles) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < 15; i++) {
                        c.server().health(); // throws after eight 429s in a row: then the test fails
                        done.incrementAndGet();
                        if (c.budget().shared()) {
                            lowered.set(true);
                        }
                    }
                });
                desks.add(t);
                t.start();
            }
            for (Thread t : desks) {
                t.join(60_000);
            }
            assertEquals(45, done.get(), "every request got through");
            assertTrue(lowered.get(), "a console lowered its share after a 429");
            assertTrue(consoles.stream().allMatch(c -> c.budget().perWindow() <= 11));
        }
    }

    @Test
    void budgetQueuesInsteadOfDropping() throws Exception {
        RequestBudget b = new RequestBudget(3, Duration.ofMillis(600), 0.5);
        long t0 = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            b.acquire();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 550, "the 4th request waited for the window: " + ms);
        assertTrue(!b.tryAcquireBackground(), "background work yields when the window is busy");
    }
}
