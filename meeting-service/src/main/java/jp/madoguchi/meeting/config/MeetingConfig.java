package jp.madoguchi.meeting.config;

import java.time.Duration;
import java.util.Optional;

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

    /** Nobody joined this long after the start and no word came: a no-show (both offices: 10 minutes). */
    @WithDefault("PT10M")
    Duration noShowGrace();

    /** How often deadlines are checked (e.g. 10s). */
    @WithDefault("10s")
    Duration deadlineCheck();

    Provider provider();

    Simulator simulator();

    /** Shared secret the provider sends with participant events. */
    String webhookSecret();

    /** Pepper of the keyed hash that stands in for device identifiers. */
    String devicePepper();

    interface Provider {
        /** Base URL of the TeleOffice meeting manager; empty: this service's own simulator. */
        Optional<String> baseUrl();

        String apiKey();
    }

    interface Simulator {
        @WithDefault("true")
        boolean enabled();
    }
}
