package jp.madoguchi.notification.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.InboxMessage;

@ApplicationScoped
public class InboxMessageRepository implements PanacheRepositoryBase<InboxMessage, UUID> {

    /** Newest first; the id breaks ties so that pages never overlap. */
    public PanacheQuery<InboxMessage> ofUser(String userId) {
        return find("userId = ?1 order by createdAt desc, id", userId);
    }

    public Uni<Integer> markRead(UUID id, String userId, OffsetDateTime at) {
        return update("readAt = ?1, version = version + 1 where id = ?2 and userId = ?3 and readAt is null", at, id,
                userId);
    }
}
