package kg.evpower.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
            Dto.Health h = c.health();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("healthy", h.status());
            assertTrue(ms >= 1500, "the client waited before retrying: " + ms + " ms");
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
