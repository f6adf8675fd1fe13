package kg.evpower.console.stations.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loopback tile server against a real upstream HTTP server: cache, user agent, upstream down. */
class TileServerIT {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer upstream;
    private final AtomicInteger upstreamHits = new AtomicInteger();
    private final AtomicReference<String> userAgent = new AtomicReference<>();

    private String startUpstream() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", ex -> {
            upstreamHits.incrementAndGet();
            userAgent.set(ex.getRequestHeaders().getFirst("User-Agent"));
            ex.sendResponseHeaders(200, PNG.length);
            ex.getResponseBody().write(PNG);
            ex.close();
        });
        upstream.start();
        return "http://127.0.0.1:" + upstream.getAddress().getPort() + "/{z}/{x}/{y}.png";
    }

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    private HttpResponse<byte[]> get(TileServer s, String path) throws Exception {
        String base = s.template().substring(0, s.template().indexOf("/osm/"));
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aTileIsFetchedOnceThenServedFromTheDiskCacheEvenWhenTheUpstreamIsGone() throws Exception {
        Path cache = Files.createTempDirectory("tiles");
        String template = startUpstream();
        try (TileServer s = new TileServer(template, cache, "EvPowerConsole/test")) {
            HttpResponse<byte[]> first = get(s, "/osm/7/88/47.png");
            assertEquals(200, first.statusCode());
            assertArrayEquals(PNG, first.body());
            assertEquals("EvPowerConsole/test", userAgent.get());
            HttpResponse<byte[]> second = get(s, "/osm/7/88/47.png");
            assertArrayEquals(PNG, second.body());
            assertEquals(1, upstreamHits.get(), "the second came from the cache");
            upstream.stop(0);
            upstream = null;
        }
        // a new run (same cache folder), no upstream: the cached tile still shows
        try (TileServer s = new TileServer(template, cache, "EvPowerConsole/test")) {
            assertArrayEquals(PNG, get(s, "/osm/7/88/47.png").body());
            assertEquals(1, s.fromCache());
        }
    }

    @Test
    void withNoUpstreamAnUncachedTileFailsFastWith502() throws Exception {
        int dead;
        try (ServerSocket ss = new ServerSocket(0)) {
            dead = ss.getLocalPort();
        }
        try (TileServer s = new TileServer("http://127.0.0.1:" + dead + "/{z}/{x}/{y}.png", Files.createTempDirectory("tiles"), "t")) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = get(s, "/osm/5/22/11.png");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(502, r.statusCode());
            assertTrue(ms < 3000, "failed within 3 s: " + ms + " ms");
            assertEquals(1, s.failed());
        }
    }

    @Test
    void onlyRealTileAddressesAreServed() throws Exception {
        try (TileServer s = new TileServer(startUpstream(), Files.createTempDirectory("tiles"), "t")) {
            assertEquals(404, get(s, "/osm/3/8/1.png").statusCode());      // x out of range at z=3
            assertEquals(404, get(s, "/osm/../../etc/passwd").statusCode());
            assertEquals(404, get(s, "/osm/1/0/0.jpg").statusCode());
            assertEquals(0, upstreamHits.get());
        }
    }
}
