package jp.madoguchi.meeting.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.entity.Booking;
import jp.madoguchi.meeting.repository.BookingRepository;
import jp.madoguchi.platform.problem.Visible;

@ApplicationScoped
public class BookingService {

    private final BookingRepository bookings;
    private final Clock clock;

    public BookingService(BookingRepository bookings, Clock clock) {
        this.bookings = bookings;
        this.clock = clock;
    }

    /**
     * Runs in the consumer's transaction. {@code noShowGraceMinutes}: the office's grace where the event says it
     * (once confirmed); an event that does not say leaves what an earlier one said.
     */
    public Uni<Booking> track(UUID reservationId, String officeId, OffsetDateTime start, OffsetDateTime end, String state,
            Integer noShowGraceMinutes) {
        return bookings.findById(reservationId).flatMap(existing -> {
            Booking b = existing != null ? existing : new Booking();
            b.reservationId = reservationId;
            b.officeId = officeId;
            b.slotStart = start;
            b.slotEnd = end;
            b.state = state;
            if (noShowGraceMinutes != null) {
                b.noShowGraceMinutes = noShowGraceMinutes;
            }
            b.updatedAt = OffsetDateTime.now(clock);
            return bookings.persist(b);
        });
    }

    /** Staff see their own office's bookings only; another office's is "not found". */
    @WithSession
    public Uni<Booking> get(UUID reservationId, String office) {
        return Visible.orNotFound(bookings.findById(reservationId), b -> b.officeId.equals(office), "booking", reservationId);
    }
}
