package kg.evpower.console.fx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * Coalesces live data off the FX thread — latest value per key — and hands it to the FX thread in bulk at most
 * once per pulse (house rule: never one {@code Platform.runLater} per message).
 */
public final class FxCoalescer<K, V> {

    private final ConcurrentHashMap<K, V> pending = new ConcurrentHashMap<>();
    private final AnimationTimer timer;

    public FxCoalescer(Consumer<Map<K, V>> applyOnFx) {
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (pending.isEmpty()) {
                    return;
                }
                Map<K, V> batch = new LinkedHashMap<>();
                for (K k : pending.keySet()) {
                    V v = pending.remove(k);
                    if (v != null) {
                        batch.put(k, v);
                    }
                }
                if (!batch.isEmpty()) {
                    applyOnFx.accept(batch);
                }
            }
        };
    }

    /** Any thread. */
    public void offer(K key, V value) {
        pending.put(key, value);
    }

    /** FX thread. */
    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }
}
