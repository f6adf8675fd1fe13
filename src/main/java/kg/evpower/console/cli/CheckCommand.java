package kg.evpower.console.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.domain.ServerCapabilities;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * {@code check --server URL [--gateway URL]}: what the server offers against what the console needs — health,
 * version, which features its {@code /openapi.json} lists, the public locations API, and the locations WebSocket
 * (reachable, first message received); with an operator gateway beside it, the gateway's health and what it adds.
 * Exit 0 when the console can work with them, 1 when it cannot, 2 on bad arguments.
 */
public final class CheckCommand {

    /** Paths the console needs (required) and the operator-API paths it uses when present. */
    static final List<String> REQUIRED = List.of("/api/v1/auth/otp/send", "/api/v1/auth/otp/verify", "/api/v1/profile",
            "/api/v1/locations");
    static final List<String> OPTIONAL = List.of(ServerCapabilities.ADMIN_STATIONS);

    private CheckCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        String server = null;
        String gateway = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--server") && i + 1 < args.length) {
                server = args[++i];
            } else if (args[i].equals("--gateway") && i + 1 < args.length) {
                gateway = args[++i];
            }
        }
        if (server == null) {
            out.println("usage: Launcher check --server URL [--gateway URL]");
            return 2;
        }
        EvPowerClient c = new EvPowerClient(URI.create(server), gateway == null ? null : URI.create(gateway), RequestBudget.production(),
                Duration.ofSeconds(10));
        boolean ok = true;
        out.println("EvPower console check of " + c.baseUri() + (gateway == null ? "" : " with the operator gateway " + gateway));
        try {
            Dto.Health h = c.server().health();
            boolean healthy = "healthy".equals(h.status());
            out.printf("  health        %s (%s, %s stations connected)%n", healthy ? "ok" : "UNHEALTHY", h.status(),
                    h.connectedStations());
            ok &= healthy;
        } catch (ApiException e) {
            out.println("  health        FAILED: " + e.getMessage());
            return 1;
        }
        try {
            Dto.Version v = c.server().version();
            out.printf("  version       %s (commit %s)%n", v.version(), v.gitCommit());
        } catch (ApiException e) {
            out.println("  version       unavailable: " + e.getMessage());
        }
        if (gateway != null) {
            try {
                com.fasterxml.jackson.databind.JsonNode h = c.server().gatewayHealth();
                boolean healthy = "healthy".equals(h.path("status").asText());
                out.printf("  gateway       %s (database %s, redis %s, push %s, statistics %s)%n", healthy ? "ok" : "UNHEALTHY",
                        h.path("database").asText(), h.path("redis").asText(), h.path("push").asText(), h.path("statistics").asText());
                ok &= healthy;
            } catch (ApiException e) {
                out.println("  gateway       FAILED: " + e.getMessage());
                ok = false;
            }
        }
        ServerCapabilities caps;
        try {
            caps = c.server().capabilities();
            out.printf("  openapi       %d paths%s%n", caps.paths().size(), caps.sandbox() ? " (sandbox)" : "");
            if (gateway != null) {
                ApiException problem = c.server().gatewayProblem();
                out.println("  gateway api   " + (problem == null ? "read: its operator paths are asked of it" : "FAILED: " + problem.getMessage()));
                ok &= problem == null;
            }
            for (String p : REQUIRED) {
                boolean has = caps.has(p);
                out.printf("    %-34s %s%n", p, has ? "ok" : "MISSING (required)");
                ok &= has;
            }
            for (String p : OPTIONAL) {
                out.printf("    %-34s %s%n", p, caps.has(p) ? "ok (operator API)" : "absent: the console uses the public API instead");
            }
            out.printf("  people        %s%n", caps.peopleManagement()
                    ? "available: owners and staff (" + ServerCapabilities.ADMIN_USERS + "), operators (" + ServerCapabilities.ADMIN_OPERATORS + ")"
                    + (caps.adminPeople() ? ", with the operator API's one listing (" + ServerCapabilities.ADMIN_PEOPLE + ")"
                    : "; an operator's owner is not listed") : caps.adminPeople() ? "available through the operator API only ("
                    + ServerCapabilities.ADMIN_PEOPLE + ")" : "absent: the console has no people screen on this server");
            out.printf("  statistics    %s%n", caps.adminStats() ? "available (" + ServerCapabilities.ADMIN_STATS + ")"
                    : "absent: the console computes them from a read-only PostgreSQL, if it has one");
            out.printf("  commands      %s%n", caps.stationCommands() ? "available: reset, unlock, availability, trigger, configuration ("
                    + ServerCapabilities.STATION_COMMANDS + ")" : "absent: stations can be watched, not commanded (production sends"
                    + " commands only through its own Redis)");
        } catch (ApiException e) {
            out.println("  openapi       FAILED: " + e.getMessage());
            ok = false;
        }
        try {
            int n = c.stations().locations(false).size();
            out.printf("  locations     ok (%d)%n", n);
        } catch (ApiException e) {
            out.println("  locations     FAILED: " + e.getMessage());
            ok = false;
        }
        String ws = firstWebSocketMessage(c.stations().locationsSocket());
        out.println("  websocket     " + ws);
        ok &= ws.startsWith("ok");
        out.println(ok ? "RESULT: the console can work with this server" : "RESULT: the console cannot work with this server");
        return ok ? 0 : 1;
    }

    static String firstWebSocketMessage(URI uri) {
        CountDownLatch got = new CountDownLatch(1);
        AtomicReference<String> first = new AtomicReference<>();
        AtomicReference<String> failure = new AtomicReference<>();
        WebSocketClient ws = new WebSocketClient(uri) {
            @Override
            public void onOpen(ServerHandshake h) {
            }

            @Override
            public void onMessage(String message) {
                first.compareAndSet(null, message);
                got.countDown();
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                failure.compareAndSet(null, "closed " + code + " " + reason);
                got.countDown();
            }

            @Override
            public void onError(Exception ex) {
                failure.compareAndSet(null, ex.toString());
            }
        };
        try {
            ws.connectBlocking(5, TimeUnit.SECONDS);
            got.await(8, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ws.close();
        }
        String msg = first.get();
        if (msg == null) {
            return "FAILED: " + (failure.get() == null ? "no message within 8 s" : failure.get());
        }
        String type;
        try {
            type = EvPowerClient.mapper().readTree(msg).path("type").asText("?");
        } catch (java.io.IOException e) {
            return "FAILED: first message is not JSON: " + (msg.length() > 60 ? msg.substring(0, 60) + "…" : msg);
        }
        return "ok, first message type=" + type + ": " + (msg.length() > 80 ? msg.substring(0, 80) + "…" : msg);
    }
}
