package jp.madoguchi.reservation.policy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import jp.madoguchi.reservation.entity.Office;

/** An office with its policy and business calendar: what every booking rule is decided from. */
public record OfficeRules(Office office, OfficePolicy policy, BusinessCalendar calendar, ZoneId zone) {

    public LocalDate day(OffsetDateTime t) {
        return t.atZoneSameInstant(zone).toLocalDate();
    }
}
