package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.BookingState;
import jp.madoguchi.notification.repository.BookingStateRepository;
import jp.madoguchi.platform.inbox.IncomingEvent;

/** The local projection of booking states, kept from the reservation events this service consumes anyway. */
@ApplicationScoped
public class BookingStateService {

    private final BookingStateRepository states;
    private final Clock clock;

    public BookingStateService(BookingStateRepository states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    /** Takes the state a reservation event reports; runs in the consumer's transaction. */
    public Uni<Void> record(IncomingEvent event) {
        String id = event.text("reservationId");
        String state = event.text("state");
        if (id == null || state == null) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = event.time() != null ? event.time().toOffsetDateTime() : OffsetDateTime.now(clock);
        return states.record(UUID.fromString(id), state, time(event.data(), "slotStart"), time(event.data(), "slotEnd"), at)
                .replaceWithVoid();
    }

    /** The booking as last reported, or null if no event about it arrived yet. */
    public Uni<BookingState> of(UUID reservationId) {
        return reservationId == null ? Uni.createFrom().nullItem() : states.findById(reservationId);
    }

    private static OffsetDateTime time(JsonNode data, String field) {
        JsonNode v = data.get(field);
        return v == null || v.isNull() ? null : OffsetDateTime.parse(v.asText());
    }
}
