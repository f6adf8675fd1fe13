package kg.evpower.console.domain;


/**
 * A station's status: production's computed one (contract §3.1: available, occupied, offline, maintenance), UNKNOWN for
 * values we do not know, and FAULTED, which production never sends: the console's own state for a station whose
 * link is up but whose connectors are all faulted (production calls that "offline"; see {@link Station#state}).
 */
public enum StationStatus {
    AVAILABLE, OCCUPIED, FAULTED, OFFLINE, MAINTENANCE, UNKNOWN;

    public static StationStatus fromWire(String s) {
        return WireEnums.parse(StationStatus.class, s, UNKNOWN);
    }
}
