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
import jp.madoguchi.reservation.repository.BookingQueries;
import jp.madoguchi.reservation.repository.CounselorRepository;
import jp.madoguchi.reservation.repository.ReservationRepository;

/**
 * Puts a reservation into a slot, or an ad-hoc session into a counselor's time. The only place a seat is taken, so
 * the only place that must be right under concurrency: confirmations of one office's slot queue on a
 * transaction-scoped advisory lock, taken with the counselor's in one statement, and count the seats and the
 * counselor's time in the next (never in the same: see {@link BookingQueries}); the exclusion constraint on
 * (counselor, time range) stops a counselor being booked twice for overlapping times even if anything got past that.
 */
@ApplicationScoped
public class SlotBooker {

    /** Confirm without naming the counselor yet (automatic confirmation): only the seat count applies. */
    public static final String ANY_COUNSELOR = null;

    private final ReservationRepository reservations;
    private final BookingQueries queries;
    private final OfficeSnapshots snapshots;
    private final CounselorRepository counselors;
    private final ReservationEvents events;
    private final Clock clock;

    public SlotBooker(ReservationRepository reservations, BookingQueries queries, OfficeSnapshots snapshots,
            CounselorRepository counselors, ReservationEvents events, Clock clock) {
        this.reservations = reservations;
        this.queries = queries;
        this.snapshots = snapshots;
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
        // the rules carry the office's version: its kept snapshot (schedule included) costs no query while current
        return counselorOfOffice(rules, counselorId)
                .flatMap(ok -> snapshots.at(rules.office().id, rules.office().version))
                .flatMap(office -> confirm(r, office, start, counselorId, enforceLeadTime));
    }

    /**
     * Confirms {@code r} into the slot starting at {@code start}, in the caller's transaction, with the office as of
     * a version read in this transaction; the caller has made sure {@code counselorId} (if any) works there.
     * Everything that needs no lock is checked first; then two statements under the locks (take them, count what
     * holds the slot and the counselor), the row's update and the event: the slot's lock is held for those and the
     * commit.
     */
    public Uni<Reservation> confirm(Reservation r, OfficeSnapshots.Snapshot office, OffsetDateTime start,
            String counselorId, boolean enforceLeadTime) {
        OfficeRules rules = office.rules();
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
        var slot = office.slotAt(start);
        if (slot.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.no-such-slot",
                    start.atZoneSameInstant(rules.zone()).toLocalDateTime()));
        }
        OffsetDateTime end = start.plus(rules.policy().sessionLength());
        int capacity = slot.get().capacity();
        return queries.lock(slotKey(rules.office().id, start), counselorId == null ? null : counselorKey(counselorId))
                .flatMap(locked -> queries.taken(rules.office().id, start, end, counselorId))
                .flatMap(taken -> {
                    if (taken.seats() >= capacity) {
                        return Uni.createFrom().failure(ProblemException.conflict("slot.full"));
                    }
                    if (taken.counselorBusy() > 0) {
                        return Uni.createFrom().failure(ProblemException.conflict("counselor.busy"));
                    }
                    return book(r, rules, start, end, counselorId, now);
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
     * Takes the counselor's time for an ad-hoc session: it must be free (overlapping, not only equal, times count),
     * checked under the counselor's lock and enforced by the database's exclusion constraint whatever got past it.
     */
    private Uni<Reservation> take(Reservation r, OfficeRules rules, OffsetDateTime start, OffsetDateTime end,
            String counselorId, OffsetDateTime now) {
        if (counselorId == null) {
            return book(r, rules, start, end, null, now);
        }
        return lock(counselorKey(counselorId))
                .flatMap(locked -> reservations.countCounselorBusy(counselorId, start, end))
                .flatMap(n -> n > 0 ? Uni.createFrom().failure(ProblemException.conflict("counselor.busy"))
                        : book(r, rules, start, end, counselorId, now));
    }

    /** Writes the confirmation and its event; the counselor's exclusion constraint has the last word. */
    private Uni<Reservation> book(Reservation r, OfficeRules rules, OffsetDateTime start, OffsetDateTime end,
            String counselorId, OffsetDateTime now) {
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
    }

    static String slotKey(String officeId, OffsetDateTime start) {
        return "slot|" + officeId + "|" + start.toInstant();
    }

    static String counselorKey(String counselorId) {
        return "counselor|" + counselorId;
    }

    /** A booking is given only to a counselor of its office (a Kaga counselor cannot make Kabe's busy). */
    Uni<Void> counselorOfOffice(OfficeRules rules, String counselorId) {
        if (counselorId == null) {
            return Uni.createFrom().voidItem();
        }
        return counselors.isOf(rules.office().id, counselorId).flatMap(yes -> yes ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(notOfOffice(counselorId)));
    }

    static ProblemException notOfOffice(String counselorId) {
        return ProblemException.unprocessable("counselor.not-of-office", counselorId).with("counselorId", counselorId);
    }

    /** Like {@link #confirm} but a full slot or a busy counselor is "no", not an error. */
    public Uni<Boolean> tryConfirm(Reservation r, OfficeSnapshots.Snapshot office, OffsetDateTime start, String counselorId) {
        return confirm(r, office, start, counselorId, true).replaceWith(true)
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
