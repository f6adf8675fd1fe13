package kg.evpower.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's start-up arguments: the password never on the command line, a file only its owner reads, URLs checked. */
class GatewayConfigTest {

    static final String[] BASE = {"--pg-url", "postgres://db.internal:5433/evpower?sslmode=verify-full", "--pg-user", "reader",
        "--backend", "https://ocpp.evpower.kg/"};

    @Test
    void thePasswordComesFromTheEnvironmentAndTheUrlBecomesJdbc() {
        GatewayConfig c = GatewayConfig.parse(BASE, Map.of(GatewayConfig.PASSWORD_ENV, "s3cret"));
        assertEquals("jdbc:postgresql://db.internal:5433/evpower?sslmode=verify-full", c.pgUrl());
        assertEquals(8090, c.port());
        assertEquals("https://ocpp.evpower.kg", c.backend().toString());
        assertArrayEquals("s3cret".toCharArray(), c.pgPassword());
        assertTrue(!c.toString().contains("s3cret"), c.toString());
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pg.pass");
        Files.writeString(file, "from-file\nignored\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String[] args = append(BASE, "--pg-password-file", file.toString());
        GatewayConfig.Refused open = assertThrows(GatewayConfig.Refused.class, () -> GatewayConfig.parse(args, Map.of()));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertArrayEquals("from-file".toCharArray(), GatewayConfig.parse(args, Map.of(GatewayConfig.PASSWORD_ENV, "env")).pgPassword(),
                "the file wins over the environment");
    }

    @Test
    void missingOrWrongArgumentsAreSaid() {
        assertTrue(assertThrows(GatewayConfig.Refused.class, () -> GatewayConfig.parse(BASE, Map.of())).getMessage().startsWith("no database password"));
        assertTrue(assertThrows(GatewayConfig.Refused.class, () -> GatewayConfig.parse(new String[] {"--pg-user", "r"}, Map.of()))
                .getMessage().startsWith("--pg-url is required"));
        assertTrue(assertThrows(GatewayConfig.Refused.class, () -> GatewayConfig.parse(append(BASE, "--pg-password", "x"), Map.of()))
                .getMessage().startsWith("unknown or incomplete argument: --pg-password"));
        String[] inUrl = BASE.clone();
        inUrl[1] = "postgres://reader:pw@db.internal/evpower";
        assertTrue(assertThrows(GatewayConfig.Refused.class, () -> GatewayConfig.parse(inUrl, Map.of(GatewayConfig.PASSWORD_ENV, "x")))
                .getMessage().contains("not in the URL"));
        String[] port = append(BASE, "--port", "eighty");
        assertTrue(assertThrows(GatewayConfig.Refused.class, () -> GatewayConfig.parse(port, Map.of(GatewayConfig.PASSWORD_ENV, "x")))
                .getMessage().startsWith("--port must be a number"));
    }

    private static String[] append(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
