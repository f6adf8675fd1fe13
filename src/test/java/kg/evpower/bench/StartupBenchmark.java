package kg.evpower.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up against its floor: N pairs, interleaved, of (1) a bare JavaFX window ({@link BareWindow}: JVM, toolkit, one
 * Stage with a Label) and (2) the console's first window (the login screen), each a fresh JVM with the same class path
 * and flags. Both are timed from the process's start to the line it prints when its window is shown (the console's
 * "started after N ms", the floor's "shown after N ms"), so the JVM's own start is in both; the console's embedded
 * sandbox's "ready" line is read too. Prints every pair, the medians and the ratio of the medians. Needs a display (run
 * it under xvfb-run); each console run gets a fresh config folder, so it starts on the built-in sandbox as on a fresh
 * machine (the sandbox's data folder is kept between runs, as for anyone who has started it once).
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * xvfb-run -a -s "-screen 0 1440x900x24" java -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.StartupBenchmark 5
 * </pre>
 */
public final class StartupBenchmark {

    private static final Pattern STARTED = Pattern.compile("(?:started|shown) after (\\d+) ms");
    private static final Pattern SANDBOX = Pattern.compile("sandbox ready in (\\d+) ms");
    /** The flags both sides get (the console's installers set the same heap cap). */
    static final List<String> FLAGS = List.of("-Xmx768m");

    private StartupBenchmark() {
    }

    /** One launch: wall time from the process's start to its "shown" line, the in-process figure, the sandbox's. */
    record Run(long wallMs, long fromMainMs, Long sandboxMs) {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path data = Files.createTempDirectory("evpower-bench-data");
        List<Run> floor = new ArrayList<>();
        List<Run> console = new ArrayList<>();
        // one unmeasured launch of each first: the class files and the sandbox's data folder in the page cache, as after any first start
        launch(BareWindow.class.getName(), data, false);
        launch("kg.evpower.console.Launcher", data, true);
        for (int i = 0; i < pairs; i++) {
            Run f = launch(BareWindow.class.getName(), data, false);
            Run c = launch("kg.evpower.console.Launcher", data, true);
            floor.add(f);
            console.add(c);
            System.out.printf("pair %d: bare window %d ms (main→shown %d); console %d ms (main→shown %d, sandbox ready %s ms later); ratio %.2f%n",
                    i + 1, f.wallMs(), f.fromMainMs(), c.wallMs(), c.fromMainMs(), c.sandboxMs() == null ? "?" : c.sandboxMs().toString(),
                    (double) c.wallMs() / f.wallMs());
        }
        long fm = median(floor.stream().map(Run::wallMs).toList());
        long cm = median(console.stream().map(Run::wallMs).toList());
        System.out.printf("medians of %d pairs, process start → window shown: bare window %d ms, console %d ms: %.2f× the floor%n", pairs, fm, cm,
                (double) cm / fm);
        System.out.printf("  from main: bare %d ms, console %d ms; console sandbox ready %s ms after it was asked for%n",
                median(floor.stream().map(Run::fromMainMs).toList()), median(console.stream().map(Run::fromMainMs).toList()),
                console.stream().allMatch(r -> r.sandboxMs() != null) ? String.valueOf(median(console.stream().map(Run::sandboxMs).toList())) : "?");
    }

    static Run launch(String mainClass, Path data, boolean waitForSandbox) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path config = Files.createTempDirectory("evpower-bench-config");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("XDG_CONFIG_HOME", config.toString());
        pb.environment().put("XDG_DATA_HOME", data.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        Long wall = null;
        Long shown = null;
        Long ready = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((shown == null || waitForSandbox && ready == null) && System.nanoTime() < deadline && (line = r.readLine()) != null) {
                Matcher m = STARTED.matcher(line);
                if (m.find() && shown == null) {
                    wall = (System.nanoTime() - t0) / 1_000_000;
                    shown = Long.parseLong(m.group(1));
                }
                Matcher s = SANDBOX.matcher(line);
                if (s.find()) {
                    ready = Long.parseLong(s.group(1));
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (shown == null) {
            throw new IllegalStateException(mainClass + ": no \"shown\" line (is there a display?)");
        }
        return new Run(wall, shown, ready);
    }

    static long median(List<Long> values) {
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
