package jp.madoguchi.meeting.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "madoguchi.meeting")
public interface MeetingConfig {

    /** Kafka topic of meeting events. */
    String topic();

    /** Joining opens this long before the start (the Kabe guide: be ready five minutes early). */
    @WithDefault("PT5M")
    Duration joinOpensBefore();

    /** The seeds cap a consultation at 30 minutes. */
    @WithDefault("PT30M")
    Duration maxLength();

    /**
     * Nobody joined this long after the start and no word came: a no-show, unless the booking's events say the
     * office's own grace ({@code noShowGraceMinutes}, from its policy in reservation-service, which decides). Kept
     * only as the fallback for events that do not carry it: those a reservation service wrote before the field
     * existed (still on the topic, or parked and replayed later), and bookings confirmed before this service read
     * it, whose meetings may still be provisioned. Both offices' policies said 10 minutes then.
     */
    @WithDefault("PT10M")
    Duration noShowGrace();

    /** How often deadlines are checked (read by DeadlineWatcher's @Scheduled; mapped so the key is a known one). */
    @WithDefault("10s")
    Duration deadlineCheck();

    /**
     * This service's address as the meeting provider reaches it (its webhook is {@code <this>/api/teleoffice/events}).
     * Required: no default outside dev, so a production start without it fails naming this key.
     */
    String publicBaseUrl();

    Provider provider();

    Tasks tasks();

    /** Shared secret the provider sends with participant events. */
    String webhookSecret();

    /** Pepper of the keyed hash that stands in for device identifiers. */
    String devicePepper();

    interface Provider {
        /** Base URL of the TeleOffice meeting manager (the simulator's in dev and tests). Required. */
        String baseUrl();

        String apiKey();
    }

    /** Provisioning and revocation as durable tasks (see MeetingTaskWorker). */
    interface Tasks {
        /** The first retry after a failed call; each further one waits twice as long, up to {@link #maxRetry()}. */
        @WithDefault("PT5S")
        Duration firstRetry();

        @WithDefault("PT2M")
        Duration maxRetry();

        /** A claimed task not finished within this is taken again (the worker died between call and outcome). */
        @WithDefault("PT1M")
        Duration lease();

        @WithDefault("20")
        int batchSize();

        /** The worker's fallback poll, for retries that come due (a new task wakes it at once). */
        @WithDefault("5s")
        Duration check();
    }
}
