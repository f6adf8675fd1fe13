package kg.evpower.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.FxTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.stats.StatsGateway;
import kg.evpower.console.stats.StatsView;
import kg.evpower.console.stats.StatsViewModel;
import kg.evpower.figures.Figures;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;

/**
 * The statistics screen's FX cost for a year per day at 10,000 stations: from the answer handed to the view model
 * (on the FX thread) to the end of the first layout pulse after it — the bars of the year (365), the comparison, the
 * groups and stations tables (10,000 rows each, virtualised), the top, bottom and busiest charts, the hour-of-week
 * map — and the switch of the time chart between revenue, energy and sessions (365 bars each). Median of 5 after 2
 * warm-ups, in a 1280×800 window.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * xvfb-run -a -s "-screen 0 1440x900x24" java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     kg.evpower.bench.StatsDrawBenchmark
 * </pre>
 */
public final class StatsDrawBenchmark {

    static final int STATIONS = 10_000;

    private StatsDrawBenchmark() {
    }

    /** A year per day at 10,000 stations, answered at once. */
    static final class Year implements StatsGateway {
        @Override
        public String source() {
            return "benchmark";
        }

        @Override
        public boolean needsPassword() {
            return false;
        }

        @Override
        public Statistics read(StatsQuery q, StatsReport.Grouping g, StatsReport.Bucket b, char[] pw) {
            List<StatsReport.Group> stations = new ArrayList<>(STATIONS);
            Figures total = Figures.ZERO;
            for (int i = 0; i < STATIONS; i++) {
                Figures f = new Figures(300 + i % 97, 297 + i % 97, 3, 0, BigDecimal.valueOf(6150 + i % 1000, 1), BigDecimal.valueOf(9225000 + i, 2),
                        720_000, BigDecimal.valueOf(9225000 + i, 2), 0, 700_000, 650_000, 63_000_000);
                stations.add(new StatsReport.Group(String.format("ST-%05d", i), String.format("ST-%05d", i), f, 1, 2));
                total = total.plus(f);
            }
            List<StatsReport.Bar> bars = new ArrayList<>();
            LocalDate first = LocalDate.ofInstant(q.from(), StatsQuery.BISHKEK);
            for (int d = 0; d < 365; d++) {
                bars.add(new StatsReport.Bar(first.plusDays(d), first.plusDays(d + 1), 8000 + d, 7900 + d, 80, BigDecimal.valueOf(164000 + d),
                        BigDecimal.valueOf(2460000 + d * 10L)));
            }
            long[][] heat = new long[7][24];
            for (long[] day : heat) {
                Arrays.fill(day, 17_000);
            }
            return new Statistics(q.from(), q.to(), q.previousFrom(), q.asOf(), null, null, null, 7, g, b, total, total, stations, stations, bars,
                    heat, List.of());
        }

        @Override
        public List<Owner> owners() {
            return List.of();
        }
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Messages m = new Messages("ru");
        UserAccount me = new UserAccount("sa", "+996700000001", "Support", null, Role.SUPERADMIN, null, true, 0, 0);
        CompletableFuture<StatsViewModel> made = new CompletableFuture<>();
        Platform.runLater(() -> {
            FxTaskExecutor tasks = new FxTaskExecutor(java.util.concurrent.Executors.newScheduledThreadPool(2), e -> ErrorTexts.describe(m, e));
            StatsViewModel vm = new StatsViewModel(m, new Formats(m), new Year(), tasks, me, Instant::now);
            vm.periodProperty().set(StatsViewModel.Period.YEAR);
            vm.bucketProperty().set(StatsReport.Bucket.DAY);
            Stage stage = new Stage();
            StatsView view = new StatsView(vm, m, new Formats(m), id -> { }, () -> { }, kg.evpower.console.fx.FilePicker.SYSTEM);
            Scene scene = new Scene(view, 1280, 800);
            atlantafx.base.theme.Theme theme = new atlantafx.base.theme.PrimerLight();
            javafx.application.Application.setUserAgentStylesheet(theme.getUserAgentStylesheet());
            stage.setScene(scene);
            stage.show();
            made.complete(vm);
        });
        StatsViewModel vm = made.get(30, TimeUnit.SECONDS);
        Thread.sleep(3000);
        List<Long> answer = new ArrayList<>();
        List<Long> measure = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            int i = n;
            long a = drawn(() -> vm.step(i % 2 == 0 ? -1 : 1));
            long b = drawn(() -> {
                javafx.scene.control.ToggleButton t = (javafx.scene.control.ToggleButton) Stage.getWindows().get(0).getScene()
                        .lookup(i % 2 == 0 ? "#stats-measure-energy" : "#stats-measure-sessions");
                t.fire();
            });
            if (i >= 2) {
                answer.add(a);
                measure.add(b);
            }
        }
        System.out.printf("a year per day at %,d stations, answer to drawn: median %d ms %s%n", STATIONS, median(answer), answer);
        System.out.printf("the time chart switched to another measure (365 bars): median %d ms %s%n", median(measure), measure);
        System.exit(0);
    }

    /** Runs {@code change} on the FX thread and waits for the end of the first layout pulse with no task left running. */
    static long drawn(Runnable change) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            Scene scene = Stage.getWindows().get(0).getScene();
            long t0 = System.nanoTime();
            StatsView view = (StatsView) scene.getRoot();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                javafx.scene.control.Label status = (javafx.scene.control.Label) view.lookup("#stats-status");
                if (!status.getText().endsWith("…")) {
                    scene.removePostLayoutPulseListener(listener[0]);
                    done.complete((System.nanoTime() - t0) / 1_000_000);
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            change.run();
            Platform.requestNextPulse();
        });
        long ms = done.get(60, TimeUnit.SECONDS);
        Thread.sleep(300);
        return ms;
    }

    static long median(List<Long> v) {
        long[] s = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return s[s.length / 2];
    }
}
