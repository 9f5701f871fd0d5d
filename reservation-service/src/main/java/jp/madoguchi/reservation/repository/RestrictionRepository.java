package jp.madoguchi.reservation.repository;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.Restriction;

@ApplicationScoped
public class RestrictionRepository implements PanacheRepositoryBase<Restriction, UUID> {

    public Uni<Restriction> activeFor(String userId, String officeId) {
        return find("userId = ?1 and officeId = ?2 and liftedAt is null order by createdAt", userId, officeId)
                .firstResult();
    }

    public PanacheQuery<Restriction> activeAt(String officeId) {
        return find("officeId = ?1 and liftedAt is null order by createdAt desc, id", officeId);
    }
}
