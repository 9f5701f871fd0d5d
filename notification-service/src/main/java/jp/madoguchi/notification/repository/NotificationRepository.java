package jp.madoguchi.notification.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jp.madoguchi.notification.entity.Notification;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    /** Messages due now, locked so that several replicas never send the same one. */
    public Uni<List<Notification>> lockDue(OffsetDateTime now, int limit) {
        return find("status in (?1, ?2) and nextAttemptAt <= ?3 order by nextAttemptAt",
                Notification.Status.QUEUED, Notification.Status.FAILED, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .page(0, limit).list();
    }

    public Uni<List<Notification>> ofOffice(String officeId) {
        return list("officeId = ?1 order by createdAt desc", officeId);
    }
}
