package jp.madoguchi.reservation.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.Visible;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, UUID> {

    /**
     * The reservation if the caller may see it; otherwise "not found", the same answer as for an id that does
     * not exist, so ids reveal nothing about other people's bookings.
     */
    public Uni<Reservation> findVisible(UUID id, Predicate<Reservation> visible) {
        return Visible.orNotFound(findById(id), visible, "reservation", id);
    }

    /** Soonest first; the id breaks ties so that pages never overlap (as in every paged query here). */
    public PanacheQuery<Reservation> ownedBy(String userId) {
        return find("userId = ?1 order by slotStart, id", userId);
    }

    /** The office's tentative bookings for this seeker number still waiting for the person's application mail. */
    public Uni<List<Reservation>> awaitingApplicationMail(String officeId, String seekerNumber) {
        return list("officeId = ?1 and seekerNumber = ?2 and awaitingApplicationMail = true and state = ?3 order by createdAt, id",
                officeId, seekerNumber, ReservationState.REQUESTED);
    }

    public PanacheQuery<Reservation> ofOffice(String officeId, ReservationState state) {
        return state == null
                ? find("officeId = ?1 order by slotStart, id", officeId)
                : find("officeId = ?1 and state = ?2 order by slotStart, id", officeId, state);
    }

    /** A person's applications at an office awaiting its answer (仮予約), for the office's cap. */
    /** The person's newest application at the office that gave an email address: the address they last told it. */
    public Uni<Reservation> newestWithEmail(String userId, String officeId) {
        return find("userId = ?1 and officeId = ?2 and email is not null order by createdAt desc, id", userId, officeId)
                .firstResult();
    }

    /** Consultations still ahead at the office that someone is waiting for: requested, confirmed or awaiting re-consent. */
    public Uni<Long> countAhead(String officeId, OffsetDateTime now) {
        return count("officeId = ?1 and slotEnd > ?2 and state in (?3, ?4, ?5)", officeId, now, ReservationState.REQUESTED,
                ReservationState.CONFIRMED, ReservationState.AWAITING_RECONSENT);
    }

    /**
     * What holds a seat and a counselor: a confirmed booking, also while it waits for re-consent to revised terms. A
     * request never does, not even while it waits for re-consent (it had no seat to keep).
     */
    public static final String HOLDS_SEAT = "(state = :confirmed or (state = :awaiting and reconsentFrom = :confirmed))";

    /** The parameters of {@link #HOLDS_SEAT}. */
    public static Parameters holdingSeat() {
        return Parameters.with("confirmed", ReservationState.CONFIRMED).and("awaiting", ReservationState.AWAITING_RECONSENT);
    }

    /** A counselor's consultations overlapping {@code [start, end)}. */
    public Uni<Long> countCounselorBusy(String counselorId, OffsetDateTime start, OffsetDateTime end) {
        return count("counselorId = :counselor and slotStart < :end and slotEnd > :start and " + HOLDS_SEAT,
                holdingSeat().and("counselor", counselorId).and("start", start).and("end", end));
    }

    /**
     * Requests past the office's answer deadline that nobody has flagged yet; not those past their last moment to be
     * confirmed, which expire instead ("please phone us" would come with "it lapsed").
     */
    public Uni<List<Reservation>> newlyOverdue(OffsetDateTime now) {
        return list("state = ?1 and responseDueAt < ?2 and overdueAt is null and (confirmBy is null or confirmBy >= ?2)",
                ReservationState.REQUESTED, now);
    }

    /** A person's bookings at an office that have not ended: requested, confirmed or waiting for re-consent. */
    public Uni<List<Reservation>> openOf(String userId, String officeId, OffsetDateTime now) {
        return list("userId = ?1 and officeId = ?2 and state in ?3 and slotEnd > ?4", userId, officeId,
                List.of(ReservationState.REQUESTED, ReservationState.CONFIRMED, ReservationState.AWAITING_RECONSENT), now);
    }

    /** No-shows the office's staff have yet to review, oldest first. */
    public PanacheQuery<Reservation> awaitingReview(String officeId) {
        return find("officeId = ?1 and state = ?2 and noShowOutcome = 'REVIEW' and reviewedAt is null order by closedAt, id",
                officeId, ReservationState.NO_SHOW);
    }

    /** Requests whose last moment to be confirmed has passed. */
    public Uni<List<Reservation>> lapsed(OffsetDateTime now) {
        return list("state = ?1 and confirmBy < ?2", ReservationState.REQUESTED, now);
    }

    /** Bookings waiting for re-consent whose cut-off has passed. */
    public Uni<List<Reservation>> reconsentLapsed(OffsetDateTime now) {
        return list("state = ?1 and reconsentDueAt < ?2", ReservationState.AWAITING_RECONSENT, now);
    }

    /** Open bookings of an office from a day on, not accepted under {@code version}: they need re-consent. */
    public Uni<List<Reservation>> underOtherTerms(String officeId, String version, OffsetDateTime from) {
        return list("officeId = ?1 and state in ?2 and slotStart >= ?3 and termsVersionId <> ?4",
                officeId, List.of(ReservationState.REQUESTED, ReservationState.CONFIRMED), from, version);
    }

    public Uni<List<Reservation>> awaitingReconsent(String userId, String officeId) {
        return list("userId = ?1 and officeId = ?2 and state = ?3", userId, officeId, ReservationState.AWAITING_RECONSENT);
    }

    public PanacheQuery<Reservation> overdueAt(String officeId) {
        return find("officeId = ?1 and state = ?2 and overdueAt is not null order by responseDueAt, id",
                officeId, ReservationState.REQUESTED);
    }
}
