package jp.madoguchi.reservation.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.outbox.Outbox;
import jp.madoguchi.reservation.config.ReservationConfig;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.service.StaffService;

/**
 * Events of the reservation aggregate, one per state change, through the outbox. Payloads carry
 * identifiers only: integrators read this topic, so no name, email or phone number ever appears here.
 */
@ApplicationScoped
public class ReservationEvents {

    public static final String REQUESTED = EventTypes.RESERVATION_REQUESTED;
    public static final String CONFIRMED = EventTypes.RESERVATION_CONFIRMED;
    public static final String REJECTED = EventTypes.RESERVATION_REJECTED;
    public static final String CANCELLED = EventTypes.RESERVATION_CANCELLED;
    public static final String RESPONSE_OVERDUE = EventTypes.RESERVATION_RESPONSE_OVERDUE;
    public static final String AWAITING_RECONSENT = EventTypes.RESERVATION_AWAITING_RECONSENT;
    public static final String RECONSENTED = EventTypes.RESERVATION_RECONSENTED;
    public static final String VOIDED = EventTypes.RESERVATION_VOIDED;
    public static final String NO_SHOW = EventTypes.RESERVATION_NO_SHOW;
    public static final String COMPLETED = EventTypes.RESERVATION_COMPLETED;
    public static final String EXPIRED = EventTypes.RESERVATION_EXPIRED;

    private final Outbox outbox;
    private final ReservationConfig config;

    public ReservationEvents(Outbox outbox, ReservationConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Records {@code type} for the reservation's current state, in the caller's transaction. */
    public Uni<Void> emit(String type, Reservation r) {
        return outbox.record(config.topic(), type, r.id.toString(), ReservationChanged.of(r)).replaceWithVoid();
    }

    /**
     * The payload of every reservation event (v1).
     *
     * @param kind           REGULAR, FOLLOW_UP or AD_HOC
     * @param detailDelivery for follow-ups: EMAIL (URL by email) or PHONE (access code by phone)
     * @param cancelChannel  for cancellations: ONLINE, PHONE, EMAIL, or STAFF-recorded channel
     * @param reconsentDueAt while awaiting re-consent: the moment after which the booking is void (the office's rule,
     *                       computed here once; the link and the email carry this very instant)
     * @param noShowGraceMinutes once confirmed: how long after the start with nobody joined it is a no-show
     * @param noShowOutcome  for no-shows: SUSPEND (online booking suspended) or REVIEW (staff decide)
     * @param refused        for cancellations: true when the office cancelled because it refused the person service
     * @param channel        how the application reached the office: ONLINE, PHONE, COUNTER or EMAIL
     * @param awaitingApplicationMail true while a tentative booking awaits the person's application mail: there is no
     *                       contact email yet, so nobody is to be acknowledged
     */
    public record ReservationChanged(UUID reservationId, String officeId, String userId, String userKind,
            String kind, String state, OffsetDateTime slotStart, OffsetDateTime slotEnd, String counselorId,
            String detailDelivery, String cancelChannel, UUID parentId, OffsetDateTime requestedAt,
            OffsetDateTime responseDueAt, String termsVersionId, OffsetDateTime reconsentDueAt, Integer noShowGraceMinutes,
            String noShowOutcome, Boolean refused, String channel, boolean awaitingApplicationMail) {

        static ReservationChanged of(Reservation r) {
            // a refusal is no channel of the person's: the v1 enum of channels stays as it was, a new field says it
            boolean refusal = StaffService.REFUSAL.equals(r.cancelChannel);
            return new ReservationChanged(r.id, r.officeId, r.userId, r.userKind.name(), r.kind.name(), r.state.name(),
                    r.slotStart, r.slotEnd, r.counselorId, r.detailDelivery == null ? null : r.detailDelivery.name(),
                    refusal ? null : r.cancelChannel, r.parentId, r.createdAt, r.responseDueAt, r.termsVersionId,
                    r.reconsentDueAt, r.noShowGraceMinutes == null ? null : r.noShowGraceMinutes.intValue(), r.noShowOutcome,
                    refusal ? Boolean.TRUE : null, r.channel.name(), r.awaitingApplicationMail);
        }
    }
}
