package kg.evpower.console.fx;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's {@link TaskExecutor}: work on the composition root's I/O pool, callbacks through {@code Platform.runLater}. */
public final class FxTaskExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final ScheduledExecutorService io;
    private final Function<Throwable, String> errorText;

    public FxTaskExecutor(ScheduledExecutorService io, Function<Throwable, String> errorText) {
        this.io = io;
        this.errorText = errorText;
    }

    @Override
    public <T> BackgroundTask.Handle execute(BackgroundTask<T> task) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<BackgroundTask.Step> pendingProgress = new AtomicReference<>();
        BackgroundTask.Progress progress = new BackgroundTask.Progress() {
            @Override
            public void update(String text, double fraction) {
                if (pendingProgress.getAndSet(new BackgroundTask.Step(text, fraction)) == null) {
                    Platform.runLater(() -> {
                        BackgroundTask.Step latest = pendingProgress.getAndSet(null);
                        if (latest != null && !cancelled.get() && !done.get()) {
                            task.onProgress.accept(latest);
                        }
                    });
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled.get() || Thread.currentThread().isInterrupted();
            }
        };
        Future<?> running = io.submit(() -> {
            Runnable deliver;
            try {
                T value = task.work.call(progress);
                deliver = () -> task.onSuccess.accept(value);
            } catch (Throwable e) {
                if (e instanceof Error error && !(e instanceof OutOfMemoryError) && !(e instanceof StackOverflowError)) {
                    LOG.error("background task failed", e);
                }
                String text = cancelled.get() ? null : errorText.apply(e);
                deliver = () -> task.onFailure.accept(text, e);
            }
            Runnable result = deliver;
            Platform.runLater(() -> {
                done.set(true);
                try {
                    if (cancelled.get()) {
                        task.onCancelled.run();
                    } else {
                        result.run();
                    }
                } finally {
                    task.onFinished.run();
                }
            });
        });
        return new BackgroundTask.Handle() {
            @Override
            public void cancel() {
                if (!done.get() && cancelled.compareAndSet(false, true)) {
                    running.cancel(true);
                    if (running.isCancelled()) { // never started: nothing else will say it ended
                        Platform.runLater(() -> {
                            done.set(true);
                            task.onCancelled.run();
                            task.onFinished.run();
                        });
                    }
                }
            }

            @Override
            public boolean isDone() {
                return done.get();
            }
        };
    }

    @Override
    public void onFx(Runnable action) {
        Platform.runLater(action);
    }

    @Override
    public BackgroundTask.Handle schedule(Duration delay, boolean repeat, Runnable action) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable onFx = () -> Platform.runLater(() -> {
            if (!cancelled.get()) {
                action.run();
            }
        });
        long ms = Math.max(1, delay.toMillis());
        Future<?> f = repeat ? io.scheduleAtFixedRate(onFx, ms, ms, TimeUnit.MILLISECONDS) : io.schedule(onFx, ms, TimeUnit.MILLISECONDS);
        return new BackgroundTask.Handle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                f.cancel(false);
            }

            @Override
            public boolean isDone() {
                return cancelled.get() || f.isDone();
            }
        };
    }

    @Override
    public Function<Throwable, String> errorText() {
        return errorText;
    }
}
