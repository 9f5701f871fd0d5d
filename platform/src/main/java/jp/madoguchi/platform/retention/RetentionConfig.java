package jp.madoguchi.platform.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long the event plumbing keeps what it no longer needs.
 *
 * <p>{@code processed-events} must be longer than the retention of every topic this service consumes (Kafka's
 * {@code retention.ms}, 7 days by default), with a margin: a record can be delivered again for as long as it is on
 * its topic (a consumer group reset to the earliest offset, a rebalance after a crash, an integrator's replay), and
 * only its processed id makes that redelivery a no-op. Purge the id first and the record is handled twice.
 */
@ConfigMapping(prefix = "madoguchi.retention")
public interface RetentionConfig {

    /** Published (or discarded) outbox rows older than this are deleted: they have left already. */
    @WithDefault("7d")
    Duration outboxPublished();

    /** Processed event ids older than this are deleted; longer than the consumed topics' retention (see above). */
    @WithDefault("14d")
    Duration processedEvents();

    /** How often the purge runs. */
    @WithDefault("1h")
    Duration interval();

    /** Rows deleted per statement, so one purge never holds long locks. */
    @WithDefault("1000")
    int batchSize();
}
