package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.config.NotificationConfig;
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
    private final BookingStateService bookings;
    private final MessagePlan plan;
    private final NotificationConfig config;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, BookingStateService bookings, MessagePlan plan,
            NotificationConfig config, Clock clock) {
        this.notifications = notifications;
        this.bookings = bookings;
        this.plan = plan;
        this.config = config;
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
        // the session's times from the event, else from the booking as last reported (a meeting or consent event)
        return bookings.of(n.reservationId).flatMap(booking -> {
            OffsetDateTime start = firstOf(time(event, "slotStart"), time(event, "startsAt"),
                    booking == null ? null : booking.slotStart);
            OffsetDateTime end = firstOf(time(event, "slotEnd"), time(event, "closesAt"),
                    booking == null ? null : booking.slotEnd);
            n.usefulUntil = plan.usefulUntil(kind, n.createdAt, start, end, time(event, "expiresAt"),
                    config.noticeWindow());
            return notifications.persist(n).call(Dispatcher::wake);
        });
    }

    private static OffsetDateTime time(IncomingEvent event, String field) {
        String v = event.text(field);
        return v == null ? null : OffsetDateTime.parse(v);
    }

    private static OffsetDateTime firstOf(OffsetDateTime... times) {
        for (OffsetDateTime t : times) {
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    @WithSession
    public Uni<Page<Notification>> deliveryLog(String officeId, Notification.Status status, PageRequest page) {
        return Page.of(notifications.ofOffice(officeId, status), page);
    }

    /**
     * Staff send a message again: a dead letter (or one still failing) is queued afresh with a fresh set of
     * attempts, and is of use for another notice window if its own has passed. One conditional statement: a
     * message already sent, being sent (SENDING) or queued is never queued again, so two staff pressing resend
     * at once, or a resend racing the dispatcher, send it at most once; the loser gets 409.
     */
    @WithTransaction
    public Uni<Notification> resend(UUID id, String officeId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return notifications.requeue(id, officeId, now, now.plus(config.noticeWindow()))
                .call(requeued -> requeued ? Dispatcher.wake() : Uni.createFrom().voidItem())
                .flatMap(requeued -> Visible.orNotFound(notifications.findById(id), n -> officeId.equals(n.officeId),
                        "notification", id).map(n -> {
                            if (!requeued) {
                                // not "status": that member of a problem is its HTTP status
                                throw ProblemException.conflict("notification.not-resendable", n.status)
                                        .with("messageStatus", n.status);
                            }
                            return n;
                        }));
    }
}
