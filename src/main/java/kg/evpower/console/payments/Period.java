package kg.evpower.console.payments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A reconciliation period [from, to) as operators name it: days in Bishkek time (UTC+6, no DST), the last day
 * included. What the operator API and PostgreSQL are asked for is the same instants in UTC.
 */
public record Period(Instant from, Instant to) {

    public static final ZoneId BISHKEK = ZoneId.of("Asia/Bishkek");

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it begins");
        }
    }

    /** Whole days in Bishkek, {@code lastDay} included. */
    public static Period days(LocalDate firstDay, LocalDate lastDay) {
        return new Period(firstDay.atStartOfDay(BISHKEK).toInstant(), lastDay.plusDays(1).atStartOfDay(BISHKEK).toInstant());
    }

    /**
     * From command-line text: a date ({@code 2026-11-01}: a whole day, so {@code --to 2026-11-30} includes the 30th), a
     * Bishkek local time ({@code 2026-11-01T08:00}) or an instant with an offset ({@code 2026-11-01T02:00Z}).
     */
    public static Period parse(String from, String to) {
        return new Period(bound(from, false), bound(to, true));
    }

    private static Instant bound(String text, boolean end) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return (end ? d.plusDays(1) : d).atStartOfDay(BISHKEK).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(BISHKEK).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date or time: " + text + " (use 2026-11-01, 2026-11-01T08:00 or 2026-11-01T02:00Z)");
        }
    }
}
