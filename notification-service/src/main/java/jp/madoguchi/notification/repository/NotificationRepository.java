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

    /**
     * Messages due now (queued, failed and due again, or claimed by someone whose lease ran out), locked for the
     * short claiming transaction so that two replicas never claim the same one.
     */
    public Uni<List<Notification>> lockDue(OffsetDateTime now, int limit) {
        // native: Hibernate Reactive takes no lock-timeout hint, and SKIP LOCKED is the point here
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select * from notification where status in ('QUEUED', 'FAILED', 'SENDING') "
                                + "and next_attempt_at <= :now "
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

    /**
     * Whether the person's calendar may hold this reservation: an invitation with its entry went out by email, or
     * one is being sent right now (a withdrawal of an entry a calendar does not hold is harmless; a missing one
     * leaves a cancelled session in the calendar).
     */
    public Uni<Boolean> invitationEmailed(UUID reservationId) {
        return count("reservationId = ?1 and kind = 'INVITATION' and ((status = ?2 and channel = ?3) or status = ?4)",
                reservationId, Notification.Status.SENT, Notification.Channel.EMAIL, Notification.Status.SENDING)
                .map(n -> n > 0);
    }

    /** Queues a failed or dead message afresh, in one statement; false if it was in any other state. */
    public Uni<Boolean> requeue(UUID id, String officeId, OffsetDateTime now, OffsetDateTime usefulAtLeastUntil) {
        return update("status = ?1, attempts = 0, nextAttemptAt = ?2, claimToken = null, lastError = null, "
                        + "usefulUntil = case when usefulUntil is null or usefulUntil < ?3 then ?3 else usefulUntil end, "
                        + "version = version + 1 where id = ?4 and officeId = ?5 and status in (?6, ?7)",
                Notification.Status.QUEUED, now, usefulAtLeastUntil, id, officeId, Notification.Status.FAILED,
                Notification.Status.DEAD).map(n -> n == 1);
    }
}
