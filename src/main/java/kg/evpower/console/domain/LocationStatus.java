package kg.evpower.console.domain;


/**
 * Location status of production's map API and WebSocket (contract §3.1, §5.1), and FAULTED, the console's own: a
 * location with a station that is up but has only faulted connectors.
 */
public enum LocationStatus {
    AVAILABLE, PARTIAL, OCCUPIED, FAULTED, MAINTENANCE, OFFLINE, UNKNOWN;

    public static LocationStatus fromWire(String s) {
        return WireEnums.parse(LocationStatus.class, s, UNKNOWN);
    }

    /** A location's status from its stations' counts, first match wins (contract §3.1). */
    public static LocationStatus of(StationCounts c) {
        if (c.total() == 0 || c.offline() > 0) {
            return OFFLINE;
        }
        if (c.maintenance() > 0) {
            return MAINTENANCE;
        }
        if (c.faulted() > 0) {
            return FAULTED;
        }
        if (c.occupied() == c.total()) {
            return OCCUPIED;
        }
        if (c.available() == c.total()) {
            return AVAILABLE;
        }
        if (c.available() > 0 && c.occupied() > 0) {
            return PARTIAL;
        }
        return OFFLINE;
    }
}
