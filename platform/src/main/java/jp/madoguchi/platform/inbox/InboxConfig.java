package jp.madoguchi.platform.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How consumers retry and when they give up on a record (park it). */
@ConfigMapping(prefix = "madoguchi.inbox")
public interface InboxConfig {

    /** First pause after a failed attempt; doubled after each further failure. */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    /** Longest pause between two attempts: a transient failure is retried at this pace for as long as it lasts. */
    @WithDefault("30s")
    Duration retryMaxBackoff();

    /**
     * Attempts for a failure that is neither known transient nor known permanent (most likely a bug): after these
     * the record is parked, so one bad record does not hold its partition forever.
     */
    @WithDefault("5")
    int unclassifiedAttempts();
}
