package kg.evpower.console.stations.tiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads raster tiles from a PMTiles version 3 archive (a single file: a 127-byte header, a root directory, optional
 * leaf directories and the tile data; tiles addressed by a Hilbert-curve tile id). Directories may be uncompressed or
 * gzip-compressed; tiles must be PNG or JPEG, the formats the map's WebView draws. Thread-safe: reads use positional
 * file reads, and the few directories touched are cached.
 */
public final class PmTiles implements LocalTiles {

    private static final int HEADER_BYTES = 127;
    private static final int MAX_DEPTH = 4;
    private static final int CACHED_DIRECTORIES = 64;

    private final FileChannel file;
    private final long rootOffset;
    private final long rootLength;
    private final long leafOffset;
    private final long dataOffset;
    private final int internalCompression;
    private final int tileCompression;
    private final String format;
    private final int minZoom;
    private final int maxZoom;
    private final double[] bounds;
    private final Map<Long, Entry[]> directories = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry[]> e) {
            return size() > CACHED_DIRECTORIES;
        }
    };

    private record Entry(long tileId, long offset, long length, long runLength) {
    }

    private PmTiles(FileChannel file) throws IOException {
        this.file = file;
        ByteBuffer h = read(0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[7];
        h.get(magic);
        if (!"PMTiles".equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new LocalTilesException(LocalTilesException.Reason.NOT_TILES, "not a PMTiles file");
        }
        int version = h.get() & 0xff;
        if (version != 3) {
            throw new LocalTilesException(LocalTilesException.Reason.UNSUPPORTED, "PMTiles version " + version + " is not supported (3 is)");
        }
        rootOffset = h.getLong(8);
        rootLength = h.getLong(16);
        leafOffset = h.getLong(40);
        dataOffset = h.getLong(56);
        internalCompression = h.get(97) & 0xff;
        tileCompression = h.get(98) & 0xff;
        int type = h.get(99) & 0xff;
        minZoom = h.get(100) & 0xff;
        maxZoom = h.get(101) & 0xff;
        bounds = new double[] {h.getInt(102) / 1e7, h.getInt(106) / 1e7, h.getInt(110) / 1e7, h.getInt(114) / 1e7};
        format = switch (type) {
            case 2 -> "png";
            case 3 -> "jpg";
            case 1 -> throw new LocalTilesException(LocalTilesException.Reason.VECTOR, "vector tiles (MVT) cannot be drawn; use a raster PMTiles file (PNG or JPEG)");
            default -> throw new LocalTilesException(LocalTilesException.Reason.UNSUPPORTED, "tile type " + type + " cannot be drawn; use PNG or JPEG tiles");
        };
        if (internalCompression != 1 && internalCompression != 2) {
            throw new LocalTilesException(LocalTilesException.Reason.UNSUPPORTED, "directory compression " + internalCompression + " is not supported (none or gzip are)");
        }
        if (tileCompression != 0 && tileCompression != 1 && tileCompression != 2) {
            throw new LocalTilesException(LocalTilesException.Reason.UNSUPPORTED, "tile compression " + tileCompression + " is not supported");
        }
        if (rootLength <= 0 || rootOffset < HEADER_BYTES || rootOffset + rootLength > file.size()) {
            throw new LocalTilesException(LocalTilesException.Reason.DAMAGED, "the root directory lies outside the file; is it complete?");
        }
    }

    /** Opens a file; a clear {@link IOException} when it is not a PMTiles v3 archive of raster tiles. */
    public static PmTiles open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new PmTiles(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e instanceof LocalTilesException lt ? lt
                    : new LocalTilesException(LocalTilesException.Reason.DAMAGED, "not a readable PMTiles file: " + e.getMessage(), e);
        }
    }

    @Override
    public Info info() {
        return new Info(format, minZoom, maxZoom, bounds.clone());
    }

    @Override
    public Optional<byte[]> tile(int z, int x, int y) throws IOException {
        if (z < minZoom || z > maxZoom || x < 0 || y < 0 || x >= (1L << z) || y >= (1L << z)) {
            return Optional.empty();
        }
        long id = tileId(z, x, y);
        long dirOffset = rootOffset;
        long dirLength = rootLength;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Entry e = find(directory(dirOffset, dirLength), id);
            if (e == null) {
                return Optional.empty();
            }
            if (e.runLength() > 0) {
                return Optional.of(uncompress(read(dataOffset + e.offset(), (int) e.length()), tileCompression));
            }
            dirOffset = leafOffset + e.offset();
            dirLength = e.length();
        }
        throw new IOException("directories nested deeper than " + MAX_DEPTH);
    }

    /** The tile id of PMTiles v3: tiles of all lower zooms first, then the Hilbert index of (x, y) at zoom z. */
    public static long tileId(int z, long x, long y) {
        long acc = 0;
        for (int t = 0; t < z; t++) {
            acc += 1L << (2 * t);
        }
        long n = 1L << z;
        long d = 0;
        for (long s = n / 2; s > 0; s /= 2) {
            long rx = (x & s) > 0 ? 1 : 0;
            long ry = (y & s) > 0 ? 1 : 0;
            d += s * s * ((3 * rx) ^ ry);
            // rotate the quadrant
            if (ry == 0) {
                if (rx == 1) {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                long t = x;
                x = y;
                y = t;
            }
        }
        return acc + d;
    }

    /** The entry holding {@code id}: an exact tile, a run that covers it, or the leaf directory that may. */
    private static Entry find(Entry[] entries, long id) {
        int lo = 0;
        int hi = entries.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long c = entries[mid].tileId();
            if (c < id) {
                lo = mid + 1;
            } else if (c > id) {
                hi = mid - 1;
            } else {
                return entries[mid];
            }
        }
        if (hi >= 0) {
            Entry e = entries[hi];
            if (e.runLength() == 0 || id - e.tileId() < e.runLength()) {
                return e;
            }
        }
        return null;
    }

    private Entry[] directory(long offset, long length) throws IOException {
        synchronized (directories) {
            Entry[] cached = directories.get(offset);
            if (cached != null) {
                return cached;
            }
        }
        if (length > 64L << 20) {
            throw new IOException("a directory of " + length + " bytes is not plausible");
        }
        Entry[] parsed = parse(uncompress(read(offset, (int) length), internalCompression));
        synchronized (directories) {
            directories.put(offset, parsed);
        }
        return parsed;
    }

    /** A directory: count, then tile id deltas, run lengths, lengths and offsets, each a column of varints. */
    static Entry[] parse(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long count = varint(b);
        if (count < 0 || count > bytes.length) {
            throw new IOException("directory claims " + count + " entries in " + bytes.length + " bytes");
        }
        int n = (int) count;
        long[] ids = new long[n];
        long last = 0;
        for (int i = 0; i < n; i++) {
            last += varint(b);
            ids[i] = last;
        }
        long[] runs = new long[n];
        for (int i = 0; i < n; i++) {
            runs[i] = varint(b);
        }
        long[] lengths = new long[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = varint(b);
        }
        Entry[] out = new Entry[n];
        for (int i = 0; i < n; i++) {
            long v = varint(b);
            long offset = v == 0 && i > 0 ? out[i - 1].offset() + out[i - 1].length() : v - 1;
            if (offset < 0) {
                throw new IOException("bad offset in directory entry " + i);
            }
            out[i] = new Entry(ids[i], offset, lengths[i], runs[i]);
        }
        return out;
    }

    private static long varint(ByteBuffer b) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!b.hasRemaining()) {
                throw new IOException("directory ends inside a number");
            }
            int x = b.get() & 0xff;
            value |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("a number in the directory is too long");
    }

    private static byte[] uncompress(ByteBuffer data, int compression) throws IOException {
        byte[] raw = new byte[data.remaining()];
        data.get(raw);
        if (compression != 2) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 3);
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private ByteBuffer read(long position, int length) throws IOException {
        if (position < 0 || length < 0 || position + length > file.size()) {
            throw new IOException("read past the end of the file (" + position + "+" + length + "); is it complete?");
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (file.read(buf, position + buf.position()) < 0) {
                throw new IOException("the file ended early");
            }
        }
        return buf.flip();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return "PMTiles " + format + " z" + minZoom + "-" + maxZoom + " " + Arrays.toString(bounds);
    }
}
