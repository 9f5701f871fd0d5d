package jp.madoguchi.platform.outbox;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "madoguchi.events")
public interface OutboxConfig {

    /** CloudEvents {@code source} of everything this service emits, e.g. {@code /madoguchi/reservation-service}. */
    URI source();

    /** Most events one relay pass sends; keeps each relay transaction short. */
    @WithDefault("100")
    int relayBatchSize();

    /** Whether this instance relays its outbox (off only in tests that must see events stay pending). */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * The relay's fallback poll. Writers wake the relay on commit (NOTIFY), so this only matters when a
     * notification was lost (the LISTEN connection was down).
     */
    @WithDefault("10s")
    Duration relayInterval();

    /**
     * Attempts after which a row Kafka refuses for good (record too large, not serialisable, not authorised for its
     * topic) is parked: it stops blocking, later rows of its key wait behind it until an operator decides.
     */
    @WithDefault("3")
    int maxPublishAttempts();
}
