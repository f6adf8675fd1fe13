package kg.evpower.figures;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * What statistics are asked for: the period [from, to), the stations in scope (an owner's, a location's, one station, or
 * all), how many days without a session make a station idle, and the time the figures are as of (a running session
 * occupies its connector until then; a period's future offers no connector time).
 */
public record StatsQuery(Instant from, Instant to, String ownerId, String locationId, String stationId, int idleDays, Instant asOf) {

    /** Kyrgyzstan: UTC+6, no daylight saving time. */
    public static final ZoneId BISHKEK = ZoneId.of("Asia/Bishkek");
    /** The longest a session is looked for before the period to count the connector time it spent in it. */
    public static final Duration LONGEST_SESSION = Duration.ofDays(3);
    /** The longest period asked at once: ten years. */
    public static final Duration LONGEST_PERIOD = Duration.ofDays(3661);

    public StatsQuery {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it begins");
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw new IllegalArgumentException("the period is longer than ten years");
        }
        if (idleDays < 1 || idleDays > 366) {
            throw new IllegalArgumentException("idle days must be 1 to 366");
        }
        if (asOf == null) {
            throw new IllegalArgumentException("as of when?");
        }
    }

    /** The end of what has happened: the period's end, or now when the period runs on. */
    public Instant end() {
        return to.isAfter(asOf) ? asOf : to;
    }

    /**
     * The same scope over the period before: the whole of it for a period that has ended (November with October),
     * and for one still running, from {@link #previousFrom()} for as long as this one has run — a month on the 7th at
     * noon is compared with the previous month's first six and a half days, not with all of it.
     */
    public StatsQuery previous() {
        Instant start = previousFrom();
        if (!to.isAfter(asOf)) {
            return new StatsQuery(start, from, ownerId, locationId, stationId, idleDays, asOf); // a whole period: the whole one before
        }
        Instant stop = start.plus(Duration.between(from, end()));
        if (!stop.isAfter(start)) {
            stop = start.plusSeconds(1); // a period that has not begun yet: nothing to compare with
        }
        return new StatsQuery(start, stop.isBefore(from) ? stop : from, ownerId, locationId, stationId, idleDays, asOf);
    }

    /**
     * Where the period before this one starts: whole calendar months (or years) in Bishkek go back as many months (a
     * March is compared with February, however many days each has); any other period goes back its own length.
     */
    public Instant previousFrom() {
        ZonedDateTime f = from.atZone(BISHKEK);
        ZonedDateTime t = to.atZone(BISHKEK);
        if (startOfMonth(f) && startOfMonth(t)) {
            long months = (t.getYear() - f.getYear()) * 12L + t.getMonthValue() - f.getMonthValue();
            return f.minusMonths(months).toInstant();
        }
        return from.minus(Duration.between(from, to));
    }

    private static boolean startOfMonth(ZonedDateTime z) {
        return z.getDayOfMonth() == 1 && z.toLocalTime().toSecondOfDay() == 0;
    }

    /** Whole days in Bishkek, {@code last} included. */
    public static StatsQuery days(LocalDate first, LocalDate last, Instant asOf) {
        return new StatsQuery(first.atStartOfDay(BISHKEK).toInstant(), last.plusDays(1).atStartOfDay(BISHKEK).toInstant(), null, null, null,
                7, asOf);
    }

    public StatsQuery owner(String id) {
        return new StatsQuery(from, to, id, locationId, stationId, idleDays, asOf);
    }

    public StatsQuery location(String id) {
        return new StatsQuery(from, to, ownerId, id, stationId, idleDays, asOf);
    }

    public StatsQuery station(String id) {
        return new StatsQuery(from, to, ownerId, locationId, id, idleDays, asOf);
    }

    public StatsQuery idle(int days) {
        return new StatsQuery(from, to, ownerId, locationId, stationId, days, asOf);
    }
}
