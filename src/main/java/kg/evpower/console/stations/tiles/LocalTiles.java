package kg.evpower.console.stations.tiles;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** A local file of raster street tiles (MBTiles or PMTiles), addressed the XYZ way (y = 0 at the north). */
public interface LocalTiles extends Closeable {

    /**
     * What the file holds.
     *
     * @param format  "png" or "jpg"
     * @param bounds  west, south, east, north in degrees
     */
    record Info(String format, int minZoom, int maxZoom, double[] bounds) {
    }

    Info info();

    /** The tile's bytes, or empty when the file has none there. */
    Optional<byte[]> tile(int z, int x, int y) throws IOException;

    /** Opens a file by its content (PMTiles magic, else SQLite), with a clear message when it cannot be used. */
    static LocalTiles open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new LocalTilesException(LocalTilesException.Reason.NOT_FOUND, "no such file: " + path);
        }
        byte[] head = new byte[16];
        try (var in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, head.length);
            String magic = new String(head, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
            if (magic.startsWith("PMTiles")) {
                return PmTiles.open(path);
            }
            if (magic.startsWith("SQLite format 3")) {
                return MbTiles.open(path);
            }
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        throw name.endsWith(".mbtiles") || name.endsWith(".pmtiles")
                ? new LocalTilesException(LocalTilesException.Reason.DAMAGED, "the file is damaged or incomplete")
                : new LocalTilesException(LocalTilesException.Reason.NOT_TILES, "neither an MBTiles nor a PMTiles file");
    }
}
