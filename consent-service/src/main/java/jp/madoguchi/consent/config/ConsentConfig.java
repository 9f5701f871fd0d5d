package jp.madoguchi.consent.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "madoguchi.consent")
public interface ConsentConfig {

    /** Kafka topic of consent records. */
    String topic();

    /** Terms take effect on calendar days of this zone. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();
}
