package jp.madoguchi.notification.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The office mailboxes, read over IMAP: each office's {@code mailbox} (from the offices topic) is logged into with
 * {@link #loginFormat()} and {@link #password()}, e.g. a service login with delegated access to every office
 * mailbox. Without a host, no mailbox is read (and the service says so at start).
 */
@ConfigMapping(prefix = "madoguchi.notification.inbound")
public interface InboundConfig {

    /** The IMAP server; unset: mail to the offices is not read by this service. */
    Optional<String> host();

    @WithDefault("993")
    int port();

    /** IMAP over TLS (imaps); only the dev stack's loopback server goes without. */
    @WithDefault("true")
    boolean tls();

    /** The login for a mailbox, {@code %s} replaced by its address (e.g. {@code %s*madoguchi} for a master user). */
    @WithDefault("%s")
    String loginFormat();

    /** The password of those logins: an operator's secret, required whenever a host is set (no default). */
    Optional<String> password();

    /** How often each mailbox is looked at. */
    @WithDefault("30s")
    Duration pollInterval();

    /** Messages taken from one mailbox per look. */
    @WithDefault("50")
    int batchSize();

    /** How long the text of a mail is kept; after it, only who, when and what became of it. */
    @WithDefault("P90D")
    Duration retention();
}
