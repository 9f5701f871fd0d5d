package jp.madoguchi.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jp.madoguchi.platform.observability.TraceContext;

/**
 * Publishes committed outbox rows to Kafka, oldest first, at least once. One relay at a time per database
 * (a transaction-scoped advisory lock), so several replicas never reorder an aggregate's events. A failed
 * send stops the pass: the row stays pending and is retried on the next tick, so a broker outage delays
 * events but loses none.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, fixed key of the advisory lock that elects the single relay. */
    private static final long RELAY_LOCK_KEY = 0x6d61646f67756368L;

    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Clock clock;
    private final OutboxMetrics metrics;
    private final Event<OutboxPublished> publishedEvents;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, OutboxConfig config, Clock clock,
            OutboxMetrics metrics, Event<OutboxPublished> publishedEvents) {
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.publishedEvents = publishedEvents;
    }

    @Scheduled(every = "${madoguchi.events.relay-interval:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.relayEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return relayOnce().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("outbox relay pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** One pass; returns how many events were published. */
    public Uni<Integer> relayOnce() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session
                        .createNativeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK_KEY + ")", Boolean.class)
                        .getSingleResult())
                .flatMap(elected -> elected ? publishPending() : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishPending() {
        return OutboxEvent.<OutboxEvent>find("publishedAt is null order by seq")
                .page(0, config.relayBatchSize()).list()
                .flatMap(this::publishInOrder);
    }

    private Uni<Integer> publishInOrder(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int[] sent = {0};
        // concatenate: one at a time, in order; the first failure ends the pass
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> emitter.sendMessage(toMessage(event))
                        .invoke(() -> {
                            event.publishedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
                            event.attempts++;
                            sent[0]++;
                            announce(event);
                        })
                        .onFailure().invoke(e -> {
                            event.attempts++;
                            event.lastError = truncate(String.valueOf(e.getMessage()));
                            metrics.failed(event);
                        }))
                .collect().last()
                .replaceWith(() -> sent[0])
                .onFailure().recoverWithItem(() -> sent[0]);
    }

    private Message<String> toMessage(OutboxEvent event) {
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.id.toString())
                .withSource(config.source())
                .withType(event.type)
                .withSubject(event.subject)
                .withTimestamp(event.occurredAt.toZonedDateTime())
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.subject)
                .build();
        // the producer span (and so the record's traceparent header) continues the trace that wrote the row,
        // not whatever the scheduler thread happens to carry
        TracingMetadata tracing = TracingMetadata.withCurrent(
                new TraceContext(event.traceParent, event.traceState).asParent());
        return Message.of(event.payload, Metadata.of(ce, kafka, tracing));
    }

    /** Metrics and observers must never fail a pass: the event has left already. */
    private void announce(OutboxEvent event) {
        try {
            metrics.published(event);
            publishedEvents.fire(new OutboxPublished(event.topic, event.type, event.subject, event.payload));
        } catch (RuntimeException e) {
            LOG.warnf("observer of published event %s failed: %s", event.id, e.getMessage());
        }
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
