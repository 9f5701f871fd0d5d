package jp.madoguchi.platform.inbox;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Idempotent consumption: the processed-event row is written in the same transaction as the handler's
 * changes, so an event Kafka delivers twice changes nothing the second time, and a handler that fails
 * leaves no row behind and is retried.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final ObjectMapper mapper;

    public EventInbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Handles a Kafka message with the handler registered for its CloudEvent type; other types are acknowledged and skipped. */
    public Uni<Void> consume(Message<String> message, String consumer, Map<String, Function<IncomingEvent, Uni<Void>>> handlers) {
        var event = IncomingEvent.from(message, mapper);
        if (event.isEmpty()) {
            LOG.warnf("%s: skipping a record that is not a readable CloudEvent", consumer);
            return Uni.createFrom().completionStage(message.ack());
        }
        var handler = handlers.get(event.get().type());
        if (handler == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return inTraceOf(message, () -> handleOnce(consumer, event.get(), handler))
                // transient failures (a lock, a restarting database) get a few more tries before the channel's
                // failure strategy (dead-letter topic) takes the record
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(4)
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    // ids only: the cause names what failed, and an event carries nothing personal
                    LOG.errorf(failure, "%s: event %s (%s) failed after retries; handing it to the failure strategy",
                            consumer, event.get().id(), event.get().type());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /**
     * Runs the handling inside the trace the record arrived with (the connector's consumer span, a child of the
     * producer's traceparent header), so the handler's log lines carry that trace id and the events it writes
     * to the outbox continue the same trace. The connector only makes its span current while it creates it.
     */
    private static <T> Uni<T> inTraceOf(Message<?> message, Supplier<Uni<T>> work) {
        Context incoming = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(null);
        // attach only on a per-message duplicated Vert.x context: there the OTel context lives in that context's
        // locals and the whole reactive chain of this message sees it, whichever thread resumes it
        if (incoming == null || incoming == Context.current() || !VertxContext.isOnDuplicatedContext()) {
            return work.get();
        }
        return Uni.createFrom().deferred(() -> {
            Scope scope = incoming.makeCurrent();
            return work.get().onTermination().invoke(scope::close);
        });
    }

    /** Runs {@code handler} in a transaction unless {@code consumer} has handled this event id before; true if it ran. */
    public Uni<Boolean> handleOnce(String consumer, IncomingEvent event, Function<IncomingEvent, Uni<Void>> handler) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into processed_event (consumer, event_id, event_type, processed_at) "
                                        + "values (:consumer, :id, :type, now()) on conflict do nothing")
                        .setParameter("consumer", consumer)
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .executeUpdate())
                .flatMap(inserted -> {
                    if (inserted == 0) {
                        LOG.debugf("%s: event %s already processed", consumer, event.id());
                        return Uni.createFrom().item(false);
                    }
                    return handler.apply(event).replaceWith(true);
                }));
    }
}
