package jp.madoguchi.reservation.mapping;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;

/** A reservation as its owner sees it. */
public record ReservationView(UUID id, String officeId, Reservation.Kind kind, ReservationState state,
        OffsetDateTime slotStart, OffsetDateTime slotEnd, List<OffsetDateTime> preferredStarts, String counselorName,
        List<String> companions, OffsetDateTime responseDueAt, OffsetDateTime createdAt, OffsetDateTime confirmedAt,
        @Schema(description = "A request not confirmed by then expires: the office's lead time has passed for every preferred start")
        OffsetDateTime confirmBy,
        @Schema(description = "While waiting for consent to revised terms: without it by then, the booking is void")
        OffsetDateTime reconsentDueAt) {
}
