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
import jp.madoguchi.reservation.repository.ReservationRepository;
import jp.madoguchi.reservation.repository.WeeklySlotRepository;

/**
 * Puts a reservation into a slot. The only place a seat is taken, so the only place that must be right under
 * concurrency: confirmations of one office's slot queue on a transaction-scoped advisory lock and count the
 * seats after it; the partial unique index on (counselor, start) stops a counselor being booked twice even if
 * anything got past that.
 */
@ApplicationScoped
public class SlotBooker {

    /** Confirm without naming the counselor yet (automatic confirmation): only the seat count applies. */
    public static final String ANY_COUNSELOR = null;

    private final ReservationRepository reservations;
    private final WeeklySlotRepository slots;
    private final ReservationEvents events;
    private final Clock clock;

    public SlotBooker(ReservationRepository reservations, WeeklySlotRepository slots, ReservationEvents events, Clock clock) {
        this.reservations = reservations;
        this.slots = slots;
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
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!start.isAfter(now)) {
            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.in-the-past"));
        }
        if (enforceLeadTime && !rules.policy().bookable(rules.day(start), rules.day(now), rules.calendar())) {
            var earliest = rules.policy().earliestBookableDay(rules.day(now), rules.calendar());
            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.too-late", earliest)
                    .with("earliestBookableDate", earliest.toString()));
        }
        return slots.ofOffice(rules.office().id).flatMap(week -> {
            var slot = AvailabilityService.slotAt(rules, week, start);
            if (slot.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.unprocessable("reservation.no-such-slot",
                        start.atZoneSameInstant(rules.zone()).toLocalDateTime()));
            }
            return lock(rules.office().id, start)
                    .flatMap(locked -> reservations.countHolding(rules.office().id, start))
                    .flatMap(held -> {
                        if (held >= slot.get().capacity) {
                            return Uni.createFrom().failure(ProblemException.conflict("slot.full"));
                        }
                        return counselorId == null ? Uni.createFrom().item(0L)
                                : reservations.countCounselorBusy(counselorId, start);
                    })
                    .flatMap(busy -> {
                        if (busy > 0) {
                            return Uni.createFrom().failure(ProblemException.conflict("counselor.busy"));
                        }
                        r.moveTo(ReservationState.CONFIRMED);
                        r.slotStart = start;
                        r.slotEnd = start.plus(rules.policy().sessionLength());
                        r.counselorId = counselorId;
                        r.confirmedAt = now;
                        return Panache.getSession().flatMap(s -> s.flush())
                                .onFailure(SlotBooker::isUniqueViolation)
                                .transform(e -> ProblemException.conflict("counselor.busy"))
                                .call(() -> events.emit(ReservationEvents.CONFIRMED, r))
                                .replaceWith(r);
                    });
        });
    }

    /** Like {@link #confirm} but a full slot or a busy counselor is "no", not an error. */
    public Uni<Boolean> tryConfirm(Reservation r, OfficeRules rules, OffsetDateTime start, String counselorId) {
        return confirm(r, rules, start, counselorId, true).replaceWith(true)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 409).recoverWithItem(false);
    }

    private static Uni<Void> lock(String officeId, OffsetDateTime start) {
        return AdvisoryLock.hold("slot|" + officeId + "|" + start.toInstant());
    }

    private static boolean isUniqueViolation(Throwable e) {
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
