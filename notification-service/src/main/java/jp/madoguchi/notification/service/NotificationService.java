package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.policy.MessagePlan;
import jp.madoguchi.notification.repository.NotificationRepository;
import jp.madoguchi.platform.inbox.IncomingEvent;
import jp.madoguchi.platform.observability.TraceContext;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;

@ApplicationScoped
public class NotificationService {

    private final NotificationRepository notifications;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Queues a message for an event; runs in the consumer's transaction so a redelivery queues nothing new. */
    public Uni<Notification> enqueue(IncomingEvent event, MessagePlan.Kind kind) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.sourceEventId = event.id();
        n.kind = kind.name();
        String reservationId = event.text("reservationId");
        n.reservationId = reservationId == null ? null : UUID.fromString(reservationId);
        n.officeId = event.text("officeId");
        n.status = Notification.Status.QUEUED;
        n.params = event.data().toString();
        n.createdAt = OffsetDateTime.now(clock);
        n.nextAttemptAt = n.createdAt;
        // the inbox runs the handler in the incoming record's trace
        n.traceParent = TraceContext.current().traceParent();
        return notifications.persist(n);
    }

    @WithSession
    public Uni<Page<Notification>> deliveryLog(String officeId, Notification.Status status, PageRequest page) {
        return Page.of(notifications.ofOffice(officeId, status), page);
    }

    /**
     * Staff send a message again: a dead letter (or one still failing) is queued afresh with a full set of
     * attempts. A message already sent is not sent twice.
     */
    @WithTransaction
    public Uni<Notification> resend(UUID id, String officeId) {
        return Visible.orNotFound(notifications.findById(id), n -> officeId.equals(n.officeId), "notification", id)
                .map(n -> {
                    if (n.status == Notification.Status.SENT || n.status == Notification.Status.QUEUED) {
                        throw ProblemException.conflict("notification.not-resendable", n.status)
                                .with("status", n.status);
                    }
                    n.status = Notification.Status.QUEUED;
                    n.attempts = 0;
                    n.nextAttemptAt = OffsetDateTime.now(clock);
                    return n;
                });
    }
}
