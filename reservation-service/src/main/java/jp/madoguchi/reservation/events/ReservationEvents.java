package jp.madoguchi.reservation.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.platform.events.EventTypes;

/**
 * Events of the reservation aggregate. Payloads carry identifiers only: integrators read this topic, so no
 * name, email or phone number ever appears here.
 */
public final class ReservationEvents {

    public static final String REQUESTED = EventTypes.RESERVATION_REQUESTED;

    private ReservationEvents() {
    }

    /** A person applied for a consultation (仮予約); applying also counts as consent to the office's terms. */
    public record ReservationRequested(UUID reservationId, String officeId, String userId, String userKind,
            OffsetDateTime slotStart, OffsetDateTime slotEnd, OffsetDateTime requestedAt) {
    }
}
