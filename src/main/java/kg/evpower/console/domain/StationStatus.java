package kg.evpower.console.domain;


/** Computed station status as production reports it (contract §3.1), plus UNKNOWN for values we do not know. */
public enum StationStatus {
    AVAILABLE, OCCUPIED, OFFLINE, MAINTENANCE, UNKNOWN;

    public static StationStatus fromWire(String s) {
        return WireEnums.parse(StationStatus.class, s, UNKNOWN);
    }
}
