package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.InboxMessage;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.repository.InboxMessageRepository;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.Visible;

/** The My Page inbox: a person reads their own messages, and nobody else's. */
@ApplicationScoped
public class InboxService {

    private final InboxMessageRepository messages;
    private final Clock clock;

    public InboxService(InboxMessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** Puts a written message in the person's inbox; runs in the transaction that records the message as sent. */
    public Uni<InboxMessage> deliver(Notification n, String userId, MessageComposer.Composed composed) {
        InboxMessage m = new InboxMessage();
        m.id = UUID.randomUUID();
        m.notificationId = n.id;
        m.userId = userId;
        m.officeId = n.officeId;
        m.reservationId = n.reservationId;
        m.kind = n.kind;
        m.subject = composed.subject();
        m.body = composed.text();
        m.createdAt = OffsetDateTime.now(clock);
        return messages.persist(m);
    }

    @WithSession
    public Uni<Page<InboxMessage>> mine(String userId, PageRequest page) {
        return Page.of(messages.ofUser(userId), page);
    }

    @WithSession
    public Uni<InboxMessage> one(UUID id, String userId) {
        return own(id, userId);
    }

    /** Marks it read once, in one conditional statement: reading it twice (or on two devices) is no conflict. */
    @WithTransaction
    public Uni<InboxMessage> markRead(UUID id, String userId) {
        return messages.markRead(id, userId, OffsetDateTime.now(clock)).flatMap(marked -> own(id, userId));
    }

    /** Someone else's message does not exist for the caller. */
    private Uni<InboxMessage> own(UUID id, String userId) {
        return Visible.orNotFound(messages.findById(id), m -> m.userId.equals(userId), "message", id);
    }
}
