package kg.evpower.console.stations.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small MBTiles and PMTiles files for tests, straight from the two formats' specifications (the PMTiles v3
 * header layout, varint directories, run lengths and leaf directories; MBTiles' two tables with TMS rows), so the
 * readers are checked against files built independently of them. The PMTiles writer's output (gzip, leaf directories,
 * runs) was also read back tile by tile with the format's reference reader (npm {@code pmtiles} 3.x): 1,365 tiles, no
 * mismatch.
 */
public final class TileFiles {

    private TileFiles() {
    }

    /** A tile's bytes that say which tile it is. */
    public static byte[] content(int z, int x, int y) {
        return ("tile " + z + "/" + x + "/" + y).getBytes(StandardCharsets.US_ASCII);
    }

    static Path mbtiles(Path file, String format, Map<String, String> extraMeta, int maxZoom) throws Exception {
        Files.deleteIfExists(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE metadata (name text, value text)");
            st.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)");
            try (PreparedStatement m = c.prepareStatement("INSERT INTO metadata VALUES (?, ?)")) {
                Map<String, String> meta = new TreeMap<>(Map.of("name", "test", "format", format, "minzoom", "0",
                        "maxzoom", Integer.toString(maxZoom), "bounds", "69.2,39.1,80.3,43.3"));
                meta.putAll(extraMeta);
                for (var e : meta.entrySet()) {
                    m.setString(1, e.getKey());
                    m.setString(2, e.getValue());
                    m.executeUpdate();
                }
            }
            try (PreparedStatement t = c.prepareStatement("INSERT INTO tiles VALUES (?, ?, ?, ?)")) {
                for (int z = 0; z <= maxZoom; z++) {
                    for (int x = 0; x < 1 << z; x++) {
                        for (int y = 0; y < 1 << z; y++) {
                            t.setInt(1, z);
                            t.setInt(2, x);
                            t.setInt(3, (1 << z) - 1 - y); // TMS: row 0 is the south
                            t.setBytes(4, content(z, x, y));
                            t.executeUpdate();
                        }
                    }
                }
            }
        }
        return file;
    }

    /** A tile at its PMTiles id, with its bytes; equal neighbours in id order become one run. */
    public record Tile(long id, byte[] data) {
    }

    /**
     * Writes a PMTiles v3 archive.
     *
     * @param type        1 MVT, 2 PNG, 3 JPEG
     * @param gzipDirs    gzip the directories (internal compression 2) or not (1)
     * @param leafSize    entries per leaf directory; 0 puts every entry in the root
     */
    public static Path pmtiles(Path file, List<Tile> tiles, int type, boolean gzipDirs, int leafSize, int minZoom, int maxZoom) throws IOException {
        // tile data, deduplicating equal consecutive tiles into runs
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<long[]> entries = new ArrayList<>(); // id, offset, length, run
        byte[] previous = null;
        for (Tile t : tiles) {
            long[] last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            if (last != null && previous != null && java.util.Arrays.equals(previous, t.data()) && last[0] + last[3] == t.id()) {
                last[3]++;
                continue;
            }
            entries.add(new long[] {t.id(), data.size(), t.data().length, 1});
            data.write(t.data());
            previous = t.data();
        }
        byte[] root;
        ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        if (leafSize <= 0) {
            root = compress(directory(entries), gzipDirs);
        } else {
            List<long[]> rootEntries = new ArrayList<>();
            for (int i = 0; i < entries.size(); i += leafSize) {
                List<long[]> chunk = entries.subList(i, Math.min(entries.size(), i + leafSize));
                byte[] leaf = compress(directory(chunk), gzipDirs);
                rootEntries.add(new long[] {chunk.get(0)[0], leaves.size(), leaf.length, 0});
                leaves.write(leaf);
            }
            root = compress(directory(rootEntries), gzipDirs);
        }
        byte[] meta = "{}".getBytes(StandardCharsets.UTF_8);
        long rootOffset = 127;
        long metaOffset = rootOffset + root.length;
        long leafOffset = metaOffset + meta.length;
        long dataOffset = leafOffset + leaves.size();
        ByteBuffer h = ByteBuffer.allocate(127).order(ByteOrder.LITTLE_ENDIAN);
        h.put("PMTiles".getBytes(StandardCharsets.US_ASCII)).put((byte) 3);
        h.putLong(rootOffset).putLong(root.length).putLong(metaOffset).putLong(meta.length).putLong(leafOffset)
                .putLong(leaves.size()).putLong(dataOffset).putLong(data.size());
        h.putLong(tiles.size()).putLong(entries.size()).putLong(entries.size());
        h.put((byte) 1).put((byte) (gzipDirs ? 2 : 1)).put((byte) 1).put((byte) type).put((byte) minZoom).put((byte) maxZoom);
        h.putInt(692_000_000).putInt(391_000_000).putInt(803_000_000).putInt(433_000_000);
        h.put((byte) minZoom).putInt(746_000_000).putInt(428_700_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(h.array());
        out.write(root);
        out.write(meta);
        out.write(leaves.toByteArray());
        out.write(data.toByteArray());
        Files.write(file, out.toByteArray());
        return file;
    }

    private static byte[] directory(List<long[]> entries) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        varint(b, entries.size());
        long last = 0;
        for (long[] e : entries) {
            varint(b, e[0] - last);
            last = e[0];
        }
        for (long[] e : entries) {
            varint(b, e[3]);
        }
        for (long[] e : entries) {
            varint(b, e[2]);
        }
        for (int i = 0; i < entries.size(); i++) {
            long[] e = entries.get(i);
            long[] p = i > 0 ? entries.get(i - 1) : null;
            varint(b, p != null && e[1] == p[1] + p[2] ? 0 : e[1] + 1);
        }
        return b.toByteArray();
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while (v >= 0x80) {
            b.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b.write((int) v);
    }

    private static byte[] compress(byte[] raw, boolean gzip) throws IOException {
        if (!gzip) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(raw);
        }
        return out.toByteArray();
    }
}
