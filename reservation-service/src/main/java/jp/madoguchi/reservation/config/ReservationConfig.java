package jp.madoguchi.reservation.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "madoguchi.reservation")
public interface ReservationConfig {

    /** Kafka topic of the reservation aggregate. */
    String topic();

    /** Time zone of every office's schedule. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** Length of a consultation; the seeds cap it at 30 minutes. */
    @WithDefault("PT30M")
    Duration sessionLength();
}
