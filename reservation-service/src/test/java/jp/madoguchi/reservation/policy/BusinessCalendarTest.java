package jp.madoguchi.reservation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Business days as the offices count them: weekdays, minus national holidays, the year-end closure and office closures. */
class BusinessCalendarTest {

    private final BusinessCalendar calendar = new BusinessCalendar(Set.of(LocalDate.of(2026, 12, 11)));

    @Test
    void nationalHolidaysAreNotBusinessDays() {
        assertFalse(calendar.isBusinessDay(LocalDate.of(2026, 11, 23)), "Labour Thanksgiving Day");
        assertFalse(calendar.isBusinessDay(LocalDate.of(2027, 2, 11)), "National Foundation Day");
        assertFalse(calendar.isBusinessDay(LocalDate.of(2026, 9, 22)), "citizens' holiday between two holidays");
        assertTrue(calendar.isBusinessDay(LocalDate.of(2026, 11, 24)));
    }

    @Test
    void substituteHolidaysAreNotBusinessDays() {
        // Constitution Day 2026-05-03 is a Sunday: the substitute holiday falls on Wednesday the 6th
        assertFalse(calendar.isBusinessDay(LocalDate.of(2026, 5, 6)));
        // Vernal Equinox Day 2027-03-21 is a Sunday: Monday the 22nd is off
        assertFalse(calendar.isBusinessDay(LocalDate.of(2027, 3, 22)));
    }

    @Test
    void theYearEndClosureRunsFromDecember29ToJanuary3() {
        assertTrue(calendar.isBusinessDay(LocalDate.of(2026, 12, 28)));
        for (LocalDate d = LocalDate.of(2026, 12, 29); !d.isAfter(LocalDate.of(2027, 1, 3)); d = d.plusDays(1)) {
            assertFalse(calendar.isBusinessDay(d), d.toString());
        }
        assertTrue(calendar.isBusinessDay(LocalDate.of(2027, 1, 4)));
    }

    @Test
    void anOfficesOwnClosureDaysAreNotBusinessDays() {
        assertFalse(calendar.isBusinessDay(LocalDate.of(2026, 12, 11)));
        assertTrue(new BusinessCalendar(Set.of()).isBusinessDay(LocalDate.of(2026, 12, 11)));
    }

    @Test
    void countingBusinessDaysSkipsWeekendsHolidaysAndClosures() {
        // Wednesday 2026-11-25, two business days back: Tuesday the 24th, then Friday the 20th (the 23rd is a holiday)
        assertEquals(LocalDate.of(2026, 11, 20), calendar.businessDaysBefore(LocalDate.of(2026, 11, 25), 2));
        // Friday 2026-12-25, two business days on: Monday the 28th, then Monday 2027-01-04 after the closure
        assertEquals(LocalDate.of(2027, 1, 4), calendar.businessDaysAfter(LocalDate.of(2026, 12, 25), 2));
    }
}
