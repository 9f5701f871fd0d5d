package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.outbox.Outbox;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.config.ReservationConfig;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.events.ReservationEvents;
import jp.madoguchi.reservation.events.ReservationEvents.ReservationRequested;
import jp.madoguchi.reservation.repository.OfficeRepository;
import jp.madoguchi.reservation.repository.ReservationRepository;
import jp.madoguchi.reservation.rest.ApplyRequest;

@ApplicationScoped
public class ReservationService {

    private final ReservationRepository reservations;
    private final OfficeRepository offices;
    private final Outbox outbox;
    private final ReservationConfig config;
    private final Clock clock;

    public ReservationService(ReservationRepository reservations, OfficeRepository offices, Outbox outbox,
            ReservationConfig config, Clock clock) {
        this.reservations = reservations;
        this.offices = offices;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** A seeker applies (仮予約). The reservation and its {@code ReservationRequested} event commit together. */
    @WithTransaction
    public Uni<Reservation> apply(ApplyRequest request, Applicant applicant) {
        if (!request.seekerNumber().equals(applicant.seekerNumber())) {
            // the number is the office's key to the person: one may not apply under someone else's
            return Uni.createFrom().failure(ProblemException.forbidden("reservation.seeker-number-mismatch"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!request.desiredStart().isAfter(now)) {
            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.in-the-past"));
        }
        return offices.findById(request.officeId())
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable("reservation.unknown-office", request.officeId()))
                .flatMap(office -> {
                    Reservation r = new Reservation();
                    r.id = UUID.randomUUID();
                    r.officeId = office.id;
                    r.userId = applicant.userId();
                    r.seekerNumber = request.seekerNumber();
                    r.name = request.name();
                    r.email = request.email();
                    r.phone = request.phone();
                    r.slotStart = request.desiredStart();
                    r.slotEnd = request.desiredStart().plus(config.sessionLength());
                    r.state = ReservationState.REQUESTED;
                    r.createdAt = now;
                    return reservations.persist(r);
                })
                .call(r -> outbox.record(config.topic(), ReservationEvents.REQUESTED, r.id.toString(),
                        new ReservationRequested(r.id, r.officeId, r.userId, "SEEKER", r.slotStart, r.slotEnd, r.createdAt)));
    }

    @WithSession
    public Uni<List<Reservation>> listOwn(String userId) {
        return reservations.listOwnedBy(userId);
    }

    /** The owner's reservation; someone else's is "not found", so ids reveal nothing. */
    @WithSession
    public Uni<Reservation> getOwn(UUID id, String userId) {
        return reservations.findById(id)
                .onItem().ifNotNull().transform(r -> r.userId.equals(userId) ? r : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("reservation", id));
    }

    @WithSession
    public Uni<Reservation> get(UUID id) {
        return reservations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("reservation", id));
    }

    /** Who is applying, from their token. */
    public record Applicant(String userId, String seekerNumber) {
    }
}
