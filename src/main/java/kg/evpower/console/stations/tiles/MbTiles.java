package kg.evpower.console.stations.tiles;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Reads raster tiles from an MBTiles file (SQLite; {@code tiles(zoom_level, tile_column, tile_row, tile_data)} with
 * TMS rows, y = 0 at the south, and a {@code metadata} table), opened read-only. One connection, used under a lock.
 */
public final class MbTiles implements LocalTiles {

    private final Connection db;
    private final PreparedStatement query;
    private final String format;
    private final int minZoom;
    private final int maxZoom;
    private final double[] bounds;

    private MbTiles(Connection db) throws SQLException, IOException {
        this.db = db;
        Map<String, String> meta = new HashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT name, value FROM metadata"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                meta.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        String f = meta.getOrDefault("format", "png").toLowerCase(Locale.ROOT);
        format = switch (f) {
            case "png" -> "png";
            case "jpg", "jpeg" -> "jpg";
            case "pbf", "mvt" -> throw new LocalTilesException(LocalTilesException.Reason.VECTOR, "vector tiles (MVT) cannot be drawn; use a raster MBTiles file (PNG or JPEG)");
            default -> throw new LocalTilesException(LocalTilesException.Reason.UNSUPPORTED, "tile format \"" + f + "\" cannot be drawn; use PNG or JPEG tiles");
        };
        int[] zooms = zooms(db, meta);
        minZoom = zooms[0];
        maxZoom = zooms[1];
        bounds = parseBounds(meta.get("bounds"));
        query = db.prepareStatement("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?");
    }

    public static MbTiles open(Path path) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
            return new MbTiles(c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new LocalTilesException(LocalTilesException.Reason.DAMAGED, "not a readable MBTiles file: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure; the first error is the one to report
            }
        }
    }

    private static int[] zooms(Connection db, Map<String, String> meta) throws SQLException {
        try {
            if (meta.containsKey("minzoom") && meta.containsKey("maxzoom")) {
                return new int[] {Integer.parseInt(meta.get("minzoom").trim()), Integer.parseInt(meta.get("maxzoom").trim())};
            }
        } catch (NumberFormatException e) {
            // fall through to the tiles themselves
        }
        try (PreparedStatement st = db.prepareStatement("SELECT min(zoom_level), max(zoom_level) FROM tiles");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2)};
        }
    }

    private static double[] parseBounds(String s) {
        if (s != null) {
            String[] p = s.split(",");
            if (p.length == 4) {
                try {
                    return new double[] {Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()),
                        Double.parseDouble(p[2].trim()), Double.parseDouble(p[3].trim())};
                } catch (NumberFormatException e) {
                    // the whole world, below
                }
            }
        }
        return new double[] {-180, -85.0511, 180, 85.0511};
    }

    @Override
    public Info info() {
        return new Info(format, minZoom, maxZoom, bounds.clone());
    }

    @Override
    public Optional<byte[]> tile(int z, int x, int y) throws IOException {
        if (z < 0 || z > 30 || x < 0 || y < 0 || x >= (1L << z) || y >= (1L << z)) {
            return Optional.empty();
        }
        synchronized (db) {
            try {
                query.setInt(1, z);
                query.setInt(2, x);
                query.setInt(3, (1 << z) - 1 - y); // TMS rows count from the south
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new IOException("reading tile " + z + "/" + x + "/" + y + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (db) {
            try {
                query.close();
                db.close();
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
