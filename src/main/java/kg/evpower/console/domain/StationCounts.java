package kg.evpower.console.domain;

/** {@code stations_summary} of a location; {@code faulted} only as the console counts it (production has no such count). */
public record StationCounts(int total, int available, int occupied, int offline, int maintenance, int faulted) {

    public static final StationCounts NONE = new StationCounts(0, 0, 0, 0, 0);

    /** Production's summary, which has no faulted stations. */
    public StationCounts(int total, int available, int occupied, int offline, int maintenance) {
        this(total, available, occupied, offline, maintenance, 0);
    }
}
