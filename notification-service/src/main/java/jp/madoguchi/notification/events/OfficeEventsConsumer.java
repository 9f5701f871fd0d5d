package jp.madoguchi.notification.events;

import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.service.OfficeProfileService;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;

/**
 * Keeps the projection of offices from the compacted offices topic: the name, sender, phone and policy that every
 * message is written with, as the office is when the message goes out.
 */
@ApplicationScoped
public class OfficeEventsConsumer {

    private static final String CONSUMER = "notification-service";

    private final EventInbox inbox;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> handlers;

    public OfficeEventsConsumer(EventInbox inbox, OfficeProfileService offices) {
        this.inbox = inbox;
        // each event carries the whole office as it is after the change: all three are taken the same way
        // (registered now, so that an operator can replay a parked record before the first live one arrives)
        this.handlers = inbox.register(CONSUMER, Map.of(
                EventTypes.OFFICE_OPENED, offices::record,
                EventTypes.OFFICE_CHANGED, offices::record,
                EventTypes.OFFICE_CLOSED, offices::record));
    }

    @Incoming("offices")
    public Uni<Void> consume(Message<String> message) {
        return inbox.consume(message, CONSUMER, handlers);
    }
}
