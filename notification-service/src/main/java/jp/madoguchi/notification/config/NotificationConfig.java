package jp.madoguchi.notification.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "madoguchi.notification")
public interface NotificationConfig {

    /**
     * An optional cap on sending attempts. Unset, a message is retried for as long as it is of use to the person
     * (see {@code MessagePlan.usefulUntil}) and only then is DEAD.
     */
    Optional<Integer> maxAttempts();

    /** Delay before the first retry; each further retry waits twice as long, up to {@link #maxRetryDelay()}. */
    Duration firstRetry();

    /** The longest wait between two attempts: an outage's end is noticed within this. */
    @WithDefault("PT5M")
    Duration maxRetryDelay();

    /**
     * How long a claimed message is held for the claimant (look-ups and the SMTP send). A claimant that crashed
     * before recording the outcome lets it go when this runs out; then it is sent once more.
     */
    @WithDefault("PT2M")
    Duration lease();

    /**
     * How often the dispatcher's fallback poll runs (a queued message wakes it at once; the poll picks up retries
     * that come due); {@code off} stops the dispatcher (a test that drives {@code processBatch} itself).
     */
    @WithDefault("5s")
    String dispatchInterval();

    /** Messages claimed at a time by one replica. */
    @WithDefault("20")
    int batchSize();

    /** Bookings whose messages one replica sends at the same time (look-ups and SMTP are waited on, not computed). */
    @WithDefault("8")
    int sendConcurrency();

    /** How long a notice of what happened (cancelled, void, no-show) is worth retrying. */
    @WithDefault("P3D")
    Duration noticeWindow();

    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** The reminder the day before a session. */
    Reminder reminder();

    interface Reminder {

        /** When, on the day before the session (office time), reminders start to go out. */
        @WithDefault("10:00")
        LocalTime sendAt();

        /**
         * No reminder once the session is this close (after an outage that hid the whole day before, say): the
         * invitation already told them, and a reminder read as the session starts helps nobody.
         */
        @WithDefault("PT2H")
        Duration minLead();

        /** How often the due reminders are queued. */
        @WithDefault("PT5M")
        Duration checkInterval();
    }
}
