package kg.evpower.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.FxCoalescer;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.live.LocationsFeed;
import kg.evpower.console.live.SessionsFeed;
import kg.evpower.console.sessions.SessionProblem;
import kg.evpower.console.sessions.SessionRow;
import kg.evpower.console.sessions.SessionsService;
import kg.evpower.console.sessions.SessionsView;
import kg.evpower.console.sessions.SessionsViewModel;

/**
 * The live sessions dashboard under load: a sandbox at {@code --scale 85} (about 5,800 real sessions after its
 * warm-up) in a process of its own, every car sending MeterValues about once a second ({@code --meter-interval}),
 * streamed over the operator API's WebSocket into the console's real service, view model and view (the table on
 * screen, 1280×800). Two ways of handing the stream to the FX thread are measured in the same run, one after the
 * other: the console's (latest row per session, applied once per pulse) and a naive {@code Platform.runLater} per
 * message.
 *
 * <p>Figures: FX-thread time per pulse is the FX thread's CPU time between two pulses (ThreadMXBean), so it includes
 * CSS, layout, our apply and, in the naive run, every runLater in between; latency is from the moment the service had
 * the decoded frame to the moment the row was in the table's list; heap is the peak of the heap pools, with the JVM
 * capped at {@code -Xmx512m}.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * xvfb-run -a -s "-screen 0 1440x900x24" java -Xmx512m \
 *     -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.SessionsBenchmark [seconds per phase]
 * </pre>
 * With {@code BENCH_OPERATOR=1} in front, the table is sorted by power (re-sorted every 2 s) and a session is selected,
 * so its detail and charts follow the stream too.
 */
public final class SessionsBenchmark {

    private SessionsBenchmark() {
    }

    /** Which way rows reach the FX thread. */
    private enum Mode { COALESCED, NAIVE }

    private static volatile Mode mode = Mode.COALESCED;
    private static volatile boolean measuring;
    private static final List<Long> PULSE_CPU = Collections.synchronizedList(new ArrayList<>());
    private static final List<Long> LATENCY = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicLong MESSAGES = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "evpower-bench-sessions");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process sandbox = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), "kg.evpower.sandbox.SandboxServer", "--port", Integer.toString(port),
                "--data-dir", data.toString(), "--reset", "--scale", "85", "--rate-limit", "0", "--meter-interval", "0.9")
                .redirectErrorStream(true).redirectOutput(new File(System.getProperty("java.io.tmpdir"), "evpower-bench-sandbox.log"))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::destroy));
        try {
            run(port, seconds);
        } finally {
            sandbox.destroy();
        }
        System.exit(0);
    }

    private static void run(int port, int seconds) throws Exception {
        EvPowerClient api = new EvPowerClient(URI.create("http://127.0.0.1:" + port), new RequestBudget(600, Duration.ofSeconds(60), 0.5),
                Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        while (true) {
            try {
                api.server().health();
                break;
            } catch (RuntimeException e) {
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(180)) {
                    throw new IllegalStateException("the sandbox did not start in 180 s");
                }
                Thread.sleep(500);
            }
        }
        api.auth().sendOtp("+996700000001");
        api.auth().verifyOtp("+996700000001", new kg.evpower.console.api.SandboxApi(api).sandboxOtp("+996700000001").orElseThrow());
        System.out.printf("sandbox up after %d s%n", (System.nanoTime() - t0) / 1_000_000_000);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        ScheduledExecutorService io = Executors.newScheduledThreadPool(2);
        Messages m = new Messages("ru");
        Formats f = new Formats(m);
        AtomicReference<SessionsViewModel> vmRef = new AtomicReference<>();
        FxCoalescer<String, Optional<SessionRow>> rows = new FxCoalescer<>(batch -> vmRef.get().apply(batch));
        SessionsService service = new SessionsService(new SessionsService.Sink() {
            @Override
            public void changed(SessionRow row) {
                MESSAGES.incrementAndGet();
                if (mode == Mode.COALESCED) {
                    rows.offer(row.id(), Optional.of(row));
                } else {
                    Platform.runLater(() -> vmRef.get().apply(Map.of(row.id(), Optional.of(row))));
                }
            }

            @Override
            public void removed(String sessionId) {
                rows.offer(sessionId, Optional.empty());
            }

            @Override
            public void evaluated(SessionsService.Totals totals, List<SessionProblem> problems, List<SessionProblem> fresh) {
                Platform.runLater(() -> vmRef.get().evaluated(totals, problems, fresh));
            }

            @Override
            public void feedState(LocationsFeed.State state, int failedAttempts, Duration nextRetry) {
                System.out.println("feed: " + state);
            }
        }, Instant::now, api.sessions()::adminStoppedTotals, io);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong fxThread = new AtomicLong();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            SessionsViewModel vm = new SessionsViewModel(SessionsViewModel.Mode.STREAM, service::history, fresh -> { }, null, null,
                    Instant::now, new kg.evpower.console.fx.FxTaskExecutor(io, Throwable::toString));
            vm.setOnApplied(applied -> {
                if (measuring) {
                    long now = System.nanoTime();
                    for (SessionRow r : applied) {
                        LATENCY.add(now - r.receivedNanos());
                    }
                }
            });
            vmRef.set(vm);
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            Stage stage = new Stage();
            Scene scene = new Scene(new SessionsView(vm, m, f, stationId -> null), 1280, 800);
            scene.getStylesheets().add(kg.evpower.console.ConsoleApp.class.getResource("console.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            fxThread.set(Thread.currentThread().getId());
            rows.start();
            // one pulse to the next: the FX thread's CPU time in between
            new AnimationTimer() {
                private long last = -1;

                @Override
                public void handle(long now) {
                    long cpu = threads.getThreadCpuTime(fxThread.get());
                    if (last >= 0 && measuring) {
                        PULSE_CPU.add(cpu - last);
                    }
                    last = cpu;
                }
            }.start();
            shown.countDown();
        });
        shown.await();
        SessionsFeed feed = new SessionsFeed(api.sessions()::sessionsSocket, () -> api.cookies().header(), io, service, Duration.ofSeconds(1));
        feed.start();
        io.scheduleWithFixedDelay(service::evaluate, 1, 1, TimeUnit.SECONDS);
        // wait for the warm-up's sessions to be running and metering
        long w0 = System.nanoTime();
        while (service.runningIds().size() < 5000 && System.nanoTime() - w0 < TimeUnit.SECONDS.toNanos(120)) {
            Thread.sleep(1000);
        }
        System.out.printf("running sessions in the console: %d%n", service.runningIds().size());
        if (System.getenv("BENCH_OPERATOR") != null) {
            // as an operator works: sorted by power, highest first, one session selected with its charts
            Platform.runLater(() -> {
                @SuppressWarnings("unchecked")
                javafx.scene.control.TableView<kg.evpower.console.sessions.SessionsViewModel.Entry> table =
                        (javafx.scene.control.TableView<kg.evpower.console.sessions.SessionsViewModel.Entry>) Stage.getWindows().get(0).getScene()
                                .lookup("#sessions-table");
                javafx.scene.control.TableColumn<kg.evpower.console.sessions.SessionsViewModel.Entry, ?> power = table.getColumns().stream()
                        .filter(c -> "col-power".equals(c.getId())).findFirst().orElseThrow();
                power.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
                table.getSortOrder().setAll(java.util.List.of(power));
                table.getSelectionModel().select(0);
            });
            System.out.println("sorted by power, first row selected");
        }
        Thread.sleep(10_000);
        for (Mode phase : Mode.values()) {
            mode = phase;
            Thread.sleep(5_000); // settle into this mode
            Heap.resetPeaks();
            PULSE_CPU.clear();
            LATENCY.clear();
            long messages0 = MESSAGES.get();
            measuring = true;
            long p0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring = false;
            double secs = (System.nanoTime() - p0) / 1e9;
            long heap = Heap.peak();
            List<Long> pulses = sorted(PULSE_CPU);
            List<Long> lat = sorted(LATENCY);
            System.out.printf("%s: %d sessions running, %.0f msg/s, %d pulses (%.1f/s); FX-thread CPU per pulse median %.2f ms, p95 %.2f ms,"
                            + " max %.2f ms; latency frame→row median %.1f ms, p99 %.1f ms, max %.1f ms (%d rows); peak heap %d MB%n",
                    phase, service.runningIds().size(), (MESSAGES.get() - messages0) / secs, pulses.size(), pulses.size() / secs,
                    ms(pct(pulses, 50)), ms(pct(pulses, 95)), ms(pct(pulses, 100)), ms(pct(lat, 50)), ms(pct(lat, 99)), ms(pct(lat, 100)),
                    lat.size(), heap / (1024 * 1024));
        }
        feed.close();
        Platform.exit();
    }

    private static List<Long> sorted(List<Long> v) {
        synchronized (v) {
            List<Long> s = new ArrayList<>(v);
            Collections.sort(s);
            return s;
        }
    }

    private static long pct(List<Long> s, int p) {
        if (s.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
