package jp.madoguchi.reservation.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.ConsentOnRecord;
import jp.madoguchi.reservation.entity.OfficeTerms;

/** The projections of the consent service's data this service keeps. */
@ApplicationScoped
public class ProjectionRepository {

    public Uni<OfficeTerms> termsOf(String officeId) {
        return Panache.getSession().flatMap(s -> s.find(OfficeTerms.class, officeId));
    }

    public Uni<ConsentOnRecord> consentOf(String userId, String officeId) {
        return Panache.getSession().flatMap(s -> s
                .createSelectionQuery("from ConsentOnRecord where userId = :user and officeId = :office", ConsentOnRecord.class)
                .setParameter("user", userId)
                .setParameter("office", officeId)
                .getSingleResultOrNull());
    }
}
