package jp.madoguchi.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.platform.jobs.BatchJobs;
import jp.madoguchi.platform.jobs.Next;
import jp.madoguchi.platform.observability.TraceContext;

/**
 * Publishes committed outbox rows to Kafka, oldest first, at least once. Woken by the writers' NOTIFY when their
 * transaction commits (a {@link BatchJobs} job), with a slow poll as the fallback. One relay at a time per
 * database (a transaction-scoped advisory lock), so several replicas never reorder an aggregate's events.
 * <ul>
 * <li>A send that fails because the broker is away (a retriable error, a timeout) ends the pass: the row stays
 * pending and the pass is retried with backoff, so an outage delays events but loses none.</li>
 * <li>A row Kafka refuses for good (too large, not serialisable, not authorised for its topic) is tried
 * {@code madoguchi.events.max-publish-attempts} times, then parked with its error. It never blocks other keys:
 * the pass goes on with them. Later rows of the <em>same</em> key (topic and subject) wait behind it, because
 * consumers rely on one aggregate's events arriving in order; an operator releases them by retrying the parked
 * row (after a fix) or discarding it ({@link OutboxParkingResource}).</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, fixed key of the advisory lock that elects the single relay. */
    private static final long RELAY_LOCK_KEY = 0x6d61646f67756368L;

    /** What one pass did. */
    public record Pass(int published, int failed) {
    }

    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Clock clock;
    private final OutboxMetrics metrics;
    private final Event<OutboxPublished> publishedEvents;
    private final BatchJobs jobs;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, OutboxConfig config, Clock clock,
            OutboxMetrics metrics, Event<OutboxPublished> publishedEvents, BatchJobs jobs) {
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.publishedEvents = publishedEvents;
        this.jobs = jobs;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        // no early poll: subscribing to the channel wakes the relay once at start (rows left from before)
        jobs.define("outbox-relay").every(config.relayInterval()).initialDelay(config.relayInterval()).wakeOn(Outbox.CHANNEL)
                .start(() -> relayOnce().map(p -> p.failed() > 0 ? Next.RETRY : p.published() > 0 ? Next.AGAIN : Next.IDLE));
    }

    /** One pass, if this replica holds the relay lock; how many rows were published and how many sends failed. */
    public Uni<Pass> relayOnce() {
        return BatchJobs.exclusively(RELAY_LOCK_KEY, this::publishPending, new Pass(0, 0));
    }

    private Uni<Pass> publishPending() {
        // rows of a key with a parked row wait behind it: order per key before throughput
        return OutboxEvent.<OutboxEvent>find("from OutboxEvent e where e.publishedAt is null and e.parkedAt is null "
                        + "and e.discardedAt is null and not exists (select 1 from OutboxEvent p where p.topic = e.topic "
                        + "and p.subject = e.subject and p.parkedAt is not null and p.publishedAt is null "
                        + "and p.discardedAt is null) order by e.seq")
                .page(0, config.relayBatchSize()).list()
                .flatMap(this::publishInOrder);
    }

    private Uni<Pass> publishInOrder(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Pass(0, 0));
        }
        int[] sent = {0};
        int[] failed = {0};
        boolean[] brokerAway = {false};
        Set<String> blockedKeys = new HashSet<>();
        // one at a time, in order; a key whose row failed is skipped for the rest of the pass
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> {
                    String key = event.topic + '\u0000' + event.subject;
                    if (brokerAway[0] || blockedKeys.contains(key)) {
                        return Uni.createFrom().voidItem();
                    }
                    return emitter.sendMessage(toMessage(event))
                            .invoke(() -> {
                                event.publishedAt = now();
                                event.attempts++;
                                sent[0]++;
                                announce(event);
                            })
                            .onFailure().recoverWithUni(e -> {
                                event.attempts++;
                                event.lastError = truncate(e.getClass().getName() + ": " + e.getMessage());
                                failed[0]++;
                                metrics.failed(event);
                                blockedKeys.add(key);
                                if (!unpublishable(e)) {
                                    brokerAway[0] = true;
                                } else if (event.attempts >= config.maxPublishAttempts()) {
                                    event.parkedAt = now();
                                    metrics.parked(event);
                                    LOG.errorf("outbox event %s (%s, key %s) parked after %d attempts: %s", event.id,
                                            event.type, event.subject, event.attempts, event.lastError);
                                }
                                return Uni.createFrom().voidItem();
                            });
                })
                .collect().last()
                .map(v -> new Pass(sent[0], failed[0]));
    }

    /** Kafka refused this record itself, not the moment: sending it again will fail again. */
    static boolean unpublishable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerializationException) {
                return true;
            }
            if (t instanceof ApiException) {
                // a failed login concerns every row, not this one: the broker is as good as away
                return !(t instanceof RetriableException) && !(t instanceof AuthenticationException);
            }
        }
        return false;
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

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
