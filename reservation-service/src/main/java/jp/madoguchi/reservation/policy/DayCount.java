package jp.madoguchi.reservation.policy;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** "N business days" or "N calendar days", as the offices' terms count them. */
public record DayCount(@Min(0) @Max(30) int days, @NotNull Unit unit) {

    public enum Unit { BUSINESS_DAYS, CALENDAR_DAYS }

    public static DayCount businessDays(int n) {
        return new DayCount(n, Unit.BUSINESS_DAYS);
    }

    public static DayCount calendarDays(int n) {
        return new DayCount(n, Unit.CALENDAR_DAYS);
    }

    public LocalDate before(LocalDate day, BusinessCalendar calendar) {
        if (days == 0) {
            return day;
        }
        return unit == Unit.BUSINESS_DAYS ? calendar.businessDaysBefore(day, days) : day.minusDays(days);
    }

    public LocalDate after(LocalDate day, BusinessCalendar calendar) {
        if (days == 0) {
            return day;
        }
        return unit == Unit.BUSINESS_DAYS ? calendar.businessDaysAfter(day, days) : day.plusDays(days);
    }
}
