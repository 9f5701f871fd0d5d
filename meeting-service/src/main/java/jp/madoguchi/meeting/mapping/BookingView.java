package jp.madoguchi.meeting.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.meeting.entity.Booking;

/** {@code noShowGraceMinutes}: the office's no-show grace as the booking's events said it (null: not said). */
public record BookingView(UUID reservationId, String officeId, OffsetDateTime slotStart, OffsetDateTime slotEnd,
        String state, Integer noShowGraceMinutes) {

    public static BookingView of(Booking b) {
        return new BookingView(b.reservationId, b.officeId, b.slotStart, b.slotEnd, b.state, b.noShowGraceMinutes);
    }
}
