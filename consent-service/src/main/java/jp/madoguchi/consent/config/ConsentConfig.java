package jp.madoguchi.consent.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "madoguchi.consent")
public interface ConsentConfig {

    /** Kafka topic of consent records and re-consent requests. */
    String topic();

    /** Kafka topic of terms revisions. */
    String termsTopic();

    /** Terms take effect on calendar days of this zone. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** Key that signs re-consent links. */
    String linkSecret();

    /** Public base URL of the re-consent page. */
    String linkBaseUrl();

    /** The public page of a version of an office's terms, served next to the re-consent page. */
    default String termsPageUrl(String officeId, String versionId) {
        String base = linkBaseUrl();
        return base.substring(0, base.lastIndexOf("/reconsent")) + "/terms/" + officeId + "/" + versionId;
    }

    /** Pepper of the keyed hash that stands in for device identifiers. */
    String devicePepper();
}
