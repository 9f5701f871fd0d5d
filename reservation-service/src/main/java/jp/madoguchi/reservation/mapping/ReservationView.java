package jp.madoguchi.reservation.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.reservation.entity.ReservationState;

/** A reservation as its owner sees it. */
public record ReservationView(UUID id, String officeId, OffsetDateTime slotStart, OffsetDateTime slotEnd,
        ReservationState state, OffsetDateTime createdAt) {
}
