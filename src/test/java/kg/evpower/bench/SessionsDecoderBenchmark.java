package kg.evpower.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.MeterSample;
import kg.evpower.console.live.LocationsFeed;
import kg.evpower.console.live.SessionsFeed;

/**
 * How many session-stream frames the console decodes per second on one thread: {@code meter_update} frames shaped
 * exactly as the sandbox sends them, through {@link SessionsFeed#handle} (JSON parse, sequence check, DTO and domain
 * mapping) into a listener that only counts. Target (issue 4): at least 50,000 messages per second on one core.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.SessionsDecoderBenchmark
 * </pre>
 */
public final class SessionsDecoderBenchmark {

    private SessionsDecoderBenchmark() {
    }

    public static void main(String[] args) {
        int perRound = 200_000;
        ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
        long[] applied = new long[1];
        SessionsFeed feed = new SessionsFeed(() -> URI.create("ws://127.0.0.1:1/"), Optional::empty, unused, new SessionsFeed.Listener() {
            @Override
            public void onState(LocationsFeed.State state, int failedAttempts, Duration nextRetry) {
            }

            @Override
            public void onSnapshot(List<ChargingSession> running) {
            }

            @Override
            public void onStarted(ChargingSession session) {
            }

            @Override
            public void onMeter(String sessionId, Integer connectorId, BigDecimal energyKwh, BigDecimal cost, MeterSample sample) {
                applied[0]++;
            }

            @Override
            public void onStopped(String sessionId, Optional<ChargingSession> session) {
            }

            @Override
            public void onStationStatus(String stationId, int connectorId, String ocppStatus, String errorCode) {
            }
        }, Duration.ofSeconds(1));
        List<Double> rates = new ArrayList<>();
        long seq = 0;
        for (int round = 0; round < 8; round++) {
            String[] frames = new String[perRound];
            for (int i = 0; i < perRound; i++) {
                seq++;
                frames[i] = "{\"type\":\"meter_update\",\"session_id\":\"" + String.format("%08x-1c2d-4e5f-8a9b-%012x", i % 5000, i % 5000)
                        + "\",\"station_id\":\"EVP-" + (i % 5000) / 4 + "-0" + (i % 4 + 1) + "\",\"connector_id\":1,\"energy_kwh\":"
                        + (i % 400) / 10.0 + ",\"cost\":" + (i % 400) * 1.35 + ",\"meter\":{\"timestamp\":\"2026-11-23T05:31:0"
                        + (i % 10) + ".123456+00:00\",\"energy_wh\":" + (1_000_000 + i) + ",\"power_w\":22000.0,\"current_a\":31.9,"
                        + "\"voltage_v\":229.0,\"soc\":" + (i % 100) + "},\"seq\":" + seq + ",\"sent_at\":\"2026-11-23T05:31:00.5+00:00\"}";
            }
            long t0 = System.nanoTime();
            for (String f : frames) {
                feed.handle(f);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (round >= 3) { // the first rounds warm the JIT up
                rates.add(perRound / seconds);
            }
        }
        Collections.sort(rates);
        System.out.printf("decoded %d meter_update frames (%d applied, %d malformed, %d gaps); per round: %s msg/s; median %.0f msg/s%n",
                feed.received(), applied[0], feed.malformed(), feed.gaps(), rates.stream().map(r -> String.format("%.0f", r)).toList(),
                rates.get(rates.size() / 2));
        unused.shutdownNow();
    }
}
