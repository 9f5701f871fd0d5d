package jp.madoguchi.consent.events;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.service.ConsentService;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;

/** Applying for a consultation is consent to the office's terms: record it when a reservation is requested. */
@ApplicationScoped
public class ReservationEventsConsumer {

    private final EventInbox inbox;
    private final ConsentService consents;

    public ReservationEventsConsumer(EventInbox inbox, ConsentService consents) {
        this.inbox = inbox;
        this.consents = consents;
    }

    @Incoming("reservations")
    public Uni<Void> consume(Message<String> message) {
        return inbox.consume(message, "consent-service", Map.of(EventTypes.RESERVATION_REQUESTED, this::onRequested));
    }

    private Uni<Void> onRequested(IncomingEvent event) {
        return consents.recordDeemed(event.text("userId"), event.text("officeId"),
                UUID.fromString(event.text("reservationId"))).replaceWithVoid();
    }
}
