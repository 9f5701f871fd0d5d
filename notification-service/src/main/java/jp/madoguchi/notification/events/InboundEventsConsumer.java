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

/** Meeting and consent events that someone must hear about. */
@ApplicationScoped
public class InboundEventsConsumer {

    private static final String CONSUMER = "notification-service";

    private final EventInbox inbox;
    private final NotificationService notifications;

    public InboundEventsConsumer(EventInbox inbox, NotificationService notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    /** The meeting exists: the invitation (本予約) can go out with its URL and calendar entry. */
    @Incoming("meetings")
    public Uni<Void> meetings(Message<String> message) {
        return inbox.consume(message, CONSUMER, Map.of(EventTypes.MEETING_PROVISIONED, this::onProvisioned));
    }

    @Incoming("consents")
    public Uni<Void> consents(Message<String> message) {
        return inbox.consume(message, CONSUMER, Map.of(EventTypes.RECONSENT_REQUESTED,
                e -> notifications.enqueue(e, MailComposer.RECONSENT, Notification.Channel.EMAIL).replaceWithVoid()));
    }

    private Uni<Void> onProvisioned(IncomingEvent event) {
        return notifications.enqueue(event, MailComposer.INVITATION, Notification.Channel.EMAIL).replaceWithVoid();
    }
}
