package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.notification.config.InboundConfig;
import jp.madoguchi.notification.entity.InboundMail;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.entity.OfficeProfile;
import jp.madoguchi.notification.mail.ImapMailboxes;
import jp.madoguchi.notification.mail.MailClassifier;
import jp.madoguchi.notification.mail.MailFacts;
import jp.madoguchi.notification.repository.InboundMailRepository;
import jp.madoguchi.notification.repository.NotificationRepository;
import jp.madoguchi.notification.repository.OfficeProfileRepository;
import jp.madoguchi.platform.jobs.BatchJobs;
import jp.madoguchi.platform.jobs.Next;

/**
 * Reads every office's mailbox (the offices topic says which) and stores each new mail once, classified; then marks
 * it read. The acting on it is {@link InboundMailActions}' job, so a slow partner never holds up the reading.
 */
@ApplicationScoped
public class MailboxPoller {

    private static final Logger LOG = Logger.getLogger(MailboxPoller.class);
    static final String CHANNEL = "madoguchi_inbound_mail";

    private final ImapMailboxes imap;
    private final InboundMailRepository mails;
    private final NotificationRepository notifications;
    private final OfficeProfileRepository offices;
    private final InboundConfig config;
    private final BatchJobs jobs;
    private final ObjectMapper json;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final Clock clock;

    public MailboxPoller(ImapMailboxes imap, InboundMailRepository mails, NotificationRepository notifications,
            OfficeProfileRepository offices, InboundConfig config, BatchJobs jobs, ObjectMapper json, io.vertx.mutiny.core.Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.imap = imap;
        this.mails = mails;
        this.notifications = notifications;
        this.offices = offices;
        this.config = config;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (!imap.enabled()) {
            LOG.warn("madoguchi.notification.inbound.host is not set: the office mailboxes are not read");
            return;
        }
        if (config.password().isEmpty()) {
            throw new IllegalStateException("madoguchi.notification.inbound.password must be set to read the office mailboxes");
        }
        jobs.define("mailbox-poller").every(config.pollInterval()).start(() -> pollOnce().replaceWith(Next.IDLE));
        jobs.define("inbound-mail-purge").every(java.time.Duration.ofHours(1))
                .start(() -> Panache.withTransaction(() -> mails.purgeBefore(
                        OffsetDateTime.now(clock).minus(config.retention()), OffsetDateTime.now(clock))).replaceWith(Next.IDLE));
    }

    /** One look at every mailbox; a mailbox that cannot be reached now is tried again at the next look. */
    public Uni<Void> pollOnce() {
        return Panache.withSession(() -> offices.listAll()).flatMap(all -> {
            Map<String, List<OfficeProfile>> byMailbox = new LinkedHashMap<>();
            all.stream().filter(o -> o.mailbox != null && !o.mailbox.isBlank())
                    .sorted(Comparator.comparing(o -> o.officeId))
                    .forEach(o -> byMailbox.computeIfAbsent(o.mailbox.strip().toLowerCase(), k -> new ArrayList<>()).add(o));
            Set<String> ourSenders = MailClassifier.addresses(all.stream().map(o -> o.mailSender).toList());
            return Multi.createFrom().iterable(byMailbox.entrySet()).onItem()
                    .transformToUniAndConcatenate(e -> poll(e.getKey(), e.getValue(), ourSenders)
                            .onFailure().recoverWithItem(failure -> {
                                // the address and the mail stay out of the log: the mailbox's office is enough
                                LOG.warnf("mailbox of %s not read now: %s", e.getValue().get(0).officeId,
                                        jp.madoguchi.platform.inbox.Failures.classes(failure));
                                return null;
                            }))
                    .collect().asList().replaceWithVoid();
        });
    }

    private Uni<Void> poll(String mailbox, List<OfficeProfile> officesOfMailbox, Set<String> ourSenders) {
        // IMAP is blocking: on a worker thread, and back on this context for the database
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return imap.unread(mailbox);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).flatMap(fetched -> Multi.createFrom().iterable(fetched).onItem()
                        .transformToUniAndConcatenate(f -> store(mailbox, officesOfMailbox, ourSenders, f).replaceWith(f.uid()))
                        .collect().asList())
                .flatMap(uids -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        imap.markRead(mailbox, uids);
                        return uids.size();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })))
                .replaceWithVoid();
    }

    /** Stores a mail unless its Message-ID is known already; the classification is made here, once. */
    Uni<Void> store(String mailbox, List<OfficeProfile> officesOfMailbox, Set<String> ourSenders, ImapMailboxes.Fetched f) {
        MailFacts facts = MailFacts.read(f.raw());
        return Panache.withTransaction(() -> mails.byMessageId(facts.messageId()).flatMap(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            return answered(facts).flatMap(ours -> {
                OfficeProfile office = officeOf(officesOfMailbox, ours);
                MailClassifier.Kind kind = MailClassifier.classify(facts, ours == null ? null : ours.kind,
                        applicationSubject(office), ourSenders);
                InboundMail m = new InboundMail();
                m.id = UUID.randomUUID();
                m.messageId = facts.messageId();
                m.mailbox = mailbox;
                m.officeId = office.officeId;
                m.sender = facts.sender();
                m.subject = clip(facts.subject(), 998);
                m.body = facts.text();
                m.refs = clip(String.join(" ", facts.deliveryReport() ? facts.reportedMessageIds() : facts.references()), 10_000);
                m.receivedAt = f.receivedAt();
                m.storedAt = OffsetDateTime.now(clock);
                m.nextAttemptAt = m.storedAt;
                m.kind = kind;
                m.notificationId = ours == null ? null : ours.id;
                m.reservationId = ours == null ? null : ours.reservationId;
                m.state = switch (kind) {
                    case AUTOMATIC -> InboundMail.State.IGNORED;
                    case FOR_STAFF -> InboundMail.State.STAFF;
                    default -> InboundMail.State.NEW;
                };
                m.outcome = switch (kind) {
                    case AUTOMATIC -> "automatic mail (auto-reply, list or loop): not acted on, not answered";
                    case FOR_STAFF -> ours == null ? "not understood: for staff" : "a reply to our " + ours.kind + " message: for staff";
                    default -> null;
                };
                return mails.persist(m).call(() -> BatchJobs.notify(CHANNEL)).replaceWithVoid();
            });
        })).onFailure(MailboxPoller::duplicate).recoverWithNull().replaceWithVoid();
    }

    /** Another replica stored the same mail a moment before: nothing to do. */
    private static boolean duplicate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains("inbound_mail_message_id_key")) {
                return true;
            }
        }
        return false;
    }

    /** Our message that the mail answers (or reports undelivered), the first one of ours it names. */
    private Uni<Notification> answered(MailFacts facts) {
        List<UUID> ids = facts.ourMessages();
        if (ids.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return notifications.list("id in ?1", ids).map(found -> ids.stream()
                .map(id -> found.stream().filter(n -> n.id.equals(id)).findFirst().orElse(null))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }

    /** The office a mail is for: the one whose message it answers, if it reads this mailbox; else the first. */
    private static OfficeProfile officeOf(List<OfficeProfile> officesOfMailbox, Notification ours) {
        if (ours != null) {
            for (OfficeProfile o : officesOfMailbox) {
                if (o.officeId.equals(ours.officeId)) {
                    return o;
                }
            }
        }
        return officesOfMailbox.get(0);
    }

    private String applicationSubject(OfficeProfile office) {
        try {
            return office.policy == null ? null : json.readTree(office.policy).path("applicationMailSubject").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
