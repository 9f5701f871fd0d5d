package jp.madoguchi.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.observability.TraceContext;

/**
 * Records an event in the caller's database transaction. Whatever the caller persists and the event
 * commit or roll back together; {@link OutboxRelay} publishes committed events to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

    /**
     * The NOTIFY channel on which new rows wake the relay: the table's insert trigger notifies it (migration V0_4),
     * so recording an event is one statement.
     */
    public static final String CHANNEL = "madoguchi_outbox";

    private final ObjectMapper mapper;
    private final Clock clock;

    public Outbox(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Must run inside {@code Panache.withTransaction} (or {@code @WithTransaction}) together with the state change.
     *
     * @param topic   Kafka topic of the aggregate
     * @param type    versioned CloudEvent type, e.g. {@code jp.madoguchi.reservation.ReservationRequested.v1}
     * @param subject aggregate id; the Kafka key, so one aggregate's events stay in order
     * @param payload JSON-serialisable payload: identifiers only, never contact details or secrets
     */
    public Uni<OutboxEvent> record(String topic, String type, String subject, Object payload) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.type = type;
        event.subject = subject;
        event.occurredAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // the relay publishes from a scheduler, long after this span ended: keep its context with the row
        TraceContext trace = TraceContext.current();
        event.traceParent = trace.traceParent();
        event.traceState = trace.traceState();
        try {
            event.payload = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event payload is not serialisable: " + type, e));
        }
        // the insert's trigger wakes the relay when (and only if) the caller's transaction commits
        return event.persist();
    }
}
