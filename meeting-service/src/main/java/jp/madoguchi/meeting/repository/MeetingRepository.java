package jp.madoguchi.meeting.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.entity.Meeting;

@ApplicationScoped
public class MeetingRepository implements PanacheRepositoryBase<Meeting, UUID> {

    public Uni<Meeting> ofReservation(UUID reservationId) {
        return find("reservationId", reservationId).firstResult();
    }

    public Uni<Meeting> ofProvider(String providerMeetingId) {
        return find("providerMeetingId", providerMeetingId).firstResult();
    }

    /**
     * Open meetings whose no-show deadline has passed, locked so that with several replicas each deadline fires
     * exactly once: a row another replica holds is skipped, and a fired one no longer matches.
     */
    public Uni<List<Meeting>> lockNoShowsDue(OffsetDateTime now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select * from meeting where status = 'OPEN' and no_show_at is null and no_show_due_at <= :now "
                                + "order by no_show_due_at limit 50 for update skip locked", Meeting.class)
                .setParameter("now", now).getResultList());
    }

    public Uni<List<Meeting>> lockEndsDue(OffsetDateTime now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select * from meeting where status = 'OPEN' and closes_at <= :now "
                                + "order by closes_at limit 50 for update skip locked", Meeting.class)
                .setParameter("now", now).getResultList());
    }
}
