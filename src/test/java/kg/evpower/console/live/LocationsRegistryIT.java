package kg.evpower.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.LocationUpdate;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Production keeps its location sockets in a dict keyed by {@code client_id} (contract §5.1), and so does the
 * sandbox: a reused id silently ends a connection's updates. The console asks for a fresh id per connection, so two
 * consoles of one person on one address both get every update, also after one of them goes away.
 */
class LocationsRegistryIT {

    private SandboxServer server;
    private ScheduledExecutorService scheduler;
    private final List<LocationsFeed> feeds = new CopyOnWriteArrayList<>();
    private String station;

    @BeforeEach
    void start() {
        server = Sandboxes.start(Sandboxes.quiet());
        scheduler = Executors.newScheduledThreadPool(2);
        station = Sandboxes.client(server).stations().locations(true).get(0).stations().get(0).id();
    }

    @AfterEach
    void stop() {
        feeds.forEach(LocationsFeed::close);
        scheduler.shutdownNow();
        server.close();
    }

    /** A console's feed: every update it hears goes to {@code into}. */
    private LocationsFeed feed(Supplier<URI> uri, List<LocationUpdate> into) throws InterruptedException {
        LocationsFeed f = new LocationsFeed(uri, scheduler, LocationsFeedIT.collecting(into), Duration.ofMillis(200));
        feeds.add(f);
        f.start();
        LocationsFeedIT.waitFor(() -> f.state() == LocationsFeed.State.CONNECTED, 5000);
        return f;
    }

    /** A station changes {@code n} times; each change is one location_status_update to every listener. */
    private void changes(int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            server.events().statusNotification(station, 1, i % 2 == 0 ? "Faulted" : "Available", i % 2 == 0 ? "GroundFailure" : null, null);
        }
        Thread.sleep(500);
    }

    /**
     * A console's client; the locations socket needs no session (contract §5.1), so two of these are two consoles of
     * one OS user on one address, which the old console gave the same id.
     */
    private static EvPowerClient console(SandboxServer s) {
        return Sandboxes.client(s);
    }

    @Test
    void theSandboxKeepsProductionsRegistry_aReusedClientIdSilencesTheOpenConnection() throws Exception {
        EvPowerClient c = Sandboxes.client(server);
        List<LocationUpdate> first = new CopyOnWriteArrayList<>();
        List<LocationUpdate> second = new CopyOnWriteArrayList<>();
        LocationsFeed a = feed(() -> c.stations().locationsSocket("desk-of-aibek"), first);
        feed(() -> c.stations().locationsSocket("desk-of-aibek"), second);
        changes(3);
        assertEquals(0, first.size(), "the earlier socket lost its registry entry to the later one");
        assertEquals(6, second.size(), "both listeners send to the later socket: every update twice");
        a.close();
        Thread.sleep(300);
        second.clear();
        changes(3);
        assertEquals(0, second.size(), "the earlier socket's close removed the id: the open one hears nothing more");
        assertEquals(LocationsFeed.State.CONNECTED, feeds.get(1).state(), "while it looks connected");
    }

    @Test
    void twoConsolesOfOnePersonOnOneAddressBothReceiveEveryUpdate_alsoAfterOneReconnectsOrCloses() throws Exception {
        EvPowerClient one = console(server);
        EvPowerClient two = console(server);
        List<LocationUpdate> first = new CopyOnWriteArrayList<>();
        List<LocationUpdate> second = new CopyOnWriteArrayList<>();
        LocationsFeed a = feed(one.stations()::locationsSocket, first);
        feed(two.stations()::locationsSocket, second);
        changes(4);
        assertEquals(4, first.size(), "every update, once");
        assertEquals(4, second.size(), "every update, once");
        // the server drops every socket: both reconnect, each with a new id, and both still hear everything
        Sandboxes.control(server, "/_sandbox/ws/drop", "{}");
        LocationsFeedIT.waitFor(() -> feeds.stream().allMatch(f -> f.state() == LocationsFeed.State.CONNECTED) && server.hub().connectionCount() == 2,
                10_000);
        first.clear();
        second.clear();
        changes(2);
        assertEquals(2, first.size());
        assertEquals(2, second.size());
        a.close();
        Thread.sleep(300);
        second.clear();
        changes(2);
        assertEquals(2, second.size(), "one console closing does not silence the other");
        assertTrue(first.size() <= 2);
    }
}
