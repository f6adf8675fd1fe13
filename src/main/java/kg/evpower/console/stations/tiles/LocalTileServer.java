package kg.evpower.console.stations.tiles;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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

    /** What the map needs to draw a local tile layer. Bounds: west, south, east, north. */
    public record Layer(String template, String format, int minZoom, int maxZoom, double[] bounds) {
    }

    private LocalTileServer(LocalTiles tiles) throws IOException {
        this.tiles = tiles;
        this.server = TileServer.loopback("/local/", this::handle, 2, "local-tiles");
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
        TileServer.stop(server);
        try {
            tiles.close();
        } catch (IOException e) {
            LOG.debug("closing local tiles: {}", e.toString());
        }
    }

    /** One local tiles file served at a time, as the settings name one: opening another closes the one before. */
    public static final class Current implements AutoCloseable {
        private LocalTileServer server;
        private String path;

        /** The layer of {@code path}, opening it unless it is already served; the reason when it cannot be used. */
        public synchronized Layer open(String path) throws LocalTilesException {
            if (server == null || !path.equals(this.path)) {
                close();
                try {
                    server = LocalTileServer.open(Path.of(path));
                } catch (LocalTilesException e) {
                    throw e;
                } catch (java.nio.file.InvalidPathException e) {
                    throw new LocalTilesException(LocalTilesException.Reason.NOT_FOUND, e.getMessage(), e);
                } catch (IOException e) {
                    throw new LocalTilesException(LocalTilesException.Reason.DAMAGED, e.getMessage(), e);
                }
                this.path = path;
            }
            return server.layer();
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.close();
                server = null;
                path = null;
            }
        }
    }
}
