package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.events.ReservationEvents;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.AdvisoryLock;
import jp.madoguchi.reservation.repository.CounselorRepository;
import jp.madoguchi.reservation.repository.ReservationRepository;
import jp.madoguchi.reservation.repository.WeeklySlotRepository;

/**
 * Puts a reservation into a slot, or an ad-hoc session into a counselor's time. The only place a seat is taken, so
 * the only place that must be right under concurrency: confirmations of one office's slot queue on a
 * transaction-scoped advisory lock and count the seats after it; a counselor's time is checked under a lock of their
 * own, and the exclusion constraint on (counselor, time range) stops a counselor being booked twice for overlapping
 * times even if anything got past that.
 */
@ApplicationScoped
public class SlotBooker {

    /** Confirm without naming the counselor yet (automatic confirmation): only the seat count applies. */
    public static final String ANY_COUNSELOR = null;

    private final ReservationRepository reservations;
    private final WeeklySlotRepository slots;
    private final CounselorRepository counselors;
    private final ReservationEvents events;
    private final Clock clock;

    public SlotBooker(ReservationRepository reservations, WeeklySlotRepository slots, CounselorRepository counselors,
            ReservationEvents events, Clock clock) {
        this.reservations = reservations;
        this.slots = slots;
        this.counselors = counselors;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Confirms {@code r} into the slot starting at {@code start}, in the caller's transaction.
     *
     * @param enforceLeadTime false for follow-ups booked during a consultation, which the seeds confirm at once
     */
    public Uni<Reservation> confirm(Reservation r, OfficeRules rules, OffsetDateTime start, String counselorId,
            boolean enforceLeadTime) {
        // only a request is placed in a slot: a booking waiting for re-consent comes back by consent alone
        if (r.state != ReservationState.REQUESTED) {
            return Uni.createFrom().failure(ProblemException.conflict("reservation.illegal-transition", r.state,
                    ReservationState.CONFIRMED).with("state", r.state));
        }
        if (r.awaitingApplicationMail) {
            // a tentative booking is the person's application only once their own mail has come (Kabe)
            return Uni.createFrom().failure(ProblemException.conflict("reservation.awaiting-application-mail"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!start.isAfter(now)) {
            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.in-the-past"));
        }
        if (enforceLeadTime && !rules.policy().bookable(rules.day(start), rules.day(now), rules.calendar())) {
            var earliest = rules.policy().earliestBookableDay(rules.day(now), rules.calendar());
            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.too-late", earliest)
                    .with("earliestBookableDate", earliest.toString()));
        }
        OffsetDateTime end = start.plus(rules.policy().sessionLength());
        return counselorOfOffice(rules, counselorId).flatMap(ok -> slots.ofOffice(rules.office().id)).flatMap(week -> {
            var slot = AvailabilityService.slotAt(rules, week, start);
            if (slot.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.unprocessable("reservation.no-such-slot",
                        start.atZoneSameInstant(rules.zone()).toLocalDateTime()));
            }
            return lock("slot|" + rules.office().id + "|" + start.toInstant())
                    .flatMap(locked -> reservations.countHolding(rules.office().id, start))
                    .flatMap(held -> held >= slot.get().capacity
                            ? Uni.createFrom().failure(ProblemException.conflict("slot.full"))
                            : take(r, rules, start, end, counselorId, now));
        });
    }

    /**
     * An immediate session with {@code counselorId}, from now for the office's session length: no slot, so only the
     * counselor's time is taken. In the caller's transaction; {@code r} is new and not yet persisted.
     */
    public Uni<Reservation> confirmAdHoc(Reservation r, OfficeRules rules, String counselorId) {
        return counselorOfOffice(rules, counselorId)
                .flatMap(ok -> reservations.persist(r))
                .call(saved -> events.emit(ReservationEvents.REQUESTED, saved))
                .flatMap(saved -> take(saved, rules, saved.slotStart, saved.slotEnd, counselorId, saved.createdAt));
    }

    /**
     * Takes the seat: the counselor's time must be free (overlapping, not only equal, times count), checked under a
     * per-counselor lock and enforced by the database's exclusion constraint whatever got past the check.
     */
    private Uni<Reservation> take(Reservation r, OfficeRules rules, OffsetDateTime start, OffsetDateTime end,
            String counselorId, OffsetDateTime now) {
        Uni<Long> busy = counselorId == null ? Uni.createFrom().item(0L)
                : lock("counselor|" + counselorId).flatMap(locked -> reservations.countCounselorBusy(counselorId, start, end));
        return busy.flatMap(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(ProblemException.conflict("counselor.busy"));
            }
            r.moveTo(ReservationState.CONFIRMED);
            r.slotStart = start;
            r.slotEnd = end;
            r.counselorId = counselorId;
            r.confirmedAt = now;
            r.confirmBy = null;
            // the grace the invitation states is the one the meeting service applies, even if the policy changes later
            r.noShowGraceMinutes = (short) rules.policy().noShowGraceMinutes();
            return Panache.getSession().flatMap(s -> s.flush())
                    .onFailure(SlotBooker::isCounselorConflict)
                    .transform(e -> ProblemException.conflict("counselor.busy"))
                    .call(() -> events.emit(ReservationEvents.CONFIRMED, r))
                    .replaceWith(r);
        });
    }

    /** A booking is given only to a counselor of its office (a Kaga counselor cannot make Kabe's busy). */
    Uni<Void> counselorOfOffice(OfficeRules rules, String counselorId) {
        if (counselorId == null) {
            return Uni.createFrom().voidItem();
        }
        return counselors.isOf(rules.office().id, counselorId).flatMap(yes -> yes ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.unprocessable("counselor.not-of-office", counselorId)
                        .with("counselorId", counselorId)));
    }

    /** Like {@link #confirm} but a full slot or a busy counselor is "no", not an error. */
    public Uni<Boolean> tryConfirm(Reservation r, OfficeRules rules, OffsetDateTime start, String counselorId) {
        return confirm(r, rules, start, counselorId, true).replaceWith(true)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 409).recoverWithItem(false);
    }

    private static Uni<Void> lock(String key) {
        return AdvisoryLock.hold(key);
    }

    private static boolean isCounselorConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("reservation_counselor_busy")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
