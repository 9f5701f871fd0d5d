package jp.madoguchi.notification.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.Notification;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    /** Messages due now, locked so that several replicas never send the same one. */
    public Uni<List<Notification>> lockDue(OffsetDateTime now, int limit) {
        // native: Hibernate Reactive takes no lock-timeout hint, and SKIP LOCKED is the point here
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select * from notification where status in ('QUEUED', 'FAILED') and next_attempt_at <= :now "
                                + "order by next_attempt_at limit :limit for update skip locked", Notification.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Newest first; the id breaks ties so that pages never overlap. All states when {@code status} is null. */
    public PanacheQuery<Notification> ofOffice(String officeId, Notification.Status status) {
        return status == null ? find("officeId = ?1 order by createdAt desc, id", officeId)
                : find("officeId = ?1 and status = ?2 order by createdAt desc, id", officeId, status);
    }

    /** Whether the person's calendar holds this reservation: an invitation with its entry went out by email. */
    public Uni<Boolean> invitationEmailed(UUID reservationId) {
        return count("reservationId = ?1 and kind = 'INVITATION' and status = ?2 and channel = ?3", reservationId,
                Notification.Status.SENT, Notification.Channel.EMAIL).map(n -> n > 0);
    }
}
