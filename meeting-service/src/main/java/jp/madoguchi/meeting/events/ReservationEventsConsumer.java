package jp.madoguchi.meeting.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.service.BookingService;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;

/** Keeps the projection of reservations the meeting service provisions and watches meetings for. */
@ApplicationScoped
public class ReservationEventsConsumer {

    private final EventInbox inbox;
    private final BookingService bookings;

    public ReservationEventsConsumer(EventInbox inbox, BookingService bookings) {
        this.inbox = inbox;
        this.bookings = bookings;
    }

    @Incoming("reservations")
    public Uni<Void> consume(Message<String> message) {
        return inbox.consume(message, "meeting-service", Map.of(EventTypes.RESERVATION_REQUESTED, this::onRequested));
    }

    private Uni<Void> onRequested(IncomingEvent event) {
        return bookings.track(UUID.fromString(event.text("reservationId")), event.text("officeId"),
                OffsetDateTime.parse(event.text("slotStart")), OffsetDateTime.parse(event.text("slotEnd")),
                "REQUESTED").replaceWithVoid();
    }
}
