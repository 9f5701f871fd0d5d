package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;
import jp.madoguchi.reservation.entity.Counselor;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.entity.Restriction;
import jp.madoguchi.reservation.events.ReservationEvents;
import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.policy.OfficePolicy.Channel;
import jp.madoguchi.reservation.repository.BookingQueries;
import jp.madoguchi.reservation.repository.CounselorRepository;
import jp.madoguchi.reservation.repository.ProjectionRepository;
import jp.madoguchi.reservation.repository.ReservationRepository;
import jp.madoguchi.reservation.repository.RestrictionRepository;

/** The counselors' side: their office's queue, confirmations, rejections, follow-ups, recorded cancellations, refusals. */
@ApplicationScoped
public class StaffService {

    private final ReservationRepository reservations;
    private final BookingQueries queries;
    private final RestrictionRepository restrictions;
    private final CounselorRepository counselors;
    private final OfficeService offices;
    private final OfficeSnapshots snapshots;
    private final SlotBooker booker;
    private final ReservationEvents events;
    private final ProjectionRepository projections;
    private final Clock clock;

    public StaffService(ReservationRepository reservations, BookingQueries queries, RestrictionRepository restrictions,
            CounselorRepository counselors, OfficeService offices, OfficeSnapshots snapshots,
            SlotBooker booker, ReservationEvents events, ProjectionRepository projections, Clock clock) {
        this.reservations = reservations;
        this.queries = queries;
        this.restrictions = restrictions;
        this.counselors = counselors;
        this.offices = offices;
        this.snapshots = snapshots;
        this.booker = booker;
        this.events = events;
        this.projections = projections;
        this.clock = clock;
    }

    @WithSession
    public Uni<Page<Reservation>> queue(String office, ReservationState state, PageRequest page) {
        return Page.of(reservations.ofOffice(office, state), page);
    }

    @WithSession
    public Uni<Page<Reservation>> overdue(String office, PageRequest page) {
        return Page.of(reservations.overdueAt(office), page);
    }

    @WithSession
    public Uni<Reservation> get(UUID id, String office) {
        return ofOffice(id, office);
    }

    /**
     * 本予約: the slot (default: the first preference) and the counselor (default: the caller, who is thereby on the
     * office's roster: their token names the office).
     */
    @WithTransaction
    public Uni<Reservation> confirm(UUID id, String office, OffsetDateTime slotStart, String counselorId, String callerId) {
        // Six statements and the commit (README, "Performance: the write path"): the caller's enrolment with the
        // office's version and the counselor's office in one; the reservation; then the booker's two under the locks,
        // the row's update and the event.
        return queries.confirmation(office, callerId, counselorId, OffsetDateTime.now(clock))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("office", office))
                .flatMap(context -> ofOffice(id, office).flatMap(r -> context.counselorOfOffice()
                        ? snapshots.at(office, context.officeVersion()).flatMap(rules -> booker.confirm(r, rules,
                                slotStart == null ? r.slotStart : slotStart, counselorId, true))
                        : Uni.createFrom().failure(SlotBooker.notOfOffice(counselorId))));
    }

    /** A counselor working at their office is one of its counselors. In the caller's transaction. */
    private Uni<Void> enrol(String office, String callerId) {
        return counselors.enrol(office, callerId, null, OffsetDateTime.now(clock));
    }

    /** The office's admin puts a counselor on the roster before they have worked here, or names them. */
    @WithTransaction
    public Uni<Counselor> addCounselor(String office, String userId, String name) {
        return counselors.enrol(office, userId, name, OffsetDateTime.now(clock))
                .flatMap(v -> counselors.find("officeId = ?1 and userId = ?2", office, userId).firstResult());
    }

    @WithSession
    public Uni<Page<Counselor>> counselors(String office, PageRequest page) {
        return Page.of(counselors.ofOffice(office), page);
    }

    @WithTransaction
    public Uni<Reservation> reject(UUID id, String office, String reason) {
        return ofOffice(id, office).flatMap(r -> {
            r.moveTo(ReservationState.REJECTED);
            r.closedReason = reason;
            r.closedAt = OffsetDateTime.now(clock);
            return events.emit(ReservationEvents.REJECTED, r).replaceWith(r);
        });
    }

    /** A cancellation the person made by phone or email, recorded by staff under the office's rules. */
    @WithTransaction
    public Uni<Reservation> recordCancellation(UUID id, String office, Channel channel, String note) {
        return ofOffice(id, office).flatMap(r -> offices.rules(office).flatMap(rules -> {
            var allowed = rules.policy().cancellationChannelsAt(OffsetDateTime.now(clock), r.slotStart, rules.zone());
            if (channel == Channel.ONLINE || !allowed.contains(channel)) {
                return Uni.createFrom().failure(ProblemException.unprocessable("reservation.cancel-channel-not-allowed",
                        channel).with("allowedChannels", allowed.stream().sorted().toList()));
            }
            r.moveTo(ReservationState.CANCELLED);
            r.cancelChannel = channel.name();
            r.closedReason = note;
            r.closedAt = OffsetDateTime.now(clock);
            return events.emit(ReservationEvents.CANCELLED, r).replaceWith(r);
        }));
    }

    /**
     * A further consultation booked during this one (Kaga 6(6), Kabe 6(4)): only while the consultation is under way
     * or just ended, by its counselor; confirmed at once, without the lead time, and its details reach the person
     * later by a channel the office uses for them (Kabe: email only).
     */
    @WithTransaction
    public Uni<Reservation> followUp(UUID parentId, String office, OffsetDateTime slotStart,
            Reservation.DetailDelivery delivery, String counselorId, String callerId) {
        return enrol(office, callerId).flatMap(v -> ofOffice(parentId, office)).flatMap(parent -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            boolean duringOrJustAfter = (parent.state == ReservationState.CONFIRMED || parent.state == ReservationState.COMPLETED)
                    && !now.isBefore(parent.slotStart) && !now.isAfter(parent.slotEnd.plus(FOLLOW_UP_WINDOW));
            if (!duringOrJustAfter) {
                return Uni.createFrom().failure(ProblemException.conflict("reservation.follow-up-needs-consultation")
                        .with("state", parent.state));
            }
            if (!callerId.equals(parent.counselorId)) {
                return Uni.createFrom().failure(ProblemException.forbidden("reservation.follow-up-not-counselor"));
            }
            return offices.rules(office)
                    .call(rules -> restrictionCheck(parent.userId, office))
                    .flatMap(rules -> {
                        Set<Channel> allowed = rules.policy().followUpDetailChannels();
                        if (delivery == Reservation.DetailDelivery.MYPAGE || !allowed.contains(Channel.valueOf(delivery.name()))) {
                            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.follow-up-channel",
                                    allowed.stream().sorted().map(Enum::name).collect(Collectors.joining(", ")))
                                    .with("allowedChannels", allowed.stream().sorted().toList()));
                        }
                        Reservation r = ReservationService.newReservation(rules,
                                new ReservationService.Applicant(parent.userId, parent.seekerNumber, parent.userKind),
                                now, slotStart);
                        r.kind = Reservation.Kind.FOLLOW_UP;
                        r.parentId = parent.id;
                        r.seekerNumber = parent.seekerNumber;
                        r.name = parent.name;
                        r.email = parent.email;
                        r.phone = parent.phone;
                        r.counselorName = parent.counselorName;
                        r.companions = parent.companions;
                        r.companionNote = parent.companionNote;
                        r.detailDelivery = delivery;
                        r.preferences = slotStart.toString();
                        return ReservationService.acceptedUnderCurrentTerms(r, projections)
                                .flatMap(reservations::persist)
                                .call(saved -> events.emit(ReservationEvents.REQUESTED, saved))
                                .flatMap(saved -> booker.confirm(saved, rules, slotStart, counselorId, false));
                    });
        });
    }

    private Uni<Void> restrictionCheck(String userId, String office) {
        return restrictions.activeFor(userId, office).flatMap(x -> x == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.conflict("reservation.user-restricted").with("restriction", x.kind)));
    }

    @WithSession
    public Uni<Page<Restriction>> restrictions(String office, PageRequest page) {
        return Page.of(restrictions.activeAt(office), page);
    }

    /**
     * Refuses online use to a person (threats, abuse, use for other purposes than finding work; article 12): their
     * bookings at the office that have not ended are cancelled with it, so the person is told and the meetings go.
     */
    @WithTransaction
    public Uni<Restriction> refuse(String office, String userId, String reason, String staffId) {
        return refuseInTransaction(office, userId, reason, staffId);
    }

    private Uni<Restriction> refuseInTransaction(String office, String userId, String reason, String staffId) {
        return restrictions.activeFor(userId, office).flatMap(existing -> {
            if (existing != null && existing.kind == Restriction.Kind.REFUSED) {
                return Uni.createFrom().item(existing);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            return restrictions.persist(restriction(office, userId, Restriction.Kind.REFUSED, reason, staffId))
                    .call(x -> reservations.openOf(userId, office, now).flatMap(open -> Multi.createFrom().iterable(open)
                            .onItem().transformToUniAndConcatenate(r -> {
                                r.moveTo(ReservationState.CANCELLED);
                                r.cancelChannel = REFUSAL;
                                r.closedReason = "online use refused by the office";
                                r.closedAt = now;
                                return events.emit(ReservationEvents.CANCELLED, r);
                            }).collect().asList()));
        });
    }

    /** No-shows the office reviews (its policy says REVIEW), oldest first. */
    @WithSession
    public Uni<Page<Reservation>> noShowReviews(String office, PageRequest page) {
        return Page.of(reservations.awaitingReview(office), page);
    }

    /**
     * Staff's decision on a no-show: excused, or online use refused from now on (which cancels the person's other
     * bookings at the office, as any refusal does).
     */
    @WithTransaction
    public Uni<Reservation> reviewNoShow(UUID id, String office, NoShowDecision decision, String note, String staffId) {
        return ofOffice(id, office).flatMap(r -> {
            if (r.state != ReservationState.NO_SHOW || !OfficePolicy.NoShowOutcome.REVIEW.name().equals(r.noShowOutcome)) {
                return Uni.createFrom().failure(ProblemException.conflict("reservation.no-review-due").with("state", r.state));
            }
            if (r.reviewedAt != null) {
                return Uni.createFrom().failure(ProblemException.conflict("reservation.already-reviewed"));
            }
            r.reviewedAt = OffsetDateTime.now(clock);
            r.reviewedBy = staffId;
            return decision == NoShowDecision.REFUSE
                    ? refuseInTransaction(office, r.userId, "no-show " + r.id + (note == null ? "" : ": " + note), staffId)
                            .replaceWith(r)
                    : Uni.createFrom().item(r);
        });
    }

    public enum NoShowDecision { EXCUSE, REFUSE }

    /** How a cancellation is marked when it follows a refusal of service. */
    public static final String REFUSAL = "REFUSAL";

    /** How long after a consultation's end its counselor may still book the next one from it. */
    static final Duration FOLLOW_UP_WINDOW = Duration.ofMinutes(60);

    /** Suspends online booking (after a no-show) until staff review it. Runs in the caller's transaction. */
    public Uni<Restriction> suspend(String office, String userId, String reason) {
        return restrictions.persist(restriction(office, userId, Restriction.Kind.SUSPENDED, reason, "system"));
    }

    @WithTransaction
    public Uni<Restriction> lift(String office, UUID restrictionId, String staffId) {
        return Visible.orNotFound(restrictions.findById(restrictionId), x -> x.officeId.equals(office) && x.liftedAt == null,
                        "restriction", restrictionId)
                .invoke(x -> {
                    x.liftedAt = OffsetDateTime.now(clock);
                    x.liftedBy = staffId;
                });
    }

    private Restriction restriction(String office, String userId, Restriction.Kind kind, String reason, String by) {
        Restriction x = new Restriction();
        x.id = UUID.randomUUID();
        x.officeId = office;
        x.userId = userId;
        x.kind = kind;
        x.reason = reason;
        x.createdAt = OffsetDateTime.now(clock);
        x.createdBy = by;
        return x;
    }

    /** Staff see their own office's reservations only; another office's is "not found". */
    private Uni<Reservation> ofOffice(UUID id, String office) {
        return reservations.findVisible(id, r -> r.officeId.equals(office));
    }
}
