package kg.evpower.console.domain;

import java.util.Locale;

/**
 * Connector status in the console. Production stores {@code available|occupied|unavailable|faulted} and shows
 * Russian texts on {@code /station/status}; both map here (contract §3.1, §6.4).
 */
public enum ConnectorStatus {
    AVAILABLE, OCCUPIED, UNAVAILABLE, FAULTED, UNKNOWN;

    public static ConnectorStatus fromWire(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "available", "свободен" -> AVAILABLE;
            case "occupied", "занят" -> OCCUPIED;
            case "unavailable", "неизвестно" -> UNAVAILABLE;
            case "faulted", "неисправен" -> FAULTED;
            default -> UNKNOWN;
        };
    }

    /** The status production derives from a raw OCPP 1.6 connector status (contract §5.2). */
    public static ConnectorStatus fromOcpp(String ocpp) {
        if (ocpp == null) {
            return UNKNOWN;
        }
        return switch (ocpp) {
            case "Available" -> AVAILABLE;
            case "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing", "Reserved" -> OCCUPIED;
            case "Unavailable" -> UNAVAILABLE;
            case "Faulted" -> FAULTED;
            default -> UNKNOWN;
        };
    }
}
