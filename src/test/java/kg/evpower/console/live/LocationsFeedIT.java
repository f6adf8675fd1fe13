package kg.evpower.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.LocationUpdate;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/** The locations WebSocket client against the sandbox: updates, restart of the server, reconnect and resync. */
class LocationsFeedIT {

    @Test
    void receivesUpdatesAndResyncsAfterTheServerRestarts() throws Exception {
        SandboxConfig config = Sandboxes.quiet();
        SandboxServer server = Sandboxes.start(config);
        int port = server.port();
        EvPowerClient client = Sandboxes.client(server);
        BlockingQueue<LocationUpdate> updates = new LinkedBlockingQueue<>();
        List<Boolean> resyncs = new CopyOnWriteArrayList<>();
        List<LocationsFeed.State> states = new CopyOnWriteArrayList<>();
        AtomicReference<URI> uri = new AtomicReference<>(client.stations().locationsSocket("test-console"));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        LocationsFeed feed = new LocationsFeed(uri::get, scheduler, new LocationsFeed.Listener() {
            @Override
            public void onState(LocationsFeed.State state, int failedAttempts, Duration nextRetry) {
                states.add(state);
            }

            @Override
            public void onUpdate(LocationUpdate update) {
                updates.add(update);
            }

            @Override
            public void onResync(boolean firstConnect) {
                resyncs.add(firstConnect);
            }
        }, Duration.ofMillis(200));
        try {
            feed.start();
            waitFor(() -> feed.state() == LocationsFeed.State.CONNECTED, 5000);
            assertEquals(List.of(true), resyncs);

            String station = client.stations().locations(true).get(0).stations().get(0).id();
            String location = client.stations().locations(true).get(0).id();
            server.events().statusNotification(station, 1, "Faulted", "GroundFailure", null);
            LocationUpdate u = updates.poll(3, TimeUnit.SECONDS);
            assertEquals(location, u.locationId());
            assertTrue(u.connectorCounts().faulted() >= 1);
            assertTrue(u.timestamp() != null, "naive timestamp parsed as UTC");

            // restart the sandbox on the same port and data: the feed reconnects and asks for a resync
            server.close();
            waitFor(() -> feed.state() == LocationsFeed.State.RECONNECTING, 5000);
            server = SandboxServer.start(config.withPort(port).withDataDir(config.dataDir(), false));
            waitFor(() -> resyncs.size() == 2, 15000);
            assertEquals(List.of(true, false), resyncs);
            server.events().statusNotification(station, 1, "Available", null, null);
            LocationUpdate after = updates.poll(3, TimeUnit.SECONDS);
            assertEquals(location, after.locationId());
            assertEquals(0, feed.malformed());
        } finally {
            feed.close();
            scheduler.shutdownNow();
            server.close();
        }
    }

    @Test
    void malformedAndUnknownMessagesAreCountedNotFatal() {
        List<LocationUpdate> got = new CopyOnWriteArrayList<>();
        LocationsFeed feed = new LocationsFeed(() -> URI.create("ws://127.0.0.1:1"), Executors.newSingleThreadScheduledExecutor(),
                collecting(got), Duration.ofSeconds(1));
        feed.handle("{not json");
        feed.handle("{\"type\":\"charging_session_update\"}");
        feed.handle("{\"type\":\"location_status_update\",\"status\":\"available\"}");
        feed.handle("{\"type\":\"location_status_update\",\"location_id\":\"L1\",\"status\":\"brand_new\","
                + "\"stations_summary\":{\"total\":1},\"timestamp\":\"2025-12-09T04:37:21.123456\"}");
        assertEquals(2, feed.malformed());
        assertEquals(1, feed.unknownTypes());
        assertEquals(1, got.size());
        assertEquals(LocationStatus.UNKNOWN, got.get(0).status());
    }

    /** A listener that only collects the updates it hears. */
    static LocationsFeed.Listener collecting(List<LocationUpdate> into) {
        return new LocationsFeed.Listener() {
            @Override
            public void onState(LocationsFeed.State s, int f, Duration d) {
            }

            @Override
            public void onUpdate(LocationUpdate update) {
                into.add(update);
            }

            @Override
            public void onResync(boolean first) {
            }
        };
    }

    static void waitFor(java.util.function.BooleanSupplier cond, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met within " + ms + " ms");
            }
            Thread.sleep(50);
        }
    }
}
