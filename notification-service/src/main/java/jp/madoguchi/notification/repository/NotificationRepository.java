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

    /**
     * Queues the reminders that are due, in one statement: for each confirmed booking whose invitation went out before
     * {@code sendAt} on the day before the session (office time), which is now past, while more than {@code minLead}
     * remains, a reminder by email and one in My Page. The key (one per booking and session time) makes the job
     * idempotent: run again, after a crash or on another replica, it queues nothing twice; a booking moved to
     * another time is reminded of the new one. Returns how many were queued.
     */
    public Uni<Integer> queueReminders(OffsetDateTime now, String zone, java.time.LocalTime sendAt, OffsetDateTime earliestStart) {
        String due = "(cast(cast(b.slot_start at time zone :zone as date) - 1 as timestamp) + cast(:sendAt as time)) at time zone :zone";
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into notification (id, source_event_id, kind, reservation_id, office_id, status, attempts, "
                                + "next_attempt_at, params, created_at, useful_until, version) "
                                + "select gen_random_uuid(), 'reminder:' || b.reservation_id || ':' "
                                + "|| cast(cast(extract(epoch from b.slot_start) as bigint) as text), k.kind, b.reservation_id, "
                                + "i.office_id, 'QUEUED', 0, :now, cast(json_build_object('reservationId', b.reservation_id, "
                                + "'officeId', i.office_id, 'state', b.state, 'slotStart', b.slot_start, 'slotEnd', b.slot_end, "
                                + "'invitedBy', i.channel, 'invitedAt', i.sent_at) as text), :now, b.slot_start, 0 "
                                + "from booking_state b "
                                // the latest invitation that reached the person: it says where the join link is
                                + "join lateral (select office_id, channel, sent_at from notification i "
                                + "where i.reservation_id = b.reservation_id and i.kind = 'INVITATION' and i.status = 'SENT' "
                                + "order by sent_at desc limit 1) i on true "
                                + "cross join (values ('REMINDER'), ('REMINDER_MY_PAGE')) k(kind) "
                                + "where b.state = 'CONFIRMED' and b.slot_start > :earliest and " + due + " <= :now "
                                // invited on the day before itself: that invitation is their reminder
                                + "and i.sent_at < " + due + " "
                                + "on conflict (source_event_id, kind) do nothing")
                .setParameter("now", now)
                .setParameter("zone", zone)
                .setParameter("sendAt", sendAt)
                .setParameter("earliest", earliestStart)
                .executeUpdate());
    }
}
