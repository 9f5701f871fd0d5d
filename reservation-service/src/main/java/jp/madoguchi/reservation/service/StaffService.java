package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.entity.Restriction;
import jp.madoguchi.reservation.events.ReservationEvents;
import jp.madoguchi.reservation.policy.OfficePolicy.Channel;
import jp.madoguchi.reservation.repository.ProjectionRepository;
import jp.madoguchi.reservation.repository.ReservationRepository;
import jp.madoguchi.reservation.repository.RestrictionRepository;

/** The counselors' side: their office's queue, confirmations, rejections, follow-ups, recorded cancellations, refusals. */
@ApplicationScoped
public class StaffService {

    private final ReservationRepository reservations;
    private final RestrictionRepository restrictions;
    private final OfficeService offices;
    private final SlotBooker booker;
    private final ReservationEvents events;
    private final ProjectionRepository projections;
    private final Clock clock;

    public StaffService(ReservationRepository reservations, RestrictionRepository restrictions, OfficeService offices,
            SlotBooker booker, ReservationEvents events, ProjectionRepository projections, Clock clock) {
        this.reservations = reservations;
        this.restrictions = restrictions;
        this.offices = offices;
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

    /** 本予約: the slot (default: the first preference) and the counselor (default: the caller). */
    @WithTransaction
    public Uni<Reservation> confirm(UUID id, String office, OffsetDateTime slotStart, String counselorId) {
        return ofOffice(id, office).flatMap(r -> offices.rules(office)
                .flatMap(rules -> booker.confirm(r, rules, slotStart == null ? r.slotStart : slotStart, counselorId, true)));
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
     * A further consultation booked during this one: confirmed at once, without the lead time, and its details
     * reach the person later by phone (access code) or email (URL).
     */
    @WithTransaction
    public Uni<Reservation> followUp(UUID parentId, String office, OffsetDateTime slotStart,
            Reservation.DetailDelivery delivery, String counselorId) {
        return ofOffice(parentId, office).flatMap(parent -> {
            if (parent.state != ReservationState.CONFIRMED && parent.state != ReservationState.COMPLETED) {
                return Uni.createFrom().failure(ProblemException.conflict("reservation.follow-up-needs-consultation")
                        .with("state", parent.state));
            }
            return offices.rules(office)
                    .call(rules -> restrictionCheck(parent.userId, office))
                    .flatMap(rules -> {
                        OffsetDateTime now = OffsetDateTime.now(clock);
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

    /** Refuses online use to a person (threats, abuse, use for other purposes than finding work). */
    @WithTransaction
    public Uni<Restriction> refuse(String office, String userId, String reason, String staffId) {
        return restrictions.activeFor(userId, office).flatMap(existing -> {
            if (existing != null && existing.kind == Restriction.Kind.REFUSED) {
                return Uni.createFrom().item(existing);
            }
            return restrictions.persist(restriction(office, userId, Restriction.Kind.REFUSED, reason, staffId));
        });
    }

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
