package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.repository.NotificationRepository;
import jp.madoguchi.platform.inbox.IncomingEvent;

@ApplicationScoped
public class NotificationService {

    private final NotificationRepository notifications;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Queues a message for an event; runs in the consumer's transaction so a redelivery queues nothing new. */
    public Uni<Notification> enqueue(IncomingEvent event, String kind, Notification.Channel channel) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.sourceEventId = event.id();
        n.kind = kind;
        String reservationId = event.text("reservationId");
        n.reservationId = reservationId == null ? null : UUID.fromString(reservationId);
        n.officeId = event.text("officeId");
        n.channel = channel;
        n.status = Notification.Status.QUEUED;
        n.params = event.data().toString();
        n.createdAt = OffsetDateTime.now(clock);
        n.nextAttemptAt = n.createdAt;
        return notifications.persist(n);
    }

    @WithSession
    public Uni<List<Notification>> deliveryLog(String officeId) {
        return notifications.ofOffice(officeId);
    }
}
