package kg.evpower.console.shell;

import java.util.List;

/**
 * One feature of the main window, wired for one signed-in session from a {@link Workspace} (what it needs in); what
 * it offers out is its screens in the navigation, and whatever its neighbours may use through its own methods. The
 * composition root starts every feature when the main window is shown and stops them when the person signs out, the
 * server changes or the language is switched. Copy a neighbour to add one.
 */
public interface Feature {

    /** The screens this feature adds to the navigation, in order; none when the signed-in person may not use it. */
    List<MainView.NavItem> screens();

    /** Starts its feeds and timers (FX thread). */
    default void start() {
    }

    /** Stops what {@link #start()} started; safe to call once more. */
    default void stop() {
    }
}
