package jp.madoguchi.notification.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "madoguchi.notification")
public interface NotificationConfig {

    /** Sending attempts before a message is dead and waits for staff. */
    int maxAttempts();

    /** Delay before the first retry; each further retry waits twice as long. */
    Duration firstRetry();

    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** Per office: the name messages are signed with and the sender address. */
    Map<String, Office> offices();

    interface Office {
        String name();

        /** The office's name in the English part of a message. */
        String nameEn();

        String sender();

        /** Where people phone: cancellations, missing answers. */
        String phone();

        /** How this office takes cancellations, in the words of the invitation. */
        String cancellation();

        String cancellationEn();
    }
}
