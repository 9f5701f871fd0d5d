package jp.madoguchi.notification.repository;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.InboxMessage;

@ApplicationScoped
public class InboxMessageRepository implements PanacheRepositoryBase<InboxMessage, UUID> {

    /** Newest first; the id breaks ties so that pages never overlap. */
    public PanacheQuery<InboxMessage> ofUser(String userId) {
        return find("userId = ?1 order by createdAt desc, id", userId);
    }
}
