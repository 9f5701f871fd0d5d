package jp.madoguchi.platform.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.platform.jobs.BatchJobs;

/**
 * Deletes published outbox rows and old processed-event ids after their retention ({@link RetentionConfig}), a
 * batch per statement, on one replica at a time. Counted in {@code madoguchi.outbox.purged} and
 * {@code madoguchi.inbox.processed.purged}.
 */
@ApplicationScoped
public class Retention {

    private static final long LOCK = BatchJobs.lockKey("madoguchi-retention");

    private final RetentionConfig config;
    private final Clock clock;
    private final BatchJobs jobs;
    private final Counter outboxPurged;
    private final Counter processedPurged;

    public Retention(RetentionConfig config, Clock clock, BatchJobs jobs, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
        this.outboxPurged = Counter.builder("madoguchi.outbox.purged")
                .description("Published or discarded outbox rows deleted after their retention").register(registry);
        this.processedPurged = Counter.builder("madoguchi.inbox.processed.purged")
                .description("Processed event ids deleted after their retention").register(registry);
    }

    void start(@Observes StartupEvent event) {
        jobs.define("retention").every(config.interval()).initialDelay(Duration.ofMinutes(1))
                .start(BatchJobs.counting(this::purgeOnce));
    }

    /** One batch of each kind; how many rows were deleted (0 when nothing is old enough). */
    public Uni<Integer> purgeOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime outboxCut = now.minus(config.outboxPublished());
        OffsetDateTime processedCut = now.minus(config.processedEvents());
        return BatchJobs.exclusively(LOCK, () -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "delete from outbox_event where seq in (select seq from outbox_event "
                                        + "where published_at < :cut or discarded_at < :cut limit :n)")
                        .setParameter("cut", outboxCut).setParameter("n", config.batchSize()).executeUpdate()
                        .invoke(n -> outboxPurged.increment(n))
                        .flatMap(outbox -> session.createNativeQuery(
                                        "delete from processed_event where ctid in (select ctid from processed_event "
                                                + "where processed_at < :cut limit :n)")
                                .setParameter("cut", processedCut).setParameter("n", config.batchSize()).executeUpdate()
                                .invoke(n -> processedPurged.increment(n))
                                .map(processed -> outbox + processed))), 0);
    }
}
