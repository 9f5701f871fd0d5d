package jp.madoguchi.platform.events;

/**
 * CloudEvent types of the Madoguchi event contract, one place for producers and consumers alike.
 * The trailing {@code .vN} is the payload's schema version: a breaking change is a new type.
 */
public final class EventTypes {

    public static final String RESERVATION_REQUESTED = "jp.madoguchi.reservation.ReservationRequested.v1";
    public static final String CONSENT_RECORDED = "jp.madoguchi.consent.ConsentRecorded.v1";

    private EventTypes() {
    }
}
