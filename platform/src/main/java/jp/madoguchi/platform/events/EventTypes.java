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
    public static final String RESERVATION_AWAITING_RECONSENT = "jp.madoguchi.reservation.ReservationAwaitingReconsent.v1";
    public static final String RESERVATION_RECONSENTED = "jp.madoguchi.reservation.ReservationReconsented.v1";
    /** No consent to the revised terms before the cut-off: the application is void. */
    public static final String RESERVATION_VOIDED = "jp.madoguchi.reservation.ReservationVoided.v1";
    /** Not confirmed while the office's lead time still allowed it: the request lapsed and the person is told. */
    public static final String RESERVATION_EXPIRED = "jp.madoguchi.reservation.ReservationExpired.v1";
    public static final String RESERVATION_NO_SHOW = "jp.madoguchi.reservation.ReservationNoShow.v1";
    public static final String RESERVATION_COMPLETED = "jp.madoguchi.reservation.ReservationCompleted.v1";

    /** A national administrator opened an office: its public profile and policy (OfficeProfile), keyed by office id. */
    public static final String OFFICE_OPENED = "jp.madoguchi.reservation.OfficeOpened.v1";
    /** An office's profile or policy changed: the office as it is now (OfficeProfile). */
    public static final String OFFICE_CHANGED = "jp.madoguchi.reservation.OfficeChanged.v1";
    /** An office stopped taking online bookings: its last profile (OfficeProfile). */
    public static final String OFFICE_CLOSED = "jp.madoguchi.reservation.OfficeClosed.v1";

    public static final String CONSENT_RECORDED = "jp.madoguchi.consent.ConsentRecorded.v1";
    /** A person must consent to revised terms before their booking: requestId, userId, officeId, termsVersionId, reservationId. */
    public static final String RECONSENT_REQUESTED = "jp.madoguchi.consent.ReconsentRequested.v1";
    /**
     * A published revision, told to one person with a consent on record at the office (article 13): userId, officeId,
     * termsVersionId, effectiveFrom, changeNotice, termsUrl.
     */
    public static final String TERMS_REVISION_ANNOUNCED = "jp.madoguchi.consent.TermsRevisionAnnounced.v1";
    /** A version of an office's terms was published (the first one too): officeId, termsVersionId, effectiveFrom. */
    public static final String TERMS_REVISED = "jp.madoguchi.consent.TermsRevised.v1";

    /** A meeting was created for a booking: meetingId, reservationId, officeId, opensAt, closesAt (no URL, no passcode). */
    public static final String MEETING_PROVISIONED = "jp.madoguchi.meeting.MeetingProvisioned.v1";
    public static final String MEETING_REVOKED = "jp.madoguchi.meeting.MeetingRevoked.v1";
    /** Someone entered a meeting: meetingId, reservationId, role, joinedAt (never the device). */
    public static final String PARTICIPANT_JOINED = "jp.madoguchi.meeting.ParticipantJoined.v1";
    /** Nobody joined within the grace period and no word came: reservationId, officeId, detectedAt. */
    public static final String NO_SHOW_DETECTED = "jp.madoguchi.meeting.NoShowDetected.v1";
    /** The meeting of a consultation ended: reservationId, officeId, endedAt. */
    public static final String MEETING_ENDED = "jp.madoguchi.meeting.MeetingEnded.v1";
    /** TeleOffice could not create a confirmed booking's meeting before its session ended: reservationId, officeId, startsAt. */
    public static final String MEETING_PROVISIONING_FAILED = "jp.madoguchi.meeting.MeetingProvisioningFailed.v1";

    private EventTypes() {
    }
}
