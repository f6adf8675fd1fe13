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
 * Start-up benchmark: launches the console N times as a fresh JVM (same class path as this one), reads the
 * "started after N ms" line it logs when the first window is shown and the sandbox's "ready" line, stops it,
 * and prints every run and the medians. Needs a display (run it under xvfb-run); each run gets a fresh config
 * folder, so it starts on the built-in sandbox as on a fresh machine.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * xvfb-run -a java -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.StartupBenchmark 5
 * </pre>
 */
public final class StartupBenchmark {

    private static final Pattern STARTED = Pattern.compile("started after (\\d+) ms");
    private static final Pattern SANDBOX = Pattern.compile("sandbox ready in (\\d+) ms");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path data = Files.createTempDirectory("evpower-bench-data");
        List<Long> first = new ArrayList<>();
        List<Long> sandbox = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path config = Files.createTempDirectory("evpower-bench-config");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                    "kg.evpower.console.Launcher").redirectErrorStream(true);
            pb.environment().put("XDG_CONFIG_HOME", config.toString());
            pb.environment().put("XDG_DATA_HOME", data.toString());
            Process p = pb.start();
            Long shown = null;
            Long ready = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((shown == null || ready == null) && System.nanoTime() < deadline && (line = r.readLine()) != null) {
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
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
                throw new IllegalStateException("run " + (i + 1) + ": no \"started after\" line (is there a display?)");
            }
            first.add(shown);
            if (ready != null) {
                sandbox.add(ready);
            }
            System.out.printf("run %d: first window after %d ms; embedded sandbox ready %s ms after it was asked for%n", i + 1,
                    shown, ready == null ? "?" : ready.toString());
        }
        System.out.printf("median of %d runs: first window %d ms (min %d, max %d); sandbox ready %s ms%n", runs, median(first),
                Collections.min(first), Collections.max(first), sandbox.isEmpty() ? "?" : String.valueOf(median(sandbox)));
    }

    static long median(List<Long> values) {
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

}
