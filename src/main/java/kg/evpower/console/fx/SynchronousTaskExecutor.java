package kg.evpower.console.fx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link TaskExecutor} that does everything at once on the caller's thread, for view-model tests without a
 * toolkit: a task's work and its callbacks run inside {@code execute}; timers run when the test {@link #advance}s
 * the executor's own clock. {@link #hold()} keeps tasks queued until {@link #runQueued()}, to look at a view model
 * while its work is "running".
 */
public final class SynchronousTaskExecutor implements TaskExecutor {

    private record Timer(long[] due, long period, Runnable action, boolean[] cancelled) {
    }

    private final Function<Throwable, String> errorText;
    private final List<Timer> timers = new ArrayList<>();
    private final List<Runnable> queued = new ArrayList<>();
    private long now;
    private boolean holding;

    public SynchronousTaskExecutor(Function<Throwable, String> errorText) {
        this.errorText = errorText;
    }

    /** From now on tasks wait in a queue until {@link #runQueued()}. */
    public SynchronousTaskExecutor hold() {
        holding = true;
        return this;
    }

    /** Runs every queued task (and those they start) and goes back to running tasks at once. */
    public void runQueued() {
        holding = false;
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    public int queuedTasks() {
        return queued.size();
    }

    @Override
    public <T> BackgroundTask.Handle execute(BackgroundTask<T> task) {
        boolean[] cancelled = {false};
        boolean[] done = {false};
        BackgroundTask.Progress progress = new BackgroundTask.Progress() {
            @Override
            public void update(String text, double fraction) {
                if (!cancelled[0]) {
                    task.onProgress.accept(new BackgroundTask.Step(text, fraction));
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled[0];
            }
        };
        Runnable run = () -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            try {
                if (cancelled[0]) {
                    task.onCancelled.run();
                    return;
                }
                T value;
                try {
                    value = task.work.call(progress);
                } catch (Exception e) {
                    if (cancelled[0]) {
                        task.onCancelled.run();
                    } else {
                        task.onFailure.accept(errorText.apply(e), e);
                    }
                    return;
                }
                if (cancelled[0]) {
                    task.onCancelled.run();
                } else {
                    task.onSuccess.accept(value);
                }
            } finally {
                task.onFinished.run();
            }
        };
        if (holding) {
            queued.add(run);
        } else {
            run.run();
        }
        return new BackgroundTask.Handle() {
            @Override
            public void cancel() {
                cancelled[0] = true;
            }

            @Override
            public boolean isDone() {
                return done[0];
            }
        };
    }

    @Override
    public void onFx(Runnable action) {
        action.run();
    }

    @Override
    public BackgroundTask.Handle schedule(Duration delay, boolean repeat, Runnable action) {
        boolean[] cancelled = {false};
        long period = Math.max(1, delay.toMillis());
        Timer t = new Timer(new long[] {now + period}, repeat ? period : 0, action, cancelled);
        timers.add(t);
        return new BackgroundTask.Handle() {
            @Override
            public void cancel() {
                cancelled[0] = true;
                timers.remove(t);
            }

            @Override
            public boolean isDone() {
                return cancelled[0] || !timers.contains(t);
            }
        };
    }

    /** Moves the executor's clock on, running every timer that falls due on the way, in order. */
    public void advance(Duration by) {
        long until = now + by.toMillis();
        while (true) {
            Timer next = null;
            for (Timer t : timers) {
                if (!t.cancelled()[0] && t.due()[0] <= until && (next == null || t.due()[0] < next.due()[0])) {
                    next = t;
                }
            }
            if (next == null) {
                break;
            }
            now = next.due()[0];
            if (next.period() > 0) {
                next.due()[0] += next.period();
            } else {
                timers.remove(next);
            }
            next.action().run();
        }
        now = until;
    }

    /** Timers still waiting. */
    public int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.cancelled()[0]).count();
    }

    @Override
    public Function<Throwable, String> errorText() {
        return errorText;
    }
}
