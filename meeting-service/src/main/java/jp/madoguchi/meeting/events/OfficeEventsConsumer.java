package jp.madoguchi.meeting.events;

import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.service.OfficeProfileService;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;

/** Keeps the projection of offices from the compacted offices topic: whom the join page of an ended meeting names. */
@ApplicationScoped
public class OfficeEventsConsumer {

    private static final String CONSUMER = "meeting-service";

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
