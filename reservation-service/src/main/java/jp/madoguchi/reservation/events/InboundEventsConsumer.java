package jp.madoguchi.reservation.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;
import jp.madoguchi.reservation.service.LifecycleService;

/** The consent and meeting services' events that change bookings. */
@ApplicationScoped
public class InboundEventsConsumer {

    private static final String CONSUMER = "reservation-service";

    private final EventInbox inbox;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> terms;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> consents;
    private final Map<String, Function<IncomingEvent, Uni<Void>>> meetings;

    public InboundEventsConsumer(EventInbox inbox, LifecycleService lifecycle) {
        this.inbox = inbox;
        // registered now, so an operator can replay a parked record before the topic's next one arrives
        this.terms = inbox.register(CONSUMER, Map.of(EventTypes.TERMS_REVISED, e -> lifecycle.termsRevised(
                e.text("officeId"), e.text("termsVersionId"), LocalDate.parse(e.text("effectiveFrom")))));
        this.consents = inbox.register(CONSUMER, Map.of(EventTypes.CONSENT_RECORDED, e -> lifecycle.consentRecorded(
                e.text("userId"), e.text("officeId"), e.text("termsVersionId"), OffsetDateTime.parse(e.text("recordedAt")))));
        this.meetings = inbox.register(CONSUMER, Map.of(
                EventTypes.NO_SHOW_DETECTED, e -> lifecycle.noShow(reservation(e)),
                EventTypes.MEETING_ENDED, e -> lifecycle.meetingEnded(reservation(e))));
    }

    @Incoming("terms")
    public Uni<Void> terms(Message<String> message) {
        return inbox.consume(message, CONSUMER, terms);
    }

    @Incoming("consents")
    public Uni<Void> consents(Message<String> message) {
        return inbox.consume(message, CONSUMER, consents);
    }

    @Incoming("meetings")
    public Uni<Void> meetings(Message<String> message) {
        return inbox.consume(message, CONSUMER, meetings);
    }

    private static UUID reservation(IncomingEvent e) {
        return UUID.fromString(e.text("reservationId"));
    }
}
