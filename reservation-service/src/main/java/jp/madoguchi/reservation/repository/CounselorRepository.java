package jp.madoguchi.reservation.repository;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.Counselor;

@ApplicationScoped
public class CounselorRepository implements PanacheRepositoryBase<Counselor, Counselor.Key> {

    public Uni<Boolean> isOf(String officeId, String userId) {
        return count("officeId = ?1 and userId = ?2", officeId, userId).map(n -> n > 0);
    }

    /** Adds a counselor to an office's roster, once; a name given later replaces the one on record. */
    public Uni<Void> enrol(String officeId, String userId, String name, OffsetDateTime now) {
        // one statement, so two first requests of the same counselor at once do not collide
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into counselor (office_id, user_id, name, enrolled_at) values (:office, :user, :name, :now)
                on conflict (office_id, user_id) do update set name = coalesce(excluded.name, counselor.name)""")
                .setParameter("office", officeId).setParameter("user", userId).setParameter("name", name)
                .setParameter("now", now).executeUpdate()).replaceWithVoid();
    }

    public PanacheQuery<Counselor> ofOffice(String officeId) {
        return find("officeId = ?1 order by enrolledAt, userId", officeId);
    }
}
