package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.config.NotificationConfig;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.repository.NotificationRepository;

/**
 * Claims due messages in one short transaction: each becomes SENDING with a claim token of its own and a lease, and
 * its attempt is counted. Nothing slow happens while the rows are locked; the look-ups and the send come after the
 * commit. A claimant that dies lets its messages go when the lease runs out: each is then sent once more.
 */
@ApplicationScoped
public class DispatchClaims {

    private final NotificationRepository notifications;
    private final NotificationConfig config;
    private final Clock clock;

    public DispatchClaims(NotificationRepository notifications, NotificationConfig config, Clock clock) {
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
    }

    /** The messages claimed, in the order they were asked for (an invitation before the cancellation after it). */
    public Uni<List<Notification>> claimDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> notifications.lockDue(now, config.batchSize())
                .invoke(due -> due.forEach(n -> {
                    n.status = Notification.Status.SENDING;
                    n.claimToken = UUID.randomUUID();
                    n.attempts++;
                    n.nextAttemptAt = now.plus(config.lease());
                })))
                .map(claimed -> claimed.stream().sorted(Comparator.comparing((Notification n) -> n.createdAt)).toList());
    }

    /**
     * Whether the claim still has a quarter of its lease left: a message further down a slow batch whose lease is
     * (nearly) over is left alone, since another replica may take it over at any moment. It is due again when
     * the lease ends.
     */
    public boolean stillHeld(Notification claimed) {
        return OffsetDateTime.now(clock).plus(config.lease().dividedBy(4)).isBefore(claimed.nextAttemptAt);
    }
}
