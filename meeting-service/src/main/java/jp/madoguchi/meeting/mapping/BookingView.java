package jp.madoguchi.meeting.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.meeting.entity.Booking;

public record BookingView(UUID reservationId, String officeId, OffsetDateTime slotStart, OffsetDateTime slotEnd,
        String state) {

    public static BookingView of(Booking b) {
        return new BookingView(b.reservationId, b.officeId, b.slotStart, b.slotEnd, b.state);
    }
}
