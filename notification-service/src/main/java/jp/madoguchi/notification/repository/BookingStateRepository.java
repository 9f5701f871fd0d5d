package jp.madoguchi.notification.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.BookingState;

@ApplicationScoped
public class BookingStateRepository implements PanacheRepositoryBase<BookingState, UUID> {

    /** Takes a reservation event's state, unless a later event already set it: one statement, no lost update. */
    public Uni<Integer> record(UUID reservationId, String state, OffsetDateTime slotStart, OffsetDateTime slotEnd,
            OffsetDateTime changedAt) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into booking_state (reservation_id, state, slot_start, slot_end, changed_at) "
                                + "values (:id, :state, cast(:start as timestamptz), cast(:end as timestamptz), :at) on conflict (reservation_id) do update set "
                                + "state = excluded.state, slot_start = excluded.slot_start, slot_end = excluded.slot_end, "
                                + "changed_at = excluded.changed_at where booking_state.changed_at <= excluded.changed_at")
                .setParameter("id", reservationId)
                .setParameter("state", state)
                .setParameter("start", slotStart)
                .setParameter("end", slotEnd)
                .setParameter("at", changedAt)
                .executeUpdate());
    }
}
