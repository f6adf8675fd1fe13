package kg.evpower.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.domain.ConnectorCounts;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.stations.LeafletMapView;
import kg.evpower.console.stations.MapCities;
import kg.evpower.console.stations.MapView;
import kg.evpower.console.stations.MapViewModel;
import kg.evpower.console.stations.StationFilter;
import kg.evpower.console.stations.StationsViewModel;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;

/**
 * Map benchmark at 10,000 stations (sandbox {@code --scale 85}): the stations come from the sandbox's operator API
 * over HTTP, then the real map view (Leaflet in a WebView) draws them. Frame times are the JavaFX pulse durations that
 * JavaFX's own pulse logger reports ({@code -Djavafx.pulseLogger=true}, threshold 0), so they include CSS, layout and
 * rendering of the scene with the WebView.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * xvfb-run -a -s "-screen 0 1440x900x24" java -Xmx1g -Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0 \
 *     -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.MapBenchmark /tmp/evpower-bench-85
 * </pre>
 */
public final class MapBenchmark {

    /** Both forms the pulse logger prints: "PULSE: 12 [16ms:3ms]" and the short "[13 16ms:0ms]". */
    private static final Pattern PULSE = Pattern.compile("(?:PULSE: |\\[)\\d+ \\[?(\\d+)ms:(\\d+)ms\\]");

    /** What the pulse logger (and anything else on System.out/err) printed since the last phase began. */
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();

    private MapBenchmark() {
    }

    public static void main(String[] args) {
        PrintStream err = System.err;
        try {
            run(args);
        } catch (Throwable t) { // the pulse logger owns System.out/err by now: report on the real stream and stop the sandbox
            t.printStackTrace(err);
            try {
                Path dump = Path.of(System.getProperty("java.io.tmpdir"), "evpower-map-failed-output.txt");
                java.nio.file.Files.write(dump, CAPTURED.toByteArray());
                err.println("captured output (pulse log, errors) in " + dump);
            } catch (java.io.IOException e) {
                err.println("captured output not saved: " + e);
            }
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "/tmp/evpower-bench-85");
        boolean reset = !data.resolve("evpower.mv.db").toFile().exists();
        SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withDataDir(data, reset).withScale(85)
                .withSimulation(false, 1.0).withRateLimit(0, Duration.ofSeconds(60)).withOtpResend(Duration.ZERO));
        EvPowerClient client = new EvPowerClient(java.net.URI.create(sandbox.baseUrl()), new RequestBudget(600, Duration.ofSeconds(60), 0.5),
                Duration.ofSeconds(60));
        client.auth().sendOtp("+996700000001");
        client.auth().verifyOtp("+996700000001", new kg.evpower.console.api.SandboxApi(client).sandboxOtp("+996700000001").orElseThrow());
        long f0 = System.nanoTime();
        List<Station> stations = client.stations().adminStations();
        long fetchMs = (System.nanoTime() - f0) / 1_000_000;
        System.out.printf("fetched %d stations from /api/v1/admin/stations in %d ms%n", stations.size(), fetchMs);

        // the pulse logger prints to System.out: keep it, parse it, and print our own lines to the real stdout
        PrintStream real = System.out;
        ByteArrayOutputStream pulses = CAPTURED;
        PrintStream capture = new PrintStream(pulses, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Messages m = new Messages("ru");
        Formats f = new Formats(m);
        StationsViewModel state = new StationsViewModel();
        AtomicReference<LeafletMapView> mapRef = new AtomicReference<>();
        AtomicReference<MapViewModel> vmRef = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            MapViewModel vm = new MapViewModel(state, Instant::now, true, StationFilter.ALL,
                    new kg.evpower.console.fx.FxTaskExecutor(java.util.concurrent.Executors.newSingleThreadScheduledExecutor(), Throwable::toString),
                    new kg.evpower.console.stations.MapBackgroundViewModel.TileSources() {
                        @Override
                        public String streetTiles(String upstream) {
                            throw new IllegalStateException("no street tiles in the benchmark");
                        }

                        @Override
                        public kg.evpower.console.stations.tiles.LocalTileServer.Layer localTiles(String path) {
                            throw new IllegalStateException("no local tiles in the benchmark");
                        }
                    });
            LeafletMapView map = new LeafletMapView(m, f, MapCities.cities("ru"), MapCities.countries("ru"));
            // the cards' commands as against a server without the operator API (the benchmark measures the map, not commands)
            kg.evpower.console.stations.StationActionsView actions = new kg.evpower.console.stations.StationActionsView(
                    new kg.evpower.console.stations.StationActionsViewModel(m, f, null, new kg.evpower.console.fx.SynchronousTaskExecutor(Throwable::toString),
                            kg.evpower.console.domain.Role.SUPERADMIN, false, java.time.Instant::now), m, f);
            MapView view = new MapView(vm, m, f, map, url -> { }, actions);
            // the console's own look: AtlantaFX's theme and the console's stylesheet
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            Stage stage = new Stage();
            Scene scene = new Scene(view, 1280, 800);
            scene.getStylesheets().add(kg.evpower.console.ConsoleApp.class.getResource("console.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            mapRef.set(map);
            vmRef.set(vm);
            shown.countDown();
        });
        shown.await();
        waitFor(() -> onFx(() -> mapRef.get().isReady()), 30_000);
        String experiment = System.getenv("BENCH_JS"); // a script for experiments, e.g. hiding a layer to see its cost
        if (experiment != null) {
            onFx(() -> mapRef.get().eval(experiment));
        }
        if (System.getenv("BENCH_NO_TABLE") != null) { // the station list left empty, to see what it costs
            onFx(() -> {
                ((javafx.scene.control.TableView<?>) mapRef.get().getScene().lookup("#map-list"))
                        .setItems(javafx.collections.FXCollections.observableArrayList());
                return null;
            });
        }
        Thread.sleep(1000);

        // 1. first full render after the data arrives: apply the list, then wait until two pulses have passed
        AtomicLong applyNanos = new AtomicLong();
        long r0 = System.nanoTime();
        onFx(() -> {
            long a = System.nanoTime();
            // BENCH_EMPTY=1: the same run with no stations, to see what the WebView alone costs
            state.replaceAll(System.getenv("BENCH_EMPTY") != null ? List.of() : stations);
            applyNanos.set(System.nanoTime() - a);
            return null;
        });
        awaitPulses(2);
        long firstRenderMs = (System.nanoTime() - r0) / 1_000_000;
        int drawn = ((Number) onFx(() -> mapRef.get().eval("(function(){var v=JSON.parse(evp.visible());return v.markers.length"
                + "+v.clusters.reduce(function(a,b){return a+b.count;},0);})()"))).intValue();
        int locations = vmRef.get().markers().size();
        real.printf("first full render: %d ms after the data arrived (apply on the FX thread %d ms); %d locations, %d drawn%n",
                firstRenderMs, applyNanos.get() / 1_000_000, locations, drawn);
        Thread.sleep(1500);

        // 2. pan and zoom the way an operator does, with the mouse (JavaFX robot): drag across the map and back
        //    in 8 px steps every 16 ms, and wheel-zoom in and out
        pulses.reset();
        javafx.geometry.Point2D centre = onFx(() -> {
            LeafletMapView mp = mapRef.get();
            return mp.localToScreen(mp.getWidth() / 2, mp.getHeight() / 2);
        });
        javafx.scene.robot.Robot[] robot = new javafx.scene.robot.Robot[1];
        onFx(() -> robot[0] = new javafx.scene.robot.Robot());
        StringBuilder dragLog = new StringBuilder();
        StringBuilder wheelLog = new StringBuilder();
        for (int round = 0; round < 3; round++) {
            pulses.reset();
            for (int dir : new int[] {1, -1}) {
                onFx(() -> {
                    robot[0].mouseMove(centre);
                    robot[0].mousePress(javafx.scene.input.MouseButton.PRIMARY);
                    return null;
                });
                for (int i = 1; i <= 25; i++) {
                    double dx = dir * i * 8;
                    onFx(() -> {
                        robot[0].mouseMove(centre.getX() + dx, centre.getY() + dx / 3);
                        return null;
                    });
                    Thread.sleep(16);
                }
                onFx(() -> {
                    robot[0].mouseRelease(javafx.scene.input.MouseButton.PRIMARY);
                    return null;
                });
                Thread.sleep(300);
            }
            dragLog.append(pulses.toString(StandardCharsets.UTF_8));
            pulses.reset();
            for (int wheel : new int[] {-1, -1, 1, 1}) {
                onFx(() -> {
                    robot[0].mouseMove(centre);
                    robot[0].mouseWheel(wheel);
                    return null;
                });
                Thread.sleep(400);
            }
            wheelLog.append(pulses.toString(StandardCharsets.UTF_8));
        }
        String panLog = dragLog + "\n" + wheelLog;
        java.nio.file.Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "evpower-map-pan-pulses.txt"), panLog);
        List<Integer> panFrames = durations(panLog);
        real.printf("pan/zoom by mouse: %d pulses, frame time median %d ms, p95 %d ms, max %d ms%n", panFrames.size(),
                pct(panFrames, 50), pct(panFrames, 95), pct(panFrames, 100));
        List<Integer> dragFrames = durations(dragLog.toString());
        List<Integer> wheelFrames = durations(wheelLog.toString());
        real.printf("  of which dragging: %d pulses, median %d ms, p95 %d ms; wheel zoom: %d pulses, median %d ms, p95 %d ms%n",
                dragFrames.size(), pct(dragFrames, 50), pct(dragFrames, 95), wheelFrames.size(), pct(wheelFrames, 50), pct(wheelFrames, 95));

        if (System.getenv("BENCH_EMPTY") != null) { // nothing to change without stations
            System.setOut(real);
            Platform.exit();
            sandbox.close();
            System.exit(0);
        }

        // 3. bursts of 1,000 status changes, each handed over in one pulse by the FxCoalescer as in the console;
        //    the first two warm the JIT up, the next five are measured
        List<Integer> applyMs = java.util.Collections.synchronizedList(new ArrayList<>());
        kg.evpower.console.fx.FxCoalescer<String, Station> coalescer = new kg.evpower.console.fx.FxCoalescer<>(
                batch -> {
                    long a = System.nanoTime();
                    state.upsert(batch.values());
                    applyMs.add((int) ((System.nanoTime() - a) / 1_000_000));
                });
        onFx(() -> {
            coalescer.start();
            return null;
        });
        List<Integer> burstMax = new ArrayList<>();
        List<Integer> burstGap = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            pulses.reset();
            int r = round;
            List<Station> current = onFx(() -> {
                List<Station> out = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    out.add(state.station(stations.get((i * (stations.size() / 1000) + r) % stations.size()).id()));
                }
                return out;
            });
            for (Station s : current) { // all at once, as a burst from the WebSocket arrives
                StationStatus next = s.status() == StationStatus.AVAILABLE ? StationStatus.OCCUPIED : StationStatus.AVAILABLE;
                coalescer.offer(s.id(), new Station(s.id(), s.serialNumber(), s.model(), s.manufacturer(), s.locationId(), s.locationName(),
                        s.address(), s.city(), s.latitude(), s.longitude(), s.powerKw(), next, s.adminStatus(), s.online(), s.lastHeartbeat(),
                        s.tariff(), new ConnectorCounts(s.connectors().total(), next == StationStatus.AVAILABLE ? 1 : 0,
                                next == StationStatus.OCCUPIED ? 1 : 0, 0), s.connectorList(), s.ownerId(), s.ownerName(), s.isAvailable()));
            }
            Thread.sleep(2000);
            String log = pulses.toString(StandardCharsets.UTF_8);
            java.nio.file.Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "evpower-map-burst-pulses.txt"), log);
            if (round >= 2) {
                burstMax.add(pct(durations(log), 100));
                burstGap.add(pct(intervals(log), 100));
            }
        }
        real.printf("burst of 1000 status changes (5 rounds after 2 warm-up): longest pulse per round %s ms, median %d ms;"
                + " longest gap between pulses per round %s ms; Java apply of each burst on the FX thread %s ms%n", burstMax,
                pct(burstMax, 50), burstGap, applyMs.subList(2, applyMs.size()));
        System.setOut(real);
        Platform.exit();
        sandbox.close();
        System.exit(0);
    }

    private static List<Integer> intervals(String log) {
        List<Integer> out = new ArrayList<>();
        Matcher mt = PULSE.matcher(log);
        while (mt.find()) {
            out.add(Integer.parseInt(mt.group(1)));
        }
        return out;
    }

    private static List<Integer> durations(String log) {
        List<Integer> out = new ArrayList<>();
        Matcher mt = PULSE.matcher(log);
        while (mt.find()) {
            out.add(Integer.parseInt(mt.group(2)));
        }
        return out;
    }

    static int pct(List<Integer> v, int p) {
        if (v.isEmpty()) {
            return -1;
        }
        List<Integer> s = new ArrayList<>(v);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    private static void awaitPulses(int n) throws InterruptedException {
        CountDownLatch l = new CountDownLatch(n);
        AnimationTimer[] t = new AnimationTimer[1];
        Platform.runLater(() -> {
            t[0] = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    l.countDown();
                    if (l.getCount() == 0) {
                        stop();
                    }
                }
            };
            t[0].start();
        });
        l.await(10, TimeUnit.SECONDS);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                err.set(e);
            } finally {
                l.countDown();
            }
        });
        if (!l.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not answer within 60 s (frozen)");
        }
        if (err.get() != null) {
            throw err.get();
        }
        return out.get();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> c, long ms) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (!c.call()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
