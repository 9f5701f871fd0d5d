package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Function;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jp.madoguchi.notification.config.NotificationConfig;
import jp.madoguchi.notification.entity.CallbackTask;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.repository.NotificationRepository;

/**
 * Records the outcome of one claimed message in its own transaction, and only while the claim is still the
 * recorder's (same claim token, still SENDING): SENT (with its My Page message or call-back task, exactly once),
 * SKIPPED, due again with a capped backoff, or DEAD with a call-back task so that staff tell the person by phone.
 */
@ApplicationScoped
public class DeliveryRecorder {

    private static final Logger LOG = Logger.getLogger(DeliveryRecorder.class);

    private final NotificationRepository notifications;
    private final InboxService inbox;
    private final CallbackService callbacks;
    private final NotificationConfig config;
    private final Clock clock;

    public DeliveryRecorder(NotificationRepository notifications, InboxService inbox, CallbackService callbacks,
            NotificationConfig config, Clock clock) {
        this.notifications = notifications;
        this.inbox = inbox;
        this.callbacks = callbacks;
        this.config = config;
        this.clock = clock;
    }

    /** The message went out (or was found untrue, or past its use). */
    public Uni<Void> done(Notification claimed, Outgoing outgoing) {
        if (outgoing instanceof Outgoing.Expired) {
            return dead(claimed, "no longer of use (past " + claimed.usefulUntil + ")");
        }
        return held(claimed, n -> {
            if (outgoing instanceof Outgoing.Skip skip) {
                n.status = Notification.Status.SKIPPED;
                n.skipReason = skip.reason();
                n.claimToken = null;
                return Uni.createFrom().voidItem();
            }
            n.status = Notification.Status.SENT;
            n.channel = outgoing.channel();
            n.sentAt = OffsetDateTime.now(clock);
            n.lastError = null;
            n.claimToken = null;
            if (outgoing instanceof Outgoing.Inbox message) {
                return inbox.deliver(n, message.userId(), message.composed()).replaceWithVoid();
            }
            if (outgoing instanceof Outgoing.Callback) {
                return callbacks.open(n, CallbackTask.Reason.DETAILS).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** The attempt failed: due again after a capped backoff while the message is of use; DEAD after that. */
    public Uni<Void> failed(Notification claimed, Throwable failure) {
        String error = truncate(String.valueOf(failure.getMessage()));
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime next = now.plus(backoff(claimed.attempts));
        boolean pastUse = claimed.usefulUntil != null && !now.isBefore(claimed.usefulUntil);
        boolean capped = config.maxAttempts().map(max -> claimed.attempts >= max).orElse(false);
        if (pastUse || capped) {
            return dead(claimed, error);
        }
        return held(claimed, n -> {
            n.status = Notification.Status.FAILED;
            n.lastError = error;
            n.claimToken = null;
            // the last try falls on the deadline itself; failing then, the message is dead
            n.nextAttemptAt = n.usefulUntil != null && next.isAfter(n.usefulUntil) ? n.usefulUntil : next;
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> dead(Notification claimed, String error) {
        return held(claimed, n -> {
            n.status = Notification.Status.DEAD;
            n.lastError = truncate(error);
            n.claimToken = null;
            LOG.warnf("notification %s (%s) is dead after %d attempts; a call-back task tells staff", n.id, n.kind,
                    n.attempts);
            return callbacks.open(n, CallbackTask.Reason.UNDELIVERED).replaceWithVoid();
        });
    }

    /**
     * Applies {@code change} in a transaction of its own if the claim is still ours; a claim taken over after the
     * lease ran out is the new holder's to record. A concurrent change of the row is retried on a fresh read.
     */
    private Uni<Void> held(Notification claimed, Function<Notification, Uni<Void>> change) {
        return Panache.withTransaction(() -> notifications.findById(claimed.id).flatMap(n -> {
            if (n == null || n.status != Notification.Status.SENDING || !claimed.claimToken.equals(n.claimToken)) {
                LOG.infof("notification %s: claim %s no longer held; its outcome is not recorded", claimed.id,
                        claimed.claimToken);
                return Uni.createFrom().voidItem();
            }
            return change.apply(n);
        }))
                .onFailure(DeliveryRecorder::concurrent).retry().withBackOff(Duration.ofMillis(50)).atMost(3);
    }

    private static boolean concurrent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private Duration backoff(int attempts) {
        Duration d = config.firstRetry().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return d.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : d;
    }

    private static String truncate(String s) {
        return s != null && s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
