package kg.evpower.console.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javafx.stage.Window;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.fx.FilePicker;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.TaskExecutor;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.live.LocationsFeed;
import kg.evpower.console.settings.Remembered;

/**
 * What every feature is given for one signed-in session: the server's client and what it offers, who is signed in,
 * texts and formats in the chosen language, the task helper and the I/O pool, the feature's remembered settings,
 * and a few things of the desktop (the window, file dialogs, the browser, the folder for local journals, whether the
 * dark theme is on).
 */
public record Workspace(EvPowerClient api, ServerCapabilities caps, UserAccount account, boolean sandbox, Messages messages,
                        Formats formats, TaskExecutor tasks, ScheduledExecutorService io, Remembered remembered, Window window,
                        FilePicker files, Consumer<String> browser, Path journals, Path cache, Runnable sessionEnded,
                        javafx.beans.value.ObservableBooleanValue dark) {

    public boolean superadmin() {
        return account.role() == Role.SUPERADMIN;
    }

    /** Who did something, for the local journals: name and phone. */
    public String who() {
        return account.displayName() + (account.phone() == null ? "" : " (" + account.phone() + ")");
    }

    /** Whether a live feed is connected (true), lost and retrying (false), or neither (connecting first, stopped: null). */
    public static Boolean connected(LocationsFeed.State state) {
        return state == LocationsFeed.State.CONNECTED ? Boolean.TRUE : state == LocationsFeed.State.RECONNECTING ? Boolean.FALSE : null;
    }

    /** A live feed's state in words: {@code prefix}.connecting|connected|reconnecting|stopped. */
    public String feedText(String prefix, LocationsFeed.State state, Duration next) {
        return switch (state) {
            case CONNECTING -> messages.get(prefix + ".connecting");
            case CONNECTED -> messages.get(prefix + ".connected");
            case RECONNECTING -> messages.format(prefix + ".reconnecting", Math.max(1, next.toSeconds()));
            case STOPPED -> messages.get(prefix + ".stopped");
        };
    }
}
