package kg.evpower.sandbox.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.sandbox.server.store.Seeder;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * The server-side probes of the hardening report, each over real HTTP or a real WebSocket against a sandbox with its
 * default (not production-imitating) policy, and each failing on the server before the fix: cross-site WebSocket
 * hijacking of the sessions stream, CSRF with an empty or attacker-chosen pair, DNS rebinding of the sandbox helpers,
 * the X-Forwarded-For bypass of the rate limit and its unbounded memory, and a 429 that does not say when to retry.
 */
class HardeningIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The sandbox as it ships: hardened, not the tests' production imitation. */
    private static SandboxConfig shipped() {
        SandboxConfig c = Sandboxes.quiet();
        return c.withNet(NetPolicy.DEFAULT);
    }

    /** A raw HTTP/1.1 request, so the Host header can say what a rebinding page's browser would say. */
    static String raw(SandboxServer s, String method, String path, String host, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void aRebindingPageCannotReadLoginCodesFromLoopback() throws Exception {
        try (SandboxServer s = Sandboxes.start(shipped().withNet(NetPolicy.DEFAULT.withAllowedHost("Console.Example")))) {
            HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/auth/otp/send")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"+996700000001\"}")).build(), HttpResponse.BodyHandlers.ofString());
            String otp = "/_sandbox/otp?phone=%2B996700000001";
            String rebound = raw(s, "GET", otp, "attacker.example:" + s.port());
            assertEquals(400, status(rebound), rebound);
            assertTrue(rebound.contains("Invalid host header"), rebound);
            assertFalse(rebound.contains("\"code\""), "no code in the answer");
            assertEquals(400, status(raw(s, "GET", "/_sandbox/accounts", "127.0.0.1.attacker.example")));
            assertEquals(400, status(raw(s, "GET", "/api/v1/profile", "localhost.attacker.example:" + s.port())), "the API too");
            for (String ours : List.of("127.0.0.1:" + s.port(), "localhost:" + s.port(), "LOCALHOST", "[::1]:" + s.port(), "127.0.0.2",
                    "console.example:443")) {
                assertEquals(200, status(raw(s, "GET", otp, ours)), ours);
            }
            // a WebSocket upgrade is checked the same way
            String upgrade = raw(s, "GET", "/api/v1/ws/locations", "attacker.example", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
            assertEquals(400, status(upgrade), upgrade);
        }
    }

    /** A WebSocket that records whether it opened and the first frame. */
    private static final class Opened implements WebSocket.Listener {
        final CompletableFuture<String> first = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            first.complete(data.toString());
            return null;
        }
    }

    private static CompletableFuture<WebSocket> sessionsStream(SandboxServer s, EvPowerClient as, String origin, Opened listener) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().header("Cookie", "evp_access=" + as.cookies().get("evp_access").orElseThrow());
        if (origin != null) {
            b.header("Origin", origin);
        }
        return b.buildAsync(URI.create(s.baseUrl().replace("http", "ws") + "/api/v1/admin/ws/sessions"), listener);
    }

    @Test
    void theSessionsStreamRefusesAForeignOriginCarryingTheOperatorsCookies() throws Exception {
        try (SandboxServer s = Sandboxes.start(shipped())) {
            EvPowerClient admin = Sandboxes.loggedIn(s, Seeder.SUPERADMIN_PHONE);
            for (String foreign : List.of("https://evil.example", "https://localhost.evil.example", "http://localhost:3000.evil.example",
                    "null")) {
                CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                        () -> sessionsStream(s, admin, foreign, new Opened()).join(), foreign);
                assertEquals(403, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode(), foreign);
            }
            for (String ours : new String[] {null, "https://app.evpower.kg"}) {
                Opened listener = new Opened();
                WebSocket ws = sessionsStream(s, admin, ours, listener).join();
                assertTrue(listener.first.get(5, java.util.concurrent.TimeUnit.SECONDS).contains("\"snapshot\""), String.valueOf(ours));
                ws.abort();
            }
        }
    }

    private static HttpResponse<String> mutate(SandboxServer s, EvPowerClient as, String cookieToken, String headerToken) throws Exception {
        StringBuilder cookie = new StringBuilder("evp_access=" + as.cookies().get("evp_access").orElseThrow());
        if (cookieToken != null) {
            cookie.append("; XSRF-TOKEN=").append(cookieToken);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/notifications/test")).header("Cookie", cookie.toString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (headerToken != null) {
            b.header("X-CSRF-Token", headerToken);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tokenFor(SandboxServer s, EvPowerClient as) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/auth/csrf"))
                .header("Cookie", "evp_access=" + as.cookies().get("evp_access").orElseThrow()).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("csrf_token").asText();
    }

    @Test
    void csrfRefusesEmptyAndChosenPairsAndTokensOfAnotherSession() throws Exception {
        try (SandboxServer s = Sandboxes.start(shipped())) {
            EvPowerClient owner = Sandboxes.loggedIn(s, "+996700100001");
            EvPowerClient other = Sandboxes.loggedIn(s, "+996700100002");
            assertEquals(403, mutate(s, owner, "", "").statusCode(), "an empty pair");
            assertEquals(403, mutate(s, owner, "\"\"", "").statusCode(), "an empty quoted cookie");
            assertEquals(403, mutate(s, owner, "attacker-chosen", "attacker-chosen").statusCode(), "an equal pair the server never minted");
            String others = tokenFor(s, other);
            assertEquals(403, mutate(s, owner, others, others).statusCode(), "another person's token");
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/auth/csrf")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String before = new com.fasterxml.jackson.databind.ObjectMapper().readTree(anonymous.body()).path("csrf_token").asText();
            assertEquals(403, mutate(s, owner, before, before).statusCode(), "a token from before the sign-in");
            String mine = tokenFor(s, owner);
            HttpResponse<String> ok = mutate(s, owner, mine, mine);
            assertTrue(ok.statusCode() != 403, ok.statusCode() + " " + ok.body());
            assertTrue(ok.body().contains("csrf_failed") == false, ok.body());
            // the wire shape stays production's: the same cookie name, header and JSON field
            assertTrue(mine.matches("[0-9a-f]{32}\\.[0-9a-f]{64}"), mine);
        }
    }

    @Test
    void forwardingHeadersFromAnyoneDoNotEscapeTheLimitAndA429SaysWhenToRetry() throws Exception {
        try (SandboxServer s = Sandboxes.start(shipped().withRateLimit(5, Duration.ofSeconds(30)))) {
            List<Integer> codes = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 8; i++) {
                last = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/locations")).header("X-Forwarded-For", "10.0.0." + i)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                codes.add(last.statusCode());
            }
            assertEquals(List.of(200, 200, 200, 200, 200, 429, 429, 429), codes, "one address, whatever the header says");
            long retry = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 30, "Retry-After " + retry);
            assertTrue(last.body().contains("too_many_requests"), "production's body: " + last.body());
        }
        // behind a configured proxy the header is believed: each forwarded address has its own window
        try (SandboxServer s = Sandboxes.start(shipped().withRateLimit(5, Duration.ofSeconds(30))
                .withNet(NetPolicy.DEFAULT.withTrustedProxy("127.0.0.1")))) {
            for (int i = 0; i < 8; i++) {
                assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/locations"))
                        .header("X-Forwarded-For", "203.0.113." + i + ", 127.0.0.1").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
        }
        // imitating production (the console's tests): the header is believed from anyone and no Retry-After is sent
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withRateLimit(2, Duration.ofSeconds(30)))) {
            HttpResponse<String> r = null;
            for (int i = 0; i < 3; i++) {
                r = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/locations")).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(429, r.statusCode());
            assertTrue(r.headers().firstValue("Retry-After").isEmpty());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/locations")).header("X-Forwarded-For", "10.9.9.9")
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "production's bypass, reproduced on purpose");
        }
    }
}
