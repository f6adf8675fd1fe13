package kg.evpower.console.fx;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * How current a live view's data is: the time of the last data known to be current, and whether a channel it lives on
 * (the server's answers, a live feed) is lost now and why. A view shows one banner «данные на HH:MM:SS» while any
 * channel is lost, dims its figures and disables what needs the server; the figures themselves are kept, never
 * replaced by a guess. FX thread.
 */
public final class Freshness {

    private final Map<String, String> lost = new LinkedHashMap<>();
    private final java.util.Set<String> up = new java.util.HashSet<>();
    private final ReadOnlyObjectWrapper<Instant> asOf = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper down = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper why = new ReadOnlyStringWrapper("");

    /** Data current at {@code at} arrived (a full read, a live update, a tick of a connected feed). */
    public void arrived(Instant at) {
        if (asOf.get() == null || at.isAfter(asOf.get())) {
            asOf.set(at);
        }
    }

    /** {@code channel} is lost for the reason said in {@code reason} (in the user's words). */
    public void lost(String channel, String reason) {
        lost.put(channel, reason == null ? "" : reason);
        changed();
    }

    /** {@code channel} works again. */
    public void back(String channel) {
        if (lost.remove(channel) != null) {
            changed();
        }
    }

    /** A live feed is connected: what it carries is current from {@code now} on. */
    public void feedUp(String channel, Instant now) {
        up.add(channel);
        arrived(now);
        back(channel);
    }

    /** A live feed dropped: what it carried was current until {@code now} (when it was up), not after. */
    public void feedDown(String channel, String reason, Instant now) {
        if (up.remove(channel)) {
            arrived(now);
        }
        lost(channel, reason);
    }

    /** A live feed's state: connected ({@code true}), lost ({@code false}) or neither yet (null: nothing changes). */
    public void feed(String channel, Boolean connected, String reason, Instant now) {
        if (Boolean.TRUE.equals(connected)) {
            feedUp(channel, now);
        } else if (Boolean.FALSE.equals(connected)) {
            feedDown(channel, reason, now);
        }
    }

    private void changed() {
        down.set(!lost.isEmpty());
        why.set(String.join("; ", lost.values().stream().filter(s -> !s.isBlank()).toList()));
    }

    /** The last moment the data was known to be current, or null before any arrived. */
    public ReadOnlyObjectProperty<Instant> asOfProperty() {
        return asOf.getReadOnlyProperty();
    }

    /** Whether a channel is lost now: the data on screen may be out of date. */
    public ReadOnlyBooleanProperty downProperty() {
        return down.getReadOnlyProperty();
    }

    /** Why, in the user's words (several reasons joined), empty when nothing is lost. */
    public ReadOnlyStringProperty whyProperty() {
        return why.getReadOnlyProperty();
    }
}
