package jp.madoguchi.meeting.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.service.BookingService;
import jp.madoguchi.meeting.service.MeetingTasks;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;
import jp.madoguchi.platform.inbox.PermanentEventFailure;

/** Keeps the projection of reservations, and asks for their meetings to be created and revoked. */
@ApplicationScoped
public class ReservationEventsConsumer {

    private static final String CONSUMER = "meeting-service";

    private final EventInbox inbox;
    private final BookingService bookings;
    private final MeetingTasks meetings;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> handlers;

    public ReservationEventsConsumer(EventInbox inbox, BookingService bookings, MeetingTasks meetings) {
        this.inbox = inbox;
        this.bookings = bookings;
        this.meetings = meetings;
        // registered now, so that an operator can replay a parked record before the first live one arrives
        this.handlers = inbox.register(CONSUMER, Map.of(
                EventTypes.RESERVATION_REQUESTED, e -> track(e, "REQUESTED"),
                EventTypes.RESERVATION_CONFIRMED, this::onConfirmed,
                EventTypes.RESERVATION_CANCELLED, this::onClosed,
                EventTypes.RESERVATION_VOIDED, this::onClosed));
    }

    @Incoming("reservations")
    public Uni<Void> consume(Message<String> message) {
        return inbox.consume(message, CONSUMER, handlers);
    }

    private Uni<Void> track(IncomingEvent event, String state) {
        return bookings.track(reservation(event), event.text("officeId"),
                OffsetDateTime.parse(event.text("slotStart")), OffsetDateTime.parse(event.text("slotEnd")), state,
                noShowGrace(event))
                .replaceWithVoid();
    }

    /**
     * The office's no-show grace (its policy's, 1 to 30 minutes), which every event of the booking carries once it
     * is confirmed; null where an event does not say.
     */
    private static Integer noShowGrace(IncomingEvent event) {
        String minutes = event.text("noShowGraceMinutes");
        if (minutes == null) {
            return null;
        }
        int grace = Integer.parseInt(minutes);
        if (grace < 1 || grace > 30) {
            throw new PermanentEventFailure("noShowGraceMinutes out of range: " + grace);
        }
        return grace;
    }

    /**
     * Confirmed (本予約): its meeting is asked for, in this transaction; the worker creates it at TeleOffice outside
     * it, so a slow or absent provider neither holds the consumer nor loses the request.
     */
    private Uni<Void> onConfirmed(IncomingEvent event) {
        return track(event, "CONFIRMED").flatMap(v -> meetings.requestProvisioning(reservation(event), event.text("officeId"),
                event.text("kind"), OffsetDateTime.parse(event.text("slotStart")), OffsetDateTime.parse(event.text("slotEnd"))));
    }

    /**
     * Cancelled or void: nobody may enter its meeting any more; a session under way ends. However the cancellation
     * came in ({@code cancelChannel}), a refusal of service (article 12: {@code refused}) included.
     */
    private Uni<Void> onClosed(IncomingEvent event) {
        return track(event, event.text("state")).flatMap(v -> meetings.requestRevocation(reservation(event),
                event.text("officeId"), OffsetDateTime.parse(event.text("slotStart")), OffsetDateTime.parse(event.text("slotEnd"))));
    }

    private static UUID reservation(IncomingEvent event) {
        return UUID.fromString(event.text("reservationId"));
    }
}
