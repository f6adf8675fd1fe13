package kg.evpower.console.stations.tiles;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback tile server for the map's WebView: {@code /osm/z/x/y.png} comes from a disk cache, else from the
 * configured upstream template (OpenStreetMap by default; at most two connections and a real User-Agent, as the OSM
 * tile policy asks), written to the cache atomically. When the upstream fails, a cached tile is served even if old;
 * with none, 502, which the map reports so the console falls back to its offline basemap. No JavaFX here.
 */
public final class TileServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TileServer.class);
    private static final Pattern TILE = Pattern.compile("^/osm/(\\d{1,2})/(\\d{1,7})/(\\d{1,7})\\.png$");
    static final Duration FRESH = Duration.ofDays(30);

    private final HttpServer server;
    private final HttpClient http;
    private final Path cacheDir;
    private final String upstream;
    private final String userAgent;
    private final Semaphore upstreamSlots = new Semaphore(2);
    private final AtomicLong fromCache = new AtomicLong();
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param upstream  tile URL template with {z}, {x}, {y} (and optionally {s}, served as "a")
     * @param cacheDir  folder of the cache; one subfolder per upstream
     */
    public TileServer(String upstream, Path cacheDir, String userAgent) throws IOException {
        this.upstream = upstream;
        this.userAgent = userAgent;
        this.cacheDir = cacheDir.resolve(Integer.toHexString(upstream.hashCode()));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.server = loopback("/osm/", this::handle, 4, "tile-server");
    }

    /**
     * A started HTTP server on a free loopback port, answering {@code path} on its own daemon threads. A request whose
     * Host is not a loopback name is refused (400): a page that rebinds its own name to 127.0.0.1 in the operator's
     * browser cannot read the tiles or make the console fetch for it.
     */
    static HttpServer loopback(String path, com.sun.net.httpserver.HttpHandler handler, int threads, String threadName) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        s.setExecutor(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
        s.createContext(path, handler).getFilters().add(new com.sun.net.httpserver.Filter() {
            @Override
            public void doFilter(com.sun.net.httpserver.HttpExchange exchange, Chain chain) throws IOException {
                if (loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                    chain.doFilter(exchange);
                } else {
                    exchange.sendResponseHeaders(400, -1);
                    exchange.close();
                }
            }

            @Override
            public String description() {
                return "loopback Host only";
            }
        });
        s.start();
        return s;
    }

    /** 127.0.0.1, localhost or [::1], with any port; a request without a Host (HTTP/1.0) came to the loopback socket. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return true;
        }
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        int colon = h.startsWith("[") ? h.indexOf("]:") + 1 : h.indexOf(':');
        String name = colon > 0 ? h.substring(0, colon) : h;
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
    }

    /** Stops a server made by {@link #loopback} and its threads. */
    static void stop(HttpServer s) {
        s.stop(0);
        ((ExecutorService) s.getExecutor()).shutdownNow();
    }

    /** The template the map's tile layer uses. */
    public String template() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/osm/{z}/{x}/{y}.png";
    }

    public long fromCache() {
        return fromCache.get();
    }

    public long fetched() {
        return fetched.get();
    }

    public long failed() {
        return failed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Matcher m = TILE.matcher(ex.getRequestURI().getPath());
            if (!"GET".equals(ex.getRequestMethod()) || !m.matches()) {
                send(ex, 404, "text/plain", "no such tile".getBytes());
                return;
            }
            int z = Integer.parseInt(m.group(1));
            long x = Long.parseLong(m.group(2));
            long y = Long.parseLong(m.group(3));
            if (z > 20 || x >= (1L << z) || y >= (1L << z)) {
                send(ex, 404, "text/plain", "no such tile".getBytes());
                return;
            }
            Path file = cacheDir.resolve(z + "/" + x + "/" + y + ".png");
            boolean cached = Files.isRegularFile(file);
            if (cached && Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(FRESH))) {
                fromCache.incrementAndGet();
                send(ex, 200, "image/png", Files.readAllBytes(file));
                return;
            }
            byte[] tile = fetch(z, x, y);
            if (tile != null) {
                store(file, tile);
                fetched.incrementAndGet();
                send(ex, 200, "image/png", tile);
            } else if (cached) {
                fromCache.incrementAndGet(); // old, but better than nothing while the upstream is down
                send(ex, 200, "image/png", Files.readAllBytes(file));
            } else {
                failed.incrementAndGet();
                send(ex, 502, "text/plain", "tile upstream unreachable".getBytes());
            }
        }
    }

    private byte[] fetch(int z, long x, long y) {
        String url = upstream.replace("{z}", Integer.toString(z)).replace("{x}", Long.toString(x)).replace("{y}", Long.toString(y))
                .replace("{s}", "a");
        try {
            if (!upstreamSlots.tryAcquire(5, TimeUnit.SECONDS)) {
                return null;
            }
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .header("User-Agent", userAgent).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200 && r.body().length > 0) {
                    return r.body();
                }
                LOG.debug("tile {} answered {}", url, r.statusCode());
                return null;
            } finally {
                upstreamSlots.release();
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("tile {} failed: {}", url, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void store(Path file, byte[] tile) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "tile", ".tmp");
            Files.write(tmp, tile);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.debug("tile not cached: {}", e.toString());
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        send(ex, status, type, body, 86400);
    }

    /** Answers a tile request; successes may be cached by the WebView for {@code maxAgeSeconds}, failures not at all. */
    static void send(HttpExchange ex, int status, String type, byte[] body, int maxAgeSeconds) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", status == 200 ? "max-age=" + maxAgeSeconds : "no-store");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        stop(server);
    }
}
