package jp.madoguchi.teleoffice;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "teleoffice")
public interface SimulatorConfig {

    /** The one account's API key (header {@code X-Api-Key}). */
    String apiKey();

    /** Sent as {@code X-Webhook-Secret} with every participant event. */
    String webhookSecret();

    /** Base of the join URLs handed out; unset: the address the caller used. */
    Optional<String> publicUrl();

    /** The longest window a meeting may have (5 minutes to get ready + 30). */
    @WithDefault("PT35M")
    Duration longest();
}
