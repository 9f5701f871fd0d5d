package jp.madoguchi.notification.events;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.policy.MessagePlan;
import jp.madoguchi.notification.service.BookingStateService;
import jp.madoguchi.notification.service.NotificationService;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;

/**
 * Every event someone must hear about, from the three topics that carry them. What each one means for the
 * person is the {@link MessagePlan}'s to say; here it is queued, once per event.
 */
@ApplicationScoped
public class MessageEventsConsumer {

    private static final String CONSUMER = "notification-service";

    private final EventInbox inbox;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> reservations;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> meetings;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> consents;

    public MessageEventsConsumer(EventInbox inbox, NotificationService notifications, BookingStateService bookings,
            MessagePlan plan) {
        this.inbox = inbox;
        Function<IncomingEvent, Uni<Void>> queue = event -> Multi.createFrom().iterable(plan.messagesFor(event))
                .onItem().transformToUniAndConcatenate(kind -> notifications.enqueue(event, kind))
                .collect().last().replaceWithVoid();
        // every reservation event moves the booking's state (kept locally to decide whether a message is still
        // true when it goes out), in the same transaction as the message it may ask for
        Function<IncomingEvent, Uni<Void>> track = event -> bookings.record(event).flatMap(v -> queue.apply(event));
        // registered now, so that an operator can replay a parked record before the first live one arrives
        this.reservations = handlers(inbox, track, EventTypes.RESERVATION_REQUESTED, EventTypes.RESERVATION_CONFIRMED,
                EventTypes.RESERVATION_REJECTED, EventTypes.RESERVATION_RESPONSE_OVERDUE,
                EventTypes.RESERVATION_AWAITING_RECONSENT, EventTypes.RESERVATION_RECONSENTED,
                EventTypes.RESERVATION_VOIDED, EventTypes.RESERVATION_CANCELLED, EventTypes.RESERVATION_NO_SHOW,
                EventTypes.RESERVATION_COMPLETED, EventTypes.RESERVATION_EXPIRED);
        this.meetings = handlers(inbox, queue, EventTypes.MEETING_PROVISIONED, EventTypes.MEETING_PROVISIONING_FAILED);
        this.consents = handlers(inbox, queue, EventTypes.RECONSENT_REQUESTED, EventTypes.TERMS_REVISION_ANNOUNCED);
    }

    @Incoming("reservations")
    public Uni<Void> reservations(Message<String> message) {
        return inbox.consume(message, CONSUMER, reservations);
    }

    /** The meeting exists: the invitation (本予約) can go out with its URL and calendar entry. */
    @Incoming("meetings")
    public Uni<Void> meetings(Message<String> message) {
        return inbox.consume(message, CONSUMER, meetings);
    }

    @Incoming("consents")
    public Uni<Void> consents(Message<String> message) {
        return inbox.consume(message, CONSUMER, consents);
    }

    private static Map<String, Function<IncomingEvent, Uni<Void>>> handlers(EventInbox inbox,
            Function<IncomingEvent, Uni<Void>> queue, String... types) {
        return inbox.register(CONSUMER, Stream.of(types).collect(Collectors.toUnmodifiableMap(Function.identity(), type -> queue)));
    }
}
