package jp.madoguchi.meeting.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.entity.MeetingTask;

@ApplicationScoped
public class MeetingTaskRepository implements PanacheRepositoryBase<MeetingTask, UUID> {

    /**
     * Records a task unless the reservation has one of this kind already: a second confirmation of the same
     * reservation (another event id, the same booking) asks for nothing new. One statement, so racing consumers
     * cannot both insert.
     */
    public Uni<Integer> requestOnce(MeetingTask t) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "insert into meeting_task (id, reservation_id, kind, office_id, booking_kind, slot_start, slot_end, "
                                + "state, attempts, due_at, created_at, updated_at, version) values (:id, :reservation, "
                                + ":kind, :office, :bookingKind, :start, :end, 'PENDING', 0, :due, :now, :now, 0) "
                                + "on conflict (reservation_id, kind) do nothing")
                .setParameter("id", t.id).setParameter("reservation", t.reservationId).setParameter("kind", t.kind)
                .setParameter("office", t.officeId).setParameter("bookingKind", t.bookingKind)
                .setParameter("start", t.slotStart).setParameter("end", t.slotEnd).setParameter("due", t.dueAt)
                .setParameter("now", t.createdAt).executeUpdate());
    }

    /** Due tasks, locked: with several replicas each is claimed by one (a row another holds is skipped). */
    public Uni<List<MeetingTask>> lockDue(OffsetDateTime now, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select * from meeting_task where state in ('PENDING', 'RUNNING') and due_at <= :now "
                                + "order by due_at limit :limit for update skip locked", MeetingTask.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList());
    }

    public Uni<MeetingTask> of(UUID reservationId, String kind) {
        return find("reservationId = ?1 and kind = ?2", reservationId, kind).firstResult();
    }

    /** Newest first, at most {@code limit}; {@code office} null: every office's (operators). */
    public Uni<List<MeetingTask>> list(String office, String state, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (office != null) {
            q.append(" and officeId = :office");
            params.put("office", office);
        }
        if (state != null) {
            q.append(" and state = :state");
            params.put("state", state);
        }
        return find(q + " order by updatedAt desc", params).page(0, limit).list();
    }
}
