package jp.madoguchi.reservation.policy;

import java.net.URL;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * Business days of an office: Monday to Friday, minus Japanese national holidays (substitute holidays
 * included), minus the year-end closure of public offices (Dec 29 – Jan 3), minus the office's own closure
 * days. "N business days before" and "the day before" are computed here and nowhere else.
 */
public final class BusinessCalendar {

    private static final MonthDay YEAR_END_FIRST = MonthDay.of(12, 29);
    private static final MonthDay YEAR_END_LAST = MonthDay.of(1, 3);
    private static final one.cafebabe.businesscalendar4j.BusinessCalendar NATIONAL;

    static {
        // The library refreshes its holiday list from the Cabinet Office at start-up; point it at the copy it
        // ships instead: no network at start, and no surprise outbound call from a public-sector service.
        URL bundled = one.cafebabe.businesscalendar4j.BusinessCalendar.class.getResource("/syukujitsu.csv");
        if (bundled != null && System.getProperty("SYUKUJITSU_URL") == null) {
            System.setProperty("SYUKUJITSU_URL", bundled.toString());
        }
        NATIONAL = one.cafebabe.businesscalendar4j.BusinessCalendar.newBuilder()
                .holiday(one.cafebabe.businesscalendar4j.BusinessCalendar.JAPAN.PUBLIC_HOLIDAYS)
                .build();
    }

    private final Set<LocalDate> officeClosures;

    public BusinessCalendar(Set<LocalDate> officeClosures) {
        this.officeClosures = Set.copyOf(officeClosures);
    }

    public boolean isBusinessDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY
                && !NATIONAL.isHoliday(day)
                && !isYearEndClosure(day)
                && !officeClosures.contains(day);
    }

    /** Name of a national holiday on {@code day}, or null. */
    public static String nationalHoliday(LocalDate day) {
        var holiday = NATIONAL.getHoliday(day);
        return holiday == null ? null : holiday.name();
    }

    public static boolean isYearEndClosure(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        return !md.isBefore(YEAR_END_FIRST) || !md.isAfter(YEAR_END_LAST);
    }

    /** The business day {@code n} business days before {@code day} (n ≥ 1). */
    public LocalDate businessDaysBefore(LocalDate day, int n) {
        LocalDate d = day;
        int counted = 0;
        while (counted < n) {
            d = d.minusDays(1);
            if (isBusinessDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /** The business day {@code n} business days after {@code day} (n ≥ 1). */
    public LocalDate businessDaysAfter(LocalDate day, int n) {
        LocalDate d = day;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            if (isBusinessDay(d)) {
                counted++;
            }
        }
        return d;
    }
}
