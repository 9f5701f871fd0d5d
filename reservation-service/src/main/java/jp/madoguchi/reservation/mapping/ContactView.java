package jp.madoguchi.reservation.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Contact details of an applicant, for the notification service's authenticated calls only. The user id lets a
 * message without an email address (an ad-hoc access code) reach the person's own My Page inbox.
 */
public record ContactView(UUID reservationId, String officeId, String userId, String userKind, String name, String email,
        String phone, String kind,
        String detailDelivery, OffsetDateTime slotStart, OffsetDateTime slotEnd, Integer noShowGraceMinutes) {
}
