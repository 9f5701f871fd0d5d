package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jp.madoguchi.notification.client.ConsentReplies;
import jp.madoguchi.notification.client.ContactDirectory;
import jp.madoguchi.notification.client.MailActions;
import jp.madoguchi.notification.config.InboundConfig;
import jp.madoguchi.notification.config.NotificationConfig;
import jp.madoguchi.notification.entity.CallbackTask;
import jp.madoguchi.notification.entity.InboundMail;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.mail.ApplicationMailParser;
import jp.madoguchi.notification.policy.MessagePlan;
import jp.madoguchi.notification.repository.InboundMailRepository;
import jp.madoguchi.notification.repository.NotificationRepository;
import jp.madoguchi.platform.jobs.BatchJobs;

/**
 * Acts on the stored mails: a bounce opens a call-back task, a reply to a re-consent request is consent, a
 * cancellation by mail cancels (or the person is told to phone), an application mail goes to the reservation
 * service. A partner that does not answer now is asked again later; an answer that a machine cannot resolve puts the
 * mail in the office's queue for staff. Every hand-over names the mail's Message-ID, so a repeat (a crash after the
 * call, before the outcome was recorded) changes nothing.
 */
@ApplicationScoped
public class InboundMailActions {

    private static final Logger LOG = Logger.getLogger(InboundMailActions.class);

    private final InboundMailRepository mails;
    private final NotificationRepository notifications;
    private final CallbackService callbacks;
    private final Partners partners;
    private final BatchJobs jobs;
    private final NotificationConfig config;
    private final Clock clock;

    /**
     * The services a mail's action goes to, each called with this service's own service-account token. A singleton,
     * not application scoped: its fields are read directly, and a client proxy's own fields are empty.
     */
    @jakarta.inject.Singleton
    public static class Partners {
        final ContactDirectory contacts;
        final MailActions reservations;
        final ConsentReplies consents;
        final ObjectMapper json;

        public Partners(@RestClient ContactDirectory contacts, @RestClient MailActions reservations,
                @RestClient ConsentReplies consents, ObjectMapper json) {
            this.contacts = contacts;
            this.reservations = reservations;
            this.consents = consents;
            this.json = json;
        }
    }

    public InboundMailActions(InboundMailRepository mails, NotificationRepository notifications, CallbackService callbacks,
            Partners partners, BatchJobs jobs, NotificationConfig config, Clock clock) {
        this.mails = mails;
        this.notifications = notifications;
        this.callbacks = callbacks;
        this.partners = partners;
        this.jobs = jobs;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event, InboundConfig inbound) {
        if (inbound.host().isPresent()) {
            jobs.define("inbound-mail-actions").every(Duration.ofSeconds(10)).wakeOn(MailboxPoller.CHANNEL)
                    .start(BatchJobs.counting(this::processBatch));
        }
    }

    /** Acts on the mails due now, one after another; returns how many it handled. */
    public Uni<Integer> processBatch() {
        return Panache.withTransaction(() -> mails.claimDue(OffsetDateTime.now(clock), 10).flatMap(due -> Multi.createFrom()
                .iterable(due).onItem().transformToUniAndConcatenate(m -> Uni.createFrom().deferred(() -> act(m))
                        // one mail that cannot be acted on now (even by a bug) never holds up the others
                        .onFailure().recoverWithUni(e -> retryLater(m, e)))
                .collect().asList().map(java.util.List::size)));
    }

    private Uni<Void> act(InboundMail m) {
        return switch (m.kind) {
            case BOUNCE -> bounced(m);
            case RECONSENT_REPLY -> reconsentReply(m);
            case CANCELLATION -> cancellation(m);
            case APPLICATION -> application(m);
            default -> forStaff(m, "for staff");
        };
    }

    /** The person was not told: the message is marked undeliverable and staff get a call to make. */
    private Uni<Void> bounced(InboundMail m) {
        return answered(m).flatMap(n -> {
            if (n == null) {
                return forStaff(m, "a delivery report for no message of ours");
            }
            n.bouncedAt = OffsetDateTime.now(clock);
            return callbacks.open(n, CallbackTask.Reason.UNDELIVERED)
                    .flatMap(t -> done(m, "the " + n.kind + " message did not reach the person: call-back task opened"));
        });
    }

    /** Kaga 6(4): a reply from the booking's own address to the office's re-consent email is the consent. */
    private Uni<Void> reconsentReply(InboundMail m) {
        return answered(m).flatMap(n -> partners.contacts.contact(n.reservationId).flatMap(contact -> {
            if (contact.email() == null || m.sender == null || !contact.email().equalsIgnoreCase(m.sender)) {
                return forStaff(m, "a reply to a re-consent request from an address other than the booking's");
            }
            UUID request = UUID.fromString(params(n).path("requestId").asText());
            return partners.consents.reply(request, new ConsentReplies.Reply(m.messageId, m.receivedAt))
                    .flatMap(recorded -> done(m, "consent by reply recorded"))
                    .onFailure(this::refused).recoverWithUni(e -> switch (problemType(e)) {
                        case "reconsent.already-answered" -> done(m, "the request was answered already");
                        case "reconsent.expired" -> forStaff(m, "the reply reached the office after the cut-off");
                        default -> forStaff(m, "the consent service refused the reply: " + problemType(e));
                    });
        }));
    }

    /** Kaga 6(7): by mail where the office takes it so and it is not the session day; else "please phone". */
    private Uni<Void> cancellation(InboundMail m) {
        return answered(m).flatMap(n -> partners.reservations.cancellation(n.reservationId,
                        new MailActions.CancellationMail(m.sender, m.messageId))
                .flatMap(outcome -> done(m, "cancelled by mail"))
                .onFailure(this::refused).recoverWithUni(e -> {
                    String type = problemType(e);
                    if (type.startsWith("reservation.cancel-")) {
                        return tellToPhone(m, n, type);
                    }
                    if (type.equals("reservation.illegal-transition")) {
                        return done(m, "the booking had already ended");
                    }
                    return forStaff(m, "the cancellation was refused: " + type);
                }));
    }

    /** Kabe: the application mail completes the booking staff took by phone, or is an application of its own. */
    private Uni<Void> application(InboundMail m) {
        LocalDate today = OffsetDateTime.now(clock).atZoneSameInstant(config.zone()).toLocalDate();
        return ApplicationMailParser.parse(m.body, config.zone(), today).map(a -> partners.reservations.application(m.officeId,
                        new MailActions.ApplicationMail(m.messageId, a.name(), a.seekerNumber(), a.starts(), a.email(), a.phone()))
                .flatMap(outcome -> {
                    m.reservationId = outcome.reservationId();
                    return done(m, "application: " + outcome.outcome() + " (" + outcome.state() + ")");
                })
                .onFailure(this::refused).recoverWithUni(e -> forStaff(m, "the application was refused: " + problemType(e))))
                .orElseGet(() -> forStaff(m, "an application mail whose five items could not all be read"));
    }

    /** A reply to the person, through the usual pipeline: the office takes this cancellation only by phone. */
    private Uni<Void> tellToPhone(InboundMail m, Notification about, String type) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.sourceEventId = "mail:" + m.id;
        n.kind = MessagePlan.Kind.CANCEL_BY_PHONE.name();
        n.reservationId = about.reservationId;
        n.officeId = about.officeId;
        n.status = Notification.Status.QUEUED;
        n.params = partners.json.createObjectNode().put("refusal", type).put("reservationId", String.valueOf(about.reservationId))
                .put("officeId", about.officeId).toString();
        n.createdAt = OffsetDateTime.now(clock);
        n.nextAttemptAt = n.createdAt;
        n.usefulUntil = n.createdAt.plus(config.noticeWindow());
        return notifications.persist(n).call(Dispatcher::wake)
                .flatMap(x -> done(m, "not taken by mail (" + type + "): the person is asked to phone"));
    }

    private Uni<Notification> answered(InboundMail m) {
        return m.notificationId == null ? Uni.createFrom().nullItem() : notifications.findById(m.notificationId);
    }

    private JsonNode params(Notification n) {
        try {
            return partners.json.readTree(n.params);
        } catch (java.io.IOException e) {
            return partners.json.createObjectNode();
        }
    }

    private static Uni<Void> done(InboundMail m, String outcome) {
        m.state = InboundMail.State.DONE;
        m.outcome = outcome;
        m.lastError = null;
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> forStaff(InboundMail m, String why) {
        m.state = InboundMail.State.STAFF;
        m.outcome = why;
        return Uni.createFrom().voidItem();
    }

    /** A partner down or slow: asked again later, twice as long each time, up to five minutes. */
    private Uni<Void> retryLater(InboundMail m, Throwable e) {
        m.attempts++;
        long seconds = Math.min(300, 5L << Math.min(6, m.attempts - 1));
        m.nextAttemptAt = OffsetDateTime.now(clock).plusSeconds(seconds);
        m.lastError = e.getClass().getSimpleName()
                + (e instanceof WebApplicationException w ? " " + w.getResponse().getStatus() : "");
        LOG.debugf("inbound mail %s: retry in %d s (%s)", m.id, seconds, m.lastError);
        return Uni.createFrom().voidItem();
    }

    /** A 4xx answer is the partner's decision, not a failure: it is acted on, never retried. */
    private boolean refused(Throwable e) {
        return e instanceof WebApplicationException w && w.getResponse().getStatus() >= 400 && w.getResponse().getStatus() < 500;
    }

    /** The problem type of a 4xx answer without its URN prefix ("reservation.cancel-by-phone"), else its status. */
    private String problemType(Throwable e) {
        if (!(e instanceof WebApplicationException w)) {
            return e.getClass().getSimpleName();
        }
        try {
            String body = w.getResponse().readEntity(String.class);
            String type = partners.json.readTree(body).path("type").asText("");
            return type.isEmpty() ? "HTTP " + w.getResponse().getStatus() : type.replace("urn:madoguchi:problem:", "");
        } catch (RuntimeException | java.io.IOException x) {
            return "HTTP " + w.getResponse().getStatus();
        }
    }
}
