package kg.evpower.console.fx;

import java.time.Duration;
import java.util.function.Function;

/**
 * The one way view models get work done off the FX thread and come back to it: {@link BackgroundTask}s, timers, and
 * "later on the FX thread". {@link FxTaskExecutor} is the console's; {@link SynchronousTaskExecutor} runs everything
 * on the caller's thread, for view-model tests without a toolkit.
 */
public interface TaskExecutor {

    /** Starts the task: its work off the FX thread, its callbacks on it. */
    <T> BackgroundTask.Handle execute(BackgroundTask<T> task);

    /** Runs {@code action} on the FX thread, later (or now, when synchronous). */
    void onFx(Runnable action);

    /** Runs {@code action} on the FX thread after {@code delay}, and again every {@code delay} when {@code repeat}. */
    BackgroundTask.Handle schedule(Duration delay, boolean repeat, Runnable action);

    /** The user's text for a failure: an {@code ErrorTexts.describe} bound to the console's language. */
    Function<Throwable, String> errorText();
}
