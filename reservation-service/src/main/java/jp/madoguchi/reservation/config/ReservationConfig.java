package jp.madoguchi.reservation.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "madoguchi.reservation")
public interface ReservationConfig {

    /** Kafka topic of the reservation aggregate. */
    String topic();

    /** Kafka topic of the offices' profiles (compacted). */
    String officesTopic();

    /** The zone dates are shown in where no office is concerned; each office counts its days in its own zone. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** How often unanswered requests are checked against the office's answer deadline (e.g. 1m, 30s). */
    @WithDefault("1m")
    Duration overdueCheck();

    /** How often bookings waiting for re-consent are checked against the office's cut-off. */
    @WithDefault("1m")
    Duration reconsentCheck();
}
