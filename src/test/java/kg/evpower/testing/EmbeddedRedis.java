package kg.evpower.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A real Redis server for tests and benchmarks: Debian's {@code redis-server} ({@code .ci/run} installs the package),
 * started on a free loopback port with a password, no persistence (as production's keys, everything is gone after a
 * restart) and its own temporary folder. Closing it stops the server and deletes the folder.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final String password;
    private final List<String> command;
    private Process server;

    private EmbeddedRedis(Path dir, int port, String password, List<String> command) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.command = command;
    }

    /** Where the server binary is: on the PATH or Debian's place for it. */
    static String binary() {
        for (String p : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("redis-server is not installed (apt-get install redis-server; .ci/run does it)");
    }

    public static EmbeddedRedis start() throws Exception {
        Path dir = Files.createTempDirectory("evpower-redis");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String password = Long.toHexString(new java.security.SecureRandom().nextLong());
        List<String> command = List.of(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--requirepass", password,
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no", "--loglevel", "warning");
        EmbeddedRedis r = new EmbeddedRedis(dir, port, password, command);
        r.launch();
        return r;
    }

    private void launch() throws Exception {
        server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                j.auth(password);
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (RuntimeException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("Redis did not start: " + e.getMessage() + "\n" + Files.readString(dir.resolve("server.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    /** {@code redis://:password@127.0.0.1:port/0}. */
    public URI uri() {
        return URI.create("redis://:" + password + "@127.0.0.1:" + port + "/0");
    }

    public int port() {
        return port;
    }

    /** A client connection, already authenticated. */
    public Jedis client() {
        Jedis j = new Jedis("127.0.0.1", port);
        j.auth(password);
        return j;
    }

    /**
     * Kills the server as a crash or an administrator's restart would (every client's connection is cut, every key is
     * gone: nothing is persisted), waits {@code down}, and starts it again on the same port.
     */
    public void restart(java.time.Duration down) throws Exception {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(down.toMillis());
        launch();
    }

    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
