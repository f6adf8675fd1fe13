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

    @Test
    void vapidKeysAreReadInProductionsOwnFormat_redisPasswordFromTheEnvironment_neverPrinted() throws Exception {
        // as backend/.env.example makes them: the private key PKCS#8 DER, the public key the raw point, both base64url unpadded
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair k = g.generateKeyPair();
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String priv = b64.encodeToString(k.getPrivate().getEncoded());
        String pub = b64.encodeToString(kg.evpower.sandbox.server.push.WebPushCrypto.raw((java.security.interfaces.ECPublicKey) k.getPublic()));
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(BASE), java.util.stream.Stream.of("--redis", "redis://cache.internal:6380/2",
                "--data-dir", "/var/lib/evpower-gateway")).toArray(String[]::new);
        GatewayConfig c = GatewayConfig.parse(args, Map.of(GatewayConfig.PASSWORD_ENV, "s3cret", GatewayConfig.VAPID_PRIVATE_ENV, priv,
                GatewayConfig.VAPID_PUBLIC_ENV, pub, GatewayConfig.REDIS_PASSWORD_ENV, "r3d/is"));
        assertEquals(((java.security.interfaces.ECPrivateKey) k.getPrivate()).getS(), ((java.security.interfaces.ECPrivateKey) c.vapid().getPrivate()).getS());
        assertEquals("mailto:noreply@evpower.kg", c.vapidSubject());
        assertEquals("redis://:r3d%2Fis@cache.internal:6380/2", c.redis().toString());
        assertEquals(Path.of("/var/lib/evpower-gateway"), c.dataDir());
        assertTrue(!c.toString().contains("r3d") && !c.toString().contains(priv.substring(0, 20)), c.toString());
        // one without the other, or not a key: refused in words
        assertTrue(assertThrows(GatewayConfig.Refused.class, () -> GatewayConfig.parse(BASE, Map.of(GatewayConfig.PASSWORD_ENV, "x",
                GatewayConfig.VAPID_PRIVATE_ENV, priv))).getMessage().contains("or neither"));
        assertTrue(assertThrows(GatewayConfig.Refused.class, () -> GatewayConfig.parse(BASE, Map.of(GatewayConfig.PASSWORD_ENV, "x",
                GatewayConfig.VAPID_PRIVATE_ENV, "bm90IGEga2V5", GatewayConfig.VAPID_PUBLIC_ENV, pub))).getMessage().contains("cannot be read"));
        // systemd's StateDirectory when no folder is named
        assertEquals(Path.of("/var/lib/evpower-gateway"), GatewayConfig.parse(BASE, Map.of(GatewayConfig.PASSWORD_ENV, "x", "STATE_DIRECTORY",
                "/var/lib/evpower-gateway")).dataDir());
    }
}
