package kg.evpower.console.domain;

import java.util.Locale;

/** Location status of production's map API and WebSocket (contract §3.1, §5.1). */
public enum LocationStatus {
    AVAILABLE, PARTIAL, OCCUPIED, MAINTENANCE, OFFLINE, UNKNOWN;

    public static LocationStatus fromWire(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
