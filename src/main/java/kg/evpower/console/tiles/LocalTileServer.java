package kg.evpower.console.tiles;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the tiles of a local MBTiles or PMTiles file to the map's WebView on loopback, at
 * {@code /local/z/x/y}. A tile the file does not have is a 404, which the map simply leaves empty. No JavaFX here.
 */
public final class LocalTileServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTileServer.class);
    private static final Pattern TILE = Pattern.compile("^/local/(\\d{1,2})/(\\d{1,8})/(\\d{1,8})$");

    private final LocalTiles tiles;
    private final HttpServer server;
    private final ExecutorService pool;

    /** What the map needs to draw a local tile layer. Bounds: west, south, east, north. */
    public record Layer(String template, String format, int minZoom, int maxZoom, double[] bounds) {
    }

    private LocalTileServer(LocalTiles tiles) throws IOException {
        this.tiles = tiles;
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "local-tiles");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.setExecutor(pool);
        server.createContext("/local/", this::handle);
        server.start();
    }

    /** Opens the file and starts serving it; an {@link IOException} with a readable reason when the file cannot be used. */
    public static LocalTileServer open(Path file) throws IOException {
        LocalTiles t = LocalTiles.open(file);
        try {
            return new LocalTileServer(t);
        } catch (IOException e) {
            t.close();
            throw e;
        }
    }

    public Layer layer() {
        LocalTiles.Info i = tiles.info();
        return new Layer("http://127.0.0.1:" + server.getAddress().getPort() + "/local/{z}/{x}/{y}", i.format(), i.minZoom(),
                i.maxZoom(), i.bounds());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Matcher m = TILE.matcher(ex.getRequestURI().getPath());
            if (!"GET".equals(ex.getRequestMethod()) || !m.matches()) {
                send(ex, 404, "text/plain", new byte[0]);
                return;
            }
            Optional<byte[]> tile;
            try {
                tile = tiles.tile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (IOException e) {
                LOG.warn("local tile {} unreadable: {}", ex.getRequestURI().getPath(), e.getMessage());
                send(ex, 500, "text/plain", new byte[0]);
                return;
            }
            if (tile.isPresent()) {
                send(ex, 200, "png".equals(tiles.info().format()) ? "image/png" : "image/jpeg", tile.get());
            } else {
                send(ex, 404, "text/plain", new byte[0]);
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        TileServer.send(ex, status, type, body, 3600);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            tiles.close();
        } catch (IOException e) {
            LOG.debug("closing local tiles: {}", e.toString());
        }
    }
}
