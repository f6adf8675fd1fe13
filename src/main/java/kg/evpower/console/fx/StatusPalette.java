package kg.evpower.console.fx;

import javafx.scene.paint.Color;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.StationStatus;

/** The one source of status colours, used by every view and legend. */
public final class StatusPalette {

    /** A faulted connector. */
    public static final Color FAULT = Color.web("#c53030");

    private StatusPalette() {
    }

    public static Color of(StationStatus s) {
        return switch (s) {
            case AVAILABLE -> Color.web("#1f9d55");
            case OCCUPIED -> Color.web("#2b6cb0");
            case FAULTED -> FAULT;
            case MAINTENANCE -> Color.web("#d69e2e");
            case OFFLINE -> Color.web("#718096");
            case UNKNOWN -> Color.web("#a0aec0");
        };
    }

    public static Color of(LocationStatus s) {
        return switch (s) {
            case AVAILABLE -> of(StationStatus.AVAILABLE);
            case PARTIAL -> Color.web("#38a169").interpolate(Color.web("#2b6cb0"), 0.5);
            case OCCUPIED -> of(StationStatus.OCCUPIED);
            case FAULTED -> FAULT;
            case MAINTENANCE -> of(StationStatus.MAINTENANCE);
            case OFFLINE -> of(StationStatus.OFFLINE);
            case UNKNOWN -> of(StationStatus.UNKNOWN);
        };
    }

    /** A connector: available or occupied as a station is, faulted as a fault, anything else unknown. */
    public static Color of(ConnectorStatus s) {
        return switch (s) {
            case AVAILABLE -> of(StationStatus.AVAILABLE);
            case OCCUPIED -> of(StationStatus.OCCUPIED);
            case FAULTED -> FAULT;
            default -> of(StationStatus.UNKNOWN);
        };
    }

    /** A session row: charging like an occupied station, with a problem like a fault, ended like offline. */
    public static Color session(boolean running, boolean hasProblem) {
        return hasProblem ? FAULT : running ? of(StationStatus.OCCUPIED) : of(StationStatus.OFFLINE);
    }

    /** A problem queue with nothing in it. */
    public static final Color QUIET = Color.web("#cbd5e0");

    /** CSS colour literal for inline styles. */
    public static String css(Color c) {
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }
}
