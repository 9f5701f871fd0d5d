package jp.madoguchi.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an operator watches of the outbox: how many events wait to leave and how long the oldest has waited
 * (a stuck relay or an unreachable broker shows here first), and what left. The gauges are read from the
 * database on a timer, not per scrape, so a scrape never waits on PostgreSQL.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong held = new AtomicLong();

    public OutboxMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("madoguchi.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events written but not yet published to Kafka")
                .register(registry);
        Gauge.builder("madoguchi.outbox.oldest.pending.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest unpublished outbox event; 0 when none waits")
                .register(registry);
        Gauge.builder("madoguchi.outbox.parked", parked, AtomicLong::get)
                .description("Outbox events Kafka refused for good, waiting for an operator (retry or discard)")
                .register(registry);
        Gauge.builder("madoguchi.outbox.held", held, AtomicLong::get)
                .description("Outbox events waiting behind a parked event of the same key (order per key)")
                .register(registry);
    }

    @Scheduled(every = "${madoguchi.metrics.refresh-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return refresh()
                .onFailure().invoke(e -> LOG.debugf("outbox metrics not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Reads the backlog from the database now. */
    public Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select count(e), min(e.occurredAt), "
                        + "sum(case when e.parkedAt is not null then 1 else 0 end) from OutboxEvent e "
                        + "where e.publishedAt is null and e.discardedAt is null", Object[].class)
                .getSingleResult()
                .invoke(row -> {
                    long parkedNow = row[2] == null ? 0 : ((Number) row[2]).longValue();
                    pending.set(((Number) row[0]).longValue() - parkedNow);
                    parked.set(parkedNow);
                    OffsetDateTime oldest = (OffsetDateTime) row[1];
                    oldestAgeSeconds.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds()));
                })
                .flatMap(row -> parked.get() == 0 ? Uni.createFrom().item(0L) : session
                        .createSelectionQuery("select count(e) from OutboxEvent e where e.publishedAt is null "
                                + "and e.parkedAt is null and e.discardedAt is null and exists (select 1 from OutboxEvent p "
                                + "where p.topic = e.topic and p.subject = e.subject and p.parkedAt is not null "
                                + "and p.publishedAt is null and p.discardedAt is null)", Long.class)
                        .getSingleResult())
                .invoke(held::set)))
                .replaceWithVoid();
    }

    void published(OutboxEvent event) {
        Counter.builder("madoguchi.outbox.published").description("Outbox events published to Kafka")
                .tag("type", event.type).register(registry).increment();
    }

    void parked(OutboxEvent event) {
        Counter.builder("madoguchi.outbox.parked.events").description("Outbox events parked because Kafka refused them for good")
                .tag("type", event.type).register(registry).increment();
    }

    void failed(OutboxEvent event) {
        Counter.builder("madoguchi.outbox.publish.failures").description("Failed attempts to publish an outbox event")
                .tag("type", event.type).register(registry).increment();
    }
}
