package kg.evpower.console.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/** {@code Launcher check --server URL} against real servers: a sandbox, a production-API-only sandbox, nothing. */
class CheckCommandIT {

    private record Result(int exit, String out) {
    }

    private static Result check(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit = CheckCommand.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return new Result(exit, buf.toString(StandardCharsets.UTF_8));
    }

    private static Result checkSandbox(SandboxConfig config) {
        try (SandboxServer s = Sandboxes.start(config)) {
            return check("check", "--server", s.baseUrl());
        }
    }

    @Test
    void theSandboxOffersEverythingIncludingTheOperatorApi() {
        Result r = checkSandbox(Sandboxes.quiet());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("(sandbox)"), r.out());
        assertTrue(r.out().contains("/api/v1/admin/stations") && r.out().contains("ok (operator API)"), r.out());
        assertTrue(r.out().contains("websocket     ok, first message type=connection"), r.out());
        assertTrue(r.out().contains("people        available: owners and staff (/api/v1/admin/users), operators (/api/v1/admin/operators),"
                + " with the operator API's one listing (/api/v1/admin/people)"), r.out());
        assertTrue(r.out().contains("commands      available: reset, unlock, availability, trigger, configuration"
                + " (/api/v1/admin/stations/{station_id}/commands)"), r.out());
        assertTrue(r.out().contains("RESULT: the console can work with this server"), r.out());
    }

    @Test
    void aServerWithOnlyTodaysProductionApiIsFineWithoutTheOperatorApi() {
        Result r = checkSandbox(Sandboxes.quiet().withOperatorApi(false));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("absent: the console uses the public API instead"), r.out());
        // people management is production's own: there today, only an operator's owner is not named
        assertTrue(r.out().contains("people        available: owners and staff (/api/v1/admin/users), operators (/api/v1/admin/operators);"
                + " an operator's owner is not listed"), r.out());
        assertTrue(r.out().contains("commands      absent: stations can be watched, not commanded"), r.out());
    }

    @Test
    void aDeadServerFailsWithExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = check("check", "--server", "http://127.0.0.1:" + port);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("health        FAILED"), r.out());
        assertTrue(!r.out().contains("Exception"), r.out());
    }

    @Test
    void missingServerIsAUsageError() {
        Result r = check("check");
        assertEquals(2, r.exit());
        assertTrue(r.out().startsWith("usage:"), r.out());
    }
}
