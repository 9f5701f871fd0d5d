package jp.madoguchi.reservation.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Contact details of an applicant, for the notification service's authenticated calls only. */
public record ContactView(UUID reservationId, String officeId, String name, String email, String phone, String kind,
        String detailDelivery, OffsetDateTime slotStart, OffsetDateTime slotEnd) {
}
