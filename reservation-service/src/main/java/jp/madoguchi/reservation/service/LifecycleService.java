package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;


import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jp.madoguchi.platform.inbox.PermanentEventFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.ConsentOnRecord;
import jp.madoguchi.reservation.entity.OfficeTerms;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.events.ReservationEvents;
import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.repository.ProjectionRepository;
import jp.madoguchi.reservation.repository.ReservationRepository;

/**
 * What happens to bookings because of other services' events: revised terms, consents, no-shows and
 * finished meetings. Each method runs inside the consuming transaction (idempotent per event id).
 */
@ApplicationScoped
public class LifecycleService {

    private final ReservationRepository reservations;
    private final ProjectionRepository projections;
    private final OfficeService offices;
    private final StaffService staff;
    private final ReservationEvents events;
    private final Clock clock;

    public LifecycleService(ReservationRepository reservations, ProjectionRepository projections, OfficeService offices,
            StaffService staff, ReservationEvents events, Clock clock) {
        this.reservations = reservations;
        this.projections = projections;
        this.offices = offices;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
    }

    /**
     * New terms for an office: every open booking from the effective day on that was accepted under another
     * version waits for the person's consent to the new one (Kaga article 6(4)).
     */
    public Uni<Void> termsRevised(String officeId, String version, LocalDate effectiveFrom) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return projections.termsOf(officeId).flatMap(current -> {
            if (current != null && current.termsVersionId.equals(version)) {
                return Uni.createFrom().voidItem();
            }
            OfficeTerms terms = current != null ? current : new OfficeTerms();
            boolean first = current == null;
            terms.officeId = officeId;
            terms.termsVersionId = version;
            terms.effectiveFrom = effectiveFrom;
            terms.updatedAt = now;
            if (first) {
                // the first version we hear of is no revision: bookings made before we knew were accepted under it
                return Panache.getSession().flatMap(s -> s.persist(terms))
                        .flatMap(v -> reservations.update("termsVersionId = ?1 where officeId = ?2 and termsVersionId is null",
                                version, officeId))
                        .replaceWithVoid();
            }
            return offices.rules(officeId).flatMap(rules -> {
                if (!rules.policy().revisionRequiresReconsent()) {
                    // the office's terms do not make a revision a condition of the booking: bookings stand
                    return Uni.createFrom().voidItem();
                }
                OffsetDateTime from = effectiveFrom.atStartOfDay(rules.zone()).toOffsetDateTime();
                return reservations.underOtherTerms(officeId, version, from.isAfter(now) ? from : now)
                        .flatMap(affected -> Multi.createFrom().iterable(affected)
                                .onItem().transformToUniAndConcatenate(r -> {
                                    r.reconsentFrom = r.state;
                                    r.moveTo(ReservationState.AWAITING_RECONSENT);
                                    // the one deadline: the event carries it to the link and the email
                                    r.reconsentDueAt = rules.policy().reconsentDeadline(r.slotStart, rules.zone(),
                                            rules.calendar());
                                    if (!now.isBefore(r.reconsentDueAt)) {
                                        // already past the cut-off: asking would only offer a link that has lapsed
                                        return voidForLackOfConsent(r, now);
                                    }
                                    return events.emit(ReservationEvents.AWAITING_RECONSENT, r);
                                }).collect().asList().replaceWithVoid());
            });
        });
    }

    /** A consent on record; consent to the version in force brings waiting bookings back. */
    public Uni<Void> consentRecorded(String userId, String officeId, String version, OffsetDateTime recordedAt) {
        return projections.consentOf(userId, officeId).flatMap(existing -> {
            ConsentOnRecord c = existing != null ? existing : new ConsentOnRecord();
            c.userId = userId;
            c.officeId = officeId;
            c.termsVersionId = version;
            c.recordedAt = recordedAt;
            return existing != null ? Uni.createFrom().voidItem() : Panache.getSession().flatMap(s -> s.persist(c));
        }).flatMap(v -> projections.termsOf(officeId)).flatMap(current -> {
            if (current == null || !current.termsVersionId.equals(version)) {
                return Uni.createFrom().voidItem();
            }
            return reservations.awaitingReconsent(userId, officeId).flatMap(waiting -> Multi.createFrom().iterable(waiting)
                    .onItem().transformToUniAndConcatenate(r -> {
                        r.moveTo(r.reconsentFrom == null ? ReservationState.CONFIRMED : r.reconsentFrom);
                        r.reconsentFrom = null;
                        r.reconsentDueAt = null;
                        r.termsVersionId = version;
                        return events.emit(ReservationEvents.RECONSENTED, r);
                    }).collect().asList().replaceWithVoid());
        });
    }

    /** No reply before the office's cut-off: the application is void (Kaga article 6(5)). */
    public Uni<Integer> voidUnanswered() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> reservations.reconsentLapsed(now)
                .flatMap(lapsed -> Multi.createFrom().iterable(lapsed)
                        .onItem().transformToUniAndConcatenate(r -> voidForLackOfConsent(r, now))
                        .collect().asList().map(List::size)));
    }

    private Uni<Void> voidForLackOfConsent(Reservation r, OffsetDateTime now) {
        r.moveTo(ReservationState.VOID);
        r.closedAt = now;
        r.closedReason = "no consent to the revised terms before the cut-off";
        return events.emit(ReservationEvents.VOIDED, r);
    }

    /** Nobody came and nobody called: a no-show, and the office's policy decides what follows. */
    public Uni<Void> noShow(UUID reservationId) {
        return reservations.findById(reservationId).flatMap(r -> {
            if (r == null) {
                // parked for an operator: a no-show of a booking we never heard of is a contract or routing error
                return Uni.createFrom().failure(PermanentEventFailure.unknownReference("reservation", reservationId));
            }
            if (r.state == ReservationState.NO_SHOW) {
                return Uni.createFrom().voidItem();
            }
            r.moveTo(ReservationState.NO_SHOW);
            r.closedAt = OffsetDateTime.now(clock);
            return offices.rules(r.officeId).flatMap(rules -> {
                OfficePolicy.NoShowOutcome outcome = rules.policy().noShowOutcome();
                // the event says what really follows, so the person's email can say it too
                r.noShowOutcome = outcome.name();
                return events.emit(ReservationEvents.NO_SHOW, r)
                        .flatMap(v -> outcome == OfficePolicy.NoShowOutcome.SUSPEND
                                ? staff.suspend(r.officeId, r.userId, "no-show " + r.id).replaceWithVoid()
                                : Uni.createFrom().voidItem());
            });
        });
    }

    public Uni<Void> meetingEnded(UUID reservationId) {
        return reservations.findById(reservationId).flatMap(r -> {
            if (r == null || r.state != ReservationState.CONFIRMED) {
                // a no-show or cancelled booking's meeting also ends: nothing more to record
                return Uni.createFrom().voidItem();
            }
            r.moveTo(ReservationState.COMPLETED);
            r.closedAt = OffsetDateTime.now(clock);
            return events.emit(ReservationEvents.COMPLETED, r);
        });
    }

    /** The version in force at an office, if known: recorded on each new booking. Runs in a session. */
    public Uni<String> currentTermsVersion(String officeId) {
        return projections.termsOf(officeId).map(t -> t == null ? null : t.termsVersionId);
    }
}
