package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Periods as operators name them: Bishkek days, the last day included. */
class PeriodTest {

    @Test
    void daysAreBishkekDaysWithTheLastIncluded() {
        Period p = Period.parse("2026-11-01", "2026-11-30");
        assertEquals(Instant.parse("2026-10-31T18:00:00Z"), p.from());
        assertEquals(Instant.parse("2026-11-30T18:00:00Z"), p.to());
        assertEquals(p, Period.days(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)));
        assertEquals(Instant.parse("2026-11-01T02:00:00Z"), Period.parse("2026-11-01T08:00", "2026-11-02").from());
        assertEquals(Instant.parse("2026-11-01T02:00:00Z"), Period.parse("2026-11-01T02:00Z", "2026-11-02").from());
        assertEquals(Instant.parse("2026-11-01T02:00:00Z"), Period.parse("2026-11-01T08:00+06:00", "2026-11-02").from());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Period.parse("2026-11-30", "2026-11-01"));
        assertThrows(IllegalArgumentException.class, () -> Period.parse("1 Nov", "2026-11-02"));
    }
}
