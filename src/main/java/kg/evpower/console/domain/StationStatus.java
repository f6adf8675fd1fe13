package kg.evpower.console.domain;

import java.util.Locale;

/** Computed station status as production reports it (contract §3.1), plus UNKNOWN for values we do not know. */
public enum StationStatus {
    AVAILABLE, OCCUPIED, OFFLINE, MAINTENANCE, UNKNOWN;

    public static StationStatus fromWire(String s) {
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
