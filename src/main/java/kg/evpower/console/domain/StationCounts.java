package kg.evpower.console.domain;

/** {@code stations_summary} of a location. */
public record StationCounts(int total, int available, int occupied, int offline, int maintenance) {

    public static final StationCounts NONE = new StationCounts(0, 0, 0, 0, 0);
}
