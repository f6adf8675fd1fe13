package kg.evpower.console.live;

import kg.evpower.console.api.ApiTransport;
import kg.evpower.console.api.SessionsApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.MeterSample;
import kg.evpower.console.sessions.SessionProblem;
import kg.evpower.console.sessions.SessionRow;
import kg.evpower.console.sessions.SessionsService;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.sandbox.world.drivers.ChargingSimulator;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * The session stream under load and loss: simulated cars charge at 600× speed while the sandbox drops the WebSocket
 * and a frame out of sequence arrives; the feed reconnects, resyncs, and ends with exactly the sessions and energy the
 * sandbox has — none lost, none doubled.
 */
class SessionsFeedIT {

    @Test
    void aDroppedStreamAndASequenceGapEndInExactlyTheSandboxesSessions() throws Exception {
        ScheduledExecutorService io = Executors.newScheduledThreadPool(2);
        try (SandboxServer server = Sandboxes.start(Sandboxes.quiet())) {
            SandboxServer ctx = server;
            EvPowerClient admin = Sandboxes.loggedIn(server, "+996700000001");
            Map<String, ChargingSession> running = new ConcurrentHashMap<>();
            AtomicReference<LocationsFeed.State> state = new AtomicReference<>();
            AtomicLong lastFrameAt = new AtomicLong(System.nanoTime());
            // the console's own bookkeeping fed by the same frames, for the totals
            AtomicReference<SessionsService.Totals> totals = new AtomicReference<>();
            SessionsService service = new SessionsService(new SessionsService.Sink() {
                @Override
                public void changed(SessionRow row) {
                }

                @Override
                public void removed(String sessionId) {
                }

                @Override
                public void evaluated(SessionsService.Totals t, List<SessionProblem> problems, List<SessionProblem> fresh) {
                    totals.set(t);
                }

                @Override
                public void feedState(LocationsFeed.State s, int failedAttempts, Duration nextRetry) {
                }
            }, Instant::now, admin.sessions()::adminStoppedTotals, Runnable::run);
            SessionsFeed feed = new SessionsFeed(admin.sessions()::sessionsSocket, () -> admin.cookies().header(), io, new SessionsFeed.Listener() {
                @Override
                public void onState(LocationsFeed.State s, int failedAttempts, Duration nextRetry) {
                    state.set(s);
                }

                @Override
                public void onSnapshot(List<ChargingSession> sessions) {
                    lastFrameAt.set(System.nanoTime());
                    running.clear();
                    sessions.forEach(s -> running.put(s.id(), s));
                    service.onSnapshot(sessions);
                }

                @Override
                public void onStarted(ChargingSession session) {
                    lastFrameAt.set(System.nanoTime());
                    running.put(session.id(), session);
                    service.onStarted(session);
                }

                @Override
                public void onMeter(String sessionId, Integer connectorId, BigDecimal energyKwh, BigDecimal cost, MeterSample sample) {
                    lastFrameAt.set(System.nanoTime());
                    running.computeIfPresent(sessionId, (id, s) -> s.withMeter(sample, energyKwh, connectorId));
                    service.onMeter(sessionId, connectorId, energyKwh, cost, sample);
                }

                @Override
                public void onStopped(String sessionId, Optional<ChargingSession> session) {
                    lastFrameAt.set(System.nanoTime());
                    running.remove(sessionId);
                    service.onStopped(sessionId, session);
                }

                @Override
                public void onStationStatus(String stationId, int connectorId, String ocppStatus, String errorCode) {
                    lastFrameAt.set(System.nanoTime());
                }
            }, Duration.ofMillis(100));
            feed.start();

            // cars on 30 stations, ticking at 600× on a thread of their own
            ChargingSimulator cars = new ChargingSimulator(ctx.db(), ctx.charging(),
                    (id, connector, status) -> ctx.events().statusNotification(id, connector, status, null, null),
                    ctx.presence()::isOnline, Instant::now, 11, 600, null);
            List<String> stations = ctx.db().query("SELECT s.id FROM stations s JOIN connectors c ON c.station_id = s.id"
                    + " WHERE s.status = 'active' AND s.is_available AND c.connector_number = 1 AND c.status = 'available'"
                    + " ORDER BY s.id LIMIT 30", rs -> rs.getString(1));
            AtomicBoolean driving = new AtomicBoolean(true);
            Thread driver = new Thread(() -> {
                int i = 0;
                while (driving.get()) {
                    synchronized (cars) {
                        if (i < stations.size()) {
                            cars.arrive(stations.get(i++), 1);
                        }
                        cars.tick();
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-cars");
            driver.start();

            Thread.sleep(1500);
            long before = feed.received();
            admin.call("POST", "/_sandbox/ws/drop", Map.of(), JsonNode.class, ApiTransport.Auth.PUBLIC); // mid-stream
            Thread.sleep(1500);
            feed.handle("{\"type\":\"meter_update\",\"seq\":987654321,\"session_id\":\"nope\"}");        // a lost stretch
            feed.handle("{not json");
            feed.handle("{\"type\":\"wormhole\",\"seq\":987654322}");
            Thread.sleep(1500);
            driving.set(false);
            driver.join();
            // quiet: no frame for a second
            long waitUntil = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() - lastFrameAt.get() < 1_000_000_000L && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }

            assertEquals(LocationsFeed.State.CONNECTED, state.get(), "reconnected");
            assertTrue(feed.received() > before, "frames after the drop");
            assertTrue(feed.snapshots() >= 3, "snapshot at connect, after the reconnect and after the gap: " + feed.snapshots());
            assertTrue(feed.gaps() >= 1, "the gap was noticed");
            assertEquals(1, feed.malformed(), "the malformed frame was counted");

            SessionsApi.SessionsPage truth = admin.sessions().adminSessions(ChargingSession.Status.STARTED, null, null, null, 1000, 0);
            Map<String, BigDecimal> expected = new TreeMap<>();
            truth.sessions().forEach(s -> expected.put(s.id(), energy(s.energyKwh())));
            Map<String, BigDecimal> seen = new TreeMap<>();
            running.values().forEach(s -> seen.put(s.id(), energy(s.energyKwh())));
            assertTrue(expected.size() > 0, "some sessions still running");
            assertEquals(expected, seen, "exactly the sandbox's running sessions and energy");
            // and the totals bar: running now plus ended today, none lost, none counted twice
            java.time.LocalDate day = java.time.LocalDate.now(kg.evpower.console.fx.Formats.BISHKEK);
            SessionsApi.StoppedTotals ended = admin.sessions().adminStoppedTotals(day.atStartOfDay(kg.evpower.console.fx.Formats.BISHKEK).toInstant(),
                    day.plusDays(1).atStartOfDay(kg.evpower.console.fx.Formats.BISHKEK).toInstant());
            BigDecimal energyToday = ended.energyKwh();
            BigDecimal revenueToday = ended.amount();
            for (ChargingSession s : truth.sessions()) {
                energyToday = energyToday.add(s.energyKwh());
                revenueToday = revenueToday.add(s.energyKwh().multiply(s.ratePerKwh()).setScale(2, RoundingMode.HALF_UP));
            }
            service.evaluate();
            SessionsService.Totals t = totals.get();
            assertTrue(t.todayKnown());
            assertTrue(ended.count() > 0, "some sessions ended during the run");
            assertEquals(expected.size(), t.active());
            assertEquals(ended.count(), t.endedToday(), "ended today");
            assertEquals(energyToday.setScale(2, RoundingMode.HALF_UP), t.energyTodayKwh(), "kWh today");
            assertEquals(revenueToday.setScale(2, RoundingMode.HALF_UP), t.revenueToday(), "revenue today");
            System.out.printf("feed: %d frames, %d snapshots, %d gaps, %d malformed, %d unknown; %d sessions running at the end%n",
                    feed.received(), feed.snapshots(), feed.gaps(), feed.malformed(), feed.unknownTypes(), seen.size());
            feed.close();
        } finally {
            io.shutdownNow();
        }
    }

    private static BigDecimal energy(BigDecimal kwh) {
        return kwh == null ? BigDecimal.ZERO.setScale(3) : kwh.setScale(3, RoundingMode.HALF_UP);
    }
}
