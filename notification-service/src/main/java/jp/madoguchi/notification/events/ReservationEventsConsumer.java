package jp.madoguchi.notification.events;

import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.service.MailComposer;
import jp.madoguchi.notification.service.NotificationService;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.EventInbox;
import jp.madoguchi.platform.inbox.IncomingEvent;

/** Reservation events that someone must hear about. */
@ApplicationScoped
public class ReservationEventsConsumer {

    private final EventInbox inbox;
    private final NotificationService notifications;

    public ReservationEventsConsumer(EventInbox inbox, NotificationService notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    @Incoming("reservations")
    public Uni<Void> consume(Message<String> message) {
        return inbox.consume(message, "notification-service", Map.of(EventTypes.RESERVATION_REQUESTED, this::onRequested));
    }

    private Uni<Void> onRequested(IncomingEvent event) {
        return notifications.enqueue(event, MailComposer.REQUEST_RECEIVED, Notification.Channel.EMAIL).replaceWithVoid();
    }
}
