package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.config.NotificationConfig;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.policy.MessagePlan;
import jp.madoguchi.platform.observability.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jp.madoguchi.notification.repository.NotificationRepository;

/**
 * Sends queued messages. A failure (SMTP down, contact lookup failing) schedules a retry with exponential
 * backoff; after the last attempt the message is DEAD and waits for staff. Nothing is dropped.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int BATCH = 20;

    private final NotificationRepository notifications;
    private final ContactDirectory contacts;
    private final MeetingDirectory meetings;
    private final ReconsentDirectory reconsents;
    private final MessageComposer composer;
    private final MessagePlan plan;
    private final InboxService inbox;
    private final CallbackService callbacks;
    private final Tracer tracer;
    private final ReactiveMailer mailer;
    private final NotificationConfig config;
    private final Clock clock;
    private final ObjectMapper mapper;

    public Dispatcher(NotificationRepository notifications, @RestClient ContactDirectory contacts,
            @RestClient MeetingDirectory meetings, @RestClient ReconsentDirectory reconsents, MessageComposer composer,
            MessagePlan plan, InboxService inbox, CallbackService callbacks, ReactiveMailer mailer,
            NotificationConfig config, Clock clock, ObjectMapper mapper, Tracer tracer) {
        this.tracer = tracer;
        this.plan = plan;
        this.inbox = inbox;
        this.callbacks = callbacks;
        this.notifications = notifications;
        this.contacts = contacts;
        this.meetings = meetings;
        this.reconsents = reconsents;
        this.mapper = mapper;
        this.composer = composer;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${madoguchi.notification.dispatch-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return dispatchDue().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("dispatch pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** One pass over the messages due now; returns how many were attempted. */
    public Uni<Integer> dispatchDue() {
        return Panache.withTransaction(() -> notifications.lockDue(OffsetDateTime.now(clock), BATCH)
                .flatMap(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(this::deliver)
                        .collect().asList()
                        .map(java.util.List::size)));
    }

    private Uni<Void> deliver(Notification n) {
        MessagePlan.Kind kind = MessagePlan.Kind.valueOf(n.kind);
        // one span per attempt, in the trace of the event that asked for the message: the booking's trace
        // runs from the HTTP request through Kafka to this send
        Span span = tracer.spanBuilder("notification " + n.kind)
                .setParent(new TraceContext(n.traceParent, null).asParent())
                .setAttribute("madoguchi.notification.id", n.id.toString())
                .setAttribute("madoguchi.notification.attempt", n.attempts + 1L)
                .startSpan();
        return attempt(n, kind)
                .onItemOrFailure().invoke((ok, failure) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                    }
                    if (n.channel != null) {
                        span.setAttribute("madoguchi.notification.channel", n.channel.name());
                    }
                    span.end();
                })
                .onItem().invoke(() -> {
                    n.status = Notification.Status.SENT;
                    n.sentAt = OffsetDateTime.now(clock);
                    n.attempts++;
                    n.lastError = null;
                })
                .onFailure().recoverWithItem(e -> {
                    n.attempts++;
                    n.lastError = String.valueOf(e.getMessage());
                    if (n.lastError.length() > 1000) {
                        n.lastError = n.lastError.substring(0, 1000);
                    }
                    if (n.attempts >= config.maxAttempts()) {
                        n.status = Notification.Status.DEAD;
                        LOG.warnf("notification %s is dead after %d attempts", n.id, n.attempts);
                    } else {
                        n.status = Notification.Status.FAILED;
                        n.nextAttemptAt = OffsetDateTime.now(clock).plus(backoff(n.attempts));
                    }
                    return null;
                });
    }

    private Uni<Void> attempt(Notification n, MessagePlan.Kind kind) {
        return contacts.contact(n.reservationId)
                .flatMap(contact -> {
                    n.channel = plan.channel(kind, contact);
                    return switch (n.channel) {
                        case CALLBACK -> callbacks.open(n).replaceWithVoid();
                        case INBOX -> compose(n, kind, contact)
                                .flatMap(composed -> inbox.deliver(n, contact.userId(), composed)).replaceWithVoid();
                        case EMAIL -> compose(n, kind, contact)
                                .flatMap(composed -> mailer.send(composer.mail(n, contact, composed)));
                    };
                });
    }

    private Uni<MessageComposer.Composed> compose(Notification n, MessagePlan.Kind kind, ContactDirectory.Contact contact) {
        return extras(n, kind).map(extras -> composer.compose(n, contact, extras, n.channel));
    }

    /** What the message needs besides the contact, each from the service that owns it, over authenticated calls. */
    private Uni<MessageComposer.Extras> extras(Notification n, MessagePlan.Kind kind) {
        if (kind == MessagePlan.Kind.INVITATION) {
            return meetings.access(n.reservationId).map(m -> new MessageComposer.Extras(m, null, false));
        }
        if (kind == MessagePlan.Kind.RECONSENT) {
            return reconsents.link(UUID.fromString(param(n, "requestId")))
                    .map(l -> new MessageComposer.Extras(null, l, false));
        }
        if (plan.withdrawsCalendarEntry(kind) && n.channel == Notification.Channel.EMAIL) {
            return notifications.invitationEmailed(n.reservationId)
                    .map(emailed -> new MessageComposer.Extras(null, null, emailed));
        }
        return Uni.createFrom().item(MessageComposer.Extras.NONE);
    }

    private String param(Notification n, String field) {
        try {
            return mapper.readTree(n.params).get(field).asText();
        } catch (Exception e) {
            throw new IllegalStateException("notification " + n.id + " lacks " + field, e);
        }
    }

    private Duration backoff(int attempts) {
        return config.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 10));
    }
}
