package kg.evpower.console.stations.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local street tiles: the PMTiles v3 and MBTiles readers, and the loopback server that hands them to the map. */
class LocalTilesTest {

    @TempDir
    Path dir;

    @Test
    void tileIdsMatchTheReferenceImplementation() {
        // values printed by the pmtiles npm package (zxyToTileId), the format's reference implementation
        long[][] vectors = {{0, 0, 0, 0}, {1, 0, 0, 1}, {1, 0, 1, 2}, {1, 1, 1, 3}, {1, 1, 0, 4}, {2, 0, 0, 5},
            {12, 3423, 1763, 19078479}, {7, 91, 47, 19695}, {14, 11862, 6089, 322877228}, {20, 763000, 390000, 1322555572287L}};
        for (long[] v : vectors) {
            assertEquals(v[3], PmTiles.tileId((int) v[0], v[1], v[2]), Arrays.toString(v));
        }
        // and every tile of zooms 0..6 gets its own id, with no gaps
        Set<Long> ids = new HashSet<>();
        for (int z = 0; z <= 6; z++) {
            for (int x = 0; x < 1 << z; x++) {
                for (int y = 0; y < 1 << z; y++) {
                    ids.add(PmTiles.tileId(z, x, y));
                }
            }
        }
        assertEquals(5461, ids.size());
        assertEquals(5460L, ids.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    private static List<TileFiles.Tile> pyramid(int maxZoom, boolean withRuns) {
        List<TileFiles.Tile> out = new ArrayList<>();
        for (int z = 0; z <= maxZoom; z++) {
            for (int x = 0; x < 1 << z; x++) {
                for (int y = 0; y < 1 << z; y++) {
                    // with runs: the whole of zoom 3 is "sea", one tile repeated
                    byte[] data = withRuns && z == 3 ? "sea".getBytes() : TileFiles.content(z, x, y);
                    out.add(new TileFiles.Tile(PmTiles.tileId(z, x, y), data));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    private static void assertAllTiles(LocalTiles t, int maxZoom, boolean withRuns) throws IOException {
        for (int z = 0; z <= maxZoom; z++) {
            for (int x = 0; x < 1 << z; x++) {
                for (int y = 0; y < 1 << z; y++) {
                    byte[] want = withRuns && z == 3 ? "sea".getBytes() : TileFiles.content(z, x, y);
                    assertArrayEquals(want, t.tile(z, x, y).orElseThrow(() -> new AssertionError("missing")), "tile");
                }
            }
        }
        assertTrue(t.tile(maxZoom + 1, 0, 0).isEmpty(), "beyond the max zoom");
        assertTrue(t.tile(2, 4, 0).isEmpty(), "outside the grid");
    }

    @Test
    void pmtilesWithARootDirectoryOnlyPlainOrGzipped() throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            Path f = TileFiles.pmtiles(dir.resolve("root-" + gzip + ".pmtiles"), pyramid(4, false), 2, gzip, 0, 0, 4);
            try (LocalTiles t = LocalTiles.open(f)) {
                assertTrue(t instanceof PmTiles);
                assertEquals("png", t.info().format());
                assertEquals(0, t.info().minZoom());
                assertEquals(4, t.info().maxZoom());
                assertArrayEquals(new double[] {69.2, 39.1, 80.3, 43.3}, t.info().bounds(), 1e-9);
                assertAllTiles(t, 4, false);
            }
        }
    }

    @Test
    void pmtilesWithLeafDirectoriesAndRunLengths() throws Exception {
        Path f = TileFiles.pmtiles(dir.resolve("leaves.pmtiles"), pyramid(5, true), 3, true, 50, 0, 5);
        try (LocalTiles t = LocalTiles.open(f)) {
            assertEquals("jpg", t.info().format());
            assertAllTiles(t, 5, true);
        }
        // a sparse file: only some tiles; the others are absent, not errors
        List<TileFiles.Tile> sparse = new ArrayList<>(pyramid(4, false).stream().filter(x -> x.id() % 3 == 0).toList());
        Path s = TileFiles.pmtiles(dir.resolve("sparse.pmtiles"), sparse, 2, false, 7, 0, 4);
        try (LocalTiles t = LocalTiles.open(s)) {
            for (int z = 0; z <= 4; z++) {
                for (int x = 0; x < 1 << z; x++) {
                    for (int y = 0; y < 1 << z; y++) {
                        boolean has = PmTiles.tileId(z, x, y) % 3 == 0;
                        assertEquals(has, t.tile(z, x, y).isPresent(), z + "/" + x + "/" + y);
                    }
                }
            }
        }
    }

    @Test
    void unusableFilesGiveAClearReason() throws Exception {
        Path vector = TileFiles.pmtiles(dir.resolve("vector.pmtiles"), pyramid(2, false), 1, true, 0, 0, 2);
        assertReason(LocalTilesException.Reason.VECTOR, "vector tiles", vector);

        Path good = TileFiles.pmtiles(dir.resolve("good.pmtiles"), pyramid(3, false), 2, true, 0, 0, 3);
        byte[] bytes = Files.readAllBytes(good);
        Path half = Files.write(dir.resolve("half.pmtiles"), Arrays.copyOf(bytes, 140)); // a half-written download
        assertReason(LocalTilesException.Reason.DAMAGED, "complete", half);
        Path header = Files.write(dir.resolve("header.pmtiles"), Arrays.copyOf(bytes, 60));
        assertReason(LocalTilesException.Reason.DAMAGED, "complete", header);

        assertReason(LocalTilesException.Reason.DAMAGED, "damaged", Files.writeString(dir.resolve("notes.pmtiles"), "hello"));
        assertReason(LocalTilesException.Reason.NOT_TILES, "neither", Files.writeString(dir.resolve("notes.txt"), "hello"));
        assertReason(LocalTilesException.Reason.NOT_FOUND, "no such file", dir.resolve("missing.mbtiles"));
        assertReason(LocalTilesException.Reason.VECTOR, "vector tiles", TileFiles.mbtiles(dir.resolve("vector.mbtiles"), "pbf", Map.of(), 1));
        assertReason(LocalTilesException.Reason.UNSUPPORTED, "webp", TileFiles.mbtiles(dir.resolve("webp.mbtiles"), "webp", Map.of(), 1));
    }

    private static void assertReason(LocalTilesException.Reason reason, String detail, Path file) {
        LocalTilesException e = assertThrows(LocalTilesException.class, () -> LocalTiles.open(file).close());
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void mbtilesRowsAreFlippedFromTms() throws Exception {
        Path f = TileFiles.mbtiles(dir.resolve("streets.mbtiles"), "png", Map.of(), 4);
        try (LocalTiles t = LocalTiles.open(f)) {
            assertTrue(t instanceof MbTiles);
            assertEquals("png", t.info().format());
            assertEquals(4, t.info().maxZoom());
            assertArrayEquals(new double[] {69.2, 39.1, 80.3, 43.3}, t.info().bounds(), 1e-9);
            assertAllTiles(t, 4, false);
        }
        Path j = TileFiles.mbtiles(dir.resolve("photo.mbtiles"), "jpg", Map.of("bounds", "nonsense"), 1);
        try (LocalTiles t = LocalTiles.open(j)) {
            assertEquals("jpg", t.info().format());
            assertEquals(-180, t.info().bounds()[0], 1e-9);
        }
    }

    @Test
    void theLoopbackServerHandsTilesToTheMapAndSays404WhereThereAreNone() throws Exception {
        Path f = TileFiles.pmtiles(dir.resolve("served.pmtiles"), pyramid(3, false), 2, true, 0, 0, 3);
        try (LocalTileServer server = LocalTileServer.open(f)) {
            LocalTileServer.Layer layer = server.layer();
            assertEquals(3, layer.maxZoom());
            HttpClient http = HttpClient.newHttpClient();
            String url = layer.template().replace("{z}", "3").replace("{x}", "5").replace("{y}", "2");
            HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ok.statusCode());
            assertEquals("image/png", ok.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(TileFiles.content(3, 5, 2), ok.body());
            String none = layer.template().replace("{z}", "9").replace("{x}", "5").replace("{y}", "2");
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(none)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            String junk = layer.template().replace("{z}/{x}/{y}", "../../etc/passwd");
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(junk)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            // a page that rebinds its own name to 127.0.0.1 sends its own Host: refused
            URI u = URI.create(url);
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", u.getPort())) {
                socket.getOutputStream().write(("GET " + u.getPath() + " HTTP/1.1\r\nHost: attacker.example:" + u.getPort()
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            }
            assertTrue(TileServer.loopbackHost("localhost:8080") && TileServer.loopbackHost("[::1]:80") && TileServer.loopbackHost(null));
            assertFalse(TileServer.loopbackHost("127.0.0.1.attacker.example") || TileServer.loopbackHost("localhost.attacker.example:80"));
        }
    }
}
