package jp.madoguchi.reservation.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;

/** A reservation as the office's staff see it: with the contact details they need to call back. */
public record StaffReservationView(UUID id, String officeId, Reservation.Kind kind, ReservationState state,
        OffsetDateTime slotStart, OffsetDateTime slotEnd, List<OffsetDateTime> preferredStarts, String userId,
        Reservation.UserKind userKind, String seekerNumber, String name, String email, String phone,
        String counselorId, String counselorName, List<String> companions, String companionNote,
        Reservation.DetailDelivery detailDelivery, OffsetDateTime responseDueAt, boolean overdue,
        String closedReason, String cancelChannel, UUID parentId, String termsVersionId, OffsetDateTime createdAt,
        OffsetDateTime confirmedAt, OffsetDateTime confirmBy, OffsetDateTime reconsentDueAt, String noShowOutcome,
        OffsetDateTime reviewedAt, Reservation.Channel channel, boolean awaitingApplicationMail) {
}
