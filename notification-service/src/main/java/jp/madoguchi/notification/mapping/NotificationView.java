package jp.madoguchi.notification.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.notification.entity.Notification;

/** A line of the delivery log. */
public record NotificationView(UUID id, String kind, UUID reservationId, Notification.Channel channel,
        Notification.Status status, int attempts, String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt,
        OffsetDateTime nextAttemptAt, OffsetDateTime usefulUntil, String skipReason,
        OffsetDateTime bouncedAt) {

    public static NotificationView of(Notification n) {
        return new NotificationView(n.id, n.kind, n.reservationId, n.channel, n.status, n.attempts, n.lastError,
                n.createdAt, n.sentAt, n.nextAttemptAt, n.usefulUntil, n.skipReason, n.bouncedAt);
    }
}
