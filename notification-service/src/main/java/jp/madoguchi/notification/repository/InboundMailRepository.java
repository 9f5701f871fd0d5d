package jp.madoguchi.notification.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.InboundMail;

@ApplicationScoped
public class InboundMailRepository implements PanacheRepositoryBase<InboundMail, UUID> {

    public Uni<InboundMail> byMessageId(String messageId) {
        return find("messageId", messageId).firstResult();
    }

    /** Mails due to be acted on, oldest first, each taken by one replica (the others skip it). */
    public Uni<List<InboundMail>> claimDue(OffsetDateTime now, int limit) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT * FROM inbound_mail WHERE state = 'NEW' AND next_attempt_at <= :now "
                + "ORDER BY received_at, id LIMIT :limit FOR UPDATE SKIP LOCKED", InboundMail.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList());
    }

    public PanacheQuery<InboundMail> ofOffice(String officeId, InboundMail.State state) {
        return state == null ? find("officeId = ?1 order by receivedAt desc, id", officeId)
                : find("officeId = ?1 and state = ?2 order by receivedAt desc, id", officeId, state);
    }

    /** Forgets the text of mails received before {@code before}; who, when and what became of them stay. */
    public Uni<Integer> purgeBefore(OffsetDateTime before, OffsetDateTime now) {
        return update("body = null, purgedAt = ?1 where receivedAt < ?2 and purgedAt is null", now, before);
    }
}
