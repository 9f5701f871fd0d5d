package jp.madoguchi.notification.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.notification.entity.InboxMessage;

/** A message in My Page. */
public record InboxMessageView(UUID id, String kind, UUID reservationId, String officeId, String subject, String body,
        OffsetDateTime createdAt, OffsetDateTime readAt) {

    public static InboxMessageView of(InboxMessage m) {
        return new InboxMessageView(m.id, m.kind, m.reservationId, m.officeId, m.subject, m.body, m.createdAt, m.readAt);
    }
}
