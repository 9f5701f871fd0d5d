package jp.madoguchi.platform.outbox;

import java.net.URI;

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
}
