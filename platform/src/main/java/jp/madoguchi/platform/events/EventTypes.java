package jp.madoguchi.platform.events;

/**
 * CloudEvent types of the Madoguchi event contract, one place for producers and consumers alike.
 * The trailing {@code .vN} is the payload's schema version: a breaking change is a new type.
 */
public final class EventTypes {

    public static final String RESERVATION_REQUESTED = "jp.madoguchi.reservation.ReservationRequested.v1";
    public static final String RESERVATION_CONFIRMED = "jp.madoguchi.reservation.ReservationConfirmed.v1";
    public static final String RESERVATION_REJECTED = "jp.madoguchi.reservation.ReservationRejected.v1";
    public static final String RESERVATION_CANCELLED = "jp.madoguchi.reservation.ReservationCancelled.v1";
    /** The office did not answer in time: the person is told to phone. */
    public static final String RESERVATION_RESPONSE_OVERDUE = "jp.madoguchi.reservation.ReservationResponseOverdue.v1";
    public static final String CONSENT_RECORDED = "jp.madoguchi.consent.ConsentRecorded.v1";

    private EventTypes() {
    }
}
