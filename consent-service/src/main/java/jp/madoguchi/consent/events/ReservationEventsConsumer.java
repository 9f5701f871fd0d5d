package jp.madoguchi.consent.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.service.ConsentService;
import jp.madoguchi.consent.service.ReconsentService;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;
import jp.madoguchi.platform.inbox.PermanentEventFailure;

/** Applying is consent to the office's terms; a booking held for revised terms needs the person asked again. */
@ApplicationScoped
public class ReservationEventsConsumer {

    private static final String CONSUMER = "consent-service";

    private final EventInbox inbox;
    private final ConsentService consents;
    private final ReconsentService reconsents;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> handlers;

    public ReservationEventsConsumer(EventInbox inbox, ConsentService consents, ReconsentService reconsents) {
        this.inbox = inbox;
        this.consents = consents;
        this.reconsents = reconsents;
        // registered now, so an operator can replay a parked record before the topic's next one arrives
        this.handlers = inbox.register(CONSUMER, Map.of(
                EventTypes.RESERVATION_REQUESTED, this::onRequested,
                EventTypes.RESERVATION_AWAITING_RECONSENT, this::onAwaitingReconsent));
    }

    @Incoming("reservations")
    public Uni<Void> consume(Message<String> message) {
        return inbox.consume(message, CONSUMER, handlers);
    }

    /**
     * The reservation service found a booking made under older terms: ask the person, with a link valid exactly until
     * the office's cut-off, which the reservation service (the owner of the rule) computed and sent.
     */
    private Uni<Void> onAwaitingReconsent(IncomingEvent event) {
        String due = event.text("reconsentDueAt");
        if (due == null) {
            // without the owner's deadline any link would state a deadline of its own: parked for an operator
            return Uni.createFrom().failure(new PermanentEventFailure("reconsentDueAt missing"));
        }
        return consents.newest(event.text("officeId"))
                .flatMap(current -> reconsents.request(event.text("userId"), event.text("officeId"),
                        current == null ? null : current.id, UUID.fromString(event.text("reservationId")),
                        OffsetDateTime.parse(event.text("slotStart")), OffsetDateTime.parse(due)));
    }

    private Uni<Void> onRequested(IncomingEvent event) {
        return consents.recordDeemed(event.text("userId"), event.text("officeId"),
                UUID.fromString(event.text("reservationId")), event.text("termsVersionId")).replaceWithVoid();
    }
}
