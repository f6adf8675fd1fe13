package kg.evpower.console.fx;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One piece of work a view model hands to a {@link TaskExecutor}: it runs off the FX thread, and its result, its
 * progress and its failure (as the user's text) come back on the FX thread. Built fluently, then started with
 * {@link #executeWith}. After {@link Handle#cancel()} neither success nor failure is delivered, only
 * {@link #onCancelled} and {@link #onFinished}.
 */
public final class BackgroundTask<T> {

    /** The work itself; it may report progress and should stop early once {@link Progress#cancelled()}. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /** What the work sees of its task while it runs (any thread). */
    public interface Progress {
        /** A line for the user and how far the work is (0..1, or -1 when not known), delivered on the FX thread; of a burst, the latest. */
        void update(String text, double fraction);

        default void update(String text) {
            update(text, -1);
        }

        boolean cancelled();
    }

    /** One progress report. */
    public record Step(String text, double fraction) {
    }

    /** A started task. */
    public interface Handle {
        /** Asks the work to stop; nothing but {@code onCancelled} and {@code onFinished} is delivered after this. */
        void cancel();

        boolean isDone();
    }

    private static final Consumer<Object> NOTHING = v -> { };

    final Work<T> work;
    Consumer<? super T> onSuccess = NOTHING;
    BiConsumer<String, Throwable> onFailure = (text, error) -> { };
    Consumer<Step> onProgress = step -> { };
    Runnable onCancelled = () -> { };
    Runnable onFinished = () -> { };

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(Callable<T> work) {
        Objects.requireNonNull(work);
        return new BackgroundTask<>(progress -> work.call());
    }

    public static BackgroundTask<Void> run(ThrowingRunnable work) {
        Objects.requireNonNull(work);
        return new BackgroundTask<>(progress -> {
            work.run();
            return null;
        });
    }

    public static <T> BackgroundTask<T> withProgress(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    /** A {@link Runnable} that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    /** The failure as the user's text (see {@link TaskExecutor}) and the error itself. */
    public BackgroundTask<T> onFailure(BiConsumer<String, Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    /** The failure as the user's text. */
    public BackgroundTask<T> onFailure(Consumer<String> action) {
        Objects.requireNonNull(action);
        this.onFailure = (text, error) -> action.accept(text);
        return this;
    }

    public BackgroundTask<T> onProgress(Consumer<Step> action) {
        this.onProgress = Objects.requireNonNull(action);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable action) {
        this.onCancelled = Objects.requireNonNull(action);
        return this;
    }

    /** After success, failure or cancellation, on the FX thread. */
    public BackgroundTask<T> onFinished(Runnable action) {
        this.onFinished = Objects.requireNonNull(action);
        return this;
    }

    public Handle executeWith(TaskExecutor executor) {
        return executor.execute(this);
    }
}
