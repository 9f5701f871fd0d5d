package jp.madoguchi.platform.inbox;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.events.TopicContract;
import jp.madoguchi.platform.inbox.Failures.Kind;
import jp.madoguchi.platform.inbox.ParkedEvent.Reason;

/**
 * Idempotent consumption that loses nothing. The processed-event row is written in the same transaction as the
 * handler's changes, so an event Kafka delivers twice changes nothing the second time.
 * <ul>
 * <li>A <b>transient</b> failure (database or dependency away, a timeout, a lost race; see {@link Failures}) is
 * retried with capped exponential backoff for as long as it lasts. The record is not acknowledged meanwhile, so
 * its partition waits and the events of one key keep their order.</li>
 * <li>A record that <b>cannot succeed</b> (no CloudEvent, a payload that is not JSON, a source or type that does not
 * belong to the topic's owner, a handler's {@link PermanentEventFailure} or business refusal) is parked in this
 * service's {@code parked_event} table for an operator (list, replay, discard: {@link ParkedEventResource}) and
 * acknowledged, so the partition moves on. A failure of neither kind is retried a bounded number of times, then
 * parked.</li>
 * </ul>
 * Logs carry ids only (event id, type, source, topic, partition, offset), never a payload.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final ObjectMapper mapper;
    private final TopicContract contract;
    private final ParkingLot parking;
    private final InboxConfig config;
    private final InboxMetrics metrics;
    /** Handlers by consumer and event type, for replays: every type belongs to exactly one topic. */
    private final Map<String, Map<String, Function<IncomingEvent, Uni<Void>>>> handlers = new ConcurrentHashMap<>();

    public EventInbox(ObjectMapper mapper, TopicContract contract, ParkingLot parking, InboxConfig config,
            InboxMetrics metrics) {
        this.mapper = mapper;
        this.contract = contract;
        this.parking = parking;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Makes a consumer's handlers known for replays before its first record arrives; call it from the consumer's
     * constructor with the same map it passes to {@link #consume}. Returns the map.
     */
    public Map<String, Function<IncomingEvent, Uni<Void>>> register(String consumer,
            Map<String, Function<IncomingEvent, Uni<Void>>> typeHandlers) {
        handlers.computeIfAbsent(consumer, c -> new ConcurrentHashMap<>()).putAll(typeHandlers);
        return typeHandlers;
    }

    /** The handler {@code consumer} has for {@code type}, if any. */
    Optional<Function<IncomingEvent, Uni<Void>>> handler(String consumer, String type) {
        return Optional.ofNullable(handlers.getOrDefault(consumer, Map.of()).get(type));
    }

    /**
     * Handles a Kafka record with the handler registered for its CloudEvent type. Types of the topic that this
     * consumer has no handler for are acknowledged and skipped; anything that cannot be handled is parked. The
     * returned Uni completes only when the record is handled, skipped or parked: never with a failure.
     */
    public Uni<Void> consume(Message<String> message, String consumer, Map<String, Function<IncomingEvent, Uni<Void>>> typeHandlers) {
        register(consumer, typeHandlers);
        KafkaRecord record = KafkaRecord.of(message);
        io.vertx.core.Context vertx = Vertx.currentContext();
        return inTraceOf(message, () -> {
            Optional<IncomingEvent> event = IncomingEvent.from(record.headers(), record.payload(), mapper);
            if (event.isEmpty()) {
                return park(vertx, consumer, record, null, Reason.UNREADABLE, "not a readable CloudEvent (ce_* headers and a JSON object value)", 1);
            }
            Optional<String> foreign = contract.violation(record.topic(), event.get().source(), event.get().type());
            if (foreign.isPresent()) {
                return park(vertx, consumer, record, event.get(), Reason.NOT_FROM_OWNER, foreign.get(), 1);
            }
            var handler = typeHandlers.get(event.get().type());
            if (handler == null) {
                return Uni.createFrom().voidItem();
            }
            int[] attempts = {0};
            return withRetries(vertx, consumer, event.get(), attempts, () -> handleOnce(consumer, event.get(), handler))
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> park(vertx, consumer, record, event.get(), Reason.REJECTED,
                            Failures.describe(failure), attempts[0]));
        }).onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()));
    }

    /**
     * Runs {@code attempt} until it succeeds, pausing with capped exponential backoff after each transient failure
     * (for as long as they last) and each unclassified one (a bounded number of times); fails with the first
     * permanent failure or the last unclassified one.
     */
    <T> Uni<T> withRetries(io.vertx.core.Context vertx, String consumer, IncomingEvent event, int[] attempts,
            Supplier<Uni<T>> attempt) {
        return Uni.createFrom().deferred(() -> {
                    attempts[0]++;
                    return attempt.get();
                })
                .onFailure().retry().when(failures -> failures.onItem().transformToUniAndConcatenate(failure -> {
                    Kind kind = Failures.classify(failure);
                    if (kind == Kind.PERMANENT || kind == Kind.UNCLASSIFIED && attempts[0] >= config.unclassifiedAttempts()) {
                        return Uni.createFrom().failure(failure);
                    }
                    metrics.retried(consumer, kind);
                    Duration pause = backoff(attempts[0]);
                    // the first few failures and then every tenth: a long outage must not flood the log
                    if (attempts[0] <= 3 || attempts[0] % 10 == 0) {
                        LOG.warnf("%s: event %s (%s) failed (%s, attempt %d), retrying in %d ms: %s", consumer,
                                event == null ? "-" : event.id(), event == null ? "-" : event.type(), kind, attempts[0],
                                pause.toMillis(), Failures.describe(failure));
                    }
                    // a non-null item: the companion stream must emit for the retry to happen (a null item does not)
                    return sleep(vertx, pause).replaceWith(kind);
                }));
    }

    private Duration backoff(int attempt) {
        long initial = config.retryInitialBackoff().toMillis();
        long max = config.retryMaxBackoff().toMillis();
        long pause = initial << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.max(1, Math.min(max, pause)));
    }

    /**
     * A pause that resumes on a fresh duplicate of the record's Vert.x context, where Hibernate Reactive may run:
     * nothing of the failed attempt (its session, its connection) is left in the next one's context. The trace the
     * record arrived with goes along.
     */
    private static Uni<Void> sleep(io.vertx.core.Context context, Duration pause) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause);
        }
        Context trace = Context.current();
        return Uni.createFrom().emitter(e -> context.owner().setTimer(pause.toMillis(), id -> {
            io.vertx.core.Context fresh = VertxContext.createNewDuplicatedContext(context);
            VertxContextSafetyToggle.setContextSafe(fresh, true);
            fresh.runOnContext(v -> {
                // stored in the fresh context's locals, which end with this attempt: nothing to close
                trace.makeCurrent();
                e.complete(null);
            });
        }));
    }

    /** Parks a record; a database that is away while parking is waited for like any transient failure. */
    private Uni<Void> park(io.vertx.core.Context vertx, String consumer, KafkaRecord record, IncomingEvent event,
            Reason reason, String error, int attempts) {
        int[] tries = {0};
        return withRetries(vertx, consumer, event, tries, () -> parking.park(consumer, record, event, reason, error, attempts))
                .invoke(() -> {
                    metrics.parked(consumer, reason);
                    LOG.errorf("%s: parked record %s/%d@%d (event %s, type %s, source %s) as %s: %s", consumer,
                            record.topic(), record.partition(), record.offset(), event == null ? "-" : event.id(),
                            event == null ? record.headers().get("ce_type") : event.type(),
                            event == null ? record.headers().get("ce_source") : event.source(), reason, error);
                })
                .replaceWithVoid()
                // even the parking lot refuses it for good (a bug): the record must still not stop the partition
                .onFailure().recoverWithUni(f -> {
                    LOG.errorf(f, "%s: could not park record %s/%d@%d; skipping it", consumer, record.topic(),
                            record.partition(), record.offset());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Why {@code event}, read from {@code topic}, must not be believed; empty if its owner sent it. */
    Optional<String> violation(String topic, IncomingEvent event) {
        return contract.violation(topic, event.source(), event.type());
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
            return Uni.createFrom().deferred(work::get);
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
